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
  requireMessage(state, messageId);
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

/** Applies reaction records another tab committed, and tells the listeners. */
export function applyRemoteReactions(state: MessagingState, changes: Array<Change<'reactions'>>, before: Map<string, ReactionRecord | undefined>): void {
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
    const event = { messageId: record.messageId, conversationId: record.conversationId, userId: record.userId, emoji: record.emoji };
    if (present && !had) state.events.emit('reaction_added', event);
    else if (!present && had) state.events.emit('reaction_removed', event);
  }
}
