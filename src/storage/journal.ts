import type { Clock } from '../core/clock';
import type { ChatbotDatabase } from './open';
import { BACKUP_KV } from './records/backup';
import type { JournalEntry, JournalRecord } from './schema';

export interface JournalLimits {
  /** Journal batches older than this are dropped (default 30 days). */
  maxAgeMs: number;
  /** At most this many batches are kept, oldest dropped first (default 50,000). */
  maxRecords: number;
}

const DEFAULT_JOURNAL_LIMITS: JournalLimits = { maxAgeMs: 30 * 24 * 3_600_000, maxRecords: 50_000 };

export interface JournalRange {
  /** Entries at or after this time (ms). */
  since?: number;
  /** Entries at or before this time (ms). */
  until?: number;
}

/**
 * The ordered log of every committed mutation of the widget's own records: what point-in-time
 * recovery replays after a backup, the way a database replays its WAL.
 * @example const entries = await storage.journal.read({ since: backup.createdAt, until: target });
 */
export interface Journal {
  read(range?: JournalRange): Promise<JournalEntry[]>;
  /** The time of the oldest entry still kept, or undefined when empty. */
  oldest(): Promise<number | undefined>;
  /** Drops batches beyond the limits (or older than `before`); returns how many were dropped. */
  prune(before?: number): Promise<number>;
  /**
   * Drops the oldest `fraction` of the batches, whatever their age: what gives way first when the
   * origin's quota is full (the journal holds a copy of every value written). Returns how many.
   */
  shed(fraction: number): Promise<number>;
  /**
   * Entries made at or before this time (ms) may be missing, beyond the age limit: some were shed
   * or pruned by count, or never written (`noteGap`). Known once `load()` resolved.
   */
  readonly gapUntil: number | undefined;
  /** Entries made at or before `time` are missing (changes committed without their journal record). */
  noteGap(time: number): Promise<void>;
  /** Reads the stored gap (the backup module at its start, and before a point-in-time restore: another tab may have shed). */
  load(): Promise<void>;
  readonly limits: JournalLimits;
}

/** The newest entry time of a journal record. */
const newestOf = (record: JournalRecord): number => record.entries.reduce((max, entry) => Math.max(max, entry.at), record.time);

export function createJournal(
  database: () => Promise<ChatbotDatabase>,
  clock: Clock,
  limits: Partial<JournalLimits> = {},
): Journal {
  const resolved: JournalLimits = { ...DEFAULT_JOURNAL_LIMITS, ...limits };
  let gapUntil: number | undefined;
  // Written after the entries are gone, in its own transaction: on a full store a transaction is
  // judged by what it writes, so the deletes must not carry a write with them.
  const noteGap = async (time: number): Promise<void> => {
    if (gapUntil !== undefined && gapUntil >= time) return;
    gapUntil = time;
    const db = await database();
    const tx = db.transaction('kv', 'readwrite');
    const stored = await tx.store.get(BACKUP_KV.journalGap);
    const until = Math.max(time, stored?.id === BACKUP_KV.journalGap ? stored.until : -Infinity);
    await tx.store.put({ id: BACKUP_KV.journalGap, until });
    await tx.done;
  };
  return {
    limits: resolved,
    get gapUntil() {
      return gapUntil;
    },
    noteGap,
    async load() {
      const stored = await (await database()).get('kv', BACKUP_KV.journalGap);
      if (stored?.id === BACKUP_KV.journalGap) gapUntil = Math.max(gapUntil ?? -Infinity, stored.until);
    },
    async read(range = {}) {
      const db = await database();
      const since = range.since ?? -Infinity;
      const until = range.until ?? Infinity;
      // A batch's `time` is its first entry's; an earlier batch can still hold entries >= since,
      // so read by key order (commit order) and filter entries by their own time.
      const lower = Number.isFinite(since) ? IDBKeyRange.lowerBound(since - 60_000) : undefined;
      const records: JournalRecord[] = lower
        ? await db.getAllFromIndex('journal', 'byTime', lower)
        : await db.getAll('journal');
      records.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
      const out: JournalEntry[] = [];
      for (const record of records) {
        for (const entry of record.entries) if (entry.at >= since && entry.at <= until) out.push(entry);
      }
      return out;
    },
    async oldest() {
      const db = await database();
      const cursor = await db.transaction('journal').store.index('byTime').openCursor();
      return cursor?.value.time;
    },
    async prune(before) {
      const db = await database();
      const cutoff = Math.max(before ?? -Infinity, clock.now() - resolved.maxAgeMs);
      const tx = db.transaction('journal', 'readwrite');
      let dropped = 0;
      let cursor = await tx.store.index('byTime').openCursor(IDBKeyRange.upperBound(cutoff, true));
      while (cursor) {
        await cursor.delete();
        dropped++;
        cursor = await cursor.continue();
      }
      const excess = (await tx.store.count()) - resolved.maxRecords;
      // Dropped by count (or by a cutoff later than the age limit): a gap the age does not explain.
      let gap = before !== undefined && before > clock.now() - resolved.maxAgeMs && dropped > 0 ? before : undefined;
      if (excess > 0) {
        let oldest = await tx.store.openCursor();
        for (let i = 0; i < excess && oldest; i++) {
          gap = Math.max(gap ?? -Infinity, newestOf(oldest.value));
          await oldest.delete();
          dropped++;
          oldest = await oldest.continue();
        }
      }
      await tx.done;
      if (gap !== undefined) await noteGap(gap);
      return dropped;
    },
    async shed(fraction) {
      const db = await database();
      const tx = db.transaction('journal', 'readwrite');
      let left = Math.ceil((await tx.store.count()) * fraction);
      let dropped = 0;
      // Key order is commit order: the oldest batches go first.
      let cursor = await tx.store.openCursor();
      let gap = -Infinity;
      while (cursor && left-- > 0) {
        gap = Math.max(gap, newestOf(cursor.value));
        await cursor.delete();
        dropped++;
        cursor = await cursor.continue();
      }
      await tx.done;
      if (dropped > 0) await noteGap(gap);
      return dropped;
    },
  };
}
