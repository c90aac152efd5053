import { createId } from '../../core/ids';
import { MAX_ACTIONS } from './constants';
import type { NotificationRecord, NotificationSource } from './records';
import type { SendOptions } from './schemas';
import type { PushSettings } from './settings';

export interface BuildContext {
  settings: PushSettings;
  now: number;
  source: NotificationSource;
  id?: string;
}

/**
 * Turns `send(title, options)` input (already validated) into a notification-center record.
 * @example buildRecord('Pedido enviado', { category: 'orders' }, { settings, now: Date.now(), source: 'page' })
 */
export function buildRecord(title: string, options: SendOptions, context: BuildContext): NotificationRecord {
  const url = options.url ?? context.settings.routes.home;
  const actions = (options.actions ?? []).slice(0, MAX_ACTIONS);
  const actionUrls: Record<string, string | null> = {};
  for (const action of actions) {
    actionUrls[action.action] = action.url ?? (isDismissAction(action.action) ? null : url);
  }
  const record: NotificationRecord = {
    id: context.id ?? createId('ntf', context.now),
    title,
    body: options.body ?? '',
    icon: options.icon ?? context.settings.icon,
    badge: options.badge ?? context.settings.badge,
    category: options.category ?? 'system',
    priority: options.priority ?? 'normal',
    url,
    actions: actions.map((a) => (a.icon ? { action: a.action, title: a.title, icon: a.icon } : { action: a.action, title: a.title })),
    actionUrls,
    data: options.data ?? {},
    createdAt: context.now,
    read: false,
    status: 'shown',
    source: context.source,
  };
  if (options.image) record.image = options.image;
  if (options.tag) record.tag = options.tag;
  if (options.renotify !== undefined) record.renotify = options.renotify;
  if (options.requireInteraction !== undefined) record.requireInteraction = options.requireInteraction;
  if (options.silent !== undefined) record.silent = options.silent;
  if (options.lang) record.lang = options.lang;
  return record;
}

/** Actions that only mark the notification read, without opening a page. */
function isDismissAction(action: string): boolean {
  return action === 'dismiss' || action === 'mark_read' || action === 'close';
}

/** The data a shown notification carries back to `notificationclick`. */
export interface NotificationData {
  chatbot: 1;
  id: string;
  ids?: string[];
  category: string;
  url: string;
  actionUrls: Record<string, string | null>;
  extra: Record<string, unknown>;
}

/** Options for `registration.showNotification` (Chromium supports more than TypeScript's DOM lib lists). */
export interface ShowOptions {
  body: string;
  icon: string;
  badge: string;
  image?: string;
  tag?: string;
  renotify?: boolean;
  requireInteraction?: boolean;
  silent?: boolean;
  vibrate?: number[];
  lang?: string;
  timestamp: number;
  actions: Array<{ action: string; title: string; icon?: string }>;
  data: NotificationData;
}

/**
 * The display options of a record under the user's sound/vibration preferences.
 * @example registration.showNotification(record.title, toShowOptions(record, prefs))
 */
export function toShowOptions(record: NotificationRecord, prefs: { sound: boolean; vibration: boolean }): ShowOptions {
  const options: ShowOptions = {
    body: record.body,
    icon: record.icon,
    badge: record.badge,
    timestamp: record.createdAt,
    actions: record.actions,
    silent: record.silent ?? !prefs.sound,
    requireInteraction: record.requireInteraction ?? record.priority === 'urgent',
    data: { chatbot: 1, id: record.id, category: record.category, url: record.url, actionUrls: record.actionUrls, extra: record.data },
  };
  if (prefs.vibration && !options.silent) options.vibrate = record.priority === 'urgent' ? [300, 100, 300, 100, 300] : [200, 100, 200];
  if (record.image) options.image = record.image;
  if (record.tag) {
    options.tag = record.tag;
    // A replaced notification only alerts again when asked to; renotify needs a tag in Chromium.
    options.renotify = record.renotify ?? true;
  }
  if (record.lang) options.lang = record.lang;
  return options;
}
