/**
 * Time for the whole system: every module takes a Clock so tests can move time (quiet hours,
 * schedules, retention, sessions) without waiting.
 * @example const clock = createManualClock(Date.parse('2025-01-15T10:30:00Z')); clock.advance(60_000);
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock (Date.now and the global timers). @example createSystem(config, { clock: systemClock }) */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Browsers (and Node) run a timer set for more than 2^31 - 1 ms at once instead of late. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `callback` once when `clock` reaches `at`, however far away that is: a far time is
 * reached in steps of at most `stepMs` (never more than MAX_TIMER_MS), each looking at the clock
 * again, so a short step also bounds how late a sleeping laptop's timer can fire. Returns the
 * function that cancels it.
 * @example const cancel = callAt(clock, Date.parse('2030-01-01T00:00:00Z'), () => wake()); … cancel();
 */
export function callAt(clock: Clock, at: number, callback: () => void, stepMs = MAX_TIMER_MS): () => void {
  let handle: unknown;
  let cancelled = false;
  const arm = (): void => {
    const delay = Math.min(Math.max(0, at - clock.now()), stepMs, MAX_TIMER_MS);
    handle = clock.setTimeout(() => {
      if (cancelled) return;
      if (clock.now() < at) arm();
      else callback();
    }, delay);
  };
  arm();
  return () => {
    cancelled = true;
    clock.clearTimeout(handle);
  };
}
