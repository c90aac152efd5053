import { afterEach, describe, expect, it } from 'vitest';
import { isChatbotError, type ErrorCode } from '../../../src/core/errors';
import { parsePush } from '../../../src/push/shared/payload';
import { DEFAULT_SETTINGS } from '../../../src/push/shared/settings';
import { decodeVapidKey } from '../../../src/push/shared/vapid';
import { createHarness, fakeBrowser, fakeSubscription, VAPID, type Harness } from './fixtures';

let h: Harness;
afterEach(async () => h?.close());

const fails = (code: ErrorCode) => (error: unknown) => isChatbotError(error, code);
const domError = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('permission and subscription', () => {
  it('requestPermission resolves true when granted and false when denied, announcing the change', async () => {
    const browser = fakeBrowser();
    browser.state.permission = 'default';
    h = await createHarness({ browser });
    const changes: string[] = [];
    h.push.on('permission_changed', (e) => changes.push(e.permission));
    browser.platform.requestPermission = async () => (browser.state.permission = 'granted');
    expect(await h.push.requestPermission()).toBe(true);
    expect(changes).toEqual(['granted']);
    browser.state.permission = 'denied';
    expect(await h.push.requestPermission()).toBe(false);
  });

  it('subscribes with the VAPID key, stores the subscription and POSTs it to the store endpoint', async () => {
    const browser = fakeBrowser();
    let key: unknown;
    browser.state.subscribe = async () => fakeSubscription();
    const registration = await browser.platform.registration();
    const original = registration!.pushManager.subscribe.bind(registration!.pushManager);
    registration!.pushManager.subscribe = async (options) => {
      key = options?.applicationServerKey;
      return original(options);
    };
    h = await createHarness({ browser, section: { vapidPublicKey: VAPID, subscriptionEndpoint: '/api/push' } });
    const seen: unknown[] = [];
    h.push.on('subscription_changed', (e) => seen.push(e.subscription));
    const json = await h.push.subscribe();
    expect(json).toEqual({ endpoint: 'https://push.example/abc', expirationTime: null, keys: { p256dh: 'p256', auth: 'auth' } });
    expect(key).toEqual(decodeVapidKey(VAPID));
    expect(decodeVapidKey(VAPID)).toHaveLength(65);
    expect(browser.fetch).toHaveBeenCalledWith('/api/push', expect.objectContaining({ method: 'POST' }));
    const body = JSON.parse((browser.fetch.mock.calls[0] as unknown as [string, RequestInit])[1].body as string);
    expect(body).toEqual({ subscription: json, language: 'es' });
    expect(h.push.getSubscription()).toEqual(json);
    expect(seen).toEqual([json]);
    expect(await h.push.unsubscribe()).toBe(true);
    expect(browser.fetch).toHaveBeenLastCalledWith('/api/push', expect.objectContaining({ method: 'DELETE' }));
    expect(h.push.getSubscription()).toBeNull();
  });

  it('fails fast with OFFLINE when there is no network', async () => {
    const browser = fakeBrowser();
    browser.state.online = false;
    h = await createHarness({ browser });
    await expect(h.push.subscribe()).rejects.toSatisfy(fails('OFFLINE'));
  });

  it('turns an unreachable push service into NETWORK and a blocked permission into PERMISSION_DENIED', async () => {
    const browser = fakeBrowser();
    browser.state.subscribe = async () => {
      throw domError('AbortError', 'Registration failed - permission denied');
    };
    h = await createHarness({ browser });
    await expect(h.push.subscribe()).rejects.toSatisfy(fails('NETWORK'));
    browser.state.permission = 'denied';
    await expect(h.push.subscribe()).rejects.toSatisfy(fails('PERMISSION_DENIED'));
  });

  it('never hangs: a push service that does not answer ends in TIMEOUT', async () => {
    const browser = fakeBrowser();
    browser.state.subscribe = () => new Promise(() => undefined);
    h = await createHarness({ browser, section: { vapidPublicKey: VAPID, timeoutMs: 500 } });
    const started = Date.now();
    await expect(h.push.subscribe()).rejects.toSatisfy(fails('TIMEOUT'));
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('says UNSUPPORTED without Web Push and VALIDATION without a VAPID key', async () => {
    h = await createHarness({ browser: fakeBrowser({ pushSupported: () => false }) });
    await expect(h.push.subscribe()).rejects.toSatisfy(fails('UNSUPPORTED'));
    expect(h.push.isSupported()).toBe(false);
    await h.close();
    h = await createHarness({ section: {} });
    await expect(h.push.subscribe()).rejects.toSatisfy(fails('VALIDATION'));
  });

  it('reports a store endpoint that refuses the subscription as NETWORK', async () => {
    const browser = fakeBrowser();
    browser.fetch.mockImplementation(async () => new Response(null, { status: 500 }));
    h = await createHarness({ browser, section: { vapidPublicKey: VAPID, subscriptionEndpoint: '/api/push' } });
    await expect(h.push.subscribe()).rejects.toSatisfy(fails('NETWORK'));
  });

  it('reports an invalid config section and keeps working with defaults', async () => {
    h = await createHarness({ section: { vapidPublicKey: 'short', timeoutMs: -1 } });
    expect(h.errors.map((e) => e.code)).toEqual(['VALIDATION']);
    expect((await h.push.send('Sigue', {})).status).toBe('shown');
  });
});

describe('push payload', () => {
  it('accepts the documented payload', () => {
    const parsed = parsePush(JSON.stringify({ id: 'p1', title: 'Pedido enviado', body: 'En camino', category: 'orders', url: '/?order=1' }), DEFAULT_SETTINGS);
    expect(parsed).toMatchObject({ valid: true, pushId: 'p1', title: 'Pedido enviado', options: { body: 'En camino', category: 'orders', url: '/?order=1', priority: 'normal' } });
  });

  it('turns empty, non-JSON and invalid payloads into a safe generic notification', () => {
    for (const text of [undefined, '', 'hola', '{"body":"sin título"}', JSON.stringify({ title: 'x', url: 'javascript:alert(1)' }), '[]']) {
      const parsed = parsePush(text, DEFAULT_SETTINGS);
      expect(parsed).toMatchObject({ valid: false, title: 'Nueva notificación de Repuestos Motos', options: { category: 'system', url: '/' } });
      expect(parsed.problem).toBeTruthy();
    }
  });

  it('turns data nested 5,000 levels deep, oversized data and a blank title into the generic notification', () => {
    const deep = `{"id":"p-deep","title":"Profundo","data":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`;
    const big = JSON.stringify({ id: 'p-big', title: 'Grande', data: { text: 'x'.repeat(9_000) } });
    const blank = JSON.stringify({ id: 'p-blank', title: '   ' });
    for (const [text, problem] of [[deep, 'data'], [big, 'data'], [blank, 'title']] as const) {
      const parsed = parsePush(text, DEFAULT_SETTINGS);
      expect(parsed).toMatchObject({ valid: false, title: 'Nueva notificación de Repuestos Motos', options: { category: 'system', url: '/' } });
      expect(parsed.problem).toBe(`invalid payload: ${problem}`);
      expect(parsed.pushId).toBeUndefined();
    }
    const fine = `{"id":"p-ok","title":"Bien","data":${'{"a":'.repeat(15)}1${'}'.repeat(15)}}`;
    expect(parsePush(fine, DEFAULT_SETTINGS)).toMatchObject({ valid: true, pushId: 'p-ok' });
  });
});
