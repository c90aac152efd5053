import type { WakeRecord } from './records/kv';
import type { ChatbotStorage } from './storage';

/**
 * Wake-up requests: a module with work due at a time (a scheduled notification, an automatic
 * backup) records when it next needs a page. The start-up runtime, which does not load those
 * modules, reads the records and loads the full system when one is due.
 */
export const WAKE_KEYS = { push: 'wake:push', backup: 'wake:backup', upload: 'wake:backup-upload', live: 'wake:live' } as const;
export type WakeKey = (typeof WAKE_KEYS)[keyof typeof WAKE_KEYS];

export interface WakeRecorder {
  (at: number | undefined): void;
  /** The stored record may have changed behind the recorder's back (a restore): write the next time anyway. */
  forget(): void;
  /** The caller read the stored record: the same time again writes nothing (a write at start-up delays the reads after it). */
  known(stored: WakeRecord | undefined): void;
}

/**
 * The wake-up times each storage holds, as this tab last read, wrote or heard of them (other tabs'
 * writes arrive as changes): a recorder compares with them instead of writing blindly. Every
 * system start records the push and backup times it computes, and those writes held the reads
 * after them (the live chat's rooms and account) behind the start-up's big reads.
 */
const knownTimes = new WeakMap<ChatbotStorage, Map<WakeKey, number | undefined>>();
const WAKE_KEY_SET: ReadonlySet<string> = new Set(Object.values(WAKE_KEYS));
const isWakeKey = (key: string): key is WakeKey => WAKE_KEY_SET.has(key);

const timeOf = (record: { id: string; at?: unknown } | undefined): number | undefined => {
  const time = record?.at;
  return typeof time === 'number' && Number.isFinite(time) ? time : undefined;
};

function knownTimesOf(storage: ChatbotStorage): Map<WakeKey, number | undefined> {
  const cached = knownTimes.get(storage);
  if (cached) return cached;
  const times = new Map<WakeKey, number | undefined>();
  knownTimes.set(storage, times);
  storage.subscribe('kv', (changes) => {
    for (const change of changes) {
      if (change.op === 'clear') times.clear();
      else if (!isWakeKey(change.key)) continue;
      else if (change.op === 'put') times.set(change.key, timeOf(change.value));
      else times.delete(change.key);
    }
  });
  return times;
}

/**
 * Returns a writer for one module's wake-up time; it writes only when the time differs from the
 * stored one (as this tab knows it).
 * @example const recordWake = wakeRecorder(storage, WAKE_KEYS.push); recordWake(engine.nextWakeAt());
 */
export function wakeRecorder(storage: ChatbotStorage, key: WakeKey): WakeRecorder {
  const known = knownTimesOf(storage);
  const record = (at: number | undefined): void => {
    if (known.has(key) && known.get(key) === at) return;
    known.set(key, at);
    // `at: null` says "the module ran and needs no page": unlike no record at all (see below).
    storage.put('kv', { id: key, at: at ?? null });
  };
  return Object.assign(record, {
    forget() {
      known.delete(key);
    },
    known(stored: WakeRecord | undefined) {
      if (stored) known.set(key, timeOf(stored));
    },
  });
}

/**
 * The wake-up time of `key` as this tab last read, wrote or heard of it: undefined when none is
 * known (not read yet, or nothing waits). A hint for what to load early, never the truth.
 */
export function knownWakeTime(storage: ChatbotStorage, key: WakeKey): number | undefined {
  return knownTimes.get(storage)?.get(key);
}

/**
 * Automatic backups start the first time the system runs in a browser. On a browser where it never
 * ran (a visitor who never used the chat), the runtime plans a first look one interval (the seed's
 * hour) after the first visit, so backups still happen "cada hora" without loading everything at once.
 */
export function planFirstBackupLook(storage: ChatbotStorage, at: number): void {
  // Merged at commit time: a record the backup module (or another tab) wrote meanwhile wins.
  storage.update('kv', WAKE_KEYS.backup, (current) => current ?? { id: WAKE_KEYS.backup, at });
}

/**
 * The recorded wake-ups: the earliest time (undefined when nothing waits) and which modules left a
 * record at all (even "nothing waits").
 */
export async function readWakes(storage: ChatbotStorage): Promise<{ next: number | undefined; recorded: Set<WakeKey>; waiting: Set<WakeKey> }> {
  const keys = Object.values(WAKE_KEYS);
  const records = await Promise.all(keys.map((key) => storage.get('kv', key)));
  const recorded = new Set(keys.filter((_, i) => records[i] !== undefined));
  const at = (i: number): number | undefined => timeOf(records[i]);
  const known = knownTimesOf(storage);
  keys.forEach((key, i) => {
    if (records[i]) known.set(key, at(i));
    else known.delete(key);
  });
  const waiting = new Set(keys.filter((_, i) => at(i) !== undefined));
  const times = keys.map((_, i) => at(i)).filter((time): time is number => time !== undefined);
  return { next: times.length ? Math.min(...times) : undefined, recorded, waiting };
}
