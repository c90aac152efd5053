import type { Events } from '../core/events';
import type { ModuleLifecycle } from '../core/module';
import type { ConversationRecord, ConversationType, Location, MentionRecord, MessageRecord, MessageType } from '../storage';

export { MESSAGE_TYPES } from '../storage';
export type { AttachmentInfo, ConversationType, Location, MessageEdit, MessageType } from '../storage';

/**
 * `sent` (queued in this tab) → `delivered` (committed to IndexedDB, visible to every tab) → `read` (every other participant read it).
 * @example const ticks = MESSAGE_STATUSES.indexOf(message.status) + 1; // 1, 2 or 3 ticks
 */
export const MESSAGE_STATUSES = ['sent', 'delivered', 'read'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * One message. Treat it as read-only: the module replaces it on edit and delete.
 * @example
 * const message: Message = messagingSystem.sendMessage(conv.id, { text: 'Hola' });
 * message.status; // 'sent', then 'delivered', then 'read'
 * `threadId` is the id of the thread's root (set on every reply, also replies to replies);
 * `replyTo` is the message it answers directly.
 */
export interface Message extends MessageRecord {
  status: MessageStatus;
}

/** @example const conv: Conversation = messagingSystem.createConversation(['ana', 'asesor']); */
export type Conversation = ConversationRecord;

/**
 * A conversation as listed: with its last message and the unread count of the asking user.
 * @example for (const c of messagingSystem.listConversations()) badge(c.id, c.unreadCount);
 */
export interface ConversationSummary extends Conversation {
  lastMessage: Message | null;
  /** Time of the last message, or of the conversation's creation. */
  lastActivityAt: number;
  unreadCount: number;
}

/** @example const { replies, replyCount } = messagingSystem.getThread(rootId); */
export interface Thread {
  parentId: string;
  parent: Message;
  /** Oldest first; soft-deleted replies appear as tombstones. */
  replies: Message[];
  /** Replies that are not deleted. */
  replyCount: number;
  lastReply: Message | null;
}

export interface ReactionSummaryEntry {
  count: number;
  users: string[];
}
/** @example messagingSystem.getReactionsSummary(id)['👍']?.count */
export type ReactionsSummary = Record<string, ReactionSummaryEntry>;

export type Mention = MentionRecord;

/** A mention with its message, as `getMentions` returns it. @example messagingSystem.getMentions('juan', true).length */
export interface MentionView extends Mention {
  message: Message | null;
}

/** @example const { unreadMessages } = messagingSystem.getStats(); */
export interface MessagingStats {
  totalConversations: number;
  totalMessages: number;
  /** Messages with at least one reply. */
  totalThreads: number;
  /** Unread messages of the current user, over all their conversations. */
  unreadMessages: number;
}

export interface ReactionEvent {
  messageId: string;
  conversationId: string;
  userId: string;
  emoji: string;
}

/**
 * The events of `messagingSystem.on(...)`; they also fire for changes made in another tab.
 * @example messagingSystem.on('user_mentioned', ({ message, mentions }) => notify(mentions, message.content.text));
 */
export type MessagingEvents = {
  message_sent: Message;
  message_edited: Message;
  /** A message of this conversation became `delivered` or `read` (not in the seed; for ticks in a UI). */
  message_status_changed: Message;
  message_deleted: { messageId: string; conversationId: string; permanent: boolean; message: Message | null };
  reaction_added: ReactionEvent;
  reaction_removed: ReactionEvent;
  user_mentioned: { message: Message; mentions: string[] };
  typing_started: { conversationId: string; userId: string };
  typing_stopped: { conversationId: string; userId: string };
  messages_read: { conversationId: string; userId: string; messageIds: string[] };
  conversation_created: Conversation;
  conversation_updated: Conversation;
  /** Everything was reloaded from IndexedDB (after a backup restore): redraw from scratch. Not in the seed. */
  state_reloaded: { conversations: number; messages: number };
};

export type AttachmentInput = Blob | { blob: Blob; name?: string };

/** @example messagingSystem.sendMessage(conv.id, { text: 'Mira', attachments: [file] } satisfies MessageInput); */
export interface MessageInput {
  text?: string;
  type?: MessageType;
  attachments?: AttachmentInput[];
  location?: Location;
}

export interface SendOptions {
  replyTo?: string | null;
}

export interface ConversationOptions {
  name?: string;
  type?: ConversationType;
}

export interface ConversationChanges {
  name?: string;
  pinned?: boolean;
  muted?: boolean;
  archived?: boolean;
}

export interface ListConversationsOptions {
  archived?: boolean;
  pinned?: boolean;
}

/** @example messagingSystem.searchMessages('pastillas', { conversationId: conv.id, limit: 20 } satisfies SearchOptions); */
export interface SearchOptions {
  conversationId?: string;
  senderId?: string;
  /** Inclusive lower bound on `createdAt` (ms or Date). */
  since?: number | Date;
  /** Exclusive upper bound on `createdAt` (ms or Date). */
  before?: number | Date;
  limit?: number;
}

export interface GetMessagesOptions {
  /** Only messages created strictly before this time (ms or Date): paging back through history. */
  before?: number | Date;
  /** Only messages created strictly after this time. */
  after?: number | Date;
  /** The newest `limit` messages of the range (default 50). */
  limit?: number;
  /** Include thread replies (default true); false lists only the main timeline. */
  includeReplies?: boolean;
}

export type ExportFormat = 'json' | 'text';

/** Rough memory the search index holds, for the dashboard and the bench. */
export interface SearchIndexStats {
  documents: number;
  tokens: number;
  postings: number;
  bytes: number;
}

/**
 * The seed's `messagingSystem` (`window.messagingSystem`, `CHATBOT_SYSTEM.messaging`).
 * Every call is synchronous over an in-memory read model; writes are durable after
 * `await CHATBOT_SYSTEM.flush()` and reach the other open tabs.
 * @example
 * const conv = messagingSystem.createConversation(['client_123', 'asesor'], { type: 'direct' });
 * messagingSystem.setCurrentUser('client_123');
 * const message = messagingSystem.sendMessage(conv.id, { text: '¿Tienen filtro para Boxer CT100?' });
 * messagingSystem.searchMessages('filtro boxer'); // [message]
 */
export interface MessagingSystem extends ModuleLifecycle {
  /** The user this tab acts as (sender of messages, reader of receipts). */
  readonly currentUser: string;
  setCurrentUser(userId: string): void;

  createConversation(participants: string[], options?: ConversationOptions): Conversation;
  getConversation(conversationId: string): Conversation | undefined;
  listConversations(userId?: string, options?: ListConversationsOptions): ConversationSummary[];
  /** The most recently active conversations of every user (admin dashboards). */
  getRecentConversations(limit?: number): ConversationSummary[];
  updateConversation(conversationId: string, changes: ConversationChanges): Conversation;

  sendMessage(conversationId: string, input: MessageInput, options?: SendOptions): Message;
  getMessage(messageId: string): Message | undefined;
  /** A conversation's messages, oldest first (the newest `limit` of the range). */
  getMessages(conversationId: string, options?: GetMessagesOptions): Message[];
  editMessage(messageId: string, text: string): Message;
  deleteMessage(messageId: string, permanent?: boolean): void;
  /** The stored file of an attachment. Rejects NOT_FOUND once its message was deleted. */
  getAttachment(attachmentId: string): Promise<Blob>;
  searchMessages(query: string, options?: SearchOptions): Message[];

  getThread(parentId: string): Thread;

  /** Toggles the current user's reaction; returns true when added, false when removed. */
  addReaction(messageId: string, emoji: string): boolean;
  getReactionsSummary(messageId: string): ReactionsSummary;

  getMentions(userId?: string, unreadOnly?: boolean): MentionView[];
  markMentionAsRead(userId: string, messageId: string): void;

  startTyping(conversationId: string): void;
  stopTyping(conversationId: string): void;
  getTypingUsers(conversationId: string): string[];

  /** Marks the given messages (all when omitted) and everything before them read for the current user. */
  markAsRead(conversationId: string, messageIds?: string[]): void;
  getUnreadCount(conversationId: string): number;
  getTotalUnreadCount(userId?: string): number;

  exportConversation(conversationId: string, format?: ExportFormat): string;
  getStats(): MessagingStats;
  getSearchIndexStats(): SearchIndexStats;
  /** Deletes every conversation, message, reaction, receipt, mention and attachment, in every tab. */
  clearStorage(): void;
  /** Rebuilds the read model and search index from IndexedDB (after a backup restore); emits `state_reloaded`. */
  reloadState(): Promise<void>;

  on: Events<MessagingEvents>['on'];
  off: Events<MessagingEvents>['off'];
}
