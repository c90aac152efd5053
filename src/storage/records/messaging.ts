/**
 * What the messaging module stores. The public `Conversation`, `Message` and `Mention` types are
 * these records (plus the derived message `status`), so a read from storage needs no cast.
 */

/** The kinds of message the seed lists. @example MESSAGE_TYPES.includes(message.type) */
export const MESSAGE_TYPES = ['text', 'image', 'file', 'video', 'audio', 'location'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export type ConversationType = 'direct' | 'group';

/**
 * What a message carries about one attachment; the Blob itself lives in the `attachments` store.
 * @example const url = URL.createObjectURL(await messagingSystem.getAttachment(info.id));
 */
export interface AttachmentInfo {
  id: string;
  name: string;
  /** MIME type as the browser reported it ('' when unknown). */
  mimeType: string;
  size: number;
}

export interface Location {
  latitude: number;
  longitude: number;
  /** Metres. */
  accuracy?: number;
  name?: string;
}

export interface MessageEdit {
  /** The text before this edit. */
  text: string;
  editedAt: number;
}

/**
 * A message as stored (store `messages`); its `status` is derived from the queue and the receipts,
 * never stored. `threadId` is the id of the thread's root (set on every reply, also replies to
 * replies); `replyTo` is the message it answers directly.
 */
export interface MessageRecord {
  id: string;
  conversationId: string;
  senderId: string;
  type: MessageType;
  content: { text: string; attachments: AttachmentInfo[]; location?: Location };
  replyTo: string | null;
  threadId: string | null;
  /** User ids mentioned with `@name`. */
  mentions: string[];
  createdAt: number;
  editedAt: number | null;
  /** Previous texts, oldest first. */
  edits: MessageEdit[];
  deleted: boolean;
  deletedAt: number | null;
  /**
   * Catalog skus a staff member showed as product cards (live chat only). Skus, never the product
   * itself: the widget shows each from the store's own catalog.
   */
  products?: string[];
}

/** A conversation (store `conversations`, index `byUpdated`). */
export interface ConversationRecord {
  id: string;
  type: ConversationType;
  name: string;
  participants: string[];
  createdBy: string;
  createdAt: number;
  /** Last change of the conversation itself (name, flags); activity is on the summary. */
  updatedAt: number;
  pinned: boolean;
  muted: boolean;
  archived: boolean;
}

/** One record per (message, user, emoji): two tabs reacting at once never overwrite each other. */
export interface ReactionRecord {
  id: string;
  messageId: string;
  conversationId: string;
  userId: string;
  emoji: string;
  createdAt: number;
}

/** One read marker per (conversation, user): the newest message they read. */
export interface ReceiptRecord {
  id: string;
  conversationId: string;
  userId: string;
  readAt: number;
  readId: string;
  updatedAt: number;
}

/** One record per (user, message) that mentions them (store `mentions`, index `byUser`). */
export interface MentionRecord {
  id: string;
  userId: string;
  messageId: string;
  conversationId: string;
  senderId: string;
  createdAt: number;
  read: boolean;
  readAt: number | null;
}

/** The stored form of an attachment: its Blob, in the `attachments` store (never kept in memory). */
export interface AttachmentRecord {
  id: string;
  messageId: string;
  conversationId: string;
  name: string;
  mimeType: string;
  size: number;
  blob: Blob;
  createdAt: number;
}

/** kv keys of the messaging module. */
export const MESSAGING_KV = {
  /** The id this browser's anonymous customer uses, the same in every tab. */
  anonymousUser: 'messaging:anonymousUser',
} as const;

export interface AnonymousUserRecord {
  id: typeof MESSAGING_KV.anonymousUser;
  value: string;
}
