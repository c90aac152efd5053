import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationRecord, Preferences, PreferencesPatch, SendOptions } from '../../src/push';
import { createPushRig, type PushRig } from './push-fixture';
import { BROWSER_POLL, pollUntil } from '../shared/poll';
import { watchErrors } from './helpers/browser';
import { createECDH } from 'node:crypto';

type Push = {
  send(title: string, options?: SendOptions): Promise<NotificationRecord>;
  setPreferences(patch: PreferencesPatch): Preferences;
  getNotifications(filter?: object): NotificationRecord[];
  getStats(): { queued: number; total: number; unread: number };
  subscribe(): Promise<unknown>;
  schedule(title: string, options: SendOptions, date: Date | number): { id: string; at: number };
  on(type: string, handler: (event: unknown) => void): () => void;
  processDue(): Promise<unknown>;
};
declare const pushNotifications: Push;
declare const CHATBOT_SYSTEM: { flush(): Promise<void>; idle(): Promise<void> };

const clearShown = (rig: PushRig) =>
  rig.page.evaluate(async () => {
    for (const n of await (await navigator.serviceWorker.ready).getNotifications()) n.close();
  });

describe('push notifications in Chromium', () => {
  let rig: PushRig;
  let errors: string[];

  beforeAll(async () => {
    rig = await createPushRig({ dataset: { 'vapid-key': createECDH('prime256v1').generateKeys().toString('base64url') } });
    errors = watchErrors(rig.page);
  });
  afterAll(async () => rig?.dispose());

  it('shows a sent notification through the service worker and records it', async () => {
    const record = await rig.page.evaluate(() => pushNotifications.send('Pedido enviado', { body: 'Tu pedido #1234 está en camino', category: 'orders', actions: [{ action: 'view', title: 'Ver pedido' }, { action: 'track', title: 'Rastrear' }] }));
    expect(record.status).toBe('shown');
    const shown = await pollUntil(async () => {
      const list = await rig.shown();
      if (!list.some((n) => n.data?.id === record.id)) throw new Error('not shown yet');
      return list;
    }, BROWSER_POLL);
    expect(shown.find((n) => n.data?.id === record.id)).toMatchObject({ title: 'Pedido enviado', body: 'Tu pedido #1234 está en camino', actions: [{ action: 'view', title: 'Ver pedido' }, { action: 'track', title: 'Rastrear' }] });
    expect(await rig.page.evaluate(() => pushNotifications.getNotifications().map((n) => n.title))).toContain('Pedido enviado');
    expect(errors).toEqual([]);
  });

  it('shows nothing for a category the user switched off', async () => {
    await clearShown(rig);
    const record = await rig.page.evaluate(() => {
      pushNotifications.setPreferences({ categories: { promotions: false } });
      return pushNotifications.send('50% OFF', { body: 'Descuento en todos los repuestos', category: 'promotions' });
    });
    expect(record.status).toBe('dropped');
    await rig.page.evaluate(() => CHATBOT_SYSTEM.idle());
    expect(await rig.shown()).toEqual([]);
    await rig.page.evaluate(() => pushNotifications.setPreferences({ categories: { promotions: true } }));
  });

  it('shows a Web Push message delivered over DevTools and lands it in the notification center', async () => {
    await clearShown(rig);
    await rig.deliverPush(JSON.stringify({ id: 'p-open-1', title: 'Tu pedido llegó', body: 'Pedido #77 entregado', category: 'orders', url: '/?order=77' }));
    const shown = await pollUntil(async () => {
      const list = await rig.shown();
      if (list.length === 0) throw new Error('no notification');
      return list;
    }, BROWSER_POLL);
    expect(shown[0]).toMatchObject({ title: 'Tu pedido llegó', body: 'Pedido #77 entregado', data: { id: 'ntf_push_p-open-1', url: '/?order=77' } });
    // The page's read model hears the worker's write over the tab channel.
    await pollUntil(async () => {
      const titles = await rig.page.evaluate(() => pushNotifications.getNotifications({ category: 'orders' }).map((n) => `${n.title}|${n.source}`));
      expect(titles).toContain('Tu pedido llegó|push');
    }, BROWSER_POLL);
  });

  it('shows a push delivered while no store page is open, and the center has it on reopening', async () => {
    await clearShown(rig);
    await rig.page.close();
    await rig.deliverPush(JSON.stringify({ id: 'p-closed-1', title: 'Mensaje de Ana', body: '¿Ya llegó?', category: 'messages', url: '/?chat=conv_9' }));
    const shown = await pollUntil(async () => {
      const list = await rig.shown();
      if (list.length === 0) throw new Error('no notification');
      return list;
    }, BROWSER_POLL);
    expect(shown.map((n) => n.title)).toEqual(['Mensaje de Ana']);
    rig.page = await rig.openStore();
    errors = watchErrors(rig.page);
    const stored = await rig.page.evaluate(() => pushNotifications.getNotifications({ category: 'messages' }));
    expect(stored.find((n) => n.id === 'ntf_push_p-closed-1')).toMatchObject({ title: 'Mensaje de Ana', source: 'push', status: 'shown', read: false });
  });

  it('records a push delivered twice (push service retry) only once, and does not show it again', async () => {
    await clearShown(rig);
    const before = await rig.page.evaluate(() => pushNotifications.getNotifications().find((n) => n.id === 'ntf_push_p-closed-1'));
    await rig.dispatchAndWait({ type: 'push', data: JSON.stringify({ id: 'p-closed-1', title: 'Mensaje de Ana', body: '¿Ya llegó?', category: 'messages' }) });
    expect(await rig.shown()).toEqual([]);
    await rig.page.evaluate(() => CHATBOT_SYSTEM.idle());
    const records = await rig.page.evaluate(() => pushNotifications.getNotifications().filter((n) => n.id === 'ntf_push_p-closed-1'));
    expect(records).toEqual([before]);
  });

  it('shows a safe generic notification for a malformed payload', async () => {
    await clearShown(rig);
    await rig.deliverPush('{"body": "sin título", "url": "javascript:alert(1)"');
    const shown = await pollUntil(async () => {
      const list = await rig.shown();
      if (list.length === 0) throw new Error('no notification');
      return list;
    }, BROWSER_POLL);
    expect(shown[0]).toMatchObject({ title: 'Nueva notificación de Repuestos Motos', body: 'Tienes una novedad. Toca para verla.', data: { url: '/' } });
    await pollUntil(async () => {
      const generic = await rig.page.evaluate(() => pushNotifications.getNotifications({ category: 'system' }).find((n) => n.title.startsWith('Nueva notificación')));
      expect(generic?.data).toMatchObject({ payloadProblem: 'payload is not JSON' });
    }, BROWSER_POLL);
  });

  it('queues a pushed message during quiet hours instead of showing it', async () => {
    await clearShown(rig);
    await rig.page.evaluate(() => {
      const pad = (n: number) => String(n).padStart(2, '0');
      const now = new Date();
      const start = new Date(now.getTime() - 3600_000);
      const end = new Date(now.getTime() + 3600_000);
      pushNotifications.setPreferences({ quietHours: { enabled: true, start: `${pad(start.getHours())}:${pad(start.getMinutes())}`, end: `${pad(end.getHours())}:${pad(end.getMinutes())}` } });
      return CHATBOT_SYSTEM.flush();
    });
    await rig.deliverPush(JSON.stringify({ id: 'p-quiet-1', title: 'Mensaje nocturno', category: 'messages' }));
    await pollUntil(async () => {
      const record = await rig.page.evaluate(() => pushNotifications.getNotifications().find((n) => n.id === 'ntf_push_p-quiet-1'));
      expect(record?.status).toBe('queued');
    }, BROWSER_POLL);
    expect(await rig.page.evaluate(() => pushNotifications.getStats().queued)).toBe(1);
    // Nothing on screen (for one quiet push Chromium does not force its own "updated in the background" notice).
    expect(await rig.shown()).toEqual([]);
    // An urgent one goes through.
    await rig.deliverPush(JSON.stringify({ id: 'p-quiet-2', title: 'Pago rechazado', category: 'orders', priority: 'urgent' }));
    await pollUntil(async () => expect((await rig.shown()).map((n) => n.title)).toContain('Pago rechazado'), BROWSER_POLL);
    // Quiet hours switched off: the queue is released by the open page.
    await rig.page.evaluate(() => pushNotifications.setPreferences({ quietHours: { enabled: false } }));
    await pollUntil(async () => expect((await rig.shown()).map((n) => n.title)).toContain('Mensaje nocturno'), { ...BROWSER_POLL, timeout: 15_000 });
    expect(await rig.page.evaluate(() => pushNotifications.getStats().queued)).toBe(0);
  });

  it('a click on an action marks the notification read and tells the page', async () => {
    await clearShown(rig);
    await rig.page.evaluate(() => {
      (window as unknown as { clicks: unknown[] }).clicks = [];
      pushNotifications.on('notification_clicked', (event) => (window as unknown as { clicks: unknown[] }).clicks.push(event));
    });
    const record = await rig.page.evaluate(() =>
      (pushNotifications as unknown as { sendOrderNotification(o: object): Promise<NotificationRecord> }).sendOrderNotification({ id: '1234', status: 'enviado' }),
    );
    await pollUntil(async () => expect((await rig.shown()).map((n) => n.data?.id)).toContain(record.id), BROWSER_POLL);
    const worker = await rig.worker();
    const clicked = await worker.evaluate(async (id) => {
      const scope = self as unknown as { registration: ServiceWorkerRegistration; dispatchEvent(event: Event): boolean };
      const NotificationEventCtor = (self as unknown as { NotificationEvent: new (type: string, init: { notification: Notification; action: string }) => Event }).NotificationEvent;
      const [notification] = (await scope.registration.getNotifications()).filter((n: Notification) => (n.data as { id?: string })?.id === id);
      if (!notification) return 'missing';
      scope.dispatchEvent(new NotificationEventCtor('notificationclick', { notification, action: 'track' }));
      return 'clicked';
    }, record.id);
    expect(clicked).toBe('clicked');
    await pollUntil(async () => expect((await rig.shown()).map((n) => n.data?.id)).not.toContain(record.id), BROWSER_POLL);
    const click = await pollUntil(async () => {
      const clicks = await rig.page.evaluate(() => (window as unknown as { clicks: Array<{ id: string; action: string; url: string; notification?: NotificationRecord }> }).clicks);
      if (clicks.length === 0) throw new Error('no click yet');
      return clicks[0]!;
    }, BROWSER_POLL);
    expect(click).toMatchObject({ id: record.id, action: 'track', url: `${rig.server.origin}/?order=1234&track=1` });
    await pollUntil(async () => expect(await rig.page.evaluate((id) => pushNotifications.getNotifications().find((n) => n.id === id)?.read, record.id)).toBe(true), BROWSER_POLL);
  });

  it('notifies an order_status_changed event of the store page in Spanish with the order actions', async () => {
    await clearShown(rig);
    await rig.page.evaluate(() => window.dispatchEvent(new CustomEvent('order_status_changed', { detail: { id: '555', status: 'entregado', total: 120000 } })));
    const shown = await pollUntil(async () => {
      const list = await rig.shown();
      if (list.length === 0) throw new Error('no notification');
      return list;
    }, BROWSER_POLL);
    expect(shown[0]).toMatchObject({ title: 'Pedido #555 entregado', body: 'Tu pedido #555 fue entregado', data: { url: '/?order=555' }, actions: [{ action: 'view', title: 'Ver pedido' }] });
  });

  it('subscribe() offline fails within a few seconds with OFFLINE', async () => {
    await rig.profile.context.setOffline(true);
    try {
      const result = await rig.page.evaluate(async () => {
        const started = performance.now();
        try {
          await pushNotifications.subscribe();
          return { code: 'none', ms: performance.now() - started };
        } catch (error) {
          return { code: (error as { code?: string }).code, ms: performance.now() - started, message: String(error) };
        }
      });
      expect(result.code).toBe('OFFLINE');
      expect(result.ms).toBeLessThan(5000);
    } finally {
      await rig.profile.context.setOffline(false);
    }
  });

  it('subscribe() online but without a reachable push service ends with a typed error, never hangs', async () => {
    const result = await rig.page.evaluate(async () => {
      const started = performance.now();
      const code = await pushNotifications.subscribe().then(() => 'none', (e: { code?: string }) => e.code);
      return { code, ms: performance.now() - started };
    });
    // This machine has no route to the browser's push service (FCM): Chromium either aborts
    // (NETWORK) or keeps retrying, and the module's 8 s bound ends the wait (TIMEOUT).
    expect(['NETWORK', 'TIMEOUT']).toContain(result.code);
    expect(result.ms).toBeLessThan(10_000);
  });
  it('announces permission_changed when the user revokes notifications in site settings', async () => {
    await rig.page.evaluate(() => {
      (window as unknown as { permissions: string[] }).permissions = [];
      pushNotifications.on('permission_changed', (e) => (window as unknown as { permissions: string[] }).permissions.push((e as { permission: string }).permission));
    });
    await rig.profile.context.clearPermissions();
    await pollUntil(async () => expect(await rig.page.evaluate(() => (window as unknown as { permissions: string[] }).permissions)).toEqual(['default']), BROWSER_POLL);
    const record = await rig.page.evaluate(() => pushNotifications.send('Sin permiso', { category: 'system' }));
    expect(record.status).toBe('blocked');
  });
});
