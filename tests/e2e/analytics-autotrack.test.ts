import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchProfile, openReady, watchErrors, type Profile } from './helpers/browser';
import { serveDist, STRICT_CSP, type StaticServer } from './helpers/server';
import { serveStorefront, storefrontPage } from './fixtures/analytics/pages';

interface Ev { event: string; type: string; properties: Record<string, unknown>; context: { page: { path: string; referrer: string; title: string } } }
declare const CHATBOT_SYSTEM: {
  flush(): Promise<void>;
  storage: { getAll(store: string): Promise<unknown[]> };
  realtimeAnalytics: { getRecentEvents(n: number): Ev[]; exportData(format: 'json' | 'csv'): string; getDashboardData(): { overview: Record<string, unknown> } };
  showAnalyticsDashboard(): Promise<void>;
};

const TYPED = { email: 'correo-secreto@ejemplo.com', password: 'clave-super-secreta-99', card: '4242424242424242', note: 'nota-privada-xyz' };

describe('analytics auto-tracking in Chromium', () => {
  let server: StaticServer;
  let profile: Profile;
  let page: Page;
  let errors: string[];

  const events = (): Promise<Ev[]> => page.evaluate(() => CHATBOT_SYSTEM.realtimeAnalytics.getRecentEvents(5000).reverse());
  beforeAll(async () => {
    server = await serveDist({ handle: serveStorefront(storefrontPage({ flushIntervalMs: 100, slowResourceMs: 1 }), { 'content-security-policy': STRICT_CSP }) });
    profile = await launchProfile({ viewport: { width: 1000, height: 700 } });
    page = await profile.context.newPage();
    errors = watchErrors(page);
    await openReady(page, `${server.origin}/tienda.html`);
  });
  afterAll(async () => {
    await profile?.dispose();
    await server?.close();
  });

  it('records the landing page view with the Segment page context', async () => {
    await page.waitForFunction(() => CHATBOT_SYSTEM.realtimeAnalytics.getRecentEvents(50).some((e) => e.event === 'page_view'));
    const view = (await events()).find((e) => e.event === 'page_view')!;
    expect(view).toMatchObject({ type: 'page', properties: { path: '/tienda.html', title: 'Tienda de prueba' }, context: { page: { path: '/tienda.html' } } });
  });

  it('tracks real clicks with element, selector and text, but nothing inside data-chatbot-no-capture', async () => {
    await page.click('#comprar span');
    await page.click('#secreto');
    await page.waitForFunction(() => CHATBOT_SYSTEM.realtimeAnalytics.getRecentEvents(50).some((e) => e.event === 'click'));
    const clicks = (await events()).filter((e) => e.event === 'click');
    expect(clicks).toHaveLength(1);
    expect(clicks[0]!.properties).toMatchObject({ tag: 'button', elementId: 'comprar', text: 'Comprar filtro de aceite', selector: 'button#comprar' });
  });

  it('tracks a form submit without ever storing what was typed', async () => {
    await page.fill('#email', TYPED.email);
    await page.fill('#clave', TYPED.password);
    await page.fill('#tarjeta', TYPED.card);
    await page.fill('#nota', TYPED.note);
    await page.click('#clave');
    await page.click('#tarjeta');
    await page.click('#pagar');
    await page.waitForFunction(() => CHATBOT_SYSTEM.realtimeAnalytics.getRecentEvents(100).some((e) => e.event === 'form_submit'));
    const submit = (await events()).find((e) => e.event === 'form_submit')!;
    expect(submit.properties).toMatchObject({ formId: 'checkout', formName: 'pago', method: 'post', submitText: 'Pagar ahora' });
    // Clicks on the password and card fields are not recorded at all.
    const clicked = (await events()).filter((e) => e.event === 'click').map((e) => e.properties.elementId);
    expect(clicked).not.toContain('clave');
    expect(clicked).not.toContain('tarjeta');

    await page.evaluate(() => CHATBOT_SYSTEM.flush());
    const everything = await page.evaluate(async () => JSON.stringify([
      await CHATBOT_SYSTEM.storage.getAll('events'),
      CHATBOT_SYSTEM.realtimeAnalytics.exportData('json'),
      CHATBOT_SYSTEM.realtimeAnalytics.exportData('csv'),
      localStorage,
    ]));
    for (const secret of [...Object.values(TYPED), 'token-oculto-123', '4111']) expect(everything).not.toContain(secret);
  });

  // That scrolling again on the same page view records nothing is checked with a fake clock in
  // tests/unit/analytics/autotrack-scroll.test.ts (here only a fixed wait could show it).
  it('records scroll depth milestones as the customer scrolls with the mouse wheel', async () => {
    for (let i = 0; i < 12; i++) {
      await page.mouse.move(500, 300);
      await page.mouse.wheel(0, 1200);
    }
    await page.waitForFunction(() => CHATBOT_SYSTEM.realtimeAnalytics.getRecentEvents(200).some((e) => e.event === 'scroll_depth' && e.properties.depth === 100));
    const depths = (await events()).filter((e) => e.event === 'scroll_depth').map((e) => e.properties.depth);
    expect(depths).toEqual([25, 50, 75, 100]);
  });

  it('records single-page navigation with pushState and the back button', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.click('#spa-link');
    await page.waitForFunction(() => CHATBOT_SYSTEM.realtimeAnalytics.getRecentEvents(200).some((e) => e.event === 'page_view' && e.context.page.path === '/productos'));
    await page.goBack();
    await page.waitForFunction(() => CHATBOT_SYSTEM.realtimeAnalytics.getRecentEvents(200).filter((e) => e.event === 'page_view' && e.context.page.path === '/tienda.html').length === 2);
    const views = (await events()).filter((e) => e.event === 'page_view');
    expect(views.map((v) => v.context.page.path)).toEqual(['/tienda.html', '/productos', '/tienda.html']);
    expect(views[1]!.properties).toMatchObject({ search: '?categoria=filtros', referrer: `${server.origin}/tienda.html` });
    // A new page view starts the scroll milestones over.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForFunction(() => CHATBOT_SYSTEM.realtimeAnalytics.getRecentEvents(300).filter((e) => e.event === 'scroll_depth' && e.properties.depth === 100).length === 2);
  });

  it('records a thrown error and an unhandled rejection, each once', async () => {
    await page.click('#fallar');
    // The page throws the same error twice, from two timers, then says it is done.
    await page.waitForFunction(() => (window as unknown as { failed?: boolean }).failed === true && CHATBOT_SYSTEM.realtimeAnalytics.getRecentEvents(300).filter((e) => e.event === 'error').length >= 2);
    const recorded = (await events()).filter((e) => e.event === 'error').map((e) => [e.properties.message, e.properties.source]);
    expect(recorded).toEqual([
      ['fallo de prueba', 'error'],
      ['promesa rechazada', 'unhandledrejection'],
    ]);
    errors.splice(0); // the page's own errors, provoked on purpose
  });

  it('reports web vitals through the lazily loaded web-vitals library, and resources over the threshold', async () => {
    await page.waitForFunction(() => {
      const metrics = CHATBOT_SYSTEM.realtimeAnalytics.getRecentEvents(500).filter((e) => e.event === 'web_vital').map((e) => e.properties.metric);
      return metrics.includes('TTFB') && metrics.includes('FCP');
    });
    // With a 1 ms threshold every script counts as slow; URLs are kept without their query.
    const slow = (await events()).filter((e) => e.event === 'slow_resource').map((e) => e.properties);
    expect(slow.map((p) => p.url)).toContain(`${server.origin}/chatbot-app.js`);
    expect(slow[0]).toMatchObject({ initiatorType: expect.any(String), durationMs: expect.any(Number) });
    expect((await events()).some((e) => e.event === 'page_load')).toBe(true);
  });

  it('tracks the store page cart event through the integration', async () => {
    await page.evaluate(() => window.dispatchEvent(new CustomEvent('cart_item_added', { detail: { id: 'p1', sku: 'FIL-01', name: 'Filtro', price: 15000, quantity: 2 } })));
    const cart = (await events()).find((e) => e.event === 'add_to_cart')!;
    expect(cart.properties).toMatchObject({ productId: 'p1', sku: 'FIL-01', price: 15000, quantity: 2 });
  });

  it('shows the analytics dashboard and downloads the CSV export', async () => {
    await page.evaluate(() => CHATBOT_SYSTEM.showAnalyticsDashboard());
    const dashboard = page.locator('#dashboard-analytics');
    await dashboard.locator('.panel[data-state="ready"]').waitFor();
    await dashboard.getByText('Usuarios activos (últimos 5 minutos)').waitFor();
    expect(await dashboard.getByText('Tasa de rebote').count()).toBe(1);
    expect(await dashboard.locator('td', { hasText: '/productos' }).count()).toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent('download'), dashboard.getByRole('button', { name: 'Exportar CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^analytics-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile(path, 'utf8');
    // The export is what the dashboard shows: its tables, one after another.
    expect(csv.split('\r\n')[0]).toBe('Resumen del periodo');
    expect(csv).toContain('form_submit');
    // Clicks inside the dashboard are the widget's own UI: not tracked.
    const clicksBefore = (await events()).filter((e) => e.event === 'click').length;
    // A tracked click is recorded in the click's own task, which is over once click() returns.
    await dashboard.getByRole('button', { name: 'Exportar JSON' }).click();
    expect((await events()).filter((e) => e.event === 'click').length).toBe(clicksBefore);
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
