import type { DBSchema } from 'idb';
import type { AnalyticsOutboxRecord, EventBatchRecord, EventColumnsRecord, SessionRecord } from './records/analytics';
import type { BackupBlobRecord, BackupRecord, BackupUploadRecord } from './records/backup';
import type { KvKey, KvRecord, KvValue } from './records/kv';
import type {
  AttachmentRecord, ConversationRecord, MentionRecord, MessageRecord, ReactionRecord, ReceiptRecord,
} from './records/messaging';
import type { NotificationRecord, QueuedRecord, ScheduledRecord } from './records/push';

export const DB_NAME = 'chatbot-repuestos-motos';
export const DB_VERSION = 2;

/** Every entity is an object whose string `id` is its key. */
export interface StoredRecord {
  id: string;
}

/**
 * One item of a durable outbox (`createOutbox`, src/storage/outbox.ts), under the key
 * `${kind}:${itemId}`. A type (not an interface) so that it is a StoredRecord as it is.
 */
export type OutboxRecord = {
  id: string;
  /** The outbox's name. */
  kind: string;
  /** The caller's id of the item (what makes enqueueing idempotent). */
  itemId: string;
  createdAt: number;
  /** Orders the items one tab queued in the same millisecond. */
  seq: number;
  /** Failed tries so far. */
  attempts: number;
  /** Not tried again before this time (backoff). */
  nextAt: number;
  lastError?: string;
  payload: unknown;
};

/** One committed write batch of the journal: the mutations of one transaction, in order. */
export interface JournalRecord {
  seq?: number;
  /** Time of the first mutation of the batch (index `byTime`). */
  time: number;
  tabId: string;
  entries: JournalEntry[];
}

export interface JournalEntry {
  at: number;
  store: EntityStore;
  op: 'put' | 'delete' | 'clear';
  key?: string;
  value?: EntityRecord;
}

type Entity<Value extends StoredRecord, Indexes extends Record<string, IDBValidKey> = Record<never, never>> = {
  key: Value['id'];
  value: Value;
  indexes: Indexes;
};

/**
 * The whole database, typed (idb's DBSchema): each store's key, value and indexes. The record
 * types live in `records/` (one file per module); modules import them from here rather than
 * declaring their own, so a read needs no cast.
 */
export interface ChatbotDB extends DBSchema {
  /** Small settings and state; every key namespace is listed in `records/kv.ts`. */
  kv: Entity<KvRecord>;
  conversations: Entity<ConversationRecord, { byUpdated: number }>;
  messages: Entity<MessageRecord, { byConversation: [string, number]; byThread: string }>;
  reactions: Entity<ReactionRecord, { byMessage: string }>;
  receipts: Entity<ReceiptRecord, { byConversation: string }>;
  mentions: Entity<MentionRecord, { byUser: string }>;
  attachments: Entity<AttachmentRecord, { byMessage: string }>;
  notifications: Entity<NotificationRecord, { byCreated: number; byCategory: [string, number] }>;
  scheduled: Entity<ScheduledRecord, { byDue: number }>;
  notificationQueue: Entity<QueuedRecord, { byCategory: string }>;
  sessions: Entity<SessionRecord, { byStarted: number }>;
  /**
   * Analytics events, one record per flushed batch (append-only data is packed).
   * `byTimeCount` lets analytics sum event counts from index keys alone (no values read).
   */
  events: Entity<EventBatchRecord, { byTime: number; byTimeCount: [number, number] }>;
  /** The analyses' columnar copy of each events batch (same id; derived, rebuilt when missing). */
  eventColumns: Entity<EventColumnsRecord, { byTime: number; byTimeCount: [number, number] }>;
  /** Outgoing requests waiting for the network (analytics batches, cloud uploads). */
  /**
   * Items of every durable outbox (`createOutbox`). The two older shapes are queue records of
   * version 13.0, still read (and rewritten in today's shape) by `readOutboxRecord`.
   */
  outbox: Entity<OutboxRecord | AnalyticsOutboxRecord | BackupUploadRecord, { byCreated: number }>;
  backups: Entity<BackupRecord, { byCreated: number }>;
  backupBlobs: Entity<BackupBlobRecord>;
  journal: { key: number; value: JournalRecord; indexes: { byTime: number } };
}

export const ENTITY_STORES = [
  'kv', 'conversations', 'messages', 'reactions', 'receipts', 'mentions', 'attachments',
  'notifications', 'scheduled', 'notificationQueue', 'sessions', 'events', 'eventColumns', 'outbox',
  'backups', 'backupBlobs',
] as const;

/** The object stores holding entities (every store but the journal). */
export type StoreName = (typeof ENTITY_STORES)[number];
export type EntityStore = StoreName;

/** The record type of a store. @example const conversation: StoreValue<'conversations'> = … */
export type StoreValue<S extends StoreName> = ChatbotDB[S]['value'];
/** The key type of a store (`KvKey` for kv, a string elsewhere). */
export type StoreKey<S extends StoreName> = ChatbotDB[S]['key'];
/** Any entity of any store. */
export type EntityRecord = StoreValue<StoreName>;
/**
 * The record stored under `key`: for kv, the record of that key's namespace; else the store's type.
 * (Written with Extract so that, for a store not known yet, it is still assignable to the store's type.)
 */
export type ValueOf<S extends StoreName, K extends StoreKey<S>> = Extract<StoreValue<S>, S extends 'kv' ? (K extends KvKey ? KvValue<K> : never) : unknown>;
export type IndexName<S extends StoreName> = keyof ChatbotDB[S]['indexes'] & string;
export type IndexKey<S extends StoreName, I extends IndexName<S>> = Extract<ChatbotDB[S]['indexes'][I], IDBValidKey>;

/**
 * Stores whose mutations are not journaled: the backups themselves (restoring to a point in time
 * must not bring back deleted backups), the outgoing queue, and analytics events (append-only,
 * high volume; point-in-time recovery is about the shop's and the customer's data) with their
 * columnar copy.
 */
export const UNJOURNALED_STORES: ReadonlySet<string> = new Set<StoreName>(['backups', 'backupBlobs', 'outbox', 'events', 'eventColumns']);
