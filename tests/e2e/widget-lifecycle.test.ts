import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openReady, watchErrors } from './helpers/browser';
import { useDemoStore } from './helpers/demo-store';
import { STRICT_CSP } from './helpers/server';
import { ask, extraPages, openWithKeyboard, widget } from './widget-helpers';
import { BROWSER_POLL, pollUntil } from '../shared/poll';

type Message = { id: string; senderId: string; status: string; content: { text: string } };
type Messaging = {
  currentUser: string;
  setCurrentUser(id: string): void;
  sendMessage(conversationId: string, input: { text: string }, options?: { replyTo?: string }): Message;
  getMessages(conversationId: string, options?: { limit?: number }): Message[];
  markAsRead(conversationId: string): void;
};
type Notification = { title: string; body: string; category: string };
declare global {
  interface Window {
    /** The options of each getMessages call the page made (recorded by the test). */
    getMessagesCalls: unknown[];
  }
}

declare const CHATBOT_SYSTEM: {
  ready: Promise<void>;
  flush(): Promise<void>;
  destroy(): Promise<void>;
  messaging: Messaging;
  pushNotifications: { getNotifications(filter?: { category?: string }): Notification[] };
  bot: { ensureConversation(greeting?: string, suggestions?: string[]): string };
};

// A store page with nothing but the widget's script tag: every listener on it is the widget's.
const PLAIN_PAGE = '<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Tienda</title><link rel="icon" href="data:,"></head><body><h1>Tienda</h1><script src="/chatbot.js" data-sw="false"></script></body></html>';

/**
 * Records every listener the page's long-lived objects hold (the window, the document, media
 * queries, the service worker container) with the script that added it. Runs before any page
 * script; `once` and `signal` removals are followed too.
 */
function trackHostListeners(): void {
  type Entry = { target: string; type: string; script: string };
  const active = new Map<string, Entry>();
  const ids = new WeakMap<object, number>();
  let next = 0;
  const idOf = (o: object): number => ids.get(o) ?? (ids.set(o, ++next), next);
  const nameOf = (target: EventTarget): string =>
    target === window ? 'window' : target === document ? 'document' : target.constructor.name;
  const watched = (target: EventTarget): boolean =>
    target === window || target === document || target instanceof MediaQueryList || target === navigator.serviceWorker;
  const keyOf = (target: EventTarget, type: string, listener: object, options: unknown): string =>
    `${idOf(target)}|${type}|${idOf(listener)}|${typeof options === 'boolean' ? options : !!(options as { capture?: boolean } | undefined)?.capture}`;
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
    add.call(this, type, listener, options);
    if (!listener || !watched(this)) return;
    const key = keyOf(this, type, listener, options);
    const frames = (new Error().stack ?? '').split('\n').slice(2);
    const script = /https?:\/\/[^/]+(\/[^:)]+)/.exec(frames.find((f) => /https?:\/\//.test(f)) ?? '')?.[1] ?? '?';
    active.set(key, { target: nameOf(this), type, script });
    const opts = typeof options === 'object' ? options : {};
    const forget = (): boolean => active.delete(key);
    if (opts.once) add.call(this, type, forget, { once: true, capture: !!opts.capture });
    opts.signal?.addEventListener('abort', forget);
  };
  EventTarget.prototype.removeEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) {
    remove.call(this, type, listener, options);
    if (listener) active.delete(keyOf(this, type, listener, options));
  };
  (window as unknown as { hostListeners: () => Entry[] }).hostListeners = () => [...active.values()];
}

const hostListeners = (page: Page): Promise<Array<{ target: string; type: string; script: string }>> =>
  page.evaluate(() => (window as unknown as { hostListeners: () => Array<{ target: string; type: string; script: string }> }).hostListeners());

describe('the widget\'s lifecycle on a store page', () => {
  const store = useDemoStore({ headers: { 'content-security-policy': STRICT_CSP }, handle: extraPages({ '/plain.html': PLAIN_PAGE }, []) });

  it('CHATBOT_SYSTEM.destroy() takes the launcher and the panel off the page and leaves no listener of theirs behind', async () => {
    const context = await store.browser.newContext();
    await context.addInitScript(trackHostListeners);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await openReady(page, `${store.server.origin}/plain.html`);
    await openWithKeyboard(page);
    await ask(page, 'bujia para nkd 125');
    const types = (await hostListeners(page)).map((l) => `${l.target}:${l.type}`);
    // The panel's own: connectivity, visibility, the phone media query, the page going away.
    expect(types).toEqual(expect.arrayContaining(['window:online', 'window:offline', 'document:visibilitychange', 'MediaQueryList:change', 'window:pagehide']));

    await page.evaluate(() => CHATBOT_SYSTEM.destroy());
    expect(await page.locator('#chatbot-repuestos-motos').count()).toBe(0);
    // Nothing the launcher, the panel or the modules added is left. Not theirs: the script tag's
    // stub (/chatbot.js) keeps the store's early events, and the web-vitals library keeps its
    // page-lifecycle listeners for the page's life (it offers no removal; analytics ignores its
    // reports once stopped).
    const left = (await hostListeners(page)).filter((l) => /^\/(chatbot-app\.js|assets\/)/.test(l.script) && !l.script.startsWith('/assets/web-vitals-'));
    expect(left).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens a 200-entry conversation with one getMessages call, its threads intact', async () => {
    const page = await store.browser.newPage();
    await openReady(page, `${store.server.origin}/plain.html`);
    const conversationId = await page.evaluate(async () => {
      const messaging = CHATBOT_SYSTEM.messaging;
      const customer = messaging.currentUser;
      const id = CHATBOT_SYSTEM.bot.ensureConversation('¡Hola!', ['Envíos']);
      // Staff write from this tab (the assistant never answers staff): 200 entries, every 20th a thread.
      messaging.setCurrentUser('asesor');
      for (let i = 0; i < 200; i++) {
        const root = messaging.sendMessage(id, { text: `Mensaje ${i}` });
        if (i % 20 === 0) messaging.sendMessage(id, { text: `Respuesta a ${i}` }, { replyTo: root.id });
      }
      messaging.setCurrentUser(customer);
      messaging.markAsRead(id);
      await CHATBOT_SYSTEM.flush();
      return id;
    });
    await pollUntil(async () => expect(await page.evaluate((id) => CHATBOT_SYSTEM.messaging.getMessages(id, { limit: 500 }).filter((m) => m.status === 'sent').length, conversationId)).toBe(0), BROWSER_POLL);
    await page.evaluate(() => {
      const messaging = CHATBOT_SYSTEM.messaging;
      const original = messaging.getMessages;
      const calls: unknown[] = [];
      window.getMessagesCalls = calls;
      messaging.getMessages = function (this: Messaging, ...args: Parameters<Messaging['getMessages']>) {
        calls.push(args[1]);
        return original.apply(this, args);
      };
    });
    const w = widget(page);
    await openWithKeyboard(page);
    const entries = w.panel.locator('.log > .msg');
    await pollUntil(async () => expect(await entries.count()).toBe(200), BROWSER_POLL);
    // One read: the newest 200 entries and one more, which says whether earlier ones exist.
    expect(await page.evaluate(() => window.getMessagesCalls)).toEqual([{ limit: 201, includeReplies: false }]);
    // The newest 200 entries: the greeting is the 201st, so it waits behind "Ver mensajes anteriores".
    expect(await entries.first().locator(':scope > .bubble').innerText()).toBe('Mensaje 0');
    expect(await w.panel.getByRole('button', { name: 'Ver mensajes anteriores' }).count()).toBe(1);
    expect(await entries.last().locator(':scope > .bubble').innerText()).toBe('Mensaje 199');
    expect(await entries.first().locator('.thread > .msg').innerText()).toMatch(/Respuesta a 0/);
    expect(await entries.first().locator('.thread-count').innerText()).toBe('1 respuesta');
    expect(await w.panel.locator('.thread').count()).toBe(10);
    await page.close();
  });

  it('notifies the customer of the assistant\'s answer when their tab is hidden', async () => {
    const context = await store.browser.newContext();
    await context.addInitScript(() => {
      (window as unknown as { CHATBOT_CONFIG: unknown }).CHATBOT_CONFIG = { bot: { typingDelayMs: 1500 } };
    });
    const page = await context.newPage();
    await openReady(page, `${store.server.origin}/plain.html`);
    const w = widget(page);
    await openWithKeyboard(page);
    await w.input.fill('bujia para nkd 125');
    await page.keyboard.press('Enter');
    // Headless Chromium keeps every tab visible: this one reports hidden, as a background tab
    // does, while the assistant is still "typing" its answer.
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    const notifications = (): Promise<Notification[]> => page.evaluate(() => CHATBOT_SYSTEM.pushNotifications.getNotifications({ category: 'messages' }));
    // One: the greeting and the customer's own message, written while they looked, notified nobody.
    await pollUntil(async () => expect(await (await notifications()).length).toBe(1), { ...BROWSER_POLL, timeout: 15_000 });
    const [notification] = await notifications();
    const answer = await page.evaluate(() => {
      const messaging = CHATBOT_SYSTEM.messaging;
      const id = CHATBOT_SYSTEM.bot.ensureConversation();
      return messaging.getMessages(id).at(-1)!;
    });
    expect(answer.senderId).toBe('asistente');
    expect(notification?.title).toBe('Nuevo mensaje de asistente');
    expect(answer.content.text.startsWith(notification!.body.replace(/…$/, ''))).toBe(true);
    await context.close();
  });
});
