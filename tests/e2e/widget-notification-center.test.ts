import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openReady, watchErrors } from './helpers/browser';
import { serveDist, STRICT_CSP, type StaticServer } from './helpers/server';
import { openWithKeyboard, widget } from './widget-helpers';
import { BROWSER_POLL, pollUntil } from '../shared/poll';

type Record = { id: string; title: string; read: boolean; category: string };
declare const pushNotifications: {
  send(title: string, options?: object): Promise<Record>;
  getNotifications(filter?: object): Record[];
  getStats(): { unread: number; total: number };
};
declare const CHATBOT_SYSTEM: { ready: Promise<void>; configure(patch: object): void };

const XSS_TITLE = '<img src=x onerror="window.pwned=1">Pedido <b>listo</b>';

/** Sends `count` notifications through the public API: orders, messages of the chat and promotions in turn. */
async function sendMany(page: Page, count: number): Promise<void> {
  await page.evaluate(async (n) => {
    for (let i = 0; i < n; i++) {
      const kind = i % 3;
      await pushNotifications.send(kind === 0 ? `Pedido ${i} enviado` : kind === 1 ? `Mensaje ${i}` : `Promo ${i}`, {
        body: `Detalle ${i}`,
        category: kind === 0 ? 'orders' : kind === 1 ? 'messages' : 'promotions',
        url: kind === 0 ? `/?order=${i}` : kind === 1 ? '/?chat=conv_1' : '/',
      });
    }
  }, count);
}

describe("the customer's notification center in the chat panel", () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await serveDist({ headers: { 'content-security-policy': STRICT_CSP } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists hundreds of notifications, follows new ones live, marks read, opens the conversation and clears, by keyboard', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await openReady(page, `${server.origin}/`);
    await sendMany(page, 300);
    await openWithKeyboard(page);
    const w = widget(page);
    const bell = w.panel.locator('button.bell');
    await pollUntil(async () => expect(await bell.getAttribute('aria-label')).toBe('Notificaciones · 300 notificaciones sin leer'), BROWSER_POLL);
    expect(await bell.locator('.bell-count').textContent()).toBe('99+');

    await bell.focus();
    await page.keyboard.press('Enter');
    const list = w.panel.locator('.notif-list');
    await list.waitFor({ state: 'visible' });
    expect(await bell.getAttribute('aria-expanded')).toBe('true');
    const items = list.locator('li.notif');
    expect(await items.count()).toBe(50);
    const api = await page.evaluate(() => pushNotifications.getNotifications().slice(0, 50).map((r) => r.title));
    expect(await list.locator('.notif-title').allTextContents()).toEqual(api);
    expect(await items.first().locator('.notif-cat').textContent()).toBe('Promociones');
    expect(await list.locator('li', { hasText: 'Pedido 297 enviado' }).getByRole('link', { name: 'Ver el pedido' }).getAttribute('href')).toBe(`${server.origin}/?order=297`);
    await list.getByRole('button', { name: /Mostrar más \(250 restantes\)/ }).click();
    expect(await items.count()).toBe(100);

    // A push arriving while the list is open: at the top, counted, said aloud — and its markup stays text.
    await page.evaluate((title) => pushNotifications.send(title, { category: 'orders', body: '<script>window.pwned=2</script>', url: '/?order=77' }), XSS_TITLE);
    await pollUntil(async () => expect(await items.first().locator('.notif-title').textContent()).toBe(XSS_TITLE), BROWSER_POLL);
    expect(await items.first().locator('.notif-body').textContent()).toBe('<script>window.pwned=2</script>');
    expect(await list.locator('img, b, script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await pollUntil(async () => expect(await bell.getAttribute('aria-label')).toContain('301 notificaciones sin leer'), BROWSER_POLL);
    await pollUntil(async () => expect(await w.panel.locator('[role="status"][aria-live="polite"]').last().textContent()).toBe(`Nueva notificación: ${XSS_TITLE}`), BROWSER_POLL);

    // Mark one read by keyboard: the API agrees and focus stays on that notification.
    const first = items.first();
    await first.getByRole('button', { name: 'Marcar como leída' }).focus();
    await page.keyboard.press('Enter');
    await pollUntil(async () => expect(await page.evaluate(() => pushNotifications.getStats().unread)).toBe(300), BROWSER_POLL);
    expect(await items.first().getAttribute('class')).toBe('notif');
    expect(await page.evaluate(() => document.getElementById('chatbot-repuestos-motos')?.shadowRoot?.activeElement?.getAttribute('data-focus'))).toMatch(/:item$/);
    expect(await bell.getAttribute('aria-label')).toContain('300 notificaciones sin leer');

    await list.getByRole('button', { name: 'Marcar todas como leídas' }).click();
    await pollUntil(async () => expect(await bell.getAttribute('aria-label')).toBe('Notificaciones'), BROWSER_POLL);
    expect(await page.evaluate(() => pushNotifications.getStats().unread)).toBe(0);
    expect(await list.locator('li.notif.unread').count()).toBe(0);

    // Escape closes the list, not the panel, and gives focus back to the bell.
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'hidden' });
    expect(await w.panel.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.getElementById('chatbot-repuestos-motos')?.shadowRoot?.activeElement?.classList.contains('bell'))).toBe(true);

    // A message notification opens the conversation: the list closes and the chat log has focus.
    await page.keyboard.press('Enter');
    await list.waitFor({ state: 'visible' });
    await list.getByRole('button', { name: 'Ir a la conversación' }).first().click();
    await list.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.getElementById('chatbot-repuestos-motos')?.shadowRoot?.activeElement?.className)).toBe('log');

    await bell.click();
    await list.getByRole('button', { name: 'Borrar todas' }).click();
    await list.getByText('No tienes notificaciones.').waitFor();
    await list.getByText('Se borraron las notificaciones.').waitFor();
    expect(await page.evaluate(() => pushNotifications.getStats().total)).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('speaks the store language and loads the list only when the bell is first pressed', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await openReady(page, `${server.origin}/`);
    await page.evaluate(async () => {
      CHATBOT_SYSTEM.configure({ language: 'pt' });
      await pushNotifications.send('Pedido enviado', { category: 'orders', url: '/?order=5' });
    });
    await openWithKeyboard(page);
    const w = widget(page);
    const bell = w.panel.locator('button.bell');
    await pollUntil(async () => expect(await bell.getAttribute('aria-label')).toBe('Notificações · 1 notificação não lida'), BROWSER_POLL);
    expect(scripts.some((path) => path.includes('notification-list'))).toBe(false);
    await bell.click();
    const list = w.panel.locator('.notif-list');
    await list.waitFor({ state: 'visible' });
    expect(scripts.some((path) => path.includes('notification-list'))).toBe(true);
    expect(await list.locator('.notif-cat').first().textContent()).toBe('Pedidos');
    await list.getByRole('link', { name: 'Ver o pedido' }).waitFor();
    expect(await list.getByRole('button', { name: 'Marcar como lida' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
