import type { ChatbotDatabase } from './open';
import { createTouchedRecords, isQuotaFailure, type Mutation } from './mutations';
import { UNJOURNALED_STORES } from './schema';
import { commitBatch, type CommitResult } from './write-queue';
import { toJournalEntry } from './mutations';

/**
 * The deletes and clears of the queue that nothing queued before them touches: they may commit
 * ahead of the rest when the store is full (a put stuck at the head of the queue must not keep a
 * customer from freeing space).
 * @example const freeing = freeingMutations(pending);
 */
export function freeingMutations(pending: readonly Mutation[]): Mutation[] {
  const earlier = createTouchedRecords();
  const out: Mutation[] = [];
  for (const mutation of pending) {
    if ((mutation.kind === 'delete' || mutation.kind === 'clear') && !earlier.touches(mutation)) out.push(mutation);
    earlier.add(mutation);
  }
  return out;
}

/**
 * Commits deletes and clears on a full store. Chromium checks the quota against what a
 * transaction writes, not what it frees: deletes alone are accepted, deletes with their journal
 * record are not. So when the journaled commit is refused, the deletes commit alone, and their
 * journal record follows in its own transaction, in the room they made.
 */
export async function commitFreeing(db: ChatbotDatabase, batch: readonly Mutation[], tabId: string): Promise<CommitResult & { journaled: boolean }> {
  try {
    return { ...(await commitBatch(db, batch, tabId)), journaled: true };
  } catch (error) {
    if (!isQuotaFailure(error)) throw error;
  }
  const result = await commitBatch(db, batch, tabId, { journal: false });
  const entries = result.changes.flatMap((change, i) => (UNJOURNALED_STORES.has(change.store) ? [] : [toJournalEntry(change, batch[i]!.at)]));
  if (entries.length === 0) return { ...result, journaled: true };
  try {
    await db.add('journal', { time: entries[0]!.at, tabId, entries });
    return { ...result, journaled: true };
  } catch (error) {
    if (!isQuotaFailure(error)) throw error;
    return { ...result, journaled: false };
  }
}
