import { ChatbotError } from '../core/errors';
import { compareMessages, searchSorted } from './message-store';
import { isAtOrBefore, receiptKey, requireConversation, requireParticipant, type MessagingState, type ReceiptRecord } from './state';
import type { Message } from './types';

/**
 * Read receipts as per-user read markers (Matrix's model): a marker on a message means that
 * message and everything before it in the conversation is read by that user.
 */
function markerOf(state: MessagingState, conversationId: string, userId: string): ReceiptRecord | undefined {
  return state.receipts.get(receiptKey(conversationId, userId));
}

/** Messages of others after the user's marker that are not deleted. */
export function unreadCount(state: MessagingState, conversationId: string, userId: string): number {
  const list = state.messages.inConversation(conversationId);
  const marker = markerOf(state, conversationId, userId);
  let count = 0;
  for (let i = list.length - 1; i >= 0; i--) {
    const message = list[i]!;
    if (isAtOrBefore(message, marker)) break;
    if (message.senderId !== userId && !message.deleted) count++;
  }
  return count;
}

export function totalUnread(state: MessagingState, userId: string): number {
  let total = 0;
  for (const conversation of state.conversations.values()) {
    if (conversation.participants.includes(userId)) total += unreadCount(state, conversation.id, userId);
  }
  return total;
}

/** `read` once every other participant's marker covers the message; true when it just became read. */
export function refreshStatus(state: MessagingState, message: Message): boolean {
  if (message.status === 'read' || message.deleted) return false;
  const conversation = state.conversations.get(message.conversationId);
  if (!conversation) return false;
  for (const userId of conversation.participants) {
    if (userId !== message.senderId && !isAtOrBefore(message, markerOf(state, message.conversationId, userId))) return false;
  }
  message.status = 'read';
  return true;
}

/** Statuses of a whole conversation at once (cold start): markers are looked up once. */
export function refreshConversationStatuses(state: MessagingState, conversationId: string): void {
  const conversation = state.conversations.get(conversationId);
  if (!conversation) return;
  const markers = conversation.participants.map((userId) => ({ userId, marker: markerOf(state, conversationId, userId) }));
  next: for (const message of state.messages.inConversation(conversationId)) {
    if (message.status === 'read' || message.deleted) continue;
    for (const { userId, marker } of markers) {
      if (userId !== message.senderId && !isAtOrBefore(message, marker)) continue next;
    }
    message.status = 'read';
  }
}

/** Messages of others in (from, to], for the `messages_read` event and status updates. */
function messagesBetween(state: MessagingState, conversationId: string, userId: string, from: ReceiptRecord | undefined, to: ReceiptRecord): Message[] {
  const list = state.messages.inConversation(conversationId);
  const end = searchSorted(list, { createdAt: to.readAt, id: to.readId });
  const stop = list[end]?.id === to.readId ? end : end - 1;
  const out: Message[] = [];
  for (let i = stop; i >= 0; i--) {
    const message = list[i]!;
    if (isAtOrBefore(message, from)) break;
    if (message.senderId !== userId) out.push(message);
  }
  return out.reverse();
}

/** Applies a marker that moved (here or in another tab): statuses and the event. */
export function applyMarkerMove(state: MessagingState, previous: ReceiptRecord | undefined, next: ReceiptRecord): void {
  if (isAtOrBefore({ createdAt: next.readAt, id: next.readId }, previous)) return;
  const newlyRead = messagesBetween(state, next.conversationId, next.userId, previous, next);
  for (const message of newlyRead) {
    if (refreshStatus(state, message)) state.events.emit('message_status_changed', message);
  }
  if (newlyRead.length > 0) {
    state.events.emit('messages_read', {
      conversationId: next.conversationId,
      userId: next.userId,
      messageIds: newlyRead.map((m) => m.id),
    });
  }
}

export function markAsRead(state: MessagingState, conversationId: string, messageIds: string[] | undefined, userId = state.currentUser()): void {
  const conversation = requireConversation(state, conversationId);
  requireParticipant(conversation, userId);
  const list = state.messages.inConversation(conversationId);
  let newest: Message | undefined;
  if (messageIds === undefined) newest = list[list.length - 1];
  else {
    for (const id of messageIds) {
      const message = state.messages.get(id);
      if (!message) throw new ChatbotError('NOT_FOUND', `no message "${id}"`);
      if (message.conversationId !== conversationId) {
        throw new ChatbotError('VALIDATION', `message "${id}" belongs to another conversation`);
      }
      if (!newest || compareMessages(newest, message) < 0) newest = message;
    }
  }
  if (!newest) return;
  const previous = markerOf(state, conversationId, userId);
  if (isAtOrBefore(newest, previous)) return;
  state.storage.admit();
  const now = state.clock.now();
  const candidate: ReceiptRecord = { id: receiptKey(conversationId, userId), conversationId, userId, readAt: newest.createdAt, readId: newest.id, updatedAt: now };
  // A marker only moves forward, also when two tabs mark at once.
  const position = { createdAt: candidate.readAt, id: candidate.readId };
  const next = state.receipts.update(candidate.id, (current) => (current && isAtOrBefore(position, current) ? current : { ...candidate }));
  if (next) applyMarkerMove(state, previous, next);
}
