/**
 * What the parts assistant stores, all in kv under `bot:`: what it remembers of each conversation,
 * what the chat shows with each of its replies, and the messages waiting for the store's staff.
 */

/** What a product card shows; a snapshot, so history keeps showing it if the catalog changes. */
export interface ProductCard {
  sku: string;
  name: string;
  brand: string;
  category: string;
  price: number;
  stock: number;
  image?: string;
  url?: string;
  universal: boolean;
  /** Model names the part fits ("Boxer CT100"), empty when universal. */
  fits: string[];
}

export const REPLY_KINDS = [
  'products', 'ask_model', 'no_results', 'no_fit', 'bike_noted', 'order', 'order_ask_id', 'order_not_found',
  'order_unavailable', 'info', 'handoff', 'greeting', 'thanks', 'fallback', 'catalog_unavailable', 'not_covered', 'unsure',
  'goodbye', 'smalltalk',
] as const;
export type ReplyKind = (typeof REPLY_KINDS)[number];

/** The ranking a customer asks for instead of a match ("la más barata", "original", "la mejor"). */
export const RANKS = ['cheapest', 'priciest', 'best', 'genuine', 'generic'] as const;
export type Rank = (typeof RANKS)[number];

/** One part of a saved question ("guaya del cloche", "las de atrás"). */
export interface SavedPart {
  terms: string[];
  position?: 'front' | 'rear';
  /** The customer's words for the part, for answers that quote them. */
  display: string;
  /** Named by its complement only ("¿y el de aire?"): the kind comes from the previous question. */
  elliptic?: boolean;
}

/** A parts question as the assistant keeps it between messages. */
export interface SavedQuestion {
  parts: SavedPart[];
  sizes: string[];
  rims: number[];
  rank?: Rank;
  position?: 'front' | 'rear';
  /** A price ceiling the customer named ("de menos de 50 mil"). */
  maxPrice?: number;
}

/** What the assistant remembers between messages of one conversation (plain data, saved). */
export interface AssistantSession {
  bike?: { key: string; year?: number };
  /** A question waiting for the bike (`options`: the models offered) or for an order number. */
  pending?: { kind: 'product'; question: SavedQuestion; options?: string[] } | { kind: 'order' };
  /** The last parts question, for "¿y para la ybr?", "¿y las traseras?", "¿y el de aire?". */
  last?: SavedQuestion;
  /** The last order asked about, for "¿y el 1235?". */
  order?: string;
}

/** kv key prefixes of the assistant's records (every key starts with `bot:`). */
export const BOT_KV = {
  prefix: 'bot:',
  session: 'bot:session:',
  reply: 'bot:reply:',
  delivery: 'bot:outbox:',
} as const;

/** What the assistant remembers of one conversation (kv `bot:session:<conversationId>`). */
export interface BotSessionRecord extends AssistantSession {
  id: `bot:session:${string}`;
  /** Set while a handoff waits for staff: the customer's messages are forwarded to staff. */
  handoffAt?: number;
  /** When a person of the store last wrote here: while they talk with the customer, the assistant keeps quiet. */
  staffAt?: number;
}

/** What the chat shows with an assistant message besides its text (kv `bot:reply:<messageId>`). */
export interface ReplyDetails {
  id: `bot:reply:${string}`;
  messageId: string;
  kind: ReplyKind;
  products: ProductCard[];
  suggestions: string[];
}

/** A message for the store's staff, kept until the network takes it (kv `bot:outbox:<id>`). */
export interface StaffDelivery {
  id: `bot:outbox:${string}`;
  kind: 'handoff' | 'message';
  conversationId: string;
  customerId: string;
  /** The customer's message this delivery carries. */
  messageId: string;
  text: string;
  /** The conversation so far, for the staff who picks the handoff up. */
  transcript?: string;
  /** The bike the customer named to the assistant ("Bajaj Boxer CT100 2019"), when known. */
  bike?: string;
  createdAt: number;
  status: 'pending' | 'sent';
  attempts: number;
  sentAt?: number;
  lastError?: string;
}

export type BotKvRecord = BotSessionRecord | ReplyDetails | StaffDelivery;

/** @example if (isBotRecord(change.value)) records.set(change.value.id, change.value); */
export const isBotRecord = (record: { id: string }): record is BotKvRecord => record.id.startsWith(BOT_KV.prefix);
export const isBotSession = (record: { id: string }): record is BotSessionRecord => record.id.startsWith(BOT_KV.session);
export const isReplyDetails = (record: { id: string }): record is ReplyDetails => record.id.startsWith(BOT_KV.reply);
export const isStaffDelivery = (record: { id: string }): record is StaffDelivery => record.id.startsWith(BOT_KV.delivery);
