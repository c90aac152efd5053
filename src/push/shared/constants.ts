/**
 * Names shared by the page module and the service worker. Both open the same IndexedDB and
 * talk over the same BroadcastChannel, so every key lives here once (the messages themselves are
 * typed with the other tabs' in src/core/tab-messages.ts).
 * @example if (CATEGORIES.includes(category)) …
 */
export const CATEGORIES = ['orders', 'messages', 'promotions', 'reviews', 'system'] as const;
export type Category = (typeof CATEGORIES)[number];

/** `urgent` bypasses quiet hours (Novu/Knock: critical notifications ignore schedules). */
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const PUSH_KV = {
  /** The user's preferences (the service worker reads the same record). */
  preferences: 'push:preferences',
  /** What the service worker needs from the page's config: language, icons, routes, VAPID key. */
  settings: 'push:settings',
  /** The current push subscription (JSON), for pushsubscriptionchange and the dashboards. */
  subscription: 'push:subscription',
} as const;

/** One Web Lock serialises firing scheduled notifications and releasing the queue across tabs and the worker. */
export const PUSH_LOCK = 'chatbot-push-delivery';

/** Tag of the periodic / one-off background sync that wakes the worker for due notifications. */
export const PUSH_SYNC_TAG = 'chatbot-push-due';

export const DEFAULT_ICON = '/icons/icon-192.png';

/** Chromium shows at most two action buttons (Notification.maxActions). */
export const MAX_ACTIONS = 2;

/** The notification center keeps this many records; the oldest read ones go first. */
export const DEFAULT_CENTER_LIMIT = 500;

/** Fired schedule marks are kept this long, so a late wake-up never fires them again. */
export const FIRED_MARK_TTL_MS = 30 * 24 * 3600 * 1000;
