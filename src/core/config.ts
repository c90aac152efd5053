import * as z from 'zod/mini';
import { validate } from './validate';

/** The widget's languages; Spanish is the default. @example LANGUAGES.includes(navigator.language.slice(0, 2)) */
export const LANGUAGES = ['es', 'en', 'pt', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

const ModuleSection = z.optional(z.record(z.string(), z.unknown()));

/**
 * The widget's configuration. Every field has a default, so a bare `<script src=".../chatbot.js">`
 * works. Module sections (`messaging`, `pushNotifications`, `realtimeAnalytics`, `backupSystem`)
 * are validated by their modules.
 * @example ConfigSchema.parse({ storeName: 'Motos Don Pepe', language: 'en' }).position // 'right'
 */
export const ConfigSchema = z.object({
  storeName: z._default(z.string().check(z.minLength(1), z.maxLength(80)), 'Repuestos Motos'),
  brandColor: z._default(z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/)), '#c1121f'),
  position: z._default(z.enum(['right', 'left']), 'right'),
  language: z._default(z.enum(LANGUAGES), 'es'),
  catalogUrl: z._default(z.string().check(z.minLength(1)), '/catalog.json'),
  ordersUrl: z.optional(z.string().check(z.minLength(1))),
  greeting: z.optional(z.string().check(z.maxLength(500))),
  staffIds: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(64))), ['asesor']),
  userId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  serviceWorker: z._default(z.union([z.string().check(z.minLength(1)), z.literal(false)]), '/sw.js'),
  launcher: z._default(z.boolean(), true),
  messaging: ModuleSection,
  pushNotifications: ModuleSection,
  realtimeAnalytics: ModuleSection,
  backupSystem: ModuleSection,
  /** The parts assistant's store facts (hours, shipping, warranty, payment, handoffEndpoint): src/bot/settings.ts. */
  bot: ModuleSection,
  /** The store's XMPP server for live chat with staff (server, domain, rooms, staffQueue): src/live-chat/settings.ts. */
  liveChat: ModuleSection,
});

export type Config = z.output<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

/** @example parseConfig({ storeName: 'Motos Don Pepe' }).language // 'es' */
export function parseConfig(input: unknown): Config {
  return validate(ConfigSchema, input ?? {}, 'config');
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
