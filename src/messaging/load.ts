import type { Storage, StoredRecord } from '../storage';

/** Records per read: small enough that no single step blocks the host page for long. */
export const LOAD_CHUNK = 2_000;

/**
 * Reads a whole store in key order, `chunk` records per request, handing each chunk to
 * `onChunk` while the next one is already being read (IndexedDB reads off the main thread, so
 * processing one chunk overlaps the read of the next). Between chunks the page gets its turn:
 * 100,000 messages load as ~50 short tasks instead of one long freeze.
 * @example await loadInChunks(storage, 'messages', (records) => records.forEach(insert));
 */
export async function loadInChunks(storage: Storage, store: 'messages', onChunk: (records: StoredRecord[]) => void, chunk = LOAD_CHUNK): Promise<void> {
  const db = await storage.database();
  let next: Promise<StoredRecord[]> | undefined = db.getAll(store, undefined, chunk);
  while (next) {
    const records: StoredRecord[] = await next;
    const last = records[records.length - 1];
    next = records.length === chunk && last ? db.getAll(store, IDBKeyRange.lowerBound(last.id, true), chunk) : undefined;
    onChunk(records);
  }
}
