import { unwrap } from 'idb';
import type { Mutation } from './mutations';
import type { ChatbotDatabase } from './open';
import { INDEX_KEY_PATHS, type EntityRecord, type StoreName } from './schema';

/**
 * Applies this tab's queued mutations of one store, in order, over records read from IndexedDB:
 * what the store will hold once the queue commits (unless another tab writes meanwhile). `update`
 * functions run over the record as read, exactly as the commit will run them; they stay queued.
 * @example applyQueued(new Map(committed.map((r) => [r.id, r])), queued);
 */
export function applyQueued(records: Map<string, EntityRecord>, queued: readonly Mutation[], onlyKey?: string): void {
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

/** Records in primary-key order (IndexedDB orders string keys by code unit, as `<` does). */
export function byPrimaryKey(records: Iterable<EntityRecord>): EntityRecord[] {
  return [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Whether IndexedDB accepts `key` as a key. */
export function isValidKey(key: unknown): key is IDBValidKey {
  if (typeof key === 'number') return !Number.isNaN(key);
  if (typeof key === 'string') return true;
  if (key instanceof Date) return !Number.isNaN(key.getTime());
  if (Array.isArray(key)) return key.every(isValidKey);
  return key instanceof ArrayBuffer || ArrayBuffer.isView(key);
}

function valueAt(record: object, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || !(part in value)) return undefined;
    value = Reflect.get(value, part);
  }
  return value;
}

/**
 * The key an index with `keyPath` holds for `record`, or undefined when the record is not in the
 * index (a missing field or a value that is not a valid key, as IndexedDB decides).
 */
export function indexKeyOf(record: object, keyPath: string | readonly string[]): IDBValidKey | undefined {
  const key = typeof keyPath === 'string' ? valueAt(record, keyPath) : keyPath.map((path) => valueAt(record, path));
  return isValidKey(key) ? key : undefined;
}

/** Whether `key` is in `query` (a key or a key range), compared the way IndexedDB compares keys. */
export function inQuery(cmp: (a: unknown, b: unknown) => number, key: IDBValidKey, query: IDBValidKey | IDBKeyRange | undefined): boolean {
  if (query === undefined) return true;
  if (typeof query !== 'object' || Array.isArray(query) || !('lowerOpen' in query)) return cmp(key, query) === 0;
  const range = query;
  if (range.lower !== undefined) {
    const order = cmp(key, range.lower);
    if (order < 0 || (order === 0 && range.lowerOpen)) return false;
  }
  if (range.upper !== undefined) {
    const order = cmp(key, range.upper);
    if (order > 0 || (order === 0 && range.upperOpen)) return false;
  }
  return true;
}

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
        return byPrimaryKey(records.values());
      });
    },
    getAllFromIndex(store, index, query) {
      const keyPaths: Readonly<Record<string, string | readonly string[]>> = INDEX_KEY_PATHS[store];
      const keyPath = keyPaths[index];
      // The types allow only the store's own indexes: another name is a bug.
      if (keyPath === undefined) throw new TypeError(`store "${store}" has no index "${index}"`);
      return settled(store, async (db, queued) => {
        const tx = unwrap(db).transaction(store);
        const objectStore = tx.objectStore(store);
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
          const key = indexKeyOf(record, keyPath);
          if (key !== undefined && inQuery(source.cmp, key, query)) keyed.push({ key, record });
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
