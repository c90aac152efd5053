import type { StoreKey, StoreName, StoreValue, ValueOf } from './schema';
import type { Change } from './mutations';
import type { ChatbotStorage } from './storage';
import { storedAs } from './stored-as';

/**
 * An in-memory read model of one object store, kept in step with IndexedDB and the other tabs.
 * Writes apply in memory at once (the synchronous API the seed shows) and are queued for storage.
 * @example
 * const conversations = createCollection(storage, 'conversations');
 * await conversations.load();
 * conversations.put({ id: 'conv_1', name: 'Soporte', ... });
 */
export interface Collection<S extends StoreName> {
  readonly store: S;
  load(): Promise<void>;
  has(id: StoreKey<S>): boolean;
  /** The record under `id` (for kv, the record of that key's namespace). */
  get<K extends StoreKey<S>>(id: K): ValueOf<S, K> | undefined;
  values(): IterableIterator<StoreValue<S>>;
  readonly size: number;
  put(record: StoreValue<S>): void;
  /**
   * Applies `apply` now and again at commit time against the committed record, so that two tabs
   * changing one record merge instead of overwriting each other. `apply` must be a pure merge.
   */
  update<K extends StoreKey<S>>(id: K, apply: (current: ValueOf<S, K> | undefined) => ValueOf<S, K> | undefined): ValueOf<S, K> | undefined;
  delete(id: StoreKey<S>): void;
  clear(): void;
  /** Called after changes from another tab (or a merge) were applied to the read model. */
  onChange(listener: (changes: Array<Change<S>>) => void): () => void;
  dispose(): void;
}

export interface CollectionOptions {
  /**
   * The store's ids are never used again (notifications, schedules): a record this tab deleted
   * stays deleted here, whatever another tab's older write that arrives after the delete says
   * (its change was committed first, but its announcement came after the delete).
   */
  idsNeverReused?: boolean;
}

export function createCollection<S extends StoreName>(storage: ChatbotStorage, store: S, options: CollectionOptions = {}): Collection<S> {
  const records = new Map<string, StoreValue<S>>();
  const listeners = new Set<(changes: Array<Change<S>>) => void>();
  const deleted = options.idsNeverReused ? new Set<string>() : undefined;
  const unsubscribe = storage.subscribe(store, (changes) => {
    for (const change of changes) {
      if (change.op === 'clear') {
        records.clear();
        deleted?.clear();
      } else if (change.op === 'delete') records.delete(change.key);
      else if (!deleted?.has(change.value.id)) records.set(change.value.id, change.value);
    }
    for (const listener of [...listeners]) listener(changes);
  });
  return {
    store,
    async load() {
      const all = await storage.getAll(store);
      // Records that arrived from other tabs while loading are newer than what getAll returned.
      const early = new Map(records);
      records.clear();
      for (const record of all) records.set(record.id, record);
      for (const [id, record] of early) records.set(id, record);
    },
    has: (id) => records.has(id),
    get: (id) => storedAs(store, id, records.get(id)),
    values: () => records.values(),
    get size() {
      return records.size;
    },
    put(record) {
      records.set(record.id, record);
      storage.put(store, record);
    },
    update(id, apply) {
      const next = apply(storedAs(store, id, records.get(id)));
      if (next) records.set(id, next);
      else records.delete(id);
      storage.update(store, id, apply);
      return next;
    },
    delete(id) {
      records.delete(id);
      deleted?.add(id);
      storage.delete(store, id);
    },
    clear() {
      records.clear();
      deleted?.clear();
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
