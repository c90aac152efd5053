import { backoffDelay } from '../core/backoff';
import { ChatbotError } from '../core/errors';
import type { Journal } from './journal';
import { createTouchedRecords, isPermanentFailure, isQuotaFailure, type Change, type Mutation, type QueuedMutation } from './mutations';
import type { ChatbotDatabase } from './open';
import { commitFreeing, freeingMutations } from './quota-relief';
import type { StoreName } from './schema';
import { commitBatch, describeFailure, type CommitResult } from './write-queue';

export interface CommitQueueOptions {
  /** The database, once reads and commits may use it (`storage.hold`). */
  database(): Promise<ChatbotDatabase>;
  tabId: string;
  journal: Journal;
  /** Delay before a batch commits; mutations arriving meanwhile join it. */
  batchDelayMs: number;
  /** Most mutations one transaction commits. */
  maxBatch: number;
  /** Queued mutations beyond which `admit()` refuses new work. */
  maxPending: number;
  reportError(error: ChatbotError): void;
  /**
   * A commit landed: every change (for the other tabs), and the merge results of this tab's
   * updates that no later write of this tab supersedes (for this tab's read models).
   */
  committed(changes: Change[], merged: Change[]): void;
}

/**
 * The write queue of one tab: mutations in `seq` order, committed in bounded batched
 * transactions, retried with the backoff, and on a full store made room for (quota-relief.ts).
 * `flush()` resolves once every mutation queued before it is committed.
 * @example const queue = createCommitQueue({ database, tabId, journal, batchDelayMs: 0, maxBatch: 1000, maxPending: 5000, reportError, committed });
 */
export interface CommitQueue {
  /** The queued mutations not being committed, oldest first (read by queued-reads; do not mutate). */
  readonly pending: readonly Mutation[];
  /** Settles when the commit in flight, if it writes `store`, is over. */
  inflight(store: StoreName): Promise<void> | undefined;
  enqueue(mutation: QueuedMutation): void;
  flush(): Promise<void>;
  /** Throws BUSY past `maxPending` queued mutations (see ChatbotStorage.admit). */
  admit(): void;
  commitNow(): void;
  pendingCount(): number;
  /** No more commits or timers (what is still queued stays unwritten). */
  stop(): void;
}

/** Failed commits retry with the widget's one backoff rule. */
const COMMIT_RETRY = { baseMs: 250, maxMs: 30_000 } as const;

export function createCommitQueue(deps: CommitQueueOptions): CommitQueue {
  const pending: Mutation[] = [];
  /** The batch being committed: in neither `pending` nor (yet) IndexedDB. */
  let inflight: { batch: Mutation[]; settled: Promise<void> } | undefined;
  let seq = 0;
  let committedSeq = 0;
  let draining: Promise<void> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let isolate = false;
  /** Mutations at the head of `pending` that do not fit even after makeRoom, and later writes of the same records. */
  let stuck = 0;
  /** The journal's oldest half went in this quota episode (once per episode, not per retry). */
  let journalShed = false;
  let closed = false;
  const waiters: Array<{ seq: number; resolve: () => void; reject: (error: unknown) => void }> = [];

  const committed = (result: CommitResult): void => {
    // A write of the same record queued during the commit already shows in the read model (and
    // will merge again when it commits): this result is older than what the tab shows.
    const later = createTouchedRecords(pending);
    deps.committed(result.changes, result.merged.filter((change) => !later.has(change)));
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

  const enqueue = (input: QueuedMutation): void => {
    if (closed) throw describeFailure(new Error('storage is closed'));
    const mutation: Mutation = { ...input, seq: ++seq };
    pending.push(mutation);
    if (failures === 0) schedule(deps.batchDelayMs);
    // On a full store a deletion is how space comes back: it does not wait out the backoff.
    else if (mutation.kind === 'delete' || mutation.kind === 'clear') void drain();
  };

  /** Everything before the oldest mutation still queued is done (the queue is in `seq` order). */
  const advanceCommitted = (batch: readonly Mutation[]): void => {
    const oldest = pending[0]?.seq;
    committedSeq = Math.max(committedSeq, oldest !== undefined && oldest < batch[0]!.seq ? oldest - 1 : batch[batch.length - 1]!.seq);
  };

  /**
   * Commits `batch` (taken out of `pending`) while reads of its stores wait; on failure `requeue`
   * puts it back before any read can run, so no read misses it.
   */
  const commitTracked = async <T extends CommitResult>(batch: Mutation[], commit: (db: ChatbotDatabase) => Promise<T>, requeue: () => void): Promise<T> => {
    let settle = (): void => undefined;
    inflight = { batch, settled: new Promise<void>((resolve) => (settle = resolve)) };
    try {
      return await commit(await deps.database());
    } catch (error) {
      requeue();
      throw error;
    } finally {
      inflight = undefined;
      settle();
    }
  };

  /**
   * A full store: the journal gives way first (its own limits, then, once until the queue fits
   * again, its oldest half: it holds a copy of every value written), then the queued deletes and
   * clears nothing before them depends on commit ahead of the rest, so space can always be freed.
   */
  const makeRoom = async (): Promise<void> => {
    const ignore = (): number => 0;
    await deps.journal.prune().catch(ignore);
    if (!journalShed) {
      journalShed = true;
      await deps.journal.shed(0.5).catch(ignore);
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
      const result = await commitTracked(freeing, (db) => commitFreeing(db, freeing, deps.tabId), requeue);
      advanceCommitted(freeing);
      committed(result);
      if (!result.journaled) {
        deps.reportError(new ChatbotError('QUOTA_EXCEEDED', `${freeing.length} deletions were stored without their journal entries (no room even for them): point-in-time restores up to then are no longer exact`));
        // Stored with the journal's other gaps (kept in this tab's memory when even that finds no room).
        await deps.journal.noteGap(Math.max(...freeing.map((mutation) => mutation.at))).catch(ignore);
      }
    } catch (error) {
      // Still refused: back in the queue, in order, with the rest.
      if (!isQuotaFailure(error)) deps.reportError(describeFailure(error));
    }
  };

  /** Keeps the queue (in order) and tries again with the backoff; flush() callers learn why. */
  const retryLater = (failure: ChatbotError, reported: boolean): void => {
    stuck = 0;
    isolate = false;
    failures++;
    committedSeq = Math.max(committedSeq, (pending[0]?.seq ?? seq + 1) - 1);
    settleWaiters(committedSeq);
    if (!reported) deps.reportError(failure);
    settleWaiters(Infinity, failure);
    schedule(backoffDelay(failures, COMMIT_RETRY, Math.random()));
  };

  const drainOnce = async (): Promise<void> => {
    let quotaFailure: ChatbotError | undefined;
    const blocked = createTouchedRecords();
    while (pending.length > stuck) {
      // A bounded transaction: a readwrite transaction holds back every other tab's reads of its
      // stores until it commits, and a burst of tens of thousands of writes takes seconds.
      const batch = pending.splice(stuck, isolate ? 1 : deps.maxBatch);
      if (isolate && blocked.touches(batch[0]!)) {
        // A later write of a record that does not fit waits behind it.
        pending.splice(stuck++, 0, batch[0]!);
        blocked.add(batch[0]!);
        continue;
      }
      try {
        const result = await commitTracked(batch, (db) => commitBatch(db, batch, deps.tabId), () => pending.splice(stuck, 0, ...batch));
        advanceCommitted(batch);
        committed(result);
        if (stuck === 0) failures = 0;
        settleWaiters(committedSeq);
      } catch (error) {
        const failure = describeFailure(error);
        if (isQuotaFailure(error)) {
          if (!quotaFailure) {
            quotaFailure = failure;
            deps.reportError(failure);
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
          deps.reportError(failure);
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
      if (pending.length > 0 && failures === 0) schedule(deps.batchDelayMs);
    });
    return draining;
  };

  return {
    pending,
    inflight: (store) => (inflight?.batch.some((mutation) => mutation.store === store) ? inflight.settled : undefined),
    enqueue,
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
    admit() {
      if (pending.length < deps.maxPending) return;
      throw new ChatbotError('BUSY', `${pending.length} changes of this tab are waiting to be stored; retry once flush() resolves`, {
        details: { pending: pending.length, limit: deps.maxPending },
      });
    },
    commitNow() {
      if (pending.length > 0) void drain();
    },
    pendingCount: () => pending.length,
    stop() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
