import { createId } from '../core/ids';
import type { Storage, StoredRecord } from '../storage';
import type { AnalyticsEvent, EventContext } from './types';

/**
 * Events on disk: one `events` record per flushed batch (per-record IndexedDB cost dominates:
 * ~1,000 single puts/s against ~370,000 events/s packed 100 per value). Events of one page view
 * share their context object, so a batch stores each distinct context once.
 */
export interface EventBatchRecord extends StoredRecord {
  firstAt: number;
  lastAt: number;
  count: number;
  contexts: EventContext[];
  events: Array<Omit<AnalyticsEvent, 'context'> & { c: number }>;
}

const LOAD_CHUNK = 100;

/** @example storage.put('events', packBatch(events)); */
export function packBatch(events: readonly AnalyticsEvent[], id?: string): EventBatchRecord {
  const contexts: EventContext[] = [];
  const index = new Map<EventContext, number>();
  let firstAt = Infinity;
  let lastAt = -Infinity;
  const packed = events.map((event) => {
    const { context, ...rest } = event;
    let c = index.get(context);
    if (c === undefined) {
      c = contexts.push(context) - 1;
      index.set(context, c);
    }
    if (event.time < firstAt) firstAt = event.time;
    if (event.time > lastAt) lastAt = event.time;
    return { ...rest, c };
  });
  return { id: id ?? createId('evb', Math.floor(firstAt)), firstAt, lastAt, count: events.length, contexts, events: packed };
}

/**
 * Events read back from IndexedDB or another tab come with one copy of every id string per event;
 * sharing one string per distinct id saves memory and makes grouping by session or user (funnels,
 * the dashboard) hit V8's fast path for identical keys.
 */
export function createInterner(limit = 50_000): (value: string) => string {
  let pool = new Map<string, string>();
  return (value) => {
    const known = pool.get(value);
    if (known !== undefined) return known;
    if (pool.size >= limit) pool = new Map();
    pool.set(value, value);
    return value;
  };
}

const sameString = (value: string): string => value;

/** @example const events = unpackBatch(record, createInterner()); */
export function unpackBatch(record: StoredRecord, intern: (value: string) => string = sameString): AnalyticsEvent[] {
  const batch = record as EventBatchRecord;
  if (!Array.isArray(batch.events) || !Array.isArray(batch.contexts)) return [];
  return batch.events.map(({ c, ...rest }) => ({
    ...rest,
    sessionId: intern(rest.sessionId),
    anonymousId: intern(rest.anonymousId),
    userId: rest.userId === null ? null : intern(rest.userId),
    event: intern(rest.event),
    name: intern(rest.name),
    context: batch.contexts[c]!,
  }));
}

/**
 * Reads the newest stored events, up to `limit`, oldest first, and how many events each batch read had.
 * @example const { events } = await loadRecentEvents(storage, 20_000);
 */
export async function loadRecentEvents(storage: Storage, limit: number): Promise<{ events: AnalyticsEvent[]; batchCounts: Map<string, number> }> {
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
export async function loadEventsBetween(storage: Storage, since: number, until: number): Promise<AnalyticsEvent[]> {
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
 * Drops the oldest batches beyond `maxEvents` and those older than `maxAgeMs`.
 * @example await pruneEvents(storage, Date.now(), { maxEvents: 200_000, maxAgeMs: 90 * 86_400_000 })
 */
export async function pruneEvents(storage: Storage, now: number, limits: { maxEvents: number; maxAgeMs: number }): Promise<number> {
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
