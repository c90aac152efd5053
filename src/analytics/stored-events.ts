import type { Clock } from '../core/clock';
import type { ChatbotDatabase, ChatbotStorage, EventColumnsRecord } from '../storage';
import type { Collector } from './collector';
import { createId } from '../core/ids';
import { columnsOfBatch, columnsView, createEventTable, isColumnsRecord, joinColumns, joinedStandIn, type EventTable } from './event-columns';

/** Records read per IndexedDB request (one request per key range, not one per record). */
const READ_CHUNK = 100;
/** A full comparison with the store at most this often (catches this tab's pruning). */
const FULL_SYNC_EVERY_MS = 10 * 60_000;
/** Background copies start this long after the first event of a burst (its batch is written by then). */
const COPY_AFTER_MS = 5000;
/** Segments (`seg_…` records) hold the copies of whole batches, up to about this many events each. */
const SEGMENT_EVENTS = 50_000;
/** Single-batch copies are joined into segments once there are this many. */
const JOIN_AT = 50;
const SEGMENT = 'seg';
const isSegment = (id: string): boolean => id.startsWith(`${SEGMENT}_`);

/**
 * Every stored event, in memory as one columnar table, for the analyses over the store.
 *
 * The `eventColumns` store keeps a columnar copy of each `events` batch (same id). Reading the
 * copies clones typed arrays only; the batches' property objects are read once, when a copy is
 * made. A sync reads the batches' event counts from index keys ([firstAt, count], never the
 * values), compares them with the copies' counts, copies the batches that have no copy or a stale
 * one (a batch is rewritten with events appended), and drops copies whose batch is gone (pruned,
 * restored away). Single-batch copies are joined into segments (one record for up to ~50,000
 * events), because reading hundreds of small records is what made opening the dashboard slow: a
 * page's first sync reads the segments in one request and takes each part whose batch still has
 * that count as the batch's copy. Events recorded since the last sync
 * (this tab's and the other tabs', through the collector) are appended as they happen, so the
 * live dashboard never re-reads the store; the next sync replaces that tail with the stored copy.
 * @example const stored = createStoredEvents({ storage, collector, clock }); const table = await stored.table();
 */
export interface StoredEvents {
  /** The table, brought up to date with the store when something changed there. */
  table(): Promise<EventTable>;
  /** Ids of the stored batches holding an event named in `names` within [since, until] (read from the copies). */
  batchesWith(names: readonly string[], since: number, until: number): Promise<string[]>;
  /** The store changed under us (a restore): the next `table()` compares everything. */
  invalidate(): void;
  dispose(): void;
}

interface Copy {
  record: EventColumnsRecord;
  /** Events of the record already in the table. */
  inTable: number;
  /** The segment holding this copy; none for a single-batch copy. */
  segment?: string;
}

export interface StoredEventsOptions {
  storage: ChatbotStorage;
  collector: Collector;
  clock: Clock;
  /** Writes this tab's pending events, so that a sync reads them in their batches. */
  beforeSync?: () => Promise<void>;
  /** Runs work nobody awaits (the background copies), reporting its failure. */
  background?: (work: Promise<unknown>) => void;
}

export function createStoredEvents(options: StoredEventsOptions): StoredEvents {
  const { storage, collector, clock } = options;
  const table = createEventTable();
  const copies = new Map<string, Copy>();
  /** Parts of each segment read in this page (a segment with fewer live parts is rewritten). */
  const segments = new Map<string, number>();
  /** Events in the table that came from stored copies; the live tail follows. */
  let storedLength = 0;
  let loaded = false;
  let structural = false;
  let lastFullSync = -Infinity;
  let syncing: Promise<void> | undefined;
  let liveDuringSync = false;

  // While events flow, the batches they are written in get their copies a few seconds later, in
  // the background: the dashboard then opens over ready copies instead of reading every batch.
  let copyTimer: unknown;
  let disposed = false;
  const copyLater = (): void => {
    if (copyTimer !== undefined || disposed || !options.background) return;
    copyTimer = clock.setTimeout(() => {
      options.background?.(copyNew().finally(() => {
        copyTimer = undefined;
      }));
    }, COPY_AFTER_MS);
  };
  const stopEvents = collector.onEvent((event) => {
    copyLater();
    if (!loaded) return;
    if (syncing) liveDuringSync = true;
    table.appendEvent(event);
  });

  /** Copies the batches that have none yet (two key reads when there are none). */
  async function copyNew(): Promise<void> {
    if (disposed) return;
    const db = await storage.database();
    const [batchIds, copyIds] = await Promise.all([db.getAllKeys('events'), db.getAllKeys('eventColumns')]);
    const have = new Set(copyIds);
    const missing = batchIds.filter((id) => !have.has(id));
    if (missing.length > 0 && !disposed) await makeCopies(db, missing);
  }
  const stopChanges = storage.subscribe('events', (changes) => {
    // Another tab's new batches reach the table as live events; only removals need a full look.
    if (changes.some((c) => c.op !== 'put')) structural = true;
  });

  // Joining costs some main thread: after the sync's result is on screen, not before.
  let joinTimer: unknown;
  const joinSoon = (): void => {
    if (joinTimer !== undefined || disposed) return;
    joinTimer = clock.setTimeout(() => {
      joinTimer = undefined;
      if (syncing) joinSoon();
      else if (!disposed) join();
    }, 0);
  };

  const rebuild = (): void => {
    table.clear();
    for (const copy of copies.values()) {
      table.appendRecord(copy.record);
      copy.inTable = copy.record.count;
    }
    storedLength = table.length;
  };

  /** Each batch's event count ([firstAt, count] index keys: a key cursor, never the values). */
  async function batchCounts(db: ChatbotDatabase): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (let cursor = await db.transaction('events').store.index('byTimeCount').openKeyCursor(); cursor; cursor = await cursor.continue()) {
      counts.set(cursor.primaryKey, cursor.key[1]);
    }
    return counts;
  }

  /** Makes (and stores) the copies of the given batches. */
  async function makeCopies(db: ChatbotDatabase, ids: string[]): Promise<EventColumnsRecord[]> {
    const made: EventColumnsRecord[] = [];
    const wanted = new Set(ids);
    await readInRanges(ids, async (range) => {
      for (const batch of await db.getAll('events', range)) {
        if (!wanted.has(batch.id)) continue;
        const record = columnsOfBatch(batch);
        if (!record) continue;
        storage.put('eventColumns', record);
        made.push(record);
      }
    });
    return made;
  }

  /** A page's first sync: the segments' parts whose batch still has that many events become copies. */
  function takeSegments(records: EventColumnsRecord[], counts: Map<string, number>): void {
    for (const record of records) {
      if (!isColumnsRecord(record) || !record.parts) {
        storage.delete('eventColumns', record.id);
        continue;
      }
      segments.set(record.id, record.parts.length);
      let start = 0;
      for (const [id, count] of record.parts) {
        if (counts.get(id) === count && !copies.has(id)) copies.set(id, { record: columnsView(record, id, start, count), inTable: 0, segment: record.id });
        start += count;
      }
    }
  }

  /**
   * Joins the single-batch copies (and the live parts of segments that lost some) into segments,
   * and deletes what they replace. Synchronous: the writes are queued, the table is unchanged.
   */
  function join(): void {
    const live = new Map<string, number>();
    for (const copy of copies.values()) if (copy.segment) live.set(copy.segment, (live.get(copy.segment) ?? 0) + 1);
    const worn = new Set([...segments].filter(([id, parts]) => (live.get(id) ?? 0) < parts).map(([id]) => id));
    const loose = [...copies.values()].filter((c) => !c.segment).length;
    if (loose < JOIN_AT && worn.size === 0) return;
    const moving = [...copies.values()].filter((c) => !c.segment || worn.has(c.segment));
    for (let i = 0; i < moving.length; ) {
      const group: Copy[] = [];
      for (let events = 0; i < moving.length && (group.length === 0 || events + moving[i]!.record.count <= SEGMENT_EVENTS); i++) {
        group.push(moving[i]!);
        events += moving[i]!.record.count;
      }
      const segment = joinColumns(createId(SEGMENT, clock.now()), group.map((c) => c.record));
      storage.put('eventColumns', segment);
      segments.set(segment.id, group.length);
      let start = 0;
      for (const copy of group) {
        const id = copy.record.id;
        if (!copy.segment) storage.put('eventColumns', joinedStandIn(copy.record, segment.id));
        copies.set(id, { record: columnsView(segment, id, start, copy.record.count), inTable: copy.inTable, segment: segment.id });
        start += copy.record.count;
      }
    }
    for (const id of worn) {
      storage.delete('eventColumns', id);
      segments.delete(id);
    }
  }

  async function sync(): Promise<void> {
    const db = await storage.database();
    const first = copies.size === 0;
    const [counts, segmentRecords] = await Promise.all([
      batchCounts(db),
      first ? db.getAll('eventColumns', IDBKeyRange.bound(`${SEGMENT}_`, `${SEGMENT}_\uffff`)) : [],
    ]);
    const batchIds = [...counts.keys()];
    takeSegments(segmentRecords, counts);
    // The copies' own counts come with their values, which are read anyway: their keys suffice here.
    const stored = new Set((await db.getAllKeys('eventColumns')).filter((id) => !isSegment(id)));
    const batches = new Set(batchIds);
    let removed = false;
    for (const id of copies.keys()) {
      if (!batches.has(id)) {
        copies.delete(id);
        removed = true;
      }
    }
    for (const id of stored) {
      if (!batches.has(id)) {
        storage.delete('eventColumns', id);
        stored.delete(id);
      }
    }

    const toCopy: string[] = [];
    const toRead: string[] = [];
    for (const [id, count] of counts) {
      if (copies.get(id)?.record.count === count) continue;
      if (stored.has(id)) toRead.push(id);
      else toCopy.push(id);
    }
    const fresh: EventColumnsRecord[] = [];
    await readInRanges(toRead, async (range) => {
      for (const record of await db.getAll('eventColumns', range)) {
        const id = record.id;
        if (!batches.has(id)) continue;
        if (isColumnsRecord(record) && record.count === counts.get(id)) fresh.push(record);
        else toCopy.push(id); // stale, or malformed (a hand-edited backup): made again
      }
    });
    fresh.push(...(await makeCopies(db, toCopy)));

    table.truncate(storedLength);
    let grownOnly = !removed;
    for (const record of fresh) {
      const copy = copies.get(record.id);
      if (copy && copy.record.count > record.count) grownOnly = false;
      // A newer copy of a batch replaces its segment's part (that segment is rewritten without it).
      copies.set(record.id, { record, inTable: copy?.inTable ?? 0 });
    }
    if (!grownOnly) rebuild();
    else {
      // Only new records and longer rewrites of known ones: append their new events.
      for (const copy of copies.values()) {
        if (copy.inTable === copy.record.count) continue;
        table.appendRecord(copy.record, copy.inTable);
        copy.inTable = copy.record.count;
      }
      storedLength = table.length;
    }
  }

  const syncNow = (): Promise<void> => {
    syncing ??= (async () => {
      try {
        await options.beforeSync?.();
        structural = false;
        liveDuringSync = false;
        await sync();
        loaded = true;
        lastFullSync = clock.now();
        joinSoon();
        // A live event may have been both appended and read in its batch: look again next time.
        if (liveDuringSync) structural = true;
      } catch (error) {
        structural = true;
        throw error;
      } finally {
        syncing = undefined;
      }
    })();
    return syncing;
  };

  return {
    async table() {
      if (structural || !loaded || clock.now() - lastFullSync >= FULL_SYNC_EVERY_MS) await syncNow();
      return table;
    },
    async batchesWith(names, since, until) {
      // The copies must cover the newest batches too (the table's live tail is not in them).
      await syncNow();
      const wanted = new Set(names);
      const out: string[] = [];
      // The parts of a segment share its strings: which of them are wanted, once per segment.
      const hitsOf = new Map<readonly string[], boolean[]>();
      for (const [id, { record }] of copies) {
        if (record.lastAt < since || record.firstAt > until) continue;
        let hits = hitsOf.get(record.strings);
        if (!hits) hitsOf.set(record.strings, (hits = record.strings.map((s) => wanted.has(s))));
        for (let i = 0; i < record.count; i++) {
          if (hits[record.event[i]!] && record.time[i]! >= since && record.time[i]! <= until) {
            out.push(id);
            break;
          }
        }
      }
      return out;
    },
    invalidate() {
      structural = true;
    },
    dispose() {
      disposed = true;
      if (copyTimer !== undefined) clock.clearTimeout(copyTimer);
      if (joinTimer !== undefined) clock.clearTimeout(joinTimer);
      stopEvents();
      stopChanges();
      copies.clear();
      segments.clear();
      table.clear();
    },
  };
}

/** Reads the given keys in key ranges of READ_CHUNK keys, one request each. */
async function readInRanges(ids: string[], read: (range: IDBKeyRange) => Promise<void>): Promise<void> {
  const sorted = [...ids].sort();
  for (let i = 0; i < sorted.length; i += READ_CHUNK) {
    const chunk = sorted.slice(i, i + READ_CHUNK);
    await read(IDBKeyRange.bound(chunk[0]!, chunk[chunk.length - 1]!));
  }
}
