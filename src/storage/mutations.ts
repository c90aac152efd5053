import type { EntityRecord, JournalEntry, StoreKey, StoreName, StoreValue } from './schema';

/**
 * A queued write. `update` re-applies `apply` to the record as committed (merge across tabs).
 * The queue holds every store's writes together, so values are typed as any entity here; the
 * typed entry points (`Storage.put<S>`…) are what keeps each store's records of its own type.
 */
export type Mutation =
  | { kind: 'put'; store: StoreName; value: EntityRecord; at: number; seq: number }
  | { kind: 'delete'; store: StoreName; key: string; at: number; seq: number }
  | { kind: 'clear'; store: StoreName; at: number; seq: number }
  | {
      kind: 'update';
      store: StoreName;
      key: string;
      apply: (current: EntityRecord | undefined) => EntityRecord | undefined;
      at: number;
      seq: number;
    };

/** A mutation as a caller queues it: the queue numbers it. */
export type QueuedMutation = Mutation extends infer M ? (M extends Mutation ? Omit<M, 'seq'> : never) : never;

/**
 * What a committed mutation did, as told to read models (this tab's and the others').
 * @example if (change.op === 'put') records.set(change.key, change.value);
 */
export type Change<S extends StoreName = StoreName> =
  | { store: S; op: 'put'; key: StoreKey<S>; value: StoreValue<S> }
  | { store: S; op: 'delete'; key: StoreKey<S>; value?: undefined }
  | { store: S; op: 'clear'; key?: undefined; value?: undefined };

/**
 * The records a run of this tab's later writes touches. A merge result (`update`) of a record
 * they touch is not the record's latest value: adopting it in the read model would show an older
 * state until the later write commits, or bring back a record deleted after it.
 */
export interface TouchedRecords {
  add(mutation: Mutation): void;
  has(change: Change): boolean;
  /** Whether `mutation` writes a record (or clears a store) these writes touch: it must not go first. */
  touches(mutation: Mutation): boolean;
}

export function createTouchedRecords(later: Iterable<Mutation> = []): TouchedRecords {
  const keys = new Set<string>();
  const cleared = new Set<string>();
  const written = new Set<string>();
  const keyOf = (mutation: Exclude<Mutation, { kind: 'clear' }>): string => `${mutation.store}\u0000${mutation.kind === 'put' ? mutation.value.id : mutation.key}`;
  const touched: TouchedRecords = {
    add(mutation) {
      written.add(mutation.store);
      if (mutation.kind === 'clear') cleared.add(mutation.store);
      else keys.add(keyOf(mutation));
    },
    has: (change) => cleared.has(change.store) || (change.key !== undefined && keys.has(`${change.store}\u0000${change.key}`)),
    touches: (mutation) => cleared.has(mutation.store) || (mutation.kind === 'clear' ? written.has(mutation.store) : keys.has(keyOf(mutation))),
  };
  for (const mutation of later) touched.add(mutation);
  return touched;
}

export function toJournalEntry(change: Change, at: number): JournalEntry {
  const entry: JournalEntry = { at, store: change.store, op: change.op };
  if (change.key !== undefined) entry.key = change.key;
  if (change.value !== undefined) entry.value = change.value;
  return entry;
}

// RangeError is what structured clone throws for a value nested too deep to copy ("Maximum call
// stack size exceeded"): the same value overflows again on every retry.
const PERMANENT_ERRORS = new Set(['DataCloneError', 'DataError', 'ConstraintError', 'TypeError', 'NotFoundError', 'RangeError']);

/** A failure that retrying the same write can never fix (a value IndexedDB cannot store or clone). */
export function isPermanentFailure(error: unknown): boolean {
  return error instanceof Error && PERMANENT_ERRORS.has(error.name);
}

export function isQuotaFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // Chromium reports a full disk or origin quota as QuotaExceededError; Firefox sometimes as an
  // UnknownError whose message mentions the quota.
  return error.name === 'QuotaExceededError' || /quota/i.test(error.message);
}
