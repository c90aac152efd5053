import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { watchErrors } from './helpers/browser';
import { useDemoStore } from './helpers/demo-store';
import { BROWSER_POLL, pollUntil } from '../shared/poll';

type Event = { event: string; sessionId: string | null; properties: Record<string, unknown> };
type Sys = {
  ready: Promise<void>;
  realtimeAnalytics: { getRecentEvents(n: number): Event[] };
  pushNotifications: { getNotifications(): Array<{ title: string; body?: string; data?: Record<string, unknown> }> };
};
declare const CHATBOT_SYSTEM: Sys;

/** The scripts a page fetched, by file name without the hash. */
function scriptsOf(page: Page): Set<string> {
  const seen = new Set<string>();
  // Requested, not only received: a load the page started is seen as soon as it starts.
  page.on('request', (request) => {
    const file = new URL(request.url()).pathname.split('/').pop() ?? '';
    if (file.endsWith('.js')) seen.add(file.replace(/-[\w-]{8}\.js$/, '.js'));
  });
  return seen;
}

/** What the script tag's stand-in answers from the start-up runtime alone (tracker calls). */
type Tracker = { realtimeAnalytics: { getSessionId(): Promise<string | null>; flush(): Promise<void> } };

/**
 * The runtime starts after load + idle (≤ 2 s): its chunk arrives, then its tracker answers the
 * page's calls once its state is loaded from IndexedDB (a tracker call never loads the system).
 */
async function runtimeStarted(page: Page, scripts: Set<string>): Promise<void> {
  await pollUntil(() => expect(scripts.has('boot-startup.js')).toBe(true), BROWSER_POLL);
  await page.evaluate(() => (window as unknown as Tracker).realtimeAnalytics.getSessionId());
}

/** The tracker has handled and committed what the page did so far (its calls are answered in order). */
async function tracked(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as Tracker).realtimeAnalytics.flush());
}

// A store page whose own script tracks from the first moment, as analytics users do.
const TRACKING_PAGE = `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>tienda</title><link rel="icon" href="data:,"></head><body><h1>Tienda</h1>
<script src="/chatbot.js" data-sw="false"></script>
<script>
  realtimeAnalytics.identify('cliente_1');
  realtimeAnalytics.track('button_clicked', { buttonId: 'hero' });
  window.early = realtimeAnalytics.trackSearch('filtro aceite', 10);
  realtimeAnalytics.reset(); // a logout, then another customer logs in
  realtimeAnalytics.identify('cliente_2');
</script></body></html>`;

describe('a storefront visit before the chat is used', () => {
  const store = useDemoStore({
    handle: (req, res) => {
      if (req.url !== '/tracking.html') return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(TRACKING_PAGE);
      return true;
    },
  });

  it('runs only the start-up runtime, yet tracks the page and cart events from the first moment; the API loads the rest', async () => {
    const context = await store.browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const scripts = scriptsOf(page);
    await page.goto(`${store.server.origin}/`, { waitUntil: 'domcontentloaded' });
    // A cart event before the widget's runtime is there (the stub keeps it).
    await page.evaluate(() => window.dispatchEvent(new CustomEvent('cart_item_added', { detail: { id: 'EARLY-1', price: 1000, quantity: 1 } })));
    await runtimeStarted(page, scripts);
    await page.locator('button.add-to-cart').first().click();
    // The click's cart event is tracked by now: a load it had started would have been requested.
    await tracked(page);
    expect([...scripts].filter((s) => /install-globals|boot-system|panel/.test(s))).toEqual([]);

    // A page script using the API gets the whole system, with everything tracked so far.
    await page.evaluate(() => CHATBOT_SYSTEM.ready);
    expect(scripts.has('boot-system.js')).toBe(true);
    const events = await page.evaluate(() => CHATBOT_SYSTEM.realtimeAnalytics.getRecentEvents(50).reverse());
    const names = events.map((e) => e.event);
    expect(names).toContain('page_view');
    const carts = events.filter((e) => e.event === 'add_to_cart');
    expect(carts).toHaveLength(2);
    expect(JSON.stringify(carts[0]!.properties)).toContain('EARLY-1');
    expect(new Set(events.map((e) => e.sessionId)).size).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("answers the page's own tracking calls from the start-up runtime, without loading the system", async () => {
    const context = await store.browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const scripts = scriptsOf(page);
    await page.goto(`${store.server.origin}/tracking.html`);
    await runtimeStarted(page, scripts);
    // Queued before the runtime ran, then answered by its tracker; and a call made now.
    expect(await page.evaluate(() => (window as unknown as { early: Promise<Event> }).early.then((e) => e.event))).toBe('search');
    type Stand = { realtimeAnalytics: { track(n: string): Promise<Event | null>; optOut(): Promise<void>; optIn(): Promise<void> } };
    // The visitor rejects tracking, then accepts it again: nothing is recorded in between.
    const whileOut = await page.evaluate(async () => {
      const analytics = (window as unknown as Stand).realtimeAnalytics;
      void analytics.optOut();
      const event = await analytics.track('while_opted_out');
      await analytics.optIn();
      return event;
    });
    expect(whileOut).toBeNull();
    const late = await page.evaluate(() => (window as unknown as Stand).realtimeAnalytics.track('late_click'));
    expect(late!.event).toBe('late_click');
    await tracked(page);
    expect(scripts.has('boot-system.js')).toBe(false);

    await page.evaluate(() => CHATBOT_SYSTEM.ready);
    const names = await page.evaluate(() => CHATBOT_SYSTEM.realtimeAnalytics.getRecentEvents(50).map((e) => e.event));
    expect(names).toEqual(expect.arrayContaining(['identify', 'button_clicked', 'search', 'late_click', 'page_view']));
    expect(names).not.toContain('while_opted_out');
    // The calls kept their order: the reset came before the second customer's identify.
    expect(await page.evaluate(() => (CHATBOT_SYSTEM.realtimeAnalytics as unknown as { getUserId(): string }).getUserId())).toBe('cliente_2');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('loads the system by itself when the store announces an order change, and notifies', async () => {
    const context = await store.browser.newContext();
    await context.grantPermissions(['notifications'], { origin: store.server.origin });
    const page = await context.newPage();
    const scripts = scriptsOf(page);
    await page.goto(`${store.server.origin}/`);
    await runtimeStarted(page, scripts);
    expect(scripts.has('boot-system.js')).toBe(false);
    await page.evaluate(() => window.dispatchEvent(new CustomEvent('order_status_changed', { detail: { id: '1234', status: 'enviado' } })));
    await pollUntil(() => expect(scripts.has('boot-system.js')).toBe(true), BROWSER_POLL);
    await pollUntil(async () => expect(await page.evaluate(() => CHATBOT_SYSTEM.pushNotifications.getNotifications().map((n) => `${n.title} ${n.body ?? ''}`).join('|'))).toMatch(/1234/), { ...BROWSER_POLL, timeout: 10_000 });
    await context.close();
  });

  it('shows the unread badge of the last visit without loading the system', async () => {
    const context = await store.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${store.server.origin}/`);
    await page.evaluate(() => CHATBOT_SYSTEM.ready);
    // The greeting and two staff answers from another tab of the store, while the chat was closed.
    const staff = await context.newPage();
    await staff.goto(`${store.server.origin}/`);
    await staff.evaluate(async () => {
      // Kept before ready, as page scripts do: the stub's stand-in forwards to the real system.
      const system = CHATBOT_SYSTEM as unknown as {
        ready: Promise<void>;
        flush(): Promise<void>;
        bot: { ensureConversation(greeting: string): string };
        messaging: { setCurrentUser(id: string): void; sendMessage(id: string, content: { text: string }): unknown };
      };
      await system.ready;
      const id = system.bot.ensureConversation('¡Hola! ¿En qué te ayudo?');
      system.messaging.setCurrentUser('asesor');
      system.messaging.sendMessage(id, { text: 'Hola, soy Ana' });
      system.messaging.sendMessage(id, { text: '¿En qué te ayudo?' });
      await system.flush();
    });
    const badge = (): Promise<string | null> =>
      page.evaluate(() => {
        const element = document.getElementById('chatbot-repuestos-motos')?.shadowRoot?.querySelector<HTMLElement>('.badge');
        return element && !element.hidden ? element.textContent : null;
      });
    await pollUntil(async () => expect(await badge()).toBe('3'), { ...BROWSER_POLL, timeout: 10_000 });
    await staff.close();

    const scripts = scriptsOf(page);
    await page.reload();
    await pollUntil(async () => expect(await badge()).toBe('3'), { ...BROWSER_POLL, timeout: 5000 });
    expect(await page.locator('#chatbot-repuestos-motos button.launcher').getAttribute('aria-label')).toMatch(/3 mensajes sin leer/);
    expect(scripts.has('boot-system.js')).toBe(false);
    await context.close();
  });
});
