import { ChatbotError } from '../core/errors';
import { validate } from '../core/validate';
import type { Change } from '../storage';
import { EmojiSchema, IdSchema } from './schemas';
import { messageIdOfReactionKey, reactionKey, requireConversation, requireMessage, requireParticipant, type MessagingState, type ReactionRecord } from './state';
import { isEmoji } from './text';
import type { ReactionsSummary } from './types';

export function trackReaction(state: MessagingState, key: string, present: boolean): void {
  const messageId = messageIdOfReactionKey(key);
  let keys = state.reactionsByMessage.get(messageId);
  if (present) {
    if (!keys) state.reactionsByMessage.set(messageId, (keys = new Set()));
    keys.add(key);
  } else if (keys) {
    keys.delete(key);
    if (keys.size === 0) state.reactionsByMessage.delete(messageId);
  }
}

/** Toggles `userId`'s (the current user's) `emoji` on a message: true when added, false when removed. */
export function toggleReaction(state: MessagingState, messageIdInput: unknown, emojiInput: unknown, userId = state.currentUser()): boolean {
  const messageId = validate(IdSchema, messageIdInput, 'addReaction messageId');
  const emoji = validate(EmojiSchema, emojiInput, 'addReaction emoji');
  if (!isEmoji(emoji)) throw new ChatbotError('VALIDATION', `addReaction emoji: "${emoji.slice(0, 40)}" is not a single emoji`);
  const message = requireMessage(state, messageId);
  if (message.deleted) throw new ChatbotError('CONFLICT', `message "${messageId}" was deleted`);
  requireParticipant(requireConversation(state, message.conversationId), userId);
  state.storage.admit();
  const key = reactionKey(messageId, userId, emoji);
  const event = { messageId, conversationId: message.conversationId, userId, emoji };
  if (state.reactions.has(key)) {
    state.reactions.delete(key);
    trackReaction(state, key, false);
    state.events.emit('reaction_removed', event);
    return false;
  }
  const record: ReactionRecord = { id: key, ...event, createdAt: state.clock.now() };
  state.reactions.put(record);
  trackReaction(state, key, true);
  state.events.emit('reaction_added', event);
  return true;
}

/** `{ '👍': { count, users } }`, emojis in the order they were first used, users in reaction order. */
export function reactionsSummary(state: MessagingState, messageIdInput: unknown): ReactionsSummary {
  const messageId = validate(IdSchema, messageIdInput, 'getReactionsSummary messageId');
  // A deleted message has no reactions, even one another tab committed after the delete.
  if (requireMessage(state, messageId).deleted) return {};
  const records: ReactionRecord[] = [];
  for (const key of state.reactionsByMessage.get(messageId) ?? []) {
    const record = state.reactions.get(key);
    if (record) records.push(record);
  }
  records.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const summary: ReactionsSummary = {};
  for (const record of records) {
    const entry = (summary[record.emoji] ??= { count: 0, users: [] });
    entry.count++;
    entry.users.push(record.userId);
  }
  return summary;
}

/** Deletes the reaction records this tab knows of a deleted message (no events: the message is gone). */
export function dropReactions(state: MessagingState, messageId: string): void {
  for (const key of [...(state.reactionsByMessage.get(messageId) ?? [])]) state.reactions.delete(key);
  state.reactionsByMessage.delete(messageId);
}

/**
 * Deletes the reactions of those messages that storage holds as deleted or not at all. Storage,
 * not the read model, decides: a message this tab has not heard of yet may well exist.
 */
export function dropOrphanReactions(state: MessagingState, messageIds: readonly string[]): void {
  if (messageIds.length === 0) return;
  const check = async (): Promise<void> => {
    for (const messageId of messageIds) {
      const stored = await state.storage.get('messages', messageId);
      if (!stored || stored.deleted) dropReactions(state, messageId);
    }
  };
  state.background(check(), 'STORAGE_FAILED', 'removing reactions of deleted messages');
}

/** Applies reaction records another tab committed, and tells the listeners. */
export function applyRemoteReactions(state: MessagingState, changes: Array<Change<'reactions'>>, before: Map<string, ReactionRecord | undefined>): void {
  const orphans: string[] = [];
  for (const change of changes) {
    if (change.op === 'clear') {
      state.reactionsByMessage.clear();
      continue;
    }
    const had = before.get(change.key);
    const present = change.op === 'put';
    trackReaction(state, change.key, present);
    const record = change.value ?? had;
    if (!record) continue;
    if (present) {
      // Committed by a tab that had not yet heard of the message's deletion.
      const message = state.messages.get(record.messageId);
      if (message?.deleted) {
        dropReactions(state, record.messageId);
        continue;
      }
      if (!message) orphans.push(record.messageId);
    }
    const event = { messageId: record.messageId, conversationId: record.conversationId, userId: record.userId, emoji: record.emoji };
    if (present && !had) state.events.emit('reaction_added', event);
    else if (!present && had) state.events.emit('reaction_removed', event);
  }
  dropOrphanReactions(state, [...new Set(orphans)]);
}
