import type { Clock } from './clock';

export interface ManualClock extends Clock {
  /** Moves time forward, running due timers in order. */
  advance(ms: number): void;
  set(time: number): void;
}

/**
 * A clock that moves only when told to, running due timers in order (tests of schedules, quiet hours, retention).
 * @example const clock = createManualClock(Date.parse('2025-01-15T22:00:00Z')); clock.advance(10 * 3_600_000);
 */
export function createManualClock(start = 0): ManualClock {
  let time = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const runDue = (until: number): void => {
    for (;;) {
      let dueId: number | undefined;
      let dueAt = Infinity;
      for (const [id, timer] of timers) {
        if (timer.at <= until && timer.at < dueAt) {
          dueAt = timer.at;
          dueId = id;
        }
      }
      if (dueId === undefined) break;
      const timer = timers.get(dueId);
      timers.delete(dueId);
      time = Math.max(time, dueAt);
      timer?.callback();
    }
    time = until;
  };
  return {
    now: () => time,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(id, { at: time + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      runDue(time + ms);
    },
    set(target) {
      runDue(Math.max(time, target));
      time = target;
    },
  };
}
