import type { DBSchema } from 'idb';

export const DB_NAME = 'chatbot-repuestos-motos';
export const DB_VERSION = 1;

/**
 * Every record is an object with a string `id` (its key). Modules own the shape of their records;
 * storage only needs the fields its indexes read.
 */
export interface StoredRecord {
  id: string;
  [field: string]: unknown;
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
  value?: StoredRecord;
}

type Entity<Indexes extends Record<string, IDBValidKey> = Record<never, never>> = {
  key: string;
  value: StoredRecord;
  indexes: Indexes;
};

/** The whole database, typed (idb's DBSchema). */
export interface ChatbotDB extends DBSchema {
  /** Small settings and state: preferences, ids, cursors. */
  kv: Entity;
  conversations: Entity<{ byUpdated: number }>;
  messages: Entity<{ byConversation: [string, number]; byThread: string }>;
  reactions: Entity<{ byMessage: string }>;
  receipts: Entity<{ byConversation: string }>;
  mentions: Entity<{ byUser: string }>;
  attachments: Entity<{ byMessage: string }>;
  notifications: Entity<{ byCreated: number; byCategory: [string, number] }>;
  scheduled: Entity<{ byDue: number }>;
  notificationQueue: Entity<{ byCategory: string }>;
  sessions: Entity<{ byStarted: number }>;
  /** Analytics events, one record per flushed batch (append-only data is packed). */
  /** `byTimeCount` lets analytics sum event counts from index keys alone (no values read). */
  events: Entity<{ byTime: number; byTimeCount: [number, number] }>;
  /** Outgoing requests waiting for the network (analytics batches, cloud uploads). */
  outbox: Entity<{ byCreated: number }>;
  backups: Entity<{ byCreated: number }>;
  backupBlobs: Entity;
  journal: { key: number; value: JournalRecord; indexes: { byTime: number } };
}

export const ENTITY_STORES = [
  'kv', 'conversations', 'messages', 'reactions', 'receipts', 'mentions', 'attachments',
  'notifications', 'scheduled', 'notificationQueue', 'sessions', 'events', 'outbox',
  'backups', 'backupBlobs',
] as const;

/** The object stores holding entities (every store but the journal). */
export type StoreName = (typeof ENTITY_STORES)[number];
export type EntityStore = StoreName;

/**
 * Stores whose mutations are not journaled: the backups themselves (restoring to a point in time
 * must not bring back deleted backups), the outgoing queue, and analytics events (append-only,
 * high volume; point-in-time recovery is about the shop's and the customer's data).
 */
export const UNJOURNALED_STORES: ReadonlySet<StoreName> = new Set(['backups', 'backupBlobs', 'outbox', 'events']);
