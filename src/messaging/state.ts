import type { Background } from '../core/background';
import type { Clock } from '../core/clock';
import { ChatbotError } from '../core/errors';
import type { Events } from '../core/events';
import type { Collection, MessageRecord, ChatbotStorage } from '../storage';
import type { MessageStore } from './message-store';
import type { MessagingConfig } from './schemas';
import type { SearchIndex } from './search-index';
import type { Conversation, Message, MessagingEvents } from './types';

export type { ReactionRecord, ReceiptRecord } from '../storage';

/** Everything the messaging operations share. */
export interface MessagingState {
  clock: Clock;
  storage: ChatbotStorage;
  config: MessagingConfig;
  language: string;
  events: Events<MessagingEvents>;
  conversations: Collection<'conversations'>;
  messages: MessageStore;
  index: SearchIndex;
  reactions: Collection<'reactions'>;
  reactionsByMessage: Map<string, Set<string>>;
  /**
   * Messages this tab knows were deleted for good (ids are never reused): another tab's commit of
   * one of them heard after the delete is older than it, and must not bring it back.
   */
  gone: Set<string>;
  receipts: Collection<'receipts'>;
  mentions: Collection<'mentions'>;
  currentUser(): string;
  /** Marks the message delivered once the queue has committed it. */
  trackDelivery(message: Message): void;
  /** Work nobody awaits (the module context's), tracked for `idle()`, failures reported. */
  background: Background['run'];
}

export const reactionKey = (messageId: string, userId: string, emoji: string): string => `${messageId}|${userId}|${emoji}`;
export const messageIdOfReactionKey = (key: string): string => key.slice(0, key.indexOf('|'));
export const receiptKey = (conversationId: string, userId: string): string => `${conversationId}|${userId}`;
export const mentionKey = (userId: string, messageId: string): string => `${messageId}|${userId}`;

export function requireConversation(state: MessagingState, conversationId: string): Conversation {
  const conversation = state.conversations.get(conversationId);
  if (!conversation) throw new ChatbotError('NOT_FOUND', `no conversation "${conversationId}"`);
  return conversation;
}

export function requireMessage(state: MessagingState, messageId: string): Message {
  const message = state.messages.get(messageId);
  if (!message) throw new ChatbotError('NOT_FOUND', `no message "${messageId}"`);
  return message;
}

export function requireParticipant(conversation: Conversation, userId: string): void {
  if (!conversation.participants.includes(userId)) {
    throw new ChatbotError('FORBIDDEN', `"${userId}" is not a participant of conversation "${conversation.id}"`);
  }
}

/** The text the search index holds for a message: its text, attachment names and place name. */
function searchableText(message: Message): string {
  if (message.deleted) return '';
  const { text, attachments, location } = message.content;
  if (attachments.length === 0 && !location?.name) return text;
  return [text, ...attachments.map((a) => a.name), location?.name ?? ''].join(' ');
}

/** Adds, refreshes or drops a message's search entries. */
export function indexMessage(state: MessagingState, message: Message): void {
  if (message.deleted) state.index.remove(message.id);
  else state.index.add(message.id, searchableText(message), message.createdAt, message.conversationId, message.senderId);
}

/** The stored form of a message: `status` is derived (from the queue and the receipts), never stored. */
export function toRecord(message: Message): MessageRecord {
  const { status: _status, ...record } = message;
  return record;
}

/** Whether (createdAt, id) of `a` is at or before the marker. */
export function isAtOrBefore(message: { createdAt: number; id: string }, marker: { readAt: number; readId: string } | undefined): boolean {
  if (!marker) return false;
  return message.createdAt < marker.readAt || (message.createdAt === marker.readAt && message.id <= marker.readId);
}
