import type { Events } from '../core/events';
import type { NotificationFilter, NotificationStats } from './center';
import type { Preferences, PreferencesPatch } from './shared/preferences';
import type { NotificationRecord } from './shared/records';
import type { SendOptions } from './shared/schemas';
import type { Release } from './shared/summary';
import type { MessageInput, OrderInput, PromotionInput, ReviewInput } from './shared/typed';

/**
 * A pending scheduled notification as `schedule()` returns it.
 * @example const s = pushNotifications.schedule('Recordatorio', {}, new Date(Date.now() + 3600000)); s.date // Date
 */
export interface ScheduledNotification {
  id: string;
  title: string;
  options: SendOptions;
  /** Due time (epoch ms); `date` is the same as a Date. */
  at: number;
  date: Date;
  createdAt: number;
  status: 'pending' | 'fired' | 'cancelled';
}

/**
 * Events of `pushNotifications.on(type, handler)`.
 * @example pushNotifications.on('notification_clicked', ({ action, url }) => console.log(action, url));
 */
export type PushEvents = {
  /** A notification was shown (or, without permission / with notifications off, recorded only: see `status`). */
  notification_sent: NotificationRecord;
  /** Held back by quiet hours; shown (or summarised) when they end. */
  notification_queued: NotificationRecord;
  /** Not shown: its category is off (`dropped`, not stored) or notifications are off (`suppressed`). */
  notification_suppressed: NotificationRecord;
  /** The service worker recorded a Web Push notification while this page was open. */
  notification_received: NotificationRecord;
  /** The user clicked a notification (or one of its actions); `url` is where it leads. */
  notification_clicked: { id: string; ids: string[]; action: string; url: string | null; notification?: NotificationRecord };
  notification_closed: { id: string };
  notification_scheduled: ScheduledNotification;
  scheduled_cancelled: { id: string };
  /** The quiet-hours queue was released: each entry one notification or one summary. */
  queue_released: { count: number; releases: Release[] };
  preferences_changed: Preferences;
  permission_changed: { permission: NotificationPermission | 'unsupported' };
  subscription_changed: { subscription: PushSubscriptionJSON | null };
};

/**
 * `CHATBOT_SYSTEM.pushNotifications` / `window.pushNotifications`: the seed's API.
 * @example
 * await pushNotifications.requestPermission();
 * await pushNotifications.send('Pedido enviado', { body: 'Tu pedido #1234 está en camino', category: 'orders' });
 */
export interface PushNotifications {
  readonly ready: Promise<void>;
  /** The current notification permission (`'unsupported'` where the browser has none). */
  readonly permission: NotificationPermission | 'unsupported';
  isSupported(): boolean;
  requestPermission(): Promise<boolean>;
  subscribe(): Promise<PushSubscriptionJSON>;
  unsubscribe(): Promise<boolean>;
  getSubscription(): PushSubscriptionJSON | null;
  send(title: string, options?: SendOptions): Promise<NotificationRecord>;
  sendOrderNotification(order: OrderInput): Promise<NotificationRecord>;
  sendMessageNotification(message: MessageInput): Promise<NotificationRecord>;
  sendPromotionNotification(promotion: PromotionInput): Promise<NotificationRecord>;
  sendReviewNotification(review: ReviewInput): Promise<NotificationRecord>;
  schedule(title: string, options: SendOptions | undefined, date: Date | number): ScheduledNotification;
  cancelScheduled(id: string): boolean;
  getScheduled(): ScheduledNotification[];
  setPreferences(patch: PreferencesPatch): Preferences;
  getPreferences(): Preferences;
  getNotifications(filter?: NotificationFilter): NotificationRecord[];
  markAsRead(id: string): NotificationRecord;
  markAllAsRead(category?: string): number;
  deleteNotification(id: string): boolean;
  clearAll(category?: string): number;
  getStats(): NotificationStats;
  /** Notifications held by quiet hours, oldest first. */
  getQueue(): NotificationRecord[];
  /** Fires due scheduled notifications and releases the queue now (the timers do this on their own). */
  processDue(): Promise<{ fired: NotificationRecord[]; released: number }>;
  on: Events<PushEvents>['on'];
  off: Events<PushEvents>['off'];
}
