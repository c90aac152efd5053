import { createECDH } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPushRig, type PushRig } from './push-fixture';
import { BROWSER_POLL, pollUntil } from '../shared/poll';

declare const pushNotifications: { getSubscription(): unknown; on(type: string, handler: (event: unknown) => void): () => void };

describe('push subscription changes in the service worker', () => {
  let rig: PushRig;
  const posted: unknown[] = [];

  beforeAll(async () => {
    rig = await createPushRig({
      dataset: { 'vapid-key': createECDH('prime256v1').generateKeys().toString('base64url'), 'push-endpoint': '/api/push' },
      api: async (req, res) => {
        if (req.url !== '/api/push') return false;
        let body = '';
        for await (const chunk of req) body += String(chunk);
        posted.push({ method: req.method, body: JSON.parse(body) as unknown });
        res.writeHead(201).end();
        return true;
      },
    });
  });
  afterAll(async () => rig?.dispose());

  it('stores the new subscription from pushsubscriptionchange, reports it to the store endpoint and tells the page', async () => {
    await rig.page.evaluate(() => {
      (window as unknown as { changes: unknown[] }).changes = [];
      pushNotifications.on('subscription_changed', (event) => (window as unknown as { changes: unknown[] }).changes.push(event));
    });
    const worker = await rig.worker();
    await worker.evaluate(() => {
      const fresh = { endpoint: 'https://push.example/new', expirationTime: null, keys: { p256dh: 'p', auth: 'a' } };
      const event = new (self as unknown as { ExtendableEvent: new (type: string) => Event }).ExtendableEvent('pushsubscriptionchange');
      Object.defineProperty(event, 'newSubscription', { value: { ...fresh, toJSON: () => fresh } });
      Object.defineProperty(event, 'oldSubscription', { value: { endpoint: 'https://push.example/old' } });
      // Untrusted events may not call waitUntil (InvalidStateError); the handler's work runs anyway.
      try {
        self.dispatchEvent(event);
      } catch {
        // expected for an untrusted ExtendableEvent
      }
    });
    await pollUntil(async () => expect(posted).toHaveLength(1), BROWSER_POLL);
    expect(posted[0]).toEqual({
      method: 'POST',
      body: { subscription: { endpoint: 'https://push.example/new', expirationTime: null, keys: { p256dh: 'p', auth: 'a' } }, oldEndpoint: 'https://push.example/old', reason: 'pushsubscriptionchange', language: 'es' },
    });
    await pollUntil(async () => expect(await rig.page.evaluate(() => (window as unknown as { changes: unknown[] }).changes)).toHaveLength(1), BROWSER_POLL);
    await pollUntil(async () => expect(await rig.page.evaluate(() => pushNotifications.getSubscription())).toMatchObject({ endpoint: 'https://push.example/new' }), BROWSER_POLL);
  });
});
