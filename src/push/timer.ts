import { callAt, type Clock } from '../core/clock';

export interface Timer {
  /** Recomputes the next wake-up (after any change to schedules, the queue or preferences). */
  rearm(): void;
  stop(): void;
}

// Long waits go in steps (callAt): a sleeping laptop's timers drift, so a step bounds how late a
// wake-up can be once the page runs again.
const MAX_STEP_MS = 15 * 60 * 1000;
const RETRY_MS = 5_000;

/**
 * One timer for "the next time something is due" while a page is open.
 * @example const timer = armTimer(clock, () => engine.nextWakeAt(), () => engine.wake());
 */
export function armTimer(clock: Clock, next: () => number | undefined, run: () => Promise<void>): Timer {
  let cancel: (() => void) | undefined;
  let running = false;
  let stopped = false;
  let lastRunAt = -Infinity;

  const clear = (): void => {
    cancel?.();
    cancel = undefined;
  };

  const rearm = (): void => {
    clear();
    if (stopped || running) return;
    const at = next();
    if (at === undefined) return;
    const now = clock.now();
    // Something still due right after a run (a failed write) is retried later, never in a loop.
    const due = at <= now && now - lastRunAt < RETRY_MS ? now + RETRY_MS : at;
    cancel = callAt(clock, due, () => {
      cancel = undefined;
      running = true;
      lastRunAt = clock.now();
      void run().finally(() => {
        running = false;
        rearm();
      });
    }, MAX_STEP_MS);
  };

  return {
    rearm,
    stop() {
      stopped = true;
      clear();
    },
  };
}
