import { unwrap } from 'idb';
import { ChatbotError } from '../core/errors';
import type { ChatbotDatabase } from './open';
import { UNJOURNALED_STORES, type JournalEntry, type StoreName } from './schema';
import { createTouchedRecords, isPermanentFailure, isQuotaFailure, toJournalEntry, type Change, type Mutation } from './mutations';

export interface CommitResult {
  changes: Change[];
  /**
   * Changes produced by `update` mutations: the merged value this tab must adopt. Not those a
   * later mutation of the same batch overwrote (an edit then a delete in one tick): the record's
   * value is the later one, which the read model already shows.
   */
  merged: Change[];
}

/**
 * Writes one batch of mutations in one readwrite transaction, plus one journal record for the
 * journaled ones. Requests are issued without awaiting each one (IndexedDB runs them in order);
 * only an `update` waits, for the current value it merges into. They are plain IndexedDB requests,
 * not idb's promises: a failed one aborts the transaction, which `tx.done` reports, and a promise
 * with its two listeners per record was a fifth of the main thread's cost of a 1,000-message write.
 */
export async function commitBatch(db: ChatbotDatabase, batch: readonly Mutation[], tabId: string, options: { journal?: boolean } = {}): Promise<CommitResult> {
  const stores = new Set<StoreName | 'journal'>();
  let journaled = false;
  for (const mutation of batch) {
    stores.add(mutation.store);
    if (!UNJOURNALED_STORES.has(mutation.store) && options.journal !== false) journaled = true;
  }
  if (journaled) stores.add('journal');
  const tx = db.transaction([...stores], 'readwrite');
  const raw = unwrap(tx);
  const changes: Change[] = [];
  const merged: Array<{ change: Change; index: number }> = [];
  const entries: JournalEntry[] = [];
  const ignore = (): void => undefined;
  try {
    for (const [index, mutation] of batch.entries()) {
      const store = raw.objectStore(mutation.store);
      let change: Change;
      switch (mutation.kind) {
        case 'put':
          store.put(mutation.value);
          change = { store: mutation.store, op: 'put', key: mutation.value.id, value: mutation.value };
          break;
        case 'delete':
          store.delete(mutation.key);
          change = { store: mutation.store, op: 'delete', key: mutation.key };
          break;
        case 'clear':
          store.clear();
          change = { store: mutation.store, op: 'clear' };
          break;
        case 'update': {
          const current = await tx.objectStore(mutation.store).get(mutation.key);
          const next = mutation.apply(current);
          if (next) {
            store.put(next);
            change = { store: mutation.store, op: 'put', key: mutation.key, value: next };
          } else {
            store.delete(mutation.key);
            change = { store: mutation.store, op: 'delete', key: mutation.key };
          }
          merged.push({ change, index });
          break;
        }
      }
      changes.push(change);
      if (journaled && !UNJOURNALED_STORES.has(mutation.store)) entries.push(toJournalEntry(change, mutation.at));
    }
    if (entries.length > 0) {
      raw.objectStore('journal').add({ time: entries[0]!.at, tabId, entries });
    }
  } catch (error) {
    // A synchronous throw (DataCloneError from put) leaves the transaction open: abort it so
    // nothing of the batch is written.
    try {
      tx.abort();
    } catch {
      // already finished
    }
    await tx.done.catch(ignore);
    throw error;
  }
  try {
    await tx.done;
  } catch (error) {
    throw tx.error ?? error;
  }
  return { changes, merged: latestMerges(batch, merged) };
}

/** The merge results no later mutation of the batch overwrote, in batch order (one pass, from the end). */
function latestMerges(batch: readonly Mutation[], merged: ReadonlyArray<{ change: Change; index: number }>): Change[] {
  const out: Change[] = [];
  const later = createTouchedRecords();
  let next = merged.length - 1;
  for (let i = batch.length - 1; i >= 0 && next >= 0; i--) {
    const entry = merged[next]!;
    if (entry.index === i) {
      if (!later.has(entry.change)) out.push(entry.change);
      next--;
    }
    later.add(batch[i]!);
  }
  return out.reverse();
}

/** Turns a failed commit into the error the system reports. */
export function describeFailure(error: unknown): ChatbotError {
  if (error instanceof ChatbotError) return error;
  if (isQuotaFailure(error)) {
    return new ChatbotError('QUOTA_EXCEEDED', 'the browser refused to store more data; pending changes are kept and retried', { cause: error });
  }
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return new ChatbotError('STORAGE_FAILED', `${name}: ${message}`, { cause: error, details: { permanent: isPermanentFailure(error) } });
}
