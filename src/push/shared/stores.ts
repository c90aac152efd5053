import { createCollection, type ChatbotStorage } from '../../storage';
import type { PushStores } from './notifier';

/**
 * The push module's read models over one storage: the page builds them once (and again after a
 * restore), the service worker once per wake-up, so both always see the same four stores.
 * @example const stores = createPushStores(storage); await loadPushStores(stores); … disposePushStores(stores);
 */
export function createPushStores(storage: ChatbotStorage): PushStores {
  return {
    notifications: createCollection(storage, 'notifications', { idsNeverReused: true }),
    scheduled: createCollection(storage, 'scheduled'),
    queue: createCollection(storage, 'notificationQueue'),
    kv: createCollection(storage, 'kv'),
    flush: () => storage.flush(),
  };
}

/** Loads every read model from IndexedDB. @example await loadPushStores(stores); */
export async function loadPushStores(stores: PushStores): Promise<void> {
  await Promise.all([stores.notifications.load(), stores.scheduled.load(), stores.queue.load(), stores.kv.load()]);
}

/** Stops following storage changes. @example disposePushStores(stores); */
export function disposePushStores(stores: PushStores): void {
  for (const collection of [stores.notifications, stores.scheduled, stores.queue, stores.kv]) collection.dispose();
}
