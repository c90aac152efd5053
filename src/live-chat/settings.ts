import * as z from 'zod/mini';
import { ChatbotError } from '../core/errors';
import { validate } from '../core/validate';
import { BareJidSchema } from './protocol/live-event';

const DomainSchema = z.string().check(z.minLength(1), z.maxLength(1023), z.regex(/^[a-z0-9.-]+$/i));

/**
 * The store's XMPP server (`config.liveChat`, or the script tag's `data-chat-server`,
 * `data-chat-domain`, `data-chat-rooms`, `data-staff-queue`). Without a server the live chat is
 * off and the widget works as before: local conversation, assistant, handoff webhook.
 * @example parseLiveChatSettings({ server: 'wss://chat.tienda.co/xmpp-websocket', domain: 'chat.tienda.co', staffQueue: ['ventas@staff.chat.tienda.co'] })
 */
export const LiveChatSettingsSchema = z.object({
  /** WebSocket URL (RFC 7395), `wss://` (or `ws://` on localhost). */
  server: z.optional(z.string().check(z.regex(/^wss?:\/\/[^\s]+$/i), z.maxLength(2048))),
  /** The customers' XMPP domain (in-band registration is open there). */
  domain: z.optional(DomainSchema),
  /** The room service (MUC); `rooms.<domain>` by default. */
  rooms: z.optional(DomainSchema),
  /** The file upload service (XEP-0363); `upload.<domain>` by default. */
  upload: z.optional(DomainSchema),
  /** Staff accounts invited to every new conversation. */
  staffQueue: z._default(z.array(BareJidSchema).check(z.maxLength(20)), []),
  /** How long a request may wait for the server (ms). */
  requestTimeoutMs: z._default(z.int().check(z.minimum(1_000), z.maximum(120_000)), 15_000),
});

export type LiveChatSettingsInput = z.input<typeof LiveChatSettingsSchema>;

/** Settings of a configured live chat: every address resolved. */
export interface LiveChatSettings {
  server: string;
  domain: string;
  rooms: string;
  upload: string;
  staffQueue: string[];
  requestTimeoutMs: number;
}

/**
 * The live chat's settings, or `undefined` when no server is configured (the embedded default).
 * Throws VALIDATION on a malformed section, or a server without its domain.
 */
export function parseLiveChatSettings(section: unknown): LiveChatSettings | undefined {
  const parsed = validate(LiveChatSettingsSchema, section ?? {}, 'config.liveChat');
  if (!parsed.server) return undefined;
  const domain = parsed.domain ?? hostOf(parsed.server);
  if (!domain) throw new ChatbotError('VALIDATION', 'config.liveChat.domain: needed when the server URL has no host name');
  return { server: parsed.server, domain, rooms: parsed.rooms ?? `rooms.${domain}`, upload: parsed.upload ?? `upload.${domain}`, staffQueue: parsed.staffQueue, requestTimeoutMs: parsed.requestTimeoutMs };
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}
