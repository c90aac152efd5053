import type { Clock } from '../core/clock';
import { systemClock } from '../core/clock';
import { createBackground } from '../core/background';
import type { ChatbotError } from '../core/errors';
import type { TabChannel } from '../core/tabs';
import { knownChanges } from './remote-changes';
import { openDatabase, type ChatbotDatabase } from './open';
import {
  DB_NAME, type IndexKey, type IndexName, type StoreKey, type StoreName, type StoreValue, type ValueOf,
} from './schema';
import type { Change } from './mutations';
import { createCommitQueue } from './commit-queue';
import { createQueuedReads } from './queued-reads';
import { isChangeOf, storedAs, storedAsMany } from './stored-as';
import { createJournal, type Journal, type JournalLimits } from './journal';

export type ChangeOrigin = 'remote' | 'merged';
export type ChangeListener<S extends StoreName = StoreName> = (changes: Array<Change<S>>, origin: ChangeOrigin) => void;

export interface StorageOptions {
  clock?: Clock;
  channel?: TabChannel;
  dbName?: string;
  factory?: IDBFactory;
  journal?: Partial<JournalLimits>;
  /** Delay before a batch commits; mutations arriving meanwhile join it. */
  batchDelayMs?: number;
  /** Most mutations one transaction commits (default 1,000): other tabs' reads wait for one batch at most. */
  maxBatch?: number;
  /** Queued mutations beyond which `admit()` refuses new work with BUSY (default 10,000). */
  maxPending?: number;
}

/**
 * The durable core under every module. A module keeps its read model in memory and calls
 * `put`/`delete`/`update` synchronously; the queue commits them in batched transactions within a
 * few milliseconds, journals them, and tells the other tabs. Every read sees this tab's queued
 * writes as if they were committed. Values are typed per store (`ChatbotDB`), kv records per key.
 * @example
 * const storage = createStorage({ channel });
 * storage.put('conversations', conversation);
 * await storage.get('kv', 'analytics:consent'); // ConsentRecord | undefined
 * await storage.flush(); // durable now
 */
export interface ChatbotStorage {
  readonly tabId: string;
  readonly dbName: string;
  /** Resolves once the database is open (and migrated). */
  readonly ready: Promise<void>;
  get<S extends StoreName, K extends StoreKey<S>>(store: S, key: K): Promise<ValueOf<S, K> | undefined>;
  /** Every record of the store, in key order. */
  getAll<S extends StoreName>(store: S): Promise<Array<StoreValue<S>>>;
  /** The records whose index key is in `query` (all in the index when omitted), in index order. */
  getAllFromIndex<S extends StoreName, I extends IndexName<S>>(store: S, index: I, query?: IndexKey<S, I> | IDBKeyRange): Promise<Array<StoreValue<S>>>;
  put<S extends StoreName>(store: S, value: StoreValue<S>): void;
  delete<S extends StoreName>(store: S, key: StoreKey<S>): void;
  clear(store: StoreName): void;
  /**
   * Read-modify-write against the committed record, so concurrent tabs never overwrite each other.
   * `apply` must be a pure merge: it runs at commit time, and again over the stored record for
   * every read of that record until then.
   */
  update<S extends StoreName, K extends StoreKey<S>>(store: S, key: K, apply: (current: ValueOf<S, K> | undefined) => ValueOf<S, K> | undefined): void;
  /** Resolves when every mutation queued before the call is committed; rejects with the failure. */
  flush(): Promise<void>;
  /**
   * Resolves once the writes queued so far are committed (or their failure reported) and the
   * journal pruning started so far is done. Never rejects: failures go to `onError`.
   */
  idle(): Promise<void>;
  /**
   * Backpressure: throws `ChatbotError('BUSY')` when this tab already has `maxPending` mutations
   * waiting. A module calls it before a public call changes anything, so a refused call changes
   * nothing; the caller retries once `flush()` resolves.
   */
  admit(): void;
  /**
   * Holds every read and commit of this storage (and `ready`) until `work` is over, whether it
   * succeeds or not: what must happen before anything reads the data (an interrupted restore put
   * back). Call it right after `createStorage`. `work` itself uses `database()`, which never waits.
   */
  hold(work: Promise<unknown>): void;
  /** Starts committing now without waiting (pagehide, visibilitychange). */
  commitNow(): void;
  pendingCount(): number;
  /** Changes made by other tabs (`remote`) and merge results of this tab's updates (`merged`). */
  subscribe<S extends StoreName>(store: S, listener: ChangeListener<S>): () => void;
  /** Background failures (QUOTA_EXCEEDED, STORAGE_FAILED); never swallowed. */
  onError(listener: (error: ChatbotError) => void): () => void;
  readonly journal: Journal;
  /**
   * The open database, for bulk reads of committed records (chunked loads, key cursors). Unlike
   * the methods above it does not see queued writes: `flush()` first when that matters.
   */
  database(): Promise<ChatbotDatabase>;
  close(): Promise<void>;
}

export function createStorage(options: StorageOptions = {}): ChatbotStorage {
  const clock = options.clock ?? systemClock;
  const dbName = options.dbName ?? DB_NAME;
  const channel = options.channel;
  const tabId = channel?.tabId ?? 'local';

  let dbPromise: Promise<ChatbotDatabase> | undefined;
  const listeners = new Map<StoreName, Set<ChangeListener>>();
  const cmp = (a: unknown, b: unknown): number => (options.factory ?? globalThis.indexedDB).cmp(a, b);
  const errorListeners = new Set<(error: ChatbotError) => void>();

  const database = (): Promise<ChatbotDatabase> => {
    dbPromise ??= openDatabase({
      name: dbName,
      ...(options.factory ? { factory: options.factory } : {}),
      onVersionChange: () => { dbPromise = undefined; },
      onTerminated: () => { dbPromise = undefined; },
    });
    return dbPromise;
  };

  // Reads and commits wait for this (see `hold`).
  let held: Promise<unknown> = Promise.resolve();
  const usable = async (): Promise<ChatbotDatabase> => {
    for (let seen: Promise<unknown> | undefined; seen !== held; ) await (seen = held);
    return database();
  };

  const reportError = (error: ChatbotError): void => {
    for (const listener of [...errorListeners]) listener(error);
  };
  const background = createBackground({ report: reportError });

  const notify = (changes: Change[], origin: ChangeOrigin): void => {
    const byStore = new Map<StoreName, Change[]>();
    for (const change of changes) {
      const list = byStore.get(change.store) ?? [];
      list.push(change);
      byStore.set(change.store, list);
    }
    for (const [store, list] of byStore) {
      for (const listener of [...(listeners.get(store) ?? [])]) listener(list, origin);
    }
  };

  channel?.subscribe('storage', (payload) => {
    const changes = knownChanges(payload.changes);
    if (changes.length > 0) notify(changes, 'remote');
  });

  const ready = database().then(usable).then(() => undefined);
  const journal = createJournal(database, clock, options.journal);
  let commits = 0;
  const queue = createCommitQueue({
    database: usable,
    tabId,
    journal,
    batchDelayMs: options.batchDelayMs ?? 0,
    maxBatch: options.maxBatch ?? 1_000,
    maxPending: options.maxPending ?? 10_000,
    reportError,
    committed(changes, merged) {
      // The journal is bounded; pruning now and then keeps the check off the hot path.
      if (++commits % 500 === 0) background.run(journal.prune(), 'STORAGE_FAILED', 'pruning the journal');
      if (channel && changes.length > 0) channel.post({ kind: 'storage', changes });
      if (merged.length > 0) notify(merged, 'merged');
    },
  });
  // Sessions are often short: prune at every start too, not only every 500 commits, so the
  // journal stays within its bounds for customers who never make 500 changes in one visit.
  background.run(ready.then(() => journal.prune()), 'STORAGE_FAILED', 'pruning the journal');

  const reads = createQueuedReads({ database: usable, pending: queue.pending, inflight: queue.inflight, cmp });

  return {
    tabId,
    dbName,
    ready,
    journal,
    database,
    async get(store, key) {
      return storedAs(store, key, await reads.get(store, key));
    },
    async getAll(store) {
      return storedAsMany(store, await reads.getAll(store));
    },
    async getAllFromIndex(store, index, query) {
      return storedAsMany(store, await reads.getAllFromIndex(store, index, query));
    },
    put(store, value) {
      queue.enqueue({ kind: 'put', store, value, at: clock.now() });
    },
    delete(store, key) {
      queue.enqueue({ kind: 'delete', store, key, at: clock.now() });
    },
    clear(store) {
      queue.enqueue({ kind: 'clear', store, at: clock.now() });
    },
    update(store, key, apply) {
      queue.enqueue({ kind: 'update', store, key, apply: (current) => apply(storedAs(store, key, current)), at: clock.now() });
    },
    flush: () => queue.flush(),
    async idle() {
      await this.flush().catch(() => undefined);
      await background.idle();
    },
    hold(work) {
      const before = held;
      held = Promise.all([before, work.catch(() => undefined)]);
    },
    admit: () => queue.admit(),
    commitNow: () => queue.commitNow(),
    pendingCount: () => queue.pendingCount(),
    subscribe(store, listener) {
      const set = listeners.get(store) ?? new Set();
      // notify() hands each listener its own store's changes; the guard says so to the compiler.
      const ofStore: ChangeListener = (changes, origin) => listener(changes.filter((change) => isChangeOf(store, change)), origin);
      set.add(ofStore);
      listeners.set(store, set);
      return () => set.delete(ofStore);
    },
    onError(listener) {
      errorListeners.add(listener);
      return () => errorListeners.delete(listener);
    },
    async close() {
      await this.idle();
      queue.stop();
      const db = await dbPromise?.catch(() => undefined);
      db?.close();
      dbPromise = undefined;
    },
  };
}
