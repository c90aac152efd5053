import { readField } from '../core/read-field';
import type { TabChannel } from '../core/tabs';
import { PUSH_SYNC_TAG } from './shared/constants';
import type { Display, PushStores } from './shared/notifier';
import type { NotificationRecord } from './shared/records';
import type { PushPlatform } from './platform';
import { ChatbotError, isErrorCode } from '../core/errors';

interface PeriodicSync {
  register(tag: string, options: { minInterval: number }): Promise<void>;
}

export interface PageDisplay extends Display {
  /** Closes shown notifications of these center ids (read or deleted in the page). */
  close(ids: string[]): Promise<void>;
  /** Asks the browser to wake the worker now and then (periodic sync, where granted). */
  requestWakeUps(): Promise<void>;
}

/** Shows notifications through the service worker registration (so clicks reach the worker). */
export function createPageDisplay(platform: PushPlatform | undefined, onFallbackClick: (id: string, action: string) => void): PageDisplay {
  return {
    permission: () => platform?.permission() ?? 'unsupported',
    async show(title, options) {
      if (!platform) throw new ChatbotError('UNSUPPORTED', 'no browser window to show notifications in');
      const registration = await platform.registration();
      if (registration) return registration.showNotification(title, options);
      if (!platform.showFallback) throw new ChatbotError('UNSUPPORTED', 'this browser cannot show notifications');
      platform.showFallback(title, options, () => onFallbackClick(options.data.id, ''));
    },
    async close(ids) {
      if (!platform || ids.length === 0) return;
      const wanted = new Set(ids);
      const registration = await platform.registration().catch(() => undefined);
      const shown = (await registration?.getNotifications().catch(() => [])) ?? [];
      for (const notification of shown) {
        const id = readField(notification.data, 'id');
        const grouped = readField(notification.data, 'ids');
        if ((typeof id === 'string' && wanted.has(id)) || (Array.isArray(grouped) && grouped.some((one) => wanted.has(one)))) notification.close();
      }
    },
    async requestWakeUps() {
      // Periodic Background Sync (Chromium) is not in TypeScript's lib yet: optional, as it may be missing.
      const registration: (ServiceWorkerRegistration & { periodicSync?: PeriodicSync }) | undefined = await platform?.registration().catch(() => undefined);
      const periodic = registration?.periodicSync;
      // Granted only to installed apps with site engagement; without it the worker still checks
      // on every push, click and activation, and an open page fires on time.
      await periodic?.register(PUSH_SYNC_TAG, { minInterval: 15 * 60 * 1000 }).catch(() => undefined);
    },
  };
}

export interface WorkerHandlers {
  clicked(click: { id: string; ids: string[]; action: string; url: string | null }): void;
  closed(id: string): void;
  subscription(json: PushSubscriptionJSON | null): void;
  received(record: NotificationRecord): void;
  /** A background failure in the service worker. */
  failed(error: ChatbotError): void;
  /** Schedules, the queue or preferences changed in another tab or the worker. */
  changed(): void;
}

/** Listens to the service worker and the other tabs. */
export function listenToWorker(channel: TabChannel, stores: PushStores, handlers: WorkerHandlers): () => void {
  const stops = [
    channel.subscribe('push', (payload) => {
      if (payload.type === 'clicked') handlers.clicked({ id: payload.id, ids: payload.ids, action: payload.action, url: payload.url });
      else if (payload.type === 'closed') handlers.closed(payload.id);
      else if (payload.type === 'subscription_changed') handlers.subscription(payload.subscription);
      else if (payload.type === 'error') {
        handlers.failed(new ChatbotError(isErrorCode(payload.code) ? payload.code : 'STORAGE_FAILED', payload.message));
      }
    }),
    stores.notifications.onChange((changes) => {
      for (const change of changes) {
        if (change.op === 'put' && change.value.source === 'push') handlers.received(change.value);
      }
    }),
    stores.scheduled.onChange(() => handlers.changed()),
    stores.queue.onChange(() => handlers.changed()),
    stores.kv.onChange(() => handlers.changed()),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
