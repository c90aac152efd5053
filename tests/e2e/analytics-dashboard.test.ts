import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser, openReady, watchErrors } from './helpers/browser';
import { serveDist, STRICT_CSP, type StaticServer } from './helpers/server';
import { BROWSER_POLL, pollUntil } from '../shared/poll';

/** Where to save screenshots to look at (E2E_SCREENSHOTS=dir); none by default. */
const SHOTS = process.env.E2E_SCREENSHOTS;
import { axeViolations } from './widget-helpers';

interface Ev { event: string; time: number; sessionId: string; anonymousId: string; userId: string | null; context: { page: { path: string } } }
declare const realtimeAnalytics: {
  track(name: string, properties?: Record<string, unknown>): unknown;
  trackConversion(name: string, value: number, properties?: Record<string, unknown>): unknown;
  trackError(error: Error): unknown;
  identify(userId: string): unknown;
  page(name?: string): unknown;
  reset(): void;
  getStoredEvents(range?: { since?: number; until?: number }): Promise<Ev[]>;
  getStoredDashboardData(range?: { since?: number; until?: number }): Promise<{ totalEvents: number; daily: Array<{ pageViews: number; visitors: number }> }>;
};
declare const pushNotifications: { send(title: string, options: { category: string }): Promise<unknown> };
declare const CHATBOT_SYSTEM: { flush(): Promise<void>; showAnalyticsDashboard(): Promise<void> };

const DAY = 86_400_000;
// 4,000 visits are the 100,000 events (ANALYTICS_LONG=1, about 4 minutes here); CI
// generates 800 visits (about 20,000 events over the same 89 days) and checks the same figures.
const VISITS = process.env.ANALYTICS_LONG ? 4000 : 800;
const STEPS = ['page_view', 'product_view', 'add_to_cart', 'checkout_step_1', 'purchase'];

/**
 * The page's clock can be set (Date.now only): the generator moves it over 89 days, one visit
 * every ~32 minutes (so each visit is its own session), through the public tracking API.
 */
const SETTABLE_NOW = `(() => {
  const real = Date.now.bind(Date);
  const past = new URLSearchParams(location.search).get('past');
  let fixed = past ? Number(past) : null;
  Date.now = () => (fixed === null ? real() : fixed);
  window.__setNow = (t) => { fixed = t; };
  window.__realNow = real;
})();`;

async function generate(page: Page): Promise<number> {
  return page.evaluate(async ({ visits }) => {
    const clock = window as unknown as { __setNow(t: number | null): void; __realNow(): number };
    const setNow = clock.__setNow;
    const a = realtimeAnalytics;
    // The page started in the past (?past=…): every event is tracked in time order up to now.
    const start = Date.now() + 60_000;
    const gap = (clock.__realNow() - 3_600_000 - start) / visits;
    let seed = 12345;
    const rnd = (): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const paths = ['/', '/motos/boxer', '/frenos', '/filtros', '/llantas', '/carrito', '/contacto'];
    const metrics: Array<[string, number]> = [['LCP', 6000], ['INP', 800], ['CLS', 0.5], ['FCP', 4000], ['TTFB', 2500]];
    let tracked = 0;
    for (let v = 0; v < visits; v++) {
      let t = start + v * gap;
      const at = (): void => {
        t += 5000 + Math.floor(rnd() * 20_000);
        setNow(t);
        tracked++;
      };
      setNow(t);
      // A new browser every 20 visits (it flushes what is pending); returning customers identify.
      if (v % 20 === 0) a.reset();
      if (rnd() < 0.6) a.identify(`cliente-${Math.floor(rnd() * 300)}`);
      const views = 4 + Math.floor(rnd() * 7);
      for (let k = 0; k < views; k++) {
        at();
        history.replaceState(null, '', paths[Math.floor(rnd() * paths.length)]);
        a.page();
        at();
        a.track('click', { n: k });
        if (rnd() < 0.4) {
          at();
          a.track('scroll_depth', { depth: 50 });
        }
        if (rnd() < 0.5) {
          at();
          a.track('product_view', { productId: `p${k}` });
        }
      }
      if (rnd() < 0.45) { at(); a.track('add_to_cart', { productId: 'p1' }); }
      if (rnd() < 0.3) { at(); a.track('checkout_step_1', {}); }
      if (rnd() < 0.2) { at(); a.trackConversion('purchase', 20_000 + Math.floor(rnd() * 400_000), { orderId: `o${v}` }); }
      for (const [metric, max] of metrics) {
        at();
        a.track('web_vital', { metric, value: Math.round(rnd() * max * 1000) / 1000, rating: 'n/a' });
      }
      if (rnd() < 0.05) { at(); a.trackError(new Error(rnd() < 0.5 ? 'No se pudo cargar el catálogo' : '<img src=x onerror=alert(1)>')); }
    }
    setNow(null);
    history.replaceState(null, '', '/');
    await CHATBOT_SYSTEM.flush();
    return tracked;
  }, { visits: VISITS });
}

/** The figures computed in the page from the raw stored events, with plain loops (the oracle). */
async function oracle(page: Page, since: number, until: number) {
  return page.evaluate(async ({ since, until, steps }) => {
    const events = (await realtimeAnalytics.getStoredEvents({ since, until })).sort((a, b) => a.time - b.time);
    const offset = -new Date().getTimezoneOffset() * 60_000;
    const day = (t: number): string => new Date(t + offset).toISOString().slice(0, 10);
    const daily = new Map<string, { views: number; visitors: Set<string> }>();
    const pages = new Map<string, number>();
    const sessions = new Map<string, Ev[]>();
    for (const e of events) {
      let d = daily.get(day(e.time));
      if (!d) daily.set(day(e.time), (d = { views: 0, visitors: new Set() }));
      d.visitors.add(e.anonymousId);
      if (e.event === 'page_view') {
        d.views++;
        pages.set(e.context.page.path, (pages.get(e.context.page.path) ?? 0) + 1);
      }
      let list = sessions.get(e.sessionId);
      if (!list) sessions.set(e.sessionId, (list = []));
      list.push(e);
    }
    // Greedy earliest matching is exact for an ordered funnel without a window.
    const reached = steps.map(() => 0);
    for (const list of sessions.values()) {
      let k = 0;
      let last = -Infinity;
      for (const e of list) {
        if (k < steps.length && e.event === steps[k] && e.time > last) {
          reached[k]!++;
          last = e.time;
          k++;
        }
      }
    }
    return {
      total: events.length,
      pageViews: events.filter((e) => e.event === 'page_view').length,
      visitors: new Set(events.map((e) => e.anonymousId)).size,
      sessions: sessions.size,
      daily: [...daily.entries()].map(([d, v]) => ({ day: d, pageViews: v.views, visitors: v.visitors.size })),
      topPages: [...pages.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
      funnel: reached,
    };
  }, { since, until, steps: STEPS });
}

const values = async (chart: Locator): Promise<Array<[string, number]>> =>
  chart.locator('[data-value]').evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('data-label') ?? '', Number(n.getAttribute('data-value'))] as [string, number]));

describe('analytics dashboard over 100,000 stored events', () => {
  let server: StaticServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let tracked = 0;

  beforeAll(async () => {
    server = await serveDist({ headers: { 'content-security-policy': STRICT_CSP } });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript({ content: SETTABLE_NOW });
    page = await context.newPage();
    errors = watchErrors(page);
    await openReady(page, `${server.origin}/?past=${Date.now() - 89 * DAY}`);
    tracked = await generate(page);
    // The generating page's clock stays in the past for its own timers: the tests use fresh pages.
    await page.close();
    page = await context.newPage();
    errors = watchErrors(page);
    await openReady(page, `${server.origin}/`);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the range figures and chart series of every stored event, as computed from the raw events', async () => {
    expect(tracked).toBeGreaterThan(VISITS * 22);
    const fresh = await context.newPage();
    const freshErrors = watchErrors(fresh);
    await openReady(fresh, `${server.origin}/`);
    // From the call to the first chart of stored figures on screen, measured in the page.
    const firstChart = (on: Page): Promise<number> => on.evaluate(async () => {
      const started = performance.now();
      await CHATBOT_SYSTEM.showAnalyticsDashboard();
      return new Promise<number>((resolve) => {
        const look = (): void => {
          const state = document.querySelector('#dashboard-analytics')?.shadowRoot?.querySelector('.panel')?.getAttribute('data-state');
          if (state === 'figures' || state === 'ready') resolve(performance.now() - started);
          else requestAnimationFrame(look);
        };
        look();
      });
    });
    // The first open copies the batches the generating page left uncopied, then joins the copies
    // into segments; a later page reads those.
    const firstChartMs = await firstChart(fresh);
    const dashboard = fresh.locator('#dashboard-analytics');
    await dashboard.locator('.panel[data-state="ready"]').waitFor({ timeout: 60_000 });
    await fresh.evaluate(() => CHATBOT_SYSTEM.flush());
    const later = await context.newPage();
    await openReady(later, `${server.origin}/`);
    const laterChartMs = await firstChart(later);
    await later.close();
    console.log(`first chart after ${Math.round(firstChartMs)} ms (first open), ${Math.round(laterChartMs)} ms (a later page)`);

    await dashboard.getByRole('button', { name: 'Últimos 90 días' }).click();
    await dashboard.locator('.panel[data-state="ready"]').waitFor();
    const range = await fresh.evaluate(() => Date.now());
    const expected = await oracle(fresh, range - 90 * DAY - 60_000, range + 60_000);
    expect(expected.total).toBeGreaterThanOrEqual(VISITS * 25);

    const [download] = await Promise.all([fresh.waitForEvent('download'), dashboard.getByRole('button', { name: 'Exportar JSON' }).click()]);
    const { readFile } = await import('node:fs/promises');
    const shown = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
      figures: { totalEvents: number; pageViews: number; uniqueVisitors: number; sessions: number; daily: Array<{ day: string; pageViews: number; visitors: number }>; topPages: Array<{ path: string; views: number }> };
      funnel: { steps: Array<{ name: string; count: number }> };
      range: { since: number; until: number };
    };
    const exact = await oracle(fresh, shown.range.since, shown.range.until);
    expect(shown.figures).toMatchObject({ totalEvents: exact.total, pageViews: exact.pageViews, uniqueVisitors: exact.visitors, sessions: exact.sessions });
    expect(shown.figures.daily.filter((d) => d.pageViews > 0 || d.visitors > 0).map(({ day, pageViews, visitors }) => ({ day, pageViews, visitors }))).toEqual(exact.daily);
    expect(shown.figures.topPages.map((p) => [p.path, p.views])).toEqual(exact.topPages);
    expect(shown.funnel.steps.map((s) => s.name)).toEqual(STEPS);
    expect(shown.funnel.steps.map((s) => s.count)).toEqual(exact.funnel);

    // The charts draw exactly the exported numbers.
    const daily = dashboard.locator('[data-section="daily"] path');
    expect(await daily.evaluateAll((paths) => paths.map((p) => p.getAttribute('data-values')))).toEqual([
      shown.figures.daily.map((d) => d.pageViews).join(','),
      shown.figures.daily.map((d) => d.visitors).join(','),
    ]);
    expect(await values(dashboard.locator('[data-section="topPages"] svg'))).toEqual(shown.figures.topPages.map((p) => [p.path, p.views]));
    expect((await values(dashboard.locator('[data-section="funnel"] svg'))).map(([, v]) => v)).toEqual(exact.funnel);
    // The overview's first figure, as shown now and as exported at the same moment (live updates move both).
    const [shownTotal, exportedTotal] = await Promise.all([
      dashboard.locator('[data-section="overview"] dd').first().innerText(),
      fresh.evaluate(async () => (await realtimeAnalytics.getStoredDashboardData({ since: Date.now() - 100 * 86_400_000 })).totalEvents),
    ]);
    expect(Number(shownTotal.replaceAll('.', ''))).toBeGreaterThanOrEqual(exact.total);
    expect(Number(shownTotal.replaceAll('.', ''))).toBeLessThanOrEqual(exportedTotal);
    expect(await dashboard.locator('[data-section="webVitals"] .vital').count()).toBe(5);
    // Error messages from visitors' pages are text, never markup.
    await dashboard.locator('td', { hasText: '<img src=x onerror=alert(1)>' }).waitFor();
    expect(await dashboard.locator('img').count()).toBe(0);
    expect(firstChartMs).toBeLessThan(10_000);
    // The goal is 500 ms; the bound leaves room for a loaded CI machine.
    expect(laterChartMs).toBeLessThan(2500);
    // Looked at before closing the issue (the note says what they showed).
    if (SHOTS) {
      for (const section of ['overview', 'daily', 'topPages', 'funnel', 'cohorts', 'segments', 'webVitals']) {
        await dashboard.locator(`[data-section="${section}"]`).screenshot({ path: `${SHOTS}/section-${section}.png` });
      }
    }
    await fresh.close();
    expect([...errors, ...freshErrors], freshErrors.join('\n')).toEqual([]);
  }, 180_000);

  it('is reachable by keyboard, updates live from another tab, and shows the notifications tab', async () => {
    await page.evaluate(() => CHATBOT_SYSTEM.showAnalyticsDashboard());
    const dashboard = page.locator('#dashboard-analytics');
    await dashboard.locator('.panel[data-state="ready"]').waitFor({ timeout: 60_000 });
    const reached = new Set<string>();
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => {
        const active = document.querySelector('#dashboard-analytics')?.shadowRoot?.activeElement as HTMLElement | null;
        if (!active) return 'outside';
        const name = active.getAttribute('aria-label') ?? (active instanceof HTMLSelectElement || active instanceof HTMLInputElement ? active.value : active.textContent?.trim());
        return `${active.tagName}:${name ?? ''}`;
      }));
    }
    expect([...reached]).toEqual(expect.arrayContaining(['BUTTON:Analítica', 'BUTTON:Últimos 7 días', 'SUMMARY:Ver como tabla', 'SELECT:page_view', 'BUTTON:Exportar JSON']));

    const bars = dashboard.locator('[data-section="live"] line[data-value]');
    const before = (await values(dashboard.locator('[data-section="live"] svg'))).reduce((n, [, v]) => n + v, 0);
    const other = await context.newPage();
    await openReady(other, `${server.origin}/`);
    await other.evaluate(async () => {
      for (let i = 0; i < 25; i++) realtimeAnalytics.track('add_to_cart', { i });
      await CHATBOT_SYSTEM.flush();
    });
    await page.waitForFunction((n) => {
      const root = document.querySelector('#dashboard-analytics')?.shadowRoot;
      const sum = [...(root?.querySelectorAll('[data-section="live"] line[data-value]') ?? [])].reduce((s, r) => s + Number(r.getAttribute('data-value')), 0);
      return sum >= n + 25;
    }, before);
    expect(await bars.count()).toBe(60);
    // The burst reached the range's figures too (updated in place, not recomputed): the overview
    // and the daily series equal the API's over the range the panel shows.
    await pollUntil(async () => {
      const { shown, api } = await page.evaluate(async () => {
        const root = document.querySelector('#dashboard-analytics')!.shadowRoot!;
        const range = JSON.parse(root.querySelector('.panel')!.getAttribute('data-range')!) as { since: number; until: number };
        const figures = await realtimeAnalytics.getStoredDashboardData(range);
        return {
          shown: [Number(root.querySelector('[data-section="overview"] dd')!.textContent!.replace(/\D/g, '')), ...[...root.querySelectorAll('[data-section="daily"] path')].map((p) => p.getAttribute('data-values'))],
          api: [figures.totalEvents, figures.daily.map((d) => d.pageViews).join(','), figures.daily.map((d) => d.visitors).join(',')],
        };
      });
      expect(shown).toEqual(api);
    }, BROWSER_POLL);
    await other.close();

    await page.evaluate(async () => {
      for (let i = 0; i < 3; i++) await pushNotifications.send(`Pedido ${i} enviado`, { category: 'orders' });
    });
    await dashboard.getByRole('tab', { name: 'Analítica' }).focus();
    await page.keyboard.press('ArrowRight');
    await dashboard.locator('#panel-notifications .panel[data-state="ready"]').waitFor({ timeout: 30_000 });
    // Sent per category: the three order notifications (recorded even without permission to show them).
    const orders = dashboard.locator('[data-section="notifications-categories"] tr', { hasText: 'Pedidos' });
    expect((await orders.locator('td').allInnerTexts()).slice(0, 2)).toEqual(['Pedidos', '3']);
    expect(await dashboard.getByRole('tab', { name: 'Notificaciones' }).getAttribute('aria-selected')).toBe('true');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/notifications.png` });
    expect(errors, errors.join('\n')).toEqual([]);
  }, 120_000);

  it('has no serious or critical axe violation', async () => {
    const axeContext = await browser.newContext({ bypassCSP: true });
    const axePage = await axeContext.newPage();
    await openReady(axePage, `${server.origin}/`);
    await axePage.evaluate(async () => {
      for (const name of ['page_view', 'product_view', 'add_to_cart', 'purchase']) realtimeAnalytics.track(name, { metric: 'LCP', value: 1200 });
      realtimeAnalytics.track('web_vital', { metric: 'LCP', value: 3100 });
      realtimeAnalytics.trackError(new Error('falló'));
      await CHATBOT_SYSTEM.flush();
    });
    await axePage.evaluate(() => CHATBOT_SYSTEM.showAnalyticsDashboard());
    await axePage.locator('#dashboard-analytics .panel[data-state="ready"]').waitFor({ timeout: 60_000 });
    expect(await axeViolations(axePage)).toEqual([]);

    // One cohort is drawn near its own size, not stretched to the section's width (its text was
    // once larger than the page's headings), and the header stays above the charts scrolled under it.
    const heat = await axePage.locator('#dashboard-analytics [data-section="cohorts"] svg').boundingBox();
    expect(heat!.height).toBeLessThan(120);
    const onTop = await axePage.evaluate(() => {
      const root = document.getElementById('dashboard-analytics')!.shadowRoot!;
      const dialog = root.querySelector<HTMLElement>('dialog')!;
      const header = root.querySelector<HTMLElement>('header')!;
      const chart = root.querySelector<HTMLElement>('[data-section="cohorts"] svg')!;
      // The heat map right under the header's title.
      dialog.scrollTop += chart.getBoundingClientRect().top - header.getBoundingClientRect().top;
      const title = header.querySelector('h2')!.getBoundingClientRect();
      const hit = root.elementFromPoint(title.left + 5, title.top + title.height / 2);
      return header.contains(hit);
    });
    expect(onTop).toBe(true);
    await axeContext.close();
  }, 120_000);
});
