import type { Clock } from '../core/clock';
import type { ChatbotDatabase, ChatbotStorage, EventColumnsRecord } from '../storage';
import type { Collector } from './collector';
import { columnsOfBatch, createEventTable, isColumnsRecord, type EventTable } from './event-columns';

/** Records read per IndexedDB request (one request per key range, not one per record). */
const READ_CHUNK = 100;
/** A full comparison with the store at most this often (catches this tab's pruning). */
const FULL_SYNC_EVERY_MS = 10 * 60_000;
/** Background copies start this long after the first event of a burst (its batch is written by then). */
const COPY_AFTER_MS = 5000;

/**
 * Every stored event, in memory as one columnar table, for the analyses over the store.
 *
 * The `eventColumns` store keeps a columnar copy of each `events` batch (same id). Reading the
 * copies clones typed arrays only; the batches' property objects are read once, when a copy is
 * made. A sync reads the batches' event counts from index keys ([firstAt, count], never the
 * values), compares them with the copies' counts, copies the batches that have no copy or a stale
 * one (a batch is rewritten with events appended), and drops copies whose batch is gone (pruned,
 * restored away). Events recorded since the last sync
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

  async function sync(): Promise<void> {
    const db = await storage.database();
    const counts = await batchCounts(db);
    const batchIds = [...counts.keys()];
    // The copies' own counts come with their values, which are read anyway: their keys suffice here.
    const stored = new Set(await db.getAllKeys('eventColumns'));
    const batches = new Set(batchIds);
    let removed = false;
    for (const id of copies.keys()) {
      if (!batches.has(id)) {
        copies.delete(id);
        removed = true;
      }
    }
    for (const id of stored) if (!batches.has(id)) storage.delete('eventColumns', id);

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
      for (const [id, { record }] of copies) {
        if (record.lastAt < since || record.firstAt > until) continue;
        const hits = record.strings.map((s) => wanted.has(s));
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
      stopEvents();
      stopChanges();
      copies.clear();
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
