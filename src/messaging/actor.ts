import { validate } from '../core/validate';
import { ChatbotError } from '../core/errors';
import { createConversation } from './conversations';
import { deleteMessage, editMessage } from './history';
import { reactionsSummary, toggleReaction } from './reactions';
import { markAsRead, unreadCount } from './receipts';
import { IdSchema, MessageIdsSchema } from './schemas';
import { sendMessage, type ReceivedMeta } from './send';
import { requireConversation, requireParticipant, type MessagingState } from './state';
import type { Typing } from './typing';
import type { Conversation, ConversationOptions, Message, MessageInput, SendOptions } from './types';

/**
 * Messaging acting as one user, whoever the tab's current user is: the seed's calls that act
 * "as me" (send, read, type, react, count unread) with the user said explicitly. The public API
 * acts as the current user through it; the chat panel acts as the customer and the assistant as
 * itself, so neither ever swaps the tab's current user. Not on the seed's public surface.
 * @example messaging.actAs('asistente').sendMessage(conversationId, { text: '¡Hola!' });
 */
export interface MessagingActor {
  readonly userId: string;
  createConversation(participants: string[], options?: ConversationOptions): Conversation;
  sendMessage(conversationId: string, input: MessageInput, options?: SendOptions): Message;
  markAsRead(conversationId: string, messageIds?: string[]): void;
  startTyping(conversationId: string): void;
  stopTyping(conversationId: string): void;
  /**
   * A message this user wrote elsewhere (another device, through the live chat's server), with
   * the id and time it has there: receiving the same id again returns the stored message.
   */
  receiveMessage(conversationId: string, input: MessageInput, meta: ReceivedMeta, options?: SendOptions): Message;
  editMessage(messageId: string, text: string): Message;
  deleteMessage(messageId: string, permanent?: boolean): void;
  /** Toggles this user's reaction; true when added, false when removed. */
  addReaction(messageId: string, emoji: string): boolean;
  /** Makes this user's reactions to a message exactly `emojis` (XEP-0444 sends the whole set). */
  setReactions(messageId: string, emojis: readonly string[]): void;
  getUnreadCount(conversationId: string): number;
}

/** @example const me = createActor(state, typing, 'client_123'); me.sendMessage(id, { text: 'Hola' }); */
export function createActor(state: MessagingState, typing: Typing, userId: string): MessagingActor {
  return {
    userId,
    createConversation: (participants, options) => createConversation(state, participants, options, userId),
    sendMessage(conversationId, input, options) {
      const message = sendMessage(state, conversationId, input, options, userId);
      typing.stop(message.conversationId, userId);
      return message;
    },
    markAsRead: (conversationId, messageIds) =>
      markAsRead(state, validate(IdSchema, conversationId, 'markAsRead conversationId'), validate(MessageIdsSchema, messageIds, 'markAsRead messageIds'), userId),
    startTyping(conversationId) {
      const conversation = requireConversation(state, validate(IdSchema, conversationId, 'startTyping conversationId'));
      requireParticipant(conversation, userId);
      typing.start(conversation.id, userId);
    },
    stopTyping(conversationId) {
      typing.stop(validate(IdSchema, conversationId, 'stopTyping conversationId'), userId);
    },
    receiveMessage(conversationId, input, meta, options) {
      const existing = state.messages.get(meta.id);
      if (existing) {
        if (existing.conversationId !== conversationId) throw new ChatbotError('CONFLICT', `message "${meta.id}" belongs to another conversation`);
        return existing;
      }
      const message = sendMessage(state, conversationId, input, options, userId, meta);
      typing.stop(message.conversationId, userId);
      return message;
    },
    editMessage: (messageId, text) => editMessage(state, messageId, text, userId),
    deleteMessage: (messageId, permanent) => deleteMessage(state, messageId, permanent, userId),
    addReaction: (messageId, emoji) => toggleReaction(state, messageId, emoji, userId),
    setReactions(messageId, emojis) {
      const wanted = new Set(emojis);
      const summary = reactionsSummary(state, messageId);
      const current = new Set(Object.entries(summary).filter(([, entry]) => entry.users.includes(userId)).map(([emoji]) => emoji));
      for (const emoji of current) if (!wanted.has(emoji)) toggleReaction(state, messageId, emoji, userId);
      for (const emoji of wanted) if (!current.has(emoji)) toggleReaction(state, messageId, emoji, userId);
    },
    getUnreadCount(conversationId) {
      const conversation = requireConversation(state, validate(IdSchema, conversationId, 'getUnreadCount conversationId'));
      return unreadCount(state, conversation.id, userId);
    },
  };
}
