import type { ChatbotStorage } from '../storage';
import { createInterner, unpackBatch } from './batch-format';
import type { AnalyticsEvent } from './types';


const LOAD_CHUNK = 100;

/**
 * Reads the newest stored events, up to `limit`, oldest first, and how many events each batch read had.
 * @example const { events } = await loadRecentEvents(storage, 20_000);
 */
export async function loadRecentEvents(storage: ChatbotStorage, limit: number): Promise<{ events: AnalyticsEvent[]; batchCounts: Map<string, number> }> {
  const db = await storage.database();
  // Batch ids are time-sortable (createId from the batch's first event), so primary-key order is
  // time order: read newest-first in key ranges of CHUNK records, one request each, instead of a
  // cursor's one round trip per record.
  const keys = await db.getAllKeys('events');
  const batches: AnalyticsEvent[][] = [];
  const batchCounts = new Map<string, number>();
  const intern = createInterner();
  let total = 0;
  for (let end = keys.length; end > 0 && total < limit; end -= LOAD_CHUNK) {
    const start = Math.max(0, end - LOAD_CHUNK);
    const records = await db.getAll('events', IDBKeyRange.bound(keys[start]!, keys[end - 1]!));
    for (let i = records.length - 1; i >= 0 && total < limit; i--) {
      const events = unpackBatch(records[i]!, intern);
      batches.push(events);
      batchCounts.set(records[i]!.id, events.length);
      total += events.length;
    }
  }
  const all = batches.reverse().flat();
  all.sort((a, b) => a.time - b.time);
  return { events: all.length > limit ? all.slice(all.length - limit) : all, batchCounts };
}

/**
 * Every stored event between `since` and `until` (for exports beyond the in-memory window).
 * @example await loadEventsBetween(storage, Date.now() - 7 * 86_400_000, Date.now())
 */
export async function loadEventsBetween(storage: ChatbotStorage, since: number, until: number): Promise<AnalyticsEvent[]> {
  // A batch that starts before `since` may still hold later events: its `lastAt` decides.
  const records = await storage.getAllFromIndex('events', 'byTime', IDBKeyRange.upperBound(until));
  const out: AnalyticsEvent[] = [];
  for (const record of records) {
    if (Number(record.lastAt) < since) continue;
    for (const event of unpackBatch(record)) if (event.time >= since && event.time <= until) out.push(event);
  }
  return out.sort((a, b) => a.time - b.time);
}

/**
 * The events of the given batches, oldest first.
 * @example await loadBatches(storage, ['evb-…'])
 */
export async function loadBatches(storage: ChatbotStorage, ids: readonly string[]): Promise<AnalyticsEvent[]> {
  const records = await Promise.all(ids.map((id) => storage.get('events', id)));
  const intern = createInterner();
  const out: AnalyticsEvent[] = [];
  for (const record of records) if (record) out.push(...unpackBatch(record, intern));
  return out.sort((a, b) => a.time - b.time);
}

/**
 * Drops the oldest batches beyond `maxEvents` and those older than `maxAgeMs`.
 * @example await pruneEvents(storage, Date.now(), { maxEvents: 200_000, maxAgeMs: 90 * 86_400_000 })
 */
export async function pruneEvents(storage: ChatbotStorage, now: number, limits: { maxEvents: number; maxAgeMs: number }): Promise<number> {
  const db = await storage.database();
  const cutoff = now - limits.maxAgeMs;
  // A key cursor on [firstAt, count] walks newest → oldest reading index keys only, never the
  // (large) batch values.
  let cursor = await db.transaction('events').store.index('byTimeCount').openKeyCursor(null, 'prev');
  let kept = 0;
  const doomed: string[] = [];
  while (cursor) {
    const [firstAt, count] = cursor.key;
    kept += count;
    if (kept > limits.maxEvents || firstAt < cutoff) doomed.push(cursor.primaryKey);
    cursor = await cursor.continue();
  }
  for (const key of doomed) storage.delete('events', key);
  return doomed.length;
}
