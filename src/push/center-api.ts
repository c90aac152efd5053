import type { Clock } from '../core/clock';
import { ChatbotError } from '../core/errors';
import { validate } from '../core/validate';
import { CategoryArgSchema, FilterSchema, IdSchema, computeStats, copyRecord, queryNotifications } from './center';
import type { PageDisplay } from './page-bridge';
import type { Notifier, PushStores } from './shared/notifier';
import type { PushNotifications } from './types';

type CenterApi = Pick<PushNotifications, 'getNotifications' | 'markAsRead' | 'markAllAsRead' | 'deleteNotification' | 'clearAll' | 'getStats' | 'getQueue'>;

export interface CenterDeps {
  stores: PushStores;
  engine: Notifier;
  display: PageDisplay;
  clock: Clock;
  /** The queue or schedules changed: recompute the next wake-up. */
  rearm(): void;
  /** Back-pressure: throws BUSY while this tab's write queue is full (ChatbotStorage.admit). */
  admit(): void;
}

/**
 * The notification center half of the public API, over the module's read models. Reads are
 * synchronous (the seed calls them so); changes reach IndexedDB and the other tabs, and
 * notifications read or removed here are also closed on screen.
 * @example const center = createCenterApi({ stores, engine, display, clock, rearm, admit: storage.admit }); center.getStats();
 */
export function createCenterApi({ stores, engine, display, clock, rearm, admit }: CenterDeps): CenterApi {
  return {
    getNotifications(filter) {
      return queryNotifications(stores.notifications.values(), validate(FilterSchema, filter, 'getNotifications filter'));
    },
    markAsRead(id) {
      const validId = validate(IdSchema, id, 'markAsRead id');
      if (!stores.notifications.has(validId)) throw new ChatbotError('NOT_FOUND', `no notification ${validId}`);
      admit();
      const record = engine.markRead(validId)!;
      void display.close([validId]);
      return copyRecord(record);
    },
    markAllAsRead(category) {
      const valid = validate(CategoryArgSchema, category, 'markAllAsRead category');
      admit();
      const ids = [...stores.notifications.values()].filter((r) => !r.read && (!valid || r.category === valid)).map((r) => r.id);
      for (const id of ids) engine.markRead(id);
      void display.close(ids);
      return ids.length;
    },
    deleteNotification(id) {
      const validId = validate(IdSchema, id, 'deleteNotification id');
      if (!stores.notifications.has(validId)) return false;
      admit();
      stores.notifications.delete(validId);
      if (stores.queue.has(validId)) stores.queue.delete(validId);
      void display.close([validId]);
      return true;
    },
    clearAll(category) {
      const valid = validate(CategoryArgSchema, category, 'clearAll category');
      admit();
      const ids = [...stores.notifications.values()].filter((r) => !valid || r.category === valid).map((r) => r.id);
      if (!valid) {
        stores.notifications.clear();
        stores.queue.clear();
      } else {
        for (const id of ids) {
          stores.notifications.delete(id);
          if (stores.queue.has(id)) stores.queue.delete(id);
        }
      }
      void display.close(ids);
      rearm();
      return ids.length;
    },
    getStats: () => computeStats(stores.notifications, stores.scheduled, stores.queue, clock.now()),
    getQueue: () => [...stores.queue.values()].sort((a, b) => a.queuedAt - b.queuedAt).map((q) => copyRecord(stores.notifications.get(q.id) ?? q.notification)),
  };
}
