import type { AssistantSession, ProductCard, ReplyKind } from './engine';

/** kv key prefixes of the assistant's records (every key starts with `bot:`). */
export const SESSION_PREFIX = 'bot:session:';
export const REPLY_PREFIX = 'bot:reply:';
export const OUTBOX_PREFIX = 'bot:outbox:';

/** What the chat shows with an assistant message besides its text (kv `bot:reply:<messageId>`). */
export interface ReplyDetails {
  id: string;
  messageId: string;
  kind: ReplyKind;
  products: ProductCard[];
  suggestions: string[];
}

/** What the assistant remembers of one conversation (kv `bot:session:<conversationId>`). */
export interface SessionRecord extends AssistantSession {
  id: string;
  /** Set while a handoff waits for staff: the customer's messages are forwarded to staff. */
  handoffAt?: number;
}
