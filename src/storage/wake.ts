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
 * Returns a writer for one module's wake-up time; it writes only when the time changes.
 * @example const recordWake = wakeRecorder(storage, WAKE_KEYS.push); recordWake(engine.nextWakeAt());
 */
export function wakeRecorder(storage: ChatbotStorage, key: WakeKey): WakeRecorder {
  let last: number | undefined | null = null;
  const record = (at: number | undefined): void => {
    if (at === last) return;
    last = at;
    // `at: null` says "the module ran and needs no page": unlike no record at all (see below).
    storage.put('kv', { id: key, at: at ?? null });
  };
  return Object.assign(record, {
    forget() {
      last = null;
    },
    known(stored: WakeRecord | undefined) {
      if (last === null && stored) last = stored.at ?? undefined;
    },
  });
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
  const at = (i: number): number | undefined => {
    const time = records[i]?.at;
    return typeof time === 'number' && Number.isFinite(time) ? time : undefined;
  };
  const waiting = new Set(keys.filter((_, i) => at(i) !== undefined));
  const times = keys.map((_, i) => at(i)).filter((time): time is number => time !== undefined);
  return { next: times.length ? Math.min(...times) : undefined, recorded, waiting };
}
