import { BACKUP_KV, type ChatbotStorage, type OriginWrite, type RestoreEndsRecord } from '../storage';

/** Restore ends kept: far more than fit in the journal overlap before any backup. */
const MAX_ENDS = 100;

/**
 * When the restores of this browser ended, oldest first (see `RestoreEndsRecord`).
 * @example const ends = await readRestoreEnds(storage);
 */
export async function readRestoreEnds(storage: ChatbotStorage): Promise<number[]> {
  const found = await (await storage.database()).get('kv', BACKUP_KV.restoreEnds);
  return found?.id === BACKUP_KV.restoreEnds ? found.ends : [];
}

/**
 * The write that records a restore ending at `end`, to commit with the end of that restore. Ends
 * older than the journal's age are dropped: no replay reaches back to them.
 * @example await endRestore(env, marker, [await restoreEndWrite(storage, clock.now())]);
 */
export async function restoreEndWrite(storage: ChatbotStorage, end: number): Promise<OriginWrite> {
  const cutoff = end - storage.journal.limits.maxAgeMs;
  const kept = (await readRestoreEnds(storage)).filter((time) => time >= cutoff);
  const value: RestoreEndsRecord = { id: BACKUP_KV.restoreEnds, ends: [...kept, end].sort((a, b) => a - b).slice(-MAX_ENDS) };
  return { op: 'put', store: 'kv', value };
}

/**
 * The latest restore end at or before `time`, or -Infinity: journal entries before it describe
 * changes that restore undid.
 * @example lastRestoreEnd([10, 20, 30], 25) // 20
 */
export function lastRestoreEnd(ends: readonly number[], time: number): number {
  let last = -Infinity;
  for (const end of ends) if (end <= time && end > last) last = end;
  return last;
}
