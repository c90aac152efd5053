import { unwrap } from 'idb';
import type { Mutation } from './mutations';
import type { ChatbotDatabase } from './open';
import type { EntityRecord, StoreName } from './schema';

/**
 * Applies this tab's queued mutations of one store, in order, over records read from IndexedDB:
 * what the store will hold once the queue commits (unless another tab writes meanwhile). `update`
 * functions run over the record as read, exactly as the commit will run them; they stay queued.
 * @example applyQueued(new Map(committed.map((r) => [r.id, r])), queued);
 */
function applyQueued(records: Map<string, EntityRecord>, queued: readonly Mutation[], onlyKey?: string): void {
  for (const mutation of queued) {
    switch (mutation.kind) {
      case 'clear':
        records.clear();
        break;
      case 'put':
        if (onlyKey === undefined || mutation.value.id === onlyKey) records.set(mutation.value.id, mutation.value);
        break;
      case 'delete':
        records.delete(mutation.key);
        break;
      case 'update': {
        if (onlyKey !== undefined && mutation.key !== onlyKey) break;
        const next = mutation.apply(records.get(mutation.key));
        if (next) records.set(mutation.key, next);
        else records.delete(mutation.key);
        break;
      }
    }
  }
}

/** Whether IndexedDB accepts `key` as a key: `cmp` (indexedDB.cmp) throws on any other value. */
function isValidKey(key: unknown, cmp: (a: unknown, b: unknown) => number): key is IDBValidKey {
  try {
    cmp(key, key);
    return true;
  } catch {
    return false;
  }
}

/** `query` (a key or a key range) holds `key`. */
const inQuery = (key: IDBValidKey, query: IDBValidKey | IDBKeyRange, cmp: (a: unknown, b: unknown) => number): boolean =>
  typeof query === 'object' && !Array.isArray(query) && 'lowerOpen' in query ? query.includes(key) : cmp(key, query) === 0;

export interface ReadSource {
  database(): Promise<ChatbotDatabase>;
  /** This tab's queued, not yet committing, mutations (oldest first). */
  readonly pending: readonly Mutation[];
  /** Settles when the commit in flight, if it writes `store`, is over. */
  inflight(store: StoreName): Promise<void> | undefined;
  /** IndexedDB's key order (`indexedDB.cmp`). */
  cmp(a: unknown, b: unknown): number;
}

/** The reads of the storage core, each one over IndexedDB and this tab's queue. */
export interface QueuedReads {
  get(store: StoreName, key: string): Promise<EntityRecord | undefined>;
  getAll(store: StoreName): Promise<EntityRecord[]>;
  getAllFromIndex(store: StoreName, index: string, query?: IDBValidKey | IDBKeyRange): Promise<EntityRecord[]>;
}

export function createQueuedReads(source: ReadSource): QueuedReads {
  const queuedFor = (store: StoreName): Mutation[] => source.pending.filter((mutation) => mutation.store === store);

  /**
   * Runs `read` once no commit of `store` is in flight, with the store's queued mutations. `read`
   * must open its transaction before its first await: from the check until then, IndexedDB holds
   * exactly what committed and `pending` exactly what did not, so nothing is seen twice or missed.
   */
  const settled = async <T>(store: StoreName, read: (db: ChatbotDatabase, queued: Mutation[]) => Promise<T>): Promise<T> => {
    for (;;) {
      const db = await source.database();
      const inflight = source.inflight(store);
      if (inflight) {
        await inflight;
        continue;
      }
      return read(db, queuedFor(store));
    }
  };

  return {
    async get(store, key) {
      // A queued put, delete or clear of the key decides it without IndexedDB (updates after it apply).
      const queued = queuedFor(store);
      const base = queued.findLastIndex((m) => m.kind === 'clear' || (m.kind === 'put' ? m.value.id === key : m.kind === 'delete' && m.key === key));
      if (base >= 0) {
        const records = new Map<string, EntityRecord>();
        applyQueued(records, queued.slice(base), key);
        return records.get(key);
      }
      return settled(store, async (db, queued) => {
        const committed = await db.get(store, key);
        if (queued.length === 0) return committed;
        const records = new Map<string, EntityRecord>(committed ? [[key, committed]] : []);
        applyQueued(records, queued, key);
        return records.get(key);
      });
    },
    getAll(store) {
      return settled(store, async (db, queued) => {
        const committed: EntityRecord[] = await db.getAll(store);
        if (queued.length === 0) return committed;
        const records = new Map(committed.map((record) => [record.id, record]));
        applyQueued(records, queued);
        return [...records.values()].sort((a, b) => source.cmp(a.id, b.id));
      });
    },
    getAllFromIndex(store, index, query) {
      return settled(store, async (db, queued) => {
        const tx = unwrap(db).transaction(store);
        const objectStore = tx.objectStore(store);
        // The index says its own key path: the migrations stay the one place that defines it.
        const { keyPath } = objectStore.index(index);
        const inIndex = request<EntityRecord[]>(objectStore.index(index).getAll(query));
        if (queued.length === 0) return inIndex;
        // An update may move a record into the range: read the committed record it merges into.
        const updated = [...new Set(queued.flatMap((m) => (m.kind === 'update' ? [m.key] : [])))];
        const merged = updated.map((key) => request<EntityRecord | undefined>(objectStore.get(key)));
        const records = new Map((await inIndex).map((record) => [record.id, record]));
        for (const record of await Promise.all(merged)) if (record && !records.has(record.id)) records.set(record.id, record);
        applyQueued(records, queued);
        const keyed: Array<{ key: IDBValidKey; record: EntityRecord }> = [];
        for (const record of records.values()) {
          // Our index key paths are field names; a record whose key is missing or not a valid key
          // is not in the index.
          const key: unknown = typeof keyPath === 'string' ? Reflect.get(record, keyPath) : keyPath.map((field) => Reflect.get(record, field));
          if (isValidKey(key, source.cmp) && (query === undefined || inQuery(key, query, source.cmp))) keyed.push({ key, record });
        }
        keyed.sort((a, b) => source.cmp(a.key, b.key) || source.cmp(a.record.id, b.record.id));
        return keyed.map((entry) => entry.record);
      });
    },
  };
}

/** An IndexedDB request as a promise. */
function request<T>(req: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
