/**
 * Names shared by the page module and the service worker. Both open the same IndexedDB and
 * talk over the same BroadcastChannel, so every key lives here once (the messages themselves are
 * typed with the other tabs' in src/core/tab-messages.ts).
 * @example if (CATEGORIES.includes(category)) …
 */
export { CATEGORIES, PRIORITIES, PUSH_KV } from '../../storage';
export type { Category, Priority } from '../../storage';

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
