import { ChatbotError } from '../core/errors';
import { createId } from '../core/ids';
import { validate } from '../core/validate';
import { unreadCount } from './receipts';
import { ConversationChangesSchema, ConversationOptionsSchema, IdSchema, ListOptionsSchema, ParticipantsSchema, UserIdSchema } from './schemas';
import { requireConversation, requireParticipant, type MessagingState } from './state';
import type { Conversation, ConversationChanges, ConversationOptions, ConversationSummary, ListConversationsOptions } from './types';

export function createConversation(state: MessagingState, participantsInput: unknown, optionsInput: unknown, createdBy = state.currentUser()): Conversation {
  const participants = [...new Set(validate(ParticipantsSchema, participantsInput, 'createConversation participants'))];
  const options: ConversationOptions = validate(ConversationOptionsSchema, optionsInput, 'createConversation options') ?? {};
  const type = options.type ?? (participants.length === 2 ? 'direct' : 'group');
  if (type === 'direct' && participants.length !== 2) {
    throw new ChatbotError('VALIDATION', `a direct conversation has exactly two participants, got ${participants.length}`);
  }
  if (participants.length < 2) throw new ChatbotError('VALIDATION', 'a conversation needs at least two different participants');
  if (type === 'direct') {
    // Like Slack and Matrix DMs: one direct conversation per pair of users.
    for (const existing of state.conversations.values()) {
      if (existing.type === 'direct' && participants.every((p) => existing.participants.includes(p))) return existing;
    }
  }
  state.storage.admit();
  const now = state.clock.now();
  const conversation: Conversation = {
    id: createId('conv', now),
    type,
    name: options.name?.trim() || participants.join(', '),
    participants,
    createdBy,
    createdAt: now,
    updatedAt: now,
    pinned: false,
    muted: false,
    archived: false,
  };
  state.conversations.put({ ...conversation });
  const stored = state.conversations.get(conversation.id)!;
  state.events.emit('conversation_created', stored);
  return stored;
}

export function getConversation(state: MessagingState, conversationId: unknown): Conversation | undefined {
  return state.conversations.get(validate(IdSchema, conversationId, 'getConversation conversationId'));
}

function summarize(state: MessagingState, conversation: Conversation, userId: string): ConversationSummary {
  const list = state.messages.inConversation(conversation.id);
  let lastMessage = null;
  for (let i = list.length - 1; i >= 0; i--) {
    if (!list[i]!.deleted) {
      lastMessage = list[i]!;
      break;
    }
  }
  const lastActivityAt = Math.max(conversation.createdAt, list[list.length - 1]?.createdAt ?? 0);
  return { ...conversation, lastMessage, lastActivityAt, unreadCount: unreadCount(state, conversation.id, userId) };
}

function byPinnedThenActivity(a: ConversationSummary, b: ConversationSummary): number {
  return Number(b.pinned) - Number(a.pinned) || b.lastActivityAt - a.lastActivityAt || (a.id < b.id ? 1 : -1);
}

export function listConversations(state: MessagingState, userIdInput: unknown, optionsInput: unknown): ConversationSummary[] {
  const userId = userIdInput === undefined ? state.currentUser() : validate(UserIdSchema, userIdInput, 'listConversations userId');
  const options: ListConversationsOptions = validate(ListOptionsSchema, optionsInput, 'listConversations options') ?? {};
  const out: ConversationSummary[] = [];
  for (const conversation of state.conversations.values()) {
    if (!conversation.participants.includes(userId)) continue;
    if (options.archived !== undefined && conversation.archived !== options.archived) continue;
    if (options.pinned !== undefined && conversation.pinned !== options.pinned) continue;
    out.push(summarize(state, conversation, userId));
  }
  return out.sort(byPinnedThenActivity);
}

export function recentConversations(state: MessagingState, limit: number): ConversationSummary[] {
  const user = state.currentUser();
  const all = [...state.conversations.values()].map((c) => summarize(state, c, user));
  return all.sort((a, b) => b.lastActivityAt - a.lastActivityAt || (a.id < b.id ? 1 : -1)).slice(0, limit);
}

export function updateConversation(state: MessagingState, conversationId: unknown, changesInput: unknown): Conversation {
  const id = validate(IdSchema, conversationId, 'updateConversation conversationId');
  const changes: ConversationChanges = validate(ConversationChangesSchema, changesInput, 'updateConversation changes');
  if (changes.name !== undefined && changes.name.trim() === '') throw new ChatbotError('VALIDATION', 'updateConversation changes: name is blank');
  const conversation = requireConversation(state, id);
  requireParticipant(conversation, state.currentUser());
  const patch: Partial<Conversation> = {};
  if (changes.name !== undefined) patch.name = changes.name.trim();
  if (changes.pinned !== undefined) patch.pinned = changes.pinned;
  if (changes.muted !== undefined) patch.muted = changes.muted;
  if (changes.archived !== undefined) patch.archived = changes.archived;
  if (Object.keys(patch).length === 0) return conversation;
  state.storage.admit();
  const now = state.clock.now();
  // Only the changed fields are merged, so two tabs changing different fields both win.
  const next = state.conversations.update(id, (current) =>
    current ? { ...current, ...patch, updatedAt: Math.max(current.updatedAt, now) } : current,
  );
  if (!next) throw new ChatbotError('NOT_FOUND', `no conversation "${id}"`);
  state.events.emit('conversation_updated', next);
  return next;
}
