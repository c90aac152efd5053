import { validate } from '../core/validate';
import { createConversation } from './conversations';
import { toggleReaction } from './reactions';
import { markAsRead, unreadCount } from './receipts';
import { IdSchema, MessageIdsSchema } from './schemas';
import { sendMessage } from './send';
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
  /** Toggles this user's reaction; true when added, false when removed. */
  addReaction(messageId: string, emoji: string): boolean;
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
    addReaction: (messageId, emoji) => toggleReaction(state, messageId, emoji, userId),
    getUnreadCount(conversationId) {
      const conversation = requireConversation(state, validate(IdSchema, conversationId, 'getUnreadCount conversationId'));
      return unreadCount(state, conversation.id, userId);
    },
  };
}
