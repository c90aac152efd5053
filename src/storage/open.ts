import { openDB, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { ChatbotError } from '../core/errors';
import { DB_NAME, DB_VERSION, type ChatbotDB } from './schema';

export type ChatbotDatabase = IDBPDatabase<ChatbotDB>;
type UpgradeTx = IDBPTransaction<ChatbotDB, StoreNames<ChatbotDB>[], 'versionchange'>;

/**
 * Migrations in order: index i upgrades a database from version i to i + 1.
 * Never edit a migration that has shipped; add the next one.
 */
const MIGRATIONS: ReadonlyArray<(db: ChatbotDatabase, tx: UpgradeTx) => void> = [
  (db) => {
    db.createObjectStore('kv', { keyPath: 'id' });
    db.createObjectStore('conversations', { keyPath: 'id' }).createIndex('byUpdated', 'updatedAt');
    const messages = db.createObjectStore('messages', { keyPath: 'id' });
    messages.createIndex('byConversation', ['conversationId', 'createdAt']);
    messages.createIndex('byThread', 'threadId');
    db.createObjectStore('reactions', { keyPath: 'id' }).createIndex('byMessage', 'messageId');
    db.createObjectStore('receipts', { keyPath: 'id' }).createIndex('byConversation', 'conversationId');
    db.createObjectStore('mentions', { keyPath: 'id' }).createIndex('byUser', 'userId');
    db.createObjectStore('attachments', { keyPath: 'id' }).createIndex('byMessage', 'messageId');
    const notifications = db.createObjectStore('notifications', { keyPath: 'id' });
    notifications.createIndex('byCreated', 'createdAt');
    notifications.createIndex('byCategory', ['category', 'createdAt']);
    db.createObjectStore('scheduled', { keyPath: 'id' }).createIndex('byDue', 'at');
    db.createObjectStore('notificationQueue', { keyPath: 'id' }).createIndex('byCategory', 'category');
    db.createObjectStore('sessions', { keyPath: 'id' }).createIndex('byStarted', 'startedAt');
    const events = db.createObjectStore('events', { keyPath: 'id' });
    events.createIndex('byTime', 'firstAt');
    events.createIndex('byTimeCount', ['firstAt', 'count']);
    db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('byCreated', 'createdAt');
    db.createObjectStore('backups', { keyPath: 'id' }).createIndex('byCreated', 'createdAt');
    db.createObjectStore('backupBlobs', { keyPath: 'id' });
    db.createObjectStore('journal', { keyPath: 'seq', autoIncrement: true }).createIndex('byTime', 'time');
  },
  (db) => {
    const columns = db.createObjectStore('eventColumns', { keyPath: 'id' });
    columns.createIndex('byTime', 'firstAt');
    columns.createIndex('byTimeCount', ['firstAt', 'count']);
  },
];

export interface OpenOptions {
  name?: string;
  factory?: IDBFactory;
  /** Another tab wants a newer version: close so it is not blocked. */
  onVersionChange?: () => void;
  /** The browser closed the connection (storage cleared, disk error). */
  onTerminated?: () => void;
}

/**
 * Opens (and migrates) the widget's database. The service worker opens the same database.
 * @example const db = await openDatabase();
 */
export async function openDatabase(options: OpenOptions = {}): Promise<ChatbotDatabase> {
  const factory = options.factory ?? globalThis.indexedDB;
  if (!factory) throw new ChatbotError('UNSUPPORTED', 'IndexedDB is not available in this context');
  // idb's openDB uses the global indexedDB; swapping it for the call lets tests and callers pass
  // their own factory (fake-indexeddb, another realm) without a second code path.
  const previous = globalThis.indexedDB;
  const swap = factory !== previous;
  if (swap) globalThis.indexedDB = factory;
  let db: ChatbotDatabase | undefined;
  try {
    const opening = openDB<ChatbotDB>(options.name ?? DB_NAME, DB_VERSION, {
      upgrade(database, oldVersion, _newVersion, transaction) {
        for (let version = oldVersion; version < DB_VERSION; version++) {
          MIGRATIONS[version]?.(database, transaction);
        }
      },
      blocking() {
        // Closing here lets the other tab's upgrade proceed; our queue reopens on its next commit.
        db?.close();
        options.onVersionChange?.();
      },
      terminated() {
        options.onTerminated?.();
      },
    });
    // openDB calls factory.open() synchronously, so the global only needs to be swapped until here.
    if (swap) globalThis.indexedDB = previous;
    db = await opening;
    return db;
  } catch (error) {
    if (swap) globalThis.indexedDB = previous;
    throw new ChatbotError('STORAGE_FAILED', `cannot open IndexedDB "${options.name ?? DB_NAME}"`, { cause: error });
  }
}
