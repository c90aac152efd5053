import type * as z from 'zod/mini';
import type { ConfigSchema } from './config-schema';
import { array, boolean, check, object, oneOf, optional, record, string, union, withDefault, type Guard } from './guards';

/** The widget's languages; Spanish is the default. @example LANGUAGES.includes(navigator.language.slice(0, 2)) */
export const LANGUAGES = ['es', 'en', 'pt', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The widget's configuration, as `ConfigSchema` (src/core/config-schema.ts) gives it. */
export type Config = z.output<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

const moduleSection = optional(record());

// ConfigSchema, checked by hand: the config is read on every page before the launcher shows.
const ConfigGuard: Guard<Config> = object({
  storeName: withDefault(string({ min: 1, max: 80 }), 'Repuestos Motos'),
  brandColor: withDefault(string({ pattern: /^#[0-9a-fA-F]{6}$/ }), '#c1121f'),
  position: withDefault(oneOf(['right', 'left'] as const), 'right'),
  language: withDefault(oneOf(LANGUAGES), 'es'),
  catalogUrl: withDefault(string({ min: 1 }), '/catalog.json'),
  ordersUrl: optional(string({ min: 1 })),
  greeting: optional(string({ max: 500 })),
  staffIds: withDefault(array(string({ min: 1, max: 64 })), ['asesor']),
  userId: optional(string({ min: 1, max: 128 })),
  serviceWorker: withDefault(union(string({ min: 1 }), oneOf([false] as const)), '/sw.js'),
  launcher: withDefault(boolean, true),
  messaging: moduleSection,
  pushNotifications: moduleSection,
  realtimeAnalytics: moduleSection,
  backupSystem: moduleSection,
  bot: moduleSection,
  liveChat: moduleSection,
});

/**
 * Validates the widget's configuration as `ConfigSchema` does (defaults filled in, unknown keys
 * dropped), or throws a `VALIDATION` ChatbotError naming what is wrong.
 * @example parseConfig({ storeName: 'Motos Don Pepe' }).language // 'es'
 */
export function parseConfig(input: unknown): Config {
  return check(ConfigGuard, input ?? {}, 'config');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * Deep-merges plain objects; arrays and other values in `patch` replace those in `base`. The result
 * is a plain record: validate it (parseConfig, parseBackupConfig) to type it again.
 */
export function mergeDeep(base: object, patch: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    // A JSON-parsed patch may carry an own `__proto__` key: assigning it would swap the result's prototype.
    if (value === undefined || key === '__proto__') continue;
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? mergeDeep(current, value) : value;
  }
  return out;
}

const DATASET_KEYS = {
  storeName: 'storeName',
  brandColor: 'brandColor',
  position: 'position',
  lang: 'language',
  language: 'language',
  catalogUrl: 'catalogUrl',
  ordersUrl: 'ordersUrl',
  greeting: 'greeting',
  staffIds: 'staffIds',
  userId: 'userId',
  sw: 'serviceWorker',
  launcher: 'launcher',
  vapidKey: 'vapidPublicKey',
  pushEndpoint: 'pushSubscriptionEndpoint',
  analyticsEndpoint: 'analyticsEndpoint',
  chatServer: 'liveChat.server',
  chatDomain: 'liveChat.domain',
  chatRooms: 'liveChat.rooms',
  staffQueue: 'liveChat.staffQueue',
} as const;

/**
 * Reads the script tag's `data-*` attributes (as `dataset`) into a partial config.
 * @example configFromDataset({ storeName: 'Motos', staffIds: 'ana,luis', sw: 'false' })
 */
export function configFromDataset(dataset: Record<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const push: Record<string, string> = {};
  const analytics: Record<string, string> = {};
  const liveChat: Record<string, string | string[]> = {};
  for (const [attr, key] of Object.entries(DATASET_KEYS)) {
    const raw = dataset[attr];
    if (raw === undefined || raw === '') continue;
    switch (key) {
      case 'staffIds':
        out.staffIds = raw.split(',').map((id) => id.trim()).filter(Boolean);
        break;
      case 'serviceWorker':
        out.serviceWorker = raw === 'false' ? false : raw;
        break;
      case 'launcher':
        out.launcher = raw !== 'false';
        break;
      case 'vapidPublicKey':
        push.vapidPublicKey = raw;
        break;
      case 'pushSubscriptionEndpoint':
        push.subscriptionEndpoint = raw;
        break;
      case 'analyticsEndpoint':
        analytics.endpoint = raw;
        break;
      case 'liveChat.server':
      case 'liveChat.domain':
      case 'liveChat.rooms':
        liveChat[key.slice('liveChat.'.length)] = raw;
        break;
      case 'liveChat.staffQueue':
        liveChat.staffQueue = raw.split(',').map((jid) => jid.trim()).filter(Boolean);
        break;
      default:
        out[key] = raw;
    }
  }
  if (Object.keys(push).length > 0) out.pushNotifications = push;
  if (Object.keys(analytics).length > 0) out.realtimeAnalytics = analytics;
  if (Object.keys(liveChat).length > 0) out.liveChat = liveChat;
  return out;
}
