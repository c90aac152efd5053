import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../src/core/backoff';
import { callAt, MAX_TIMER_MS, type Clock } from '../../../src/core/clock';
import { createManualClock } from '../../../src/core/manual-clock';
import { withLock } from '../../../src/core/locks';
import { createFakeLocks } from '../helpers';

const DAY = 86_400_000;

describe('callAt, the long timer', () => {
  it('fires once, on time, for a time months away, never asking the browser for a timer past 2^31 - 1 ms', () => {
    const manual = createManualClock(0);
    const asked: number[] = [];
    const clock: Clock = { ...manual, setTimeout: (callback, ms) => (asked.push(ms), manual.setTimeout(callback, ms)) };
    const fired: number[] = [];
    callAt(clock, 60 * DAY, () => fired.push(manual.now()));
    manual.advance(60 * DAY - 1);
    expect(fired).toEqual([]);
    manual.advance(1);
    expect(fired).toEqual([60 * DAY]);
    manual.advance(60 * DAY);
    expect(fired).toHaveLength(1);
    expect(Math.max(...asked)).toBeLessThanOrEqual(MAX_TIMER_MS);
  });

  it('steps as short as asked, and stays silent once cancelled', () => {
    const clock = createManualClock(0);
    const fired: number[] = [];
    const cancel = callAt(clock, 10_000, () => fired.push(clock.now()), 1000);
    clock.advance(5000);
    cancel();
    clock.advance(10_000);
    expect(fired).toEqual([]);
    callAt(clock, clock.now() - 1, () => fired.push(clock.now())); // already due: on the next tick
    expect(fired).toEqual([]);
    clock.advance(0);
    expect(fired).toEqual([15_000]);
  });
});

describe('backoffDelay, the one retry rule', () => {
  it('doubles from the base, keeps half fixed and half random, and stops at the cap', () => {
    const policy = { baseMs: 1000, maxMs: 8000 };
    expect([1, 2, 3, 4, 5].map((attempts) => backoffDelay(attempts, policy, 0))).toEqual([500, 1000, 2000, 4000, 4000]);
    expect([1, 2, 3, 4, 5].map((attempts) => backoffDelay(attempts, policy, 1))).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(backoffDelay(0, policy, 0.5)).toBe(750);
  });
});

describe('withLock', () => {
  it('runs the work at once where there are no Web Locks (Node, old browsers)', async () => {
    expect(await withLock('x', async () => 42)).toBe(42);
    expect(await withLock('x', async () => 43, { ifAvailable: true })).toBe(43);
  });

  it('runs one holder at a time, and skips the work when asked only if the lock is free', async () => {
    const manager = createFakeLocks();
    const order: string[] = [];
    let release!: () => void;
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const first = withLock('job', () => new Promise<void>((resolve) => {
      order.push('first');
      release = resolve;
      holding();
    }), { manager });
    const second = withLock('job', async () => void order.push('second'), { manager });
    await held;
    expect(await withLock('job', async () => 'ran', { manager, ifAvailable: true })).toBeUndefined();
    expect(order).toEqual(['first']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
  });
});
