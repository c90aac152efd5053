import type { StoreName, StoredRecord } from './schema';
import type { Change } from './mutations';
import type { Storage } from './storage';

/**
 * An in-memory read model of one object store, kept in step with IndexedDB and the other tabs.
 * Writes apply in memory at once (the synchronous API the seed shows) and are queued for storage.
 * @example
 * const conversations = createCollection<Conversation>(storage, 'conversations');
 * await conversations.load();
 * conversations.put({ id: 'conv_1', name: 'Soporte', ... });
 */
export interface Collection<T extends StoredRecord> {
  readonly store: StoreName;
  load(): Promise<void>;
  has(id: string): boolean;
  get(id: string): T | undefined;
  values(): IterableIterator<T>;
  readonly size: number;
  put(record: T): void;
  /**
   * Applies `apply` now and again at commit time against the committed record, so that two tabs
   * changing one record merge instead of overwriting each other. `apply` must be a pure merge.
   */
  update(id: string, apply: (current: T | undefined) => T | undefined): T | undefined;
  delete(id: string): void;
  clear(): void;
  /** Called after changes from another tab (or a merge) were applied to the read model. */
  onChange(listener: (changes: Change[]) => void): () => void;
  dispose(): void;
}

export function createCollection<T extends StoredRecord>(storage: Storage, store: StoreName): Collection<T> {
  const records = new Map<string, T>();
  const listeners = new Set<(changes: Change[]) => void>();
  const unsubscribe = storage.subscribe(store, (changes) => {
    for (const change of changes) {
      if (change.op === 'clear') records.clear();
      else if (change.op === 'delete' && change.key !== undefined) records.delete(change.key);
      else if (change.op === 'put' && change.value) records.set(change.value.id, change.value as T);
    }
    for (const listener of [...listeners]) listener(changes);
  });
  return {
    store,
    async load() {
      const all = (await storage.getAll(store)) as T[];
      // Records that arrived from other tabs while loading are newer than what getAll returned.
      const early = new Map(records);
      records.clear();
      for (const record of all) records.set(record.id, record);
      for (const [id, record] of early) records.set(id, record);
    },
    has: (id) => records.has(id),
    get: (id) => records.get(id),
    values: () => records.values(),
    get size() {
      return records.size;
    },
    put(record) {
      records.set(record.id, record);
      storage.put(store, record);
    },
    update(id, apply) {
      const next = apply(records.get(id));
      if (next) records.set(id, next);
      else records.delete(id);
      storage.update(store, id, apply as (current: StoredRecord | undefined) => StoredRecord | undefined);
      return next;
    },
    delete(id) {
      records.delete(id);
      storage.delete(store, id);
    },
    clear() {
      records.clear();
      storage.clear(store);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      unsubscribe();
      listeners.clear();
    },
  };
}
