import type { Mutation } from './mutations';
import type { ChatbotDatabase } from './open';
import type { EntityRecord, StoreName } from './schema';

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
    async getAllFromIndex(store, index, query) {
      // Only the full system's modules read by index: that code loads with the first such read.
      const { readIndex } = await import('./index-reads');
      return settled(store, (db, queued) => readIndex(db, { store, index, query, queued, cmp: source.cmp }));
    },
  };
}
