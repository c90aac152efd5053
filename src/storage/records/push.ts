/**
 * What the push module stores; the service worker reads and writes the same records.
 */

export const CATEGORIES = ['orders', 'messages', 'promotions', 'reviews', 'system'] as const;
export type Category = (typeof CATEGORIES)[number];

/** `urgent` bypasses quiet hours (Novu/Knock: critical notifications ignore schedules). */
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/**
 * What happened to a notification:
 * `shown` (on screen), `queued` (quiet hours; shown when they end), `summarized` (released from the
 * queue inside a summary), `suppressed` (notifications switched off: kept in the center only),
 * `blocked` (no notification permission: kept in the center only), `dropped` (its category is
 * switched off: not stored), `failed` (the browser refused to show it).
 */
export type NotificationStatus = 'shown' | 'queued' | 'summarized' | 'suppressed' | 'blocked' | 'dropped' | 'failed';
export type NotificationSource = 'page' | 'push' | 'schedule';

export interface NotificationAction {
  action: string;
  title: string;
  icon?: string;
}

/**
 * One notification of the notification center (IndexedDB store `notifications`).
 * @example pushNotifications.getNotifications({ unread: true })[0] // { id, title, body, category, status, read, … }
 */
export interface NotificationRecord {
  id: string;
  title: string;
  body: string;
  icon: string;
  badge: string;
  image?: string;
  category: Category;
  priority: Priority;
  tag?: string;
  /** Where a click leads (same-origin path or http(s) URL). */
  url: string;
  actions: NotificationAction[];
  /** Per action: where it leads, or null for actions that only mark read (`dismiss`). */
  actionUrls: Record<string, string | null>;
  data: Record<string, unknown>;
  renotify?: boolean;
  requireInteraction?: boolean;
  silent?: boolean;
  lang?: string;
  createdAt: number;
  read: boolean;
  readAt?: number;
  status: NotificationStatus;
  source: NotificationSource;
  shownAt?: number;
  scheduledId?: string;
}

/** A scheduled notification (store `scheduled`, index `byDue` on `at`). */
export interface ScheduledRecord {
  id: string;
  title: string;
  /** The send options as given (validated when scheduled). */
  options: Record<string, unknown>;
  /** Due time, epoch ms. */
  at: number;
  createdAt: number;
  /** `fired` is the durable mark that makes a missed one fire once, never twice. */
  status: 'pending' | 'fired';
  firedAt?: number;
  firedBy?: string;
  notificationId?: string;
}

/** A notification held back by quiet hours (store `notificationQueue`, index `byCategory`). */
export interface QueuedRecord {
  /** The id of the notification it holds. */
  id: string;
  category: Category;
  queuedAt: number;
  notification: NotificationRecord;
}

/** kv keys of the push module (the service worker reads the same records). */
export const PUSH_KV = {
  /** The user's preferences (the service worker reads the same record). */
  preferences: 'push:preferences',
  /** What the service worker needs from the page's config: language, icons, routes, VAPID key. */
  settings: 'push:settings',
  /** The current push subscription (JSON), for pushsubscriptionchange and the dashboards. */
  subscription: 'push:subscription',
} as const;

/**
 * Preferences and settings are parsed on every read (`readPreferences`, `readSettings`): a page or
 * service worker of another version may have written them, so their value stays `unknown` here.
 */
export interface PushSettingRecord {
  id: typeof PUSH_KV.preferences | typeof PUSH_KV.settings;
  value: unknown;
  updatedAt: number;
}

export interface PushSubscriptionRecord {
  id: typeof PUSH_KV.subscription;
  value: PushSubscriptionJSON;
  updatedAt: number;
}

/** A kv record of the push module: `{ id: PUSH_KV.x, value, updatedAt }`. */
export type PushKvRecord = PushSettingRecord | PushSubscriptionRecord;
