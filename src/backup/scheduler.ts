import type { Background } from '../core/background';
import { callAt, type Clock } from '../core/clock';
import { BACKUP_KV, type ChatbotStorage } from '../storage';
import { withLock } from '../core/locks';

/** Only one tab takes automatic backups. */
const AUTO_LOCK = 'chatbot-backup:auto';
/** When another tab holds the lock, look again this much later (it records its run in kv). */
const BUSY_RETRY_MS = 60_000;

export interface AutoBackupDeps {
  clock: Clock;
  storage: ChatbotStorage;
  settings(): { enabled: boolean; interval: number; startDelay: number };
  run(): Promise<void>;
  /** The module's background (ModuleContext.background): runs and plans are awaited by `idle()`. */
  background: Background['run'];
  /**
   * When the page started (navigation start). The first run waits `startDelay` from then, not
   * from the module's start: a module loaded late (woken for this very backup) runs at once.
   */
  pageStartedAt?: number;
  /** Told each planned run time (undefined when off), so a page can wake the system for it. */
  planned?(at: number | undefined): void;
}

/**
 * Automatic backups while a page is open: every `interval`, in one tab only (the one that gets
 * the Web Lock), with the time of the last run in kv so that a missed interval (no tab was open)
 * runs at the next start, and two tabs never both take the same hour's backup.
 * @example const auto = createAutoBackup(deps); auto.start(); … auto.dispose();
 */
export interface AutoBackup {
  start(): void;
  /** Re-reads the settings (after updateConfig) and re-arms the timer. */
  reschedule(): void;
  /** Time (ms) of the next planned run, undefined when off. */
  readonly nextAt: number | undefined;
  dispose(): void;
}

export function createAutoBackup(deps: AutoBackupDeps): AutoBackup {
  let cancelTimer: (() => void) | undefined;
  let nextAt: number | undefined;
  let disposed = false;
  let started = false;
  let generation = 0;

  const lastRun = async (): Promise<number | undefined> => {
    const record = await deps.storage.get('kv', BACKUP_KV.auto);
    return typeof record?.lastAt === 'number' ? record.lastAt : undefined;
  };

  const stop = (): void => {
    cancelTimer?.();
    cancelTimer = undefined;
  };

  const arm = (at: number): void => {
    stop();
    nextAt = at;
    deps.planned?.(at);
    cancelTimer = callAt(deps.clock, at, () => {
      cancelTimer = undefined;
      inBackground(tick, 'BACKUP_FAILED', 'automatic backup failed');
    });
  };

  const plan = async (first: boolean): Promise<void> => {
    const mine = ++generation;
    const settings = deps.settings();
    if (disposed) return; // a page closing is not "automatic backups off": the recorded plan stays
    if (!settings.enabled) {
      stop();
      nextAt = undefined;
      deps.planned?.(undefined);
      return;
    }
    const last = await lastRun();
    if (mine !== generation || disposed) return;
    const now = deps.clock.now();
    const due = last === undefined ? now : last + settings.interval;
    arm(first ? Math.max(due, Math.min(now, deps.pageStartedAt ?? now) + settings.startDelay, now) : Math.max(due, now));
  };

  const tick = async (): Promise<void> => {
    if (disposed) return;
    try {
      const ran = await withLock(AUTO_LOCK, async () => {
        const settings = deps.settings();
        const last = await lastRun();
        // Another tab may have run it while we waited for our timer.
        if (last !== undefined && deps.clock.now() - last < settings.interval) return true;
        await deps.run();
        deps.storage.put('kv', { id: BACKUP_KV.auto, lastAt: deps.clock.now() });
        await deps.storage.flush();
        return true;
      }, { ifAvailable: true });
      if (ran === undefined) arm(deps.clock.now() + BUSY_RETRY_MS);
      else await plan(false);
    } catch (error) {
      // Try again after one interval rather than in a tight loop.
      if (!disposed) arm(deps.clock.now() + deps.settings().interval);
      throw error;
    }
  };

  // After dispose the database may be closed under a pending read: that is not a failure.
  function inBackground(work: () => Promise<void>, code: 'BACKUP_FAILED' | 'STORAGE_FAILED', message: string): void {
    deps.background(work().catch((error: unknown) => {
      if (!disposed) throw error;
    }), code, message);
  }

  return {
    start() {
      if (started) return;
      started = true;
      inBackground(() => plan(true), 'STORAGE_FAILED', 'planning automatic backups');
    },
    reschedule() {
      if (started) inBackground(() => plan(false), 'STORAGE_FAILED', 'planning automatic backups');
    },
    get nextAt() {
      return nextAt;
    },
    dispose() {
      disposed = true;
      stop();
      nextAt = undefined;
    },
  };
}
