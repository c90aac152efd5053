import type { TabChannel } from '../core/tabs';
import { PUSH_CHANNEL_KIND, PUSH_SYNC_TAG } from './shared/constants';
import type { Display, PushStores } from './shared/engine';
import type { NotificationRecord } from './shared/records';
import type { PushPlatform } from './platform';
import { ChatbotError, ERROR_MESSAGES, type ErrorCode } from '../core/errors';

/** Messages the service worker posts on the tab channel (`kind: 'push'`). */
export type WorkerMessage =
  | { kind: typeof PUSH_CHANNEL_KIND; type: 'clicked'; id: string; ids: string[]; action: string; url: string | null }
  | { kind: typeof PUSH_CHANNEL_KIND; type: 'closed'; id: string }
  | { kind: typeof PUSH_CHANNEL_KIND; type: 'subscription_changed'; subscription: PushSubscriptionJSON | null }
  | { kind: typeof PUSH_CHANNEL_KIND; type: 'error'; code?: string; message: string };

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
      if (registration) return registration.showNotification(title, options as NotificationOptions);
      if (!platform.showFallback) throw new ChatbotError('UNSUPPORTED', 'this browser cannot show notifications');
      platform.showFallback(title, options as NotificationOptions, () => onFallbackClick(options.data.id, ''));
    },
    async close(ids) {
      if (!platform || ids.length === 0) return;
      const wanted = new Set(ids);
      const registration = await platform.registration().catch(() => undefined);
      const shown = (await registration?.getNotifications().catch(() => [])) ?? [];
      for (const notification of shown) {
        const data = notification.data as { id?: string; ids?: string[] } | null;
        if ((data?.id && wanted.has(data.id)) || data?.ids?.some((id) => wanted.has(id))) notification.close();
      }
    },
    async requestWakeUps() {
      const registration = await platform?.registration().catch(() => undefined);
      const periodic = (registration as { periodicSync?: { register(tag: string, o: { minInterval: number }): Promise<void> } } | undefined)?.periodicSync;
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
    channel.subscribe((message) => {
      const payload = message.payload as WorkerMessage | undefined;
      if (payload?.kind !== PUSH_CHANNEL_KIND) return;
      if (payload.type === 'clicked') handlers.clicked({ id: payload.id, ids: payload.ids, action: payload.action, url: payload.url });
      else if (payload.type === 'closed') handlers.closed(payload.id);
      else if (payload.type === 'subscription_changed') handlers.subscription(payload.subscription);
      else if (payload.type === 'error') {
        const code = payload.code && payload.code in ERROR_MESSAGES ? (payload.code as ErrorCode) : 'STORAGE_FAILED';
        handlers.failed(new ChatbotError(code, payload.message));
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
