import { unwrap } from 'idb';
import type { Mutation } from './mutations';
import type { ChatbotDatabase } from './open';
import { applyQueued } from './queued-reads';
import type { EntityRecord, StoreName } from './schema';

/** One index read: where, and this tab's queued mutations of the store to apply over it. */
export interface IndexRead {
  store: StoreName;
  index: string;
  query: IDBValidKey | IDBKeyRange | undefined;
  queued: readonly Mutation[];
  /** IndexedDB's key order (`indexedDB.cmp`). */
  cmp(a: unknown, b: unknown): number;
}

/**
 * The records of an index in its key order, over IndexedDB and this tab's queue. Its own chunk:
 * only the full system's modules read by index, so a page that only tracks never loads it.
 * Opens its transaction at once (the caller's settled-read contract needs it).
 * @example await readIndex(db, { store: 'messages', index: 'byConversation', query: id, queued, cmp });
 */
export async function readIndex(db: ChatbotDatabase, { store, index, query, queued, cmp }: IndexRead): Promise<EntityRecord[]> {
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
    if (isValidKey(key, cmp) && (query === undefined || inQuery(key, query, cmp))) keyed.push({ key, record });
  }
  keyed.sort((a, b) => cmp(a.key, b.key) || cmp(a.record.id, b.record.id));
  return keyed.map((entry) => entry.record);
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

/** An IndexedDB request as a promise. */
function request<T>(req: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
