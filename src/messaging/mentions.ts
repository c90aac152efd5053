import { ChatbotError } from '../core/errors';
import { validate } from '../core/validate';
import { IdSchema, UserIdSchema } from './schemas';
import { mentionKey, type MessagingState } from './state';
import { parseMentions } from './text';
import type { Mention, MentionView, Message } from './types';

/**
 * Stores one mention record per mentioned user for `message` (the sender mentioning themself is
 * not a mention), drops the records of users no longer mentioned (after an edit), and returns
 * every mentioned user id.
 */
export function recordMentions(state: MessagingState, message: Message, previous: readonly string[]): string[] {
  const names = parseMentions(message.content.text).filter((name) => name !== message.senderId);
  for (const userId of previous) {
    if (!names.includes(userId)) state.mentions.delete(mentionKey(userId, message.id));
  }
  for (const userId of names) {
    if (previous.includes(userId)) continue;
    const mention: Mention = {
      id: mentionKey(userId, message.id),
      userId,
      messageId: message.id,
      conversationId: message.conversationId,
      senderId: message.senderId,
      createdAt: message.createdAt,
      read: false,
      readAt: null,
    };
    state.mentions.put(mention);
  }
  return names;
}

export function removeMentions(state: MessagingState, message: Message): void {
  for (const userId of message.mentions) state.mentions.delete(mentionKey(userId, message.id));
}

export function getMentions(state: MessagingState, userIdInput: unknown, unreadOnlyInput: unknown): MentionView[] {
  const userId = userIdInput === undefined ? state.currentUser() : validate(UserIdSchema, userIdInput, 'getMentions userId');
  if (unreadOnlyInput !== undefined && typeof unreadOnlyInput !== 'boolean') {
    throw new ChatbotError('VALIDATION', 'getMentions unreadOnly: expected boolean');
  }
  const out: MentionView[] = [];
  for (const mention of state.mentions.values()) {
    if (mention.userId !== userId || (unreadOnlyInput === true && mention.read)) continue;
    out.push({ ...mention, message: state.messages.get(mention.messageId) ?? null });
  }
  return out.sort((a, b) => b.createdAt - a.createdAt || (a.messageId < b.messageId ? 1 : -1));
}

export function markMentionAsRead(state: MessagingState, userIdInput: unknown, messageIdInput: unknown): void {
  const userId = validate(UserIdSchema, userIdInput, 'markMentionAsRead userId');
  const messageId = validate(IdSchema, messageIdInput, 'markMentionAsRead messageId');
  const id = mentionKey(userId, messageId);
  const mention = state.mentions.get(id);
  if (!mention) throw new ChatbotError('NOT_FOUND', `"${userId}" is not mentioned in message "${messageId}"`);
  if (mention.read) return;
  state.storage.admit();
  const now = state.clock.now();
  state.mentions.update(id, (current) => (current && !current.read ? { ...current, read: true, readAt: now } : current));
}
