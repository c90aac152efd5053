import type { Clock } from '../core/clock';
import type { ChatbotStorage, EventColumnsRecord } from '../storage';
import type { Collector } from './collector';
import { columnsOfBatch, createEventTable, isColumnsRecord, type EventTable } from './event-columns';

/** Records read per IndexedDB request (one request per key range, not one per record). */
const READ_CHUNK = 100;
/** A full comparison with the store at most this often (catches this tab's pruning). */
const FULL_SYNC_EVERY_MS = 10 * 60_000;
/** Batches that may still take appended events (the collector keeps one open for 5 minutes). */
const MAY_GROW_MS = 60 * 60_000;

/**
 * Every stored event, in memory as one columnar table, for the analyses over the store.
 *
 * The `eventColumns` store keeps a columnar copy of each `events` batch (same id). Reading the
 * copies clones typed arrays only; the batches' property objects are read once, when a copy is
 * made. A sync compares the two stores' keys ([firstAt, count] index keys, never values), copies
 * the batches that have no copy or a stale one (a batch is rewritten with events appended), and
 * drops copies whose batch is gone (pruned, restored away). Events recorded since the last sync
 * (this tab's and the other tabs', through the collector) are appended as they happen, so the
 * live dashboard never re-reads the store; the next sync replaces that tail with the stored copy.
 * @example const stored = createStoredEvents({ storage, collector, clock }); const table = await stored.table();
 */
export interface StoredEvents {
  /** The table, brought up to date with the store when something changed there. */
  table(): Promise<EventTable>;
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

  const stopEvents = collector.onEvent((event) => {
    if (!loaded) return;
    if (syncing) liveDuringSync = true;
    table.appendEvent(event);
  });
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

  /**
   * `thorough`: compare every batch's count with its copy's (after a restore or a removal seen in
   * another tab). Otherwise only batches that may still grow are compared: a batch record takes
   * appended events for 5 minutes after it opens, so an older one is final and its copy, once
   * made, stays right. That saves a key-cursor walk (one round trip per record) on every page.
   */
  async function sync(thorough: boolean): Promise<void> {
    const db = await storage.database();
    const batchIds = await db.getAllKeys('events');
    const counts = new Map<string, number>();
    const recent = thorough ? null : IDBKeyRange.lowerBound([clock.now() - MAY_GROW_MS, 0]);
    for (let cursor = await db.transaction('events').store.index('byTimeCount').openKeyCursor(recent); cursor; cursor = await cursor.continue()) {
      counts.set(cursor.primaryKey, cursor.key[1]);
    }
    const stored = new Map<string, number | undefined>();
    if (thorough) {
      for (let cursor = await db.transaction('eventColumns').store.index('byTimeCount').openKeyCursor(); cursor; cursor = await cursor.continue()) {
        stored.set(cursor.primaryKey, cursor.key[1]);
      }
    } else {
      for (const id of await db.getAllKeys('eventColumns')) stored.set(id, undefined);
    }
    const batches = new Set(batchIds);
    let removed = false;
    for (const id of copies.keys()) {
      if (!batches.has(id)) {
        copies.delete(id);
        removed = true;
      }
    }
    for (const id of stored.keys()) if (!batches.has(id)) storage.delete('eventColumns', id);

    const toCopy: string[] = [];
    const toRead: string[] = [];
    for (const id of batchIds) {
      const count = counts.get(id);
      const copy = copies.get(id);
      if (copy && (count === undefined || copy.record.count === count)) continue;
      if (stored.has(id) && (count === undefined || stored.get(id) === undefined || stored.get(id) === count)) toRead.push(id);
      else toCopy.push(id);
    }
    const fresh: EventColumnsRecord[] = [];
    await readInRanges(toRead, async (range) => {
      for (const record of await db.getAll('eventColumns', range)) {
        const id = record.id;
        if (!batches.has(id)) continue;
        const count = counts.get(id);
        if (isColumnsRecord(record) && (count === undefined || record.count === count)) fresh.push(record);
        else toCopy.push(id); // stale, or malformed (a hand-edited backup): made again
      }
    });
    const wanted = new Set(toCopy);
    await readInRanges(toCopy, async (range) => {
      for (const batch of await db.getAll('events', range)) {
        if (!wanted.has(batch.id)) continue;
        const record = columnsOfBatch(batch);
        if (!record) continue;
        storage.put('eventColumns', record);
        fresh.push(record);
      }
    });

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

  return {
    async table() {
      const full = structural || clock.now() - lastFullSync >= FULL_SYNC_EVERY_MS;
      if (full || !loaded) {
        syncing ??= (async () => {
          try {
            await options.beforeSync?.();
            const thorough = structural;
            structural = false;
            liveDuringSync = false;
            await sync(thorough);
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
        await syncing;
      }
      return table;
    },
    invalidate() {
      structural = true;
    },
    dispose() {
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
