import * as z from 'zod/mini';
import { LANGUAGES, type Language } from '../../core/config';
import { DEFAULT_CENTER_LIMIT, DEFAULT_ICON } from './constants';
import { LinkSchema } from './schemas';
import type { PushSettingRecord } from '../../storage';

const RouteSchema = z.string().check(z.minLength(1), z.maxLength(512));

/**
 * The `pushNotifications` config section (`CHATBOT_CONFIG.pushNotifications`, or the script tag's
 * `data-vapid-key` / `data-push-endpoint`). Routes are templates: `{id}`, `{conversationId}`…
 * @example PushConfigSchema.parse({ vapidPublicKey: 'BEl6…', subscriptionEndpoint: '/api/push/subscriptions' }).timeoutMs // 8000
 */
export const PushConfigSchema = z.object({
  vapidPublicKey: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{40,200}={0,2}$/))),
  subscriptionEndpoint: z.optional(LinkSchema),
  icon: z._default(LinkSchema, DEFAULT_ICON),
  badge: z._default(LinkSchema, DEFAULT_ICON),
  /** Upper bound for subscribe/permission/registration waits: the API never hangs. */
  timeoutMs: z._default(z.number().check(z.int(), z.minimum(500), z.maximum(120_000)), 8_000),
  /** Notification center size; the oldest read notifications are pruned first. */
  maxNotifications: z._default(z.number().check(z.int(), z.minimum(10), z.maximum(10_000)), DEFAULT_CENTER_LIMIT),
  routes: z._default(
    z.object({
      order: z._default(RouteSchema, '/?order={id}'),
      track: z._default(RouteSchema, '/?order={id}&track=1'),
      chat: z._default(RouteSchema, '/?chat={conversationId}'),
      product: z._default(RouteSchema, '/?product={productId}'),
      promotions: z._default(RouteSchema, '/'),
      home: z._default(RouteSchema, '/'),
    }),
    { order: '/?order={id}', track: '/?order={id}&track=1', chat: '/?chat={conversationId}', product: '/?product={productId}', promotions: '/', home: '/' },
  ),
});
export type PushConfig = z.output<typeof PushConfigSchema>;

/** What the page writes to kv `push:settings` for the service worker (it has no config of its own). */
const PushSettingsSchema = z.object({
  language: z.enum(LANGUAGES),
  storeName: z.string(),
  icon: LinkSchema,
  badge: LinkSchema,
  maxNotifications: z.number(),
  routes: PushConfigSchema.shape.routes,
  vapidPublicKey: z.optional(z.string()),
  subscriptionEndpoint: z.optional(z.string()),
});
export type PushSettings = z.output<typeof PushSettingsSchema>;

export const DEFAULT_SETTINGS: PushSettings = {
  language: 'es',
  storeName: 'Repuestos Motos',
  icon: DEFAULT_ICON,
  badge: DEFAULT_ICON,
  maxNotifications: DEFAULT_CENTER_LIMIT,
  routes: { order: '/?order={id}', track: '/?order={id}&track=1', chat: '/?chat={conversationId}', product: '/?product={productId}', promotions: '/', home: '/' },
};

/**
 * The settings the page writes for the worker, from the widget config and the push section.
 * @example pushSettingsFor({ language: 'en', storeName: 'Motos' }, PushConfigSchema.parse({})).language // 'en'
 */
export function pushSettingsFor(widget: { language: Language; storeName: string }, config: PushConfig): PushSettings {
  return {
    language: widget.language,
    storeName: widget.storeName,
    icon: config.icon,
    badge: config.badge,
    maxNotifications: config.maxNotifications,
    routes: config.routes,
    ...(config.vapidPublicKey ? { vapidPublicKey: config.vapidPublicKey } : {}),
    ...(config.subscriptionEndpoint ? { subscriptionEndpoint: config.subscriptionEndpoint } : {}),
  };
}

/** Reads the settings record defensively (the worker must work before any page wrote it). */
export function readSettings(record: PushSettingRecord | undefined): PushSettings {
  const parsed = PushSettingsSchema.safeParse(record?.value);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/** Fills a route template, URL-encoding each value. @example route('/?chat={conversationId}', { conversationId: 'c 1' }) // '/?chat=c%201' */
export function route(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? encodeURIComponent(String(values[key])) : match));
}
