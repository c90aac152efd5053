/// <reference lib="webworker" />
import { readField } from '../src/core/read-field';
import { PUSH_KV } from '../src/push/shared/constants';
import { parsePush } from '../src/push/shared/payload';
import { DEFAULT_SETTINGS } from '../src/push/shared/settings';
import { decodeVapidKey } from '../src/push/shared/vapid';
import { buildRecord, toShowOptions } from '../src/push/shared/build';
import { DEFAULT_PREFERENCES } from '../src/push/shared/preferences';
import { resolveClick } from '../src/push/shared/click';
import { openClickTarget } from './click';
import { reportFromWorker, showFromWorker, withWake } from './wake';

declare const self: ServiceWorkerGlobalScope;

/** Background Sync and Periodic Background Sync events (Chromium), not yet in TypeScript's lib. */
interface TaggedEvent extends ExtendableEvent {
  readonly tag: string;
}
declare global {
  interface ServiceWorkerGlobalScopeEventMap {
    sync: TaggedEvent;
    periodicsync: TaggedEvent;
  }
}

/**
 * A push: validate the payload (an empty or invalid one becomes the generic notification),
 * apply preferences / categories / quiet hours from IndexedDB, record it in the notification
 * center, show it, and do whatever else is due (schedules, the released queue). Never throws.
 * A push with a sender id is shown once per id, even when the push service delivers it twice
 * back to back (the notification-center record is claimed at commit time).
 */
async function handlePush(text: string | undefined): Promise<void> {
  let displayed = false;
  try {
    await withWake(async ({ engine }) => {
      const parsed = parsePush(text, engine.settings());
      const extra = parsed.problem ? { data: { payloadProblem: parsed.problem } } : {};
      const delivery = parsed.pushId
        ? await engine.deliverOnce(parsed.title, parsed.options, 'push', { ...extra, id: `ntf_push_${parsed.pushId}` })
        : engine.deliver(parsed.title, parsed.options, 'push', extra);
      if (delivery?.outcome === 'show') {
        displayed = true;
        await delivery.displayed;
      }
      await engine.wake();
    });
  } catch (error) {
    reportFromWorker(displayed ? 'push' : 'push (shown without the notification center)', error, 'STORAGE_FAILED');
    // Storage failed (quota, corruption) before the notification was on screen: the user still
    // sees the message, unrecorded. Once shown, it is not shown again.
    if (displayed) return;
    const parsed = parsePush(text, DEFAULT_SETTINGS);
    const record = buildRecord(parsed.title, parsed.options, { settings: DEFAULT_SETTINGS, now: Date.now(), source: 'push' });
    await showFromWorker(record.title, toShowOptions(record, DEFAULT_PREFERENCES)).catch((showError: unknown) => reportFromWorker('push (not shown)', showError, 'UNSUPPORTED'));
  }
}

async function handleClick(notification: Notification, action: string): Promise<void> {
  const click = resolveClick(notification.data, action, self.location.origin);
  try {
    await withWake(async ({ engine, channel, stores }) => {
      for (const id of click.ids) if (stores.notifications.has(id)) engine.markRead(id);
      await stores.flush();
      channel.post({ kind: 'push', type: 'clicked', id: click.ids[0] ?? '', ids: click.ids, action, url: click.url });
      if (click.url) await openClickTarget(click.url);
      await engine.wake();
    });
  } catch (error) {
    reportFromWorker('notificationclick', error, 'STORAGE_FAILED');
    if (click.url) await openClickTarget(click.url);
  }
}

async function handleSubscriptionChange(event: PushSubscriptionChangeEvent): Promise<void> {
  await withWake(async ({ engine, stores, channel }) => {
    const settings = engine.settings();
    let subscription = event.newSubscription;
    if (!subscription && settings.vapidPublicKey) {
      subscription = await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: decodeVapidKey(settings.vapidPublicKey) });
    }
    const json = subscription?.toJSON() ?? null;
    if (json) stores.kv.put({ id: PUSH_KV.subscription, value: json, updatedAt: Date.now() });
    else if (stores.kv.has(PUSH_KV.subscription)) stores.kv.delete(PUSH_KV.subscription);
    await stores.flush();
    if (settings.subscriptionEndpoint && json) {
      const response = await fetch(settings.subscriptionEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ subscription: json, oldEndpoint: event.oldSubscription?.endpoint ?? null, reason: 'pushsubscriptionchange', language: settings.language }),
      });
      if (!response.ok) throw new Error(`${settings.subscriptionEndpoint} answered ${response.status}`);
    }
    channel.post({ kind: 'push', type: 'subscription_changed', subscription: json });
  });
}

/** Fires due scheduled notifications and releases the quiet-hours queue (every wake-up). */
function wakeDue(): Promise<void> {
  return withWake(async ({ engine }) => {
    await engine.wake();
  }).catch((error: unknown) => reportFromWorker('wake-up', error, 'STORAGE_FAILED'));
}

/**
 * Registers the push module's service worker events. Chromium has no scheduled-notification API
 * (Notification Triggers were dropped), so every event that wakes the worker also fires what is due.
 */
export function registerPushEvents(): void {
  self.addEventListener('push', (event) => {
    let text: string | undefined;
    try {
      text = event.data?.text();
    } catch {
      text = undefined;
    }
    event.waitUntil(handlePush(text));
  });
  self.addEventListener('notificationclick', (event) => {
    event.notification.close();
    event.waitUntil(handleClick(event.notification, event.action));
  });
  self.addEventListener('notificationclose', (event) => {
    const id = readField(event.notification.data, 'id');
    event.waitUntil(
      withWake(async ({ channel }) => {
        if (typeof id === 'string') channel.post({ kind: 'push', type: 'closed', id });
      }).catch((error: unknown) => reportFromWorker('notificationclose', error, 'STORAGE_FAILED')),
    );
  });
  self.addEventListener('pushsubscriptionchange', (event) => {
    event.waitUntil(handleSubscriptionChange(event).catch((error: unknown) => reportFromWorker('pushsubscriptionchange', error, 'NETWORK')));
  });
  for (const type of ['sync', 'periodicsync'] as const) {
    self.addEventListener(type, (event) => event.waitUntil(wakeDue()));
  }
  self.addEventListener('activate', (event) => event.waitUntil(wakeDue()));
}
