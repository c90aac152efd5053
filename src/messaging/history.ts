import { ChatbotError } from '../core/errors';
import { validate } from '../core/validate';
import { removeMentions, recordMentions } from './mentions';
import { searchSorted } from './message-store';
import { EditTextSchema, GetMessagesOptionsSchema, IdSchema, PermanentSchema, toTime } from './schemas';
import { indexMessage, requireConversation, requireMessage, type MessagingState } from './state';
import type { MessageRecord } from '../storage';
import type { GetMessagesOptions, Message, Thread } from './types';

/** The tombstone text of a soft-deleted message, in the widget's language. */
const DELETED_TEXT: Record<string, string> = {
  es: 'mensaje eliminado',
  en: 'message deleted',
  pt: 'mensagem apagada',
  fr: 'message supprimé',
};

function requireOwnMessage(state: MessagingState, messageId: string, action: string, userId: string): Message {
  const message = requireMessage(state, messageId);
  if (message.senderId !== userId) {
    throw new ChatbotError('FORBIDDEN', `only the sender ("${message.senderId}") can ${action} message "${messageId}", not "${userId}"`);
  }
  return message;
}

export function editMessage(state: MessagingState, messageIdInput: unknown, textInput: unknown, userId = state.currentUser()): Message {
  const messageId = validate(IdSchema, messageIdInput, 'editMessage messageId');
  const text = validate(EditTextSchema, textInput, 'editMessage text').trim();
  const message = requireOwnMessage(state, messageId, 'edit', userId);
  if (message.deleted) throw new ChatbotError('CONFLICT', `message "${messageId}" was deleted`);
  if (text.length > state.config.maxTextLength) {
    throw new ChatbotError('TOO_LARGE', `text has ${text.length} characters; the limit is ${state.config.maxTextLength}`);
  }
  if (text.length === 0 && message.type === 'text') throw new ChatbotError('VALIDATION', 'editMessage text: a text message cannot be empty');
  if (text === message.content.text) return message;
  state.storage.admit();

  const now = state.clock.now();
  const next: Message = {
    ...message,
    content: { ...message.content, text },
    editedAt: now,
    edits: [...message.edits, { text: message.content.text, editedAt: now }],
  };
  const mentions = recordMentions(state, next, message.mentions);
  next.mentions = mentions;
  // Merged against the committed record: an edit never resurrects a message another tab deleted.
  state.storage.update('messages', messageId, (stored) => {
    // Already this text (another tab's identical edit, a retried commit): no history entry for it.
    if (!stored || stored.deleted || stored.content.text === text) return stored;
    return { ...stored, content: { ...stored.content, text }, editedAt: now, edits: [...stored.edits, { text: stored.content.text, editedAt: now }], mentions };
  });
  state.messages.replace(next);
  indexMessage(state, next);
  state.events.emit('message_edited', next);
  const added = mentions.filter((userId) => !message.mentions.includes(userId));
  if (added.length > 0) state.events.emit('user_mentioned', { message: next, mentions: added });
  return next;
}

/** Drops what belongs to a message besides its record: files, reactions, mentions, search entries. */
function dropDependents(state: MessagingState, message: Message): void {
  for (const attachment of message.content.attachments) state.storage.delete('attachments', attachment.id);
  for (const key of [...(state.reactionsByMessage.get(message.id) ?? [])]) state.reactions.delete(key);
  state.reactionsByMessage.delete(message.id);
  removeMentions(state, message);
  state.index.remove(message.id);
}

/** The soft-deleted form of a message (or of its stored record). */
function tombstoneOf<T extends MessageRecord>(message: T, text: string, now: number): T {
  return {
    ...message,
    content: { text, attachments: [] },
    mentions: [],
    edits: [],
    deleted: true,
    deletedAt: message.deletedAt ?? now,
  };
}

export function deleteMessage(state: MessagingState, messageIdInput: unknown, permanentInput: unknown, userId = state.currentUser()): void {
  const messageId = validate(IdSchema, messageIdInput, 'deleteMessage messageId');
  const permanent = validate(PermanentSchema, permanentInput, 'deleteMessage permanent') ?? false;
  const message = requireOwnMessage(state, messageId, 'delete', userId);
  if (message.deleted && !permanent) return;
  state.storage.admit();
  dropDependents(state, message);
  const conversationId = message.conversationId;
  if (permanent) {
    state.storage.delete('messages', messageId);
    state.messages.remove(messageId);
    state.gone.add(messageId);
    state.events.emit('message_deleted', { messageId, conversationId, permanent: true, message: null });
    return;
  }
  const text = DELETED_TEXT[state.language] ?? DELETED_TEXT.es!;
  const now = state.clock.now();
  const tombstone = tombstoneOf(message, text, now);
  state.storage.update('messages', messageId, (current) => (current ? tombstoneOf(current, text, now) : current));
  state.messages.replace(tombstone);
  state.events.emit('message_deleted', { messageId, conversationId, permanent: false, message: tombstone });
}

export function getThread(state: MessagingState, parentIdInput: unknown): Thread {
  const parentId = validate(IdSchema, parentIdInput, 'getThread parentId');
  const message = requireMessage(state, parentId);
  const rootId = message.threadId ?? message.id;
  const parent = state.messages.get(rootId);
  if (!parent) throw new ChatbotError('NOT_FOUND', `the thread root "${rootId}" was deleted`);
  const replies = [...state.messages.replies(rootId)];
  const live = replies.filter((reply) => !reply.deleted);
  return { parentId: rootId, parent, replies, replyCount: live.length, lastReply: live[live.length - 1] ?? null };
}

export function getMessages(state: MessagingState, conversationIdInput: unknown, optionsInput: unknown): Message[] {
  const conversationId = validate(IdSchema, conversationIdInput, 'getMessages conversationId');
  const options: GetMessagesOptions = validate(GetMessagesOptionsSchema, optionsInput, 'getMessages options') ?? {};
  requireConversation(state, conversationId);
  const list = state.messages.inConversation(conversationId);
  const before = toTime(options.before);
  const after = toTime(options.after);
  const limit = options.limit ?? 50;
  let end = before === undefined ? list.length : searchSorted(list, { createdAt: before, id: '' });
  const start = after === undefined ? 0 : searchSorted(list, { createdAt: after + 1, id: '' });
  const out: Message[] = [];
  while (end > start && out.length < limit) {
    const message = list[--end]!;
    if (options.includeReplies === false && message.threadId) continue;
    out.push(message);
  }
  return out.reverse();
}
