import type { Clock } from '../core/clock';
import { systemClock } from '../core/clock';
import { backoffDelay } from '../core/backoff';
import { createBackground } from '../core/background';
import { ChatbotError } from '../core/errors';
import type { TabChannel } from '../core/tabs';
import { knownChanges } from './remote-changes';
import { openDatabase, type ChatbotDatabase } from './open';
import {
  DB_NAME, type IndexKey, type IndexName, type StoreKey, type StoreName, type StoreValue, type ValueOf,
} from './schema';
import type { Change, Mutation } from './mutations';
import { createQueuedReads } from './queued-reads';
import { isChangeOf, storedAs, storedAsMany } from './stored-as';
import { commitBatch, describeFailure, type CommitResult } from './write-queue';
import { createTouchedRecords, isPermanentFailure, isQuotaFailure } from './mutations';
import { commitFreeing, freeingMutations } from './quota-relief';
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
  /** Queued mutations beyond which `admit()` refuses new work with BUSY (default 5,000). */
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

/** Failed commits retry with the widget's one backoff rule. */
const COMMIT_RETRY = { baseMs: 250, maxMs: 30_000 } as const;

export function createStorage(options: StorageOptions = {}): ChatbotStorage {
  const clock = options.clock ?? systemClock;
  const dbName = options.dbName ?? DB_NAME;
  const channel = options.channel;
  const tabId = channel?.tabId ?? 'local';
  const batchDelay = options.batchDelayMs ?? 0;
  const maxBatch = options.maxBatch ?? 1_000;
  const maxPending = options.maxPending ?? 5_000;

  let dbPromise: Promise<ChatbotDatabase> | undefined;
  let closed = false;
  const pending: Mutation[] = [];
  /** The batch being committed: in neither `pending` nor (yet) IndexedDB. */
  let inflight: { batch: Mutation[]; settled: Promise<void> } | undefined;
  let seq = 0;
  let committedSeq = 0;
  let draining: Promise<void> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let isolate = false;
  let commits = 0;
  const waiters: Array<{ seq: number; resolve: () => void; reject: (error: unknown) => void }> = [];
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

  const settleWaiters = (upTo: number, error?: unknown): void => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const waiter = waiters[i]!;
      if (error !== undefined) waiter.reject(error);
      else if (waiter.seq <= upTo) waiter.resolve();
      else continue;
      waiters.splice(i, 1);
    }
  };

  const schedule = (delay: number): void => {
    if (timer !== undefined || closed) return;
    timer = setTimeout(() => {
      timer = undefined;
      void drain();
    }, delay);
  };

  const enqueue = (mutation: Mutation): void => {
    if (closed) throw describeFailure(new Error('storage is closed'));
    pending.push(mutation);
    if (failures === 0) schedule(batchDelay);
    // On a full store a deletion is how space comes back: it does not wait out the backoff.
    else if (mutation.kind === 'delete' || mutation.kind === 'clear') void drain();
  };

  /** Everything before the oldest mutation still queued is done (the queue is in `seq` order). */
  const advanceCommitted = (batch: readonly Mutation[]): void => {
    const oldest = pending[0]?.seq;
    committedSeq = Math.max(committedSeq, oldest !== undefined && oldest < batch[0]!.seq ? oldest - 1 : batch[batch.length - 1]!.seq);
  };

  const announce = (result: CommitResult): void => {
    // The journal is bounded; pruning now and then keeps the check off the hot path.
    if (++commits % 500 === 0) background.run(journal.prune(), 'STORAGE_FAILED', 'pruning the journal');
    if (channel && result.changes.length > 0) channel.post({ kind: 'storage', changes: result.changes });
    // A write of the same record queued during the commit already shows in the read model (and
    // will merge again when it commits): this result is older than what the tab shows.
    const later = createTouchedRecords(pending);
    const merged = result.merged.filter((change) => !later.has(change));
    if (merged.length > 0) notify(merged, 'merged');
  };

  /**
   * Commits `batch` (taken out of `pending`) while reads of its stores wait; on failure `requeue`
   * puts it back before any read can run, so no read misses it.
   */
  const commitTracked = async <T extends CommitResult>(batch: Mutation[], commit: (db: ChatbotDatabase) => Promise<T>, requeue: () => void): Promise<T> => {
    let settle = (): void => undefined;
    inflight = { batch, settled: new Promise<void>((resolve) => (settle = resolve)) };
    try {
      return await commit(await usable());
    } catch (error) {
      requeue();
      throw error;
    } finally {
      inflight = undefined;
      settle();
    }
  };

  /** Mutations at the head of `pending` that do not fit even after makeRoom, and later writes of the same records. */
  let stuck = 0;
  let journalShed = false;

  /**
   * A full store: the journal gives way first (its own limits, then, once until the queue fits
   * again, its oldest half: it holds a copy of every value written), then the queued deletes and
   * clears nothing before them depends on commit ahead of the rest, so space can always be freed.
   */
  const makeRoom = async (): Promise<void> => {
    const ignore = (): number => 0;
    await journal.prune().catch(ignore);
    if (!journalShed) {
      journalShed = true;
      await journal.shed(0.5).catch(ignore);
    }
    const freeing = freeingMutations(pending.slice(stuck));
    if (freeing.length === 0) return;
    const done = new Set(freeing);
    for (let i = pending.length - 1; i >= 0; i--) if (done.has(pending[i]!)) pending.splice(i, 1);
    const requeue = (): void => {
      pending.push(...freeing);
      pending.sort((a, b) => a.seq - b.seq);
    };
    try {
      const result = await commitTracked(freeing, (db) => commitFreeing(db, freeing, tabId), requeue);
      advanceCommitted(freeing);
      announce(result);
      if (!result.journaled) {
        reportError(new ChatbotError('QUOTA_EXCEEDED', `${freeing.length} deletions were stored without their journal entries (no room even for them): a point-in-time restore to a later moment may bring those records back`));
      }
    } catch (error) {
      // Still refused: back in the queue, in order, with the rest.
      if (!isQuotaFailure(error)) reportError(describeFailure(error));
    }
  };

  /** Keeps the queue (in order) and tries again with the backoff; flush() callers learn why. */
  const retryLater = (failure: ChatbotError, reported: boolean): void => {
    stuck = 0;
    isolate = false;
    failures++;
    committedSeq = Math.max(committedSeq, (pending[0]?.seq ?? seq + 1) - 1);
    settleWaiters(committedSeq);
    if (!reported) reportError(failure);
    settleWaiters(Infinity, failure);
    schedule(backoffDelay(failures, COMMIT_RETRY, Math.random()));
  };

  const drainOnce = async (): Promise<void> => {
    let quotaFailure: ChatbotError | undefined;
    const blocked = createTouchedRecords();
    while (pending.length > stuck) {
      // A bounded transaction: a readwrite transaction holds back every other tab's reads of its
      // stores until it commits, and a burst of tens of thousands of writes takes seconds.
      const batch = pending.splice(stuck, isolate ? 1 : maxBatch);
      if (isolate && blocked.touches(batch[0]!)) {
        // A later write of a record that does not fit waits behind it.
        pending.splice(stuck++, 0, batch[0]!);
        blocked.add(batch[0]!);
        continue;
      }
      try {
        const result = await commitTracked(batch, (db) => commitBatch(db, batch, tabId), () => pending.splice(stuck, 0, ...batch));
        advanceCommitted(batch);
        announce(result);
        if (stuck === 0) failures = 0;
        settleWaiters(committedSeq);
      } catch (error) {
        const failure = describeFailure(error);
        if (isQuotaFailure(error)) {
          if (!quotaFailure) {
            quotaFailure = failure;
            reportError(failure);
            await makeRoom();
          } else if (batch.length > 1) {
            // What fits goes in; what does not waits at the head of the queue.
            isolate = true;
          } else {
            stuck++;
            blocked.add(batch[0]!);
          }
          continue;
        }
        if (isPermanentFailure(error)) {
          if (batch.length > 1) {
            // One bad value must not block the others: retry them one transaction each.
            isolate = true;
            continue;
          }
          pending.splice(stuck, 1);
          reportError(failure);
          // The write can never succeed: it is reported, and counts as done for flush ordering.
          advanceCommitted(batch);
          settleWaiters(batch[0]!.seq, failure);
          continue;
        }
        retryLater(failure, false);
        return;
      }
    }
    if (stuck > 0) {
      retryLater(quotaFailure ?? describeFailure(new DOMException('the queued writes do not fit in the quota', 'QuotaExceededError')), true);
      return;
    }
    isolate = false;
    journalShed = false;
    settleWaiters(seq);
  };

  const drain = (): Promise<void> => {
    if (draining) return draining;
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    draining = drainOnce().finally(() => {
      draining = undefined;
      if (pending.length > 0 && failures === 0) schedule(batchDelay);
    });
    return draining;
  };

  channel?.subscribe('storage', (payload) => {
    const changes = knownChanges(payload.changes);
    if (changes.length > 0) notify(changes, 'remote');
  });

  const ready = database().then(usable).then(() => undefined);
  const journal = createJournal(database, clock, options.journal);
  // Sessions are often short: prune at every start too, not only every 500 commits, so the
  // journal stays within its bounds for customers who never make 500 changes in one visit.
  background.run(ready.then(() => journal.prune()), 'STORAGE_FAILED', 'pruning the journal');

  const reads = createQueuedReads({
    database: usable,
    pending,
    inflight: (store) => (inflight?.batch.some((mutation) => mutation.store === store) ? inflight.settled : undefined),
    cmp,
  });

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
      enqueue({ kind: 'put', store, value, at: clock.now(), seq: ++seq });
    },
    delete(store, key) {
      enqueue({ kind: 'delete', store, key, at: clock.now(), seq: ++seq });
    },
    clear(store) {
      enqueue({ kind: 'clear', store, at: clock.now(), seq: ++seq });
    },
    update(store, key, apply) {
      enqueue({ kind: 'update', store, key, apply: (current) => apply(storedAs(store, key, current)), at: clock.now(), seq: ++seq });
    },
    flush() {
      const target = seq;
      if (committedSeq >= target && pending.length === 0) return Promise.resolve();
      const promise = new Promise<void>((resolve, reject) => waiters.push({ seq: target, resolve, reject }));
      failures = 0;
      const kick = (): void => {
        void drain().then(() => {
          // A drain that was already running may have taken an older batch only: go again.
          if (committedSeq < target && pending.length > 0 && failures === 0) kick();
          else settleWaiters(committedSeq);
        });
      };
      kick();
      return promise;
    },
    async idle() {
      await this.flush().catch(() => undefined);
      await background.idle();
    },
    hold(work) {
      const before = held;
      held = Promise.all([before, work.catch(() => undefined)]);
    },
    admit() {
      if (pending.length < maxPending) return;
      throw new ChatbotError('BUSY', `${pending.length} changes of this tab are waiting to be stored; retry once flush() resolves`, {
        details: { pending: pending.length, limit: maxPending },
      });
    },
    commitNow() {
      if (pending.length > 0) void drain();
    },
    pendingCount: () => pending.length,
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
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      const db = await dbPromise?.catch(() => undefined);
      db?.close();
      dbPromise = undefined;
    },
  };
}
