import * as z from 'zod/mini';
import { LANGUAGES } from './config';

const ModuleSection = z.optional(z.record(z.string(), z.unknown()));

/**
 * The widget's configuration. Every field has a default, so a bare `<script src=".../chatbot.js">`
 * works. Module sections (`messaging`, `pushNotifications`, `realtimeAnalytics`, `backupSystem`)
 * are validated by their modules. Pages check it with `parseConfig` (the same rules written by
 * hand, so that zod stays out of what every page downloads; a unit test holds the two together).
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
