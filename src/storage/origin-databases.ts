import { unwrap } from 'idb';
import { ChatbotError } from '../core/errors';
import type { ChatbotStorage } from './storage';

/*
 * Every IndexedDB database of the origin (the host page's as well as the widget's), read and
 * written whatever its schema: what backup and restore need, and what idb's typed wrapper cannot
 * describe. The widget's own database goes through the storage's connection, so these writes stay
 * ordered with the write queue's and a version change closes it like the others.
 */

export interface IndexSchema {
  name: string;
  keyPath: string | string[];
  unique: boolean;
  multiEntry: boolean;
}

export interface StoreSchema {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: IndexSchema[];
}

export interface DatabaseSchema {
  name: string;
  version: number;
  stores: StoreSchema[];
}

export interface DatabaseInfo {
  name: string;
  version: number;
}

/** How many records the next chunk reads; the caller tunes it between chunks (to keep them ~1 MB). */
export interface ChunkSizing {
  count: number;
}

/** One write of `OriginDatabase.write`. A put without `key` is for stores with in-line keys. */
export type OriginWrite =
  | { op: 'put'; store: string; value: unknown; key?: unknown }
  | { op: 'delete'; store: string; key: IDBValidKey }
  /** Clears the store, except string keys starting with `keep` when given. */
  | { op: 'clear'; store: string; keep?: string };

/** One open database of the origin. */
export interface OriginDatabase {
  readonly name: string;
  readonly version: number;
  /** The widget's own database (the storage's connection; `close` leaves it open). */
  readonly widget: boolean;
  describe(): DatabaseSchema;
  hasStore(name: string): boolean;
  /**
   * Reads one store in key order, one short readonly transaction per chunk, each chunk continuing
   * after the last key seen: memory stays at one chunk whatever the store's size.
   */
  readChunks(store: string, sizing: ChunkSizing): AsyncGenerator<Array<[IDBValidKey, unknown]>>;
  /** Applies the writes in order in one readwrite transaction: all of them or none. */
  write(writes: readonly OriginWrite[]): Promise<void>;
  close(): void;
}

export interface OpenOriginOptions {
  /** Upgrade to this version when the database is older (or create it at this version). */
  version?: number;
  /** Stores and indexes to create during that upgrade when missing. */
  create?: readonly StoreSchema[];
}

/**
 * @example
 * const databases = createOriginDatabases(storage);
 * for (const { name } of await databases.list()) {
 *   const db = await databases.open(name);
 *   for (const store of db.describe().stores) for await (const rows of db.readChunks(store.name, { count: 256 })) save(rows);
 *   db.close();
 * }
 */
export interface OriginDatabases {
  /** The widget's own database name (`storage.dbName`). */
  readonly widgetName: string;
  /** The origin's databases (name and version), sorted by name; empty where the browser cannot list them. */
  list(): Promise<DatabaseInfo[]>;
  /**
   * Opens a database (the widget's through the storage). Our connection to another database closes
   * itself when the page upgrades it, so a backup never blocks the page's own migrations; opening
   * fails with a TimeoutError when another connection blocks it for `blockedTimeoutMs`.
   */
  open(name: string, options?: OpenOriginOptions): Promise<OriginDatabase>;
  delete(name: string): Promise<void>;
}

export interface OriginDatabasesOptions {
  /** Defaults to the global `indexedDB`. */
  factory?: IDBFactory | undefined;
  blockedTimeoutMs?: number;
}

export function createOriginDatabases(storage: ChatbotStorage, options: OriginDatabasesOptions = {}): OriginDatabases {
  const factory = (): IDBFactory => {
    const found = options.factory ?? globalThis.indexedDB;
    if (!found) throw new ChatbotError('UNSUPPORTED', 'IndexedDB is not available');
    return found;
  };
  const blockedTimeoutMs = options.blockedTimeoutMs ?? 5000;
  return {
    widgetName: storage.dbName,
    async list() {
      const idb = factory();
      if (typeof idb.databases !== 'function') return [];
      const list = await idb.databases();
      return list
        .filter((info): info is { name: string; version: number } => typeof info.name === 'string')
        .map((info) => ({ name: info.name, version: info.version ?? 1 }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    async open(name, openOptions = {}) {
      if (name === storage.dbName) return wrap(unwrap(await storage.database()), true);
      return wrap(await openRaw(factory(), name, openOptions, blockedTimeoutMs), false);
    },
    delete(name) {
      return new Promise((resolve, reject) => {
        const req = factory().deleteDatabase(name);
        req.onsuccess = () => resolve();
        req.onerror = () => reject(req.error);
      });
    },
  };
}

function isValidKey(key: unknown): key is IDBValidKey {
  if (typeof key === 'number') return !Number.isNaN(key);
  if (typeof key === 'string') return true;
  if (key instanceof Date) return !Number.isNaN(key.getTime());
  if (Array.isArray(key)) return key.every(isValidKey);
  return key instanceof ArrayBuffer || ArrayBuffer.isView(key);
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new DOMException('transaction failed', 'AbortError'));
    tx.onabort = () => reject(tx.error ?? new DOMException('transaction aborted', 'AbortError'));
  });
}

function openRaw(factory: IDBFactory, name: string, options: OpenOriginOptions, blockedTimeoutMs: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = options.version === undefined ? factory.open(name) : factory.open(name, options.version);
    let timer: ReturnType<typeof setTimeout> | undefined;
    req.onupgradeneeded = () => {
      const db = req.result;
      const tx = req.transaction;
      if (!tx) return;
      for (const store of options.create ?? []) {
        const objectStore = db.objectStoreNames.contains(store.name)
          ? tx.objectStore(store.name)
          : db.createObjectStore(store.name, { keyPath: store.keyPath, autoIncrement: store.autoIncrement });
        for (const index of store.indexes) {
          if (!objectStore.indexNames.contains(index.name)) objectStore.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
        }
      }
    };
    req.onblocked = () => {
      timer = setTimeout(() => reject(new DOMException(`opening "${name}" is blocked by another connection`, 'TimeoutError')), blockedTimeoutMs);
    };
    req.onsuccess = () => {
      if (timer !== undefined) clearTimeout(timer);
      const db = req.result;
      db.onversionchange = () => db.close();
      resolve(db);
    };
    req.onerror = () => {
      if (timer !== undefined) clearTimeout(timer);
      reject(req.error);
    };
  });
}

const copyKeyPath = (keyPath: string | string[]): string | string[] => (typeof keyPath === 'string' ? keyPath : [...keyPath]);

function describe(db: IDBDatabase): DatabaseSchema {
  const names = [...db.objectStoreNames];
  const stores: StoreSchema[] = [];
  if (names.length > 0) {
    const tx = db.transaction(names, 'readonly');
    for (const name of names) {
      const store = tx.objectStore(name);
      const indexes = [...store.indexNames].map((indexName) => {
        const index = store.index(indexName);
        return { name: indexName, keyPath: copyKeyPath(index.keyPath), unique: index.unique, multiEntry: index.multiEntry };
      });
      stores.push({ name, keyPath: store.keyPath === null ? null : copyKeyPath(store.keyPath), autoIncrement: store.autoIncrement, indexes });
    }
  }
  return { name: db.name, version: db.version, stores };
}

interface RecordWithKey {
  primaryKey: IDBValidKey;
  value: unknown;
}
/** `getAllRecords` reads keys and values in one request (Chromium 141+; not yet in TypeScript's DOM types). */
type RecordsReader = (options: { query?: IDBKeyRange | null; count?: number }) => IDBRequest<RecordWithKey[]>;
const recordsReader = (store: IDBObjectStore): RecordsReader | undefined => {
  const method: unknown = Reflect.get(store, 'getAllRecords');
  return typeof method === 'function' ? (options) => Reflect.apply(method, store, [options]) : undefined;
};

async function* readChunks(db: IDBDatabase, storeName: string, sizing: ChunkSizing): AsyncGenerator<Array<[IDBValidKey, unknown]>> {
  let after: IDBValidKey | undefined;
  for (;;) {
    const store = db.transaction(storeName, 'readonly').objectStore(storeName);
    const range = after === undefined ? null : IDBKeyRange.lowerBound(after, true);
    const count = Math.max(1, Math.floor(sizing.count));
    const getAllRecords = recordsReader(store);
    let rows: Array<[IDBValidKey, unknown]>;
    if (getAllRecords) {
      const records = await request(getAllRecords({ query: range, count }));
      rows = records.map((record) => [record.primaryKey, record.value]);
    } else {
      const [values, keys] = await Promise.all([request(store.getAll(range, count)), request(store.getAllKeys(range, count))]);
      rows = keys.map((key, i) => [key, values[i]]);
    }
    if (rows.length === 0) return;
    after = rows[rows.length - 1]![0];
    yield rows;
    if (rows.length < count) return;
  }
}

async function write(db: IDBDatabase, writes: readonly OriginWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const tx = db.transaction([...new Set(writes.map((w) => w.store))], 'readwrite');
  const done = transactionDone(tx);
  try {
    for (const entry of writes) {
      const store = tx.objectStore(entry.store);
      if (entry.op === 'delete') store.delete(entry.key);
      else if (entry.op === 'clear' && entry.keep !== undefined) {
        store.delete(IDBKeyRange.upperBound(entry.keep, true));
        store.delete(IDBKeyRange.lowerBound(`${entry.keep}\uffff`));
      } else if (entry.op === 'clear') store.clear();
      else if (entry.key === undefined) store.put(entry.value);
      else if (isValidKey(entry.key)) store.put(entry.value, entry.key);
      else throw new DOMException(`not a valid key in store "${entry.store}"`, 'DataError');
    }
  } catch (error) {
    // A synchronous DataError/DataCloneError leaves the transaction open: abort it, nothing is written.
    try {
      tx.abort();
    } catch {
      // already finished
    }
    await done.catch(() => undefined);
    throw error;
  }
  await done;
}

function wrap(db: IDBDatabase, widget: boolean): OriginDatabase {
  return {
    name: db.name,
    version: db.version,
    widget,
    describe: () => describe(db),
    hasStore: (name) => db.objectStoreNames.contains(name),
    readChunks: (store, sizing) => readChunks(db, store, sizing),
    write: (writes) => write(db, writes),
    close() {
      if (!widget) db.close();
    },
  };
}
