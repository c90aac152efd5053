import * as z from 'zod/mini';
import { ProductSkusSchema } from './product-element';

// What an inbound stanza means to the chat, as plain data. Every event the parsers produce is
// checked against these schemas; a stanza whose event does not pass is reported and ignored.

/** Longest text accepted from the server (Prosody's own stanza limit is 256 KB). */
export const MAX_TEXT_LENGTH = 20_000;

// A pragmatic RFC 7622 check: local part and domain without whitespace or markup characters; a
// resource (a room nick) may hold spaces and symbols, but no control characters.
const JID_PATTERN = /^(?:[^@/\s"&'<>:]{1,1023}@)?[^@/\s"&'<>]{1,1023}(?:\/\P{Cc}{1,1023})?$/u;
export const JidSchema = z.string().check(z.maxLength(3071), z.regex(JID_PATTERN));
/** A JID without resource: a room, or an account. */
export const BareJidSchema = z.string().check(z.maxLength(2047), z.regex(/^(?:[^@/\s"&'<>:]{1,1023}@)?[^@/\s"&'<>]{1,1023}$/u));
export const StanzaIdSchema = z.string().check(z.minLength(1), z.maxLength(256));
const TextSchema = z.string().check(z.maxLength(MAX_TEXT_LENGTH));
// Plain checks rather than z.url/z.discriminatedUnion: every zod constructor the app uses lands in
// the shared chunk the store page loads at start-up, and these two would be there only for this.
/** An http(s) URL without whitespace or markup characters (an attachment link). */
export const HttpUrlSchema = z.string().check(z.maxLength(4096), z.regex(/^https?:\/\/[^\s"'<>]+$/i));
// One reaction is one emoji; a few code units cover skin tones and ZWJ sequences.
const EmojiSchema = z.string().check(z.minLength(1), z.maxLength(32));

export const CHAT_STATES = ['active', 'composing', 'paused', 'inactive', 'gone'] as const;
export type ChatState = (typeof CHAT_STATES)[number];

const base = {
  /** The conversation: the room's bare JID (or the peer's for a direct message). */
  conversation: BareJidSchema,
  /** The sender as the server gave it: `room@rooms.example/nick` in a room. */
  from: JidSchema,
  /** The sender's nick in a room. */
  nick: z.optional(z.string().check(z.minLength(1), z.maxLength(1023))),
  /** XEP-0421: a stable id of the occupant, the same across nick changes and reconnects. */
  occupantId: z.optional(StanzaIdSchema),
  /** The `id` attribute the sender gave the stanza. */
  id: z.optional(StanzaIdSchema),
  /** XEP-0359 origin-id: the sender's stable id, the same on every retry. */
  originId: z.optional(StanzaIdSchema),
  /** XEP-0359 stanza-id given by the conversation (the room): also the archive id. */
  stanzaId: z.optional(StanzaIdSchema),
  /** When it was sent: the delay stamp when delayed or archived, else when it arrived. */
  timestamp: z.number().check(z.int(), z.minimum(0)),
  /** True when it comes from the archive or offline storage rather than live. */
  delayed: z.boolean(),
};

export const MessageEventSchema = z.object({
  ...base,
  type: z.literal('message'),
  text: TextSchema,
  /** XEP-0461: the message this one answers (the room's stanza-id of it in a room). */
  replyTo: z.optional(z.object({ id: StanzaIdSchema, to: z.optional(JidSchema) })),
  /** XEP-0066 link to an attachment (uploaded with XEP-0363). */
  attachment: z.optional(z.object({ url: HttpUrlSchema, description: z.optional(TextSchema) })),
  /** XEP-0333: the sender wants to know when it is displayed. */
  markable: z.boolean(),
  /** Written by the store's assistant (marked `<assistant xmlns='urn:repuestos-motos:assistant:0'/>`), not by the customer. */
  assistant: z.optional(z.boolean()),
  /** Catalog skus of the product cards a staff member sent (`<product xmlns='urn:repuestos-motos:product:0' sku='…'/>`). */
  products: z.optional(ProductSkusSchema),
});

export const CorrectionEventSchema = z.object({ ...base, type: z.literal('correction'), targetId: StanzaIdSchema, text: TextSchema });
export const RetractionEventSchema = z.object({ ...base, type: z.literal('retraction'), targetId: StanzaIdSchema });
export const ReactionEventSchema = z.object({
  ...base,
  type: z.literal('reaction'),
  targetId: StanzaIdSchema,
  /** The sender's whole set of reactions to the target (empty: all removed). */
  emojis: z.array(EmojiSchema).check(z.maxLength(20)),
});
export const ReceiptEventSchema = z.object({
  ...base,
  type: z.literal('receipt'),
  /** `received` (XEP-0184 or XEP-0333) or `displayed` (XEP-0333). */
  receipt: z.enum(['received', 'displayed']),
  targetId: StanzaIdSchema,
});
export const ChatStateEventSchema = z.object({ ...base, type: z.literal('chat-state'), state: z.enum(CHAT_STATES) });
export const InvitationEventSchema = z.object({
  ...base,
  type: z.literal('invitation'),
  room: BareJidSchema,
  /** Who invited, as the room shows them (`room/nick`) or their JID for a direct invitation. */
  inviter: z.optional(JidSchema),
  reason: z.optional(TextSchema),
  password: z.optional(z.string().check(z.maxLength(1023))),
  /** XEP-0045 mediated (through the room) rather than XEP-0249 direct. */
  mediated: z.boolean(),
});
export const SubjectEventSchema = z.object({ ...base, type: z.literal('subject'), subject: TextSchema });
/** A stanza the server bounced back (e.g. `policy-violation` from the firewall). */
export const ErrorEventSchema = z.object({
  ...base,
  type: z.literal('error'),
  /** The id of the stanza that failed. */
  targetId: z.optional(StanzaIdSchema),
  condition: z.string().check(z.minLength(1), z.maxLength(64)),
  text: z.optional(TextSchema),
});

/** The schema of each event type: a stanza's candidate event is checked against its own type's. */
export const LIVE_EVENT_SCHEMAS = {
  message: MessageEventSchema,
  correction: CorrectionEventSchema,
  retraction: RetractionEventSchema,
  reaction: ReactionEventSchema,
  receipt: ReceiptEventSchema,
  'chat-state': ChatStateEventSchema,
  invitation: InvitationEventSchema,
  subject: SubjectEventSchema,
  error: ErrorEventSchema,
} as const;

export const LiveEventSchema = z.union([
  MessageEventSchema,
  CorrectionEventSchema,
  RetractionEventSchema,
  ReactionEventSchema,
  ReceiptEventSchema,
  ChatStateEventSchema,
  InvitationEventSchema,
  SubjectEventSchema,
  ErrorEventSchema,
]);

/**
 * Everything the live chat learns from the server, one plain object per fact.
 * @example if (event.type === 'message') show(event.text);
 */
export type LiveEvent = z.output<typeof LiveEventSchema>;
export type LiveEventType = LiveEvent['type'];
export type LiveEventOf<T extends LiveEventType> = Extract<LiveEvent, { type: T }>;
