import { describe, expect, it } from 'vitest';
import { computeFunnel } from '../../../src/analytics';
import { ev, MIN, T0 } from './harness';

const STEPS = ['page_view', 'product_view', 'add_to_cart', 'purchase'];
const counts = (result: ReturnType<typeof computeFunnel>) => result.steps.map((s) => s.count);

function shuffle<T>(items: T[], seed = 7): T[] {
  const out = [...items];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('computeFunnel', () => {
  it('counts units reaching each step in order, with conversion and drop-off', () => {
    const events = [
      ev('page_view', T0, 's1'), ev('product_view', T0 + 1, 's1'), ev('add_to_cart', T0 + 2, 's1'), ev('purchase', T0 + 3, 's1'),
      ev('page_view', T0, 's2'), ev('product_view', T0 + 5, 's2'),
      ev('page_view', T0, 's3'),
      ev('product_view', T0, 's4'), ev('add_to_cart', T0 + 1, 's4'),
    ];
    const result = computeFunnel(events, STEPS);
    expect(counts(result)).toEqual([3, 2, 1, 1]);
    expect(result.steps[1]).toMatchObject({ name: 'product_view', conversionRate: 2 / 3, dropOff: 1, dropOffRate: 1 / 3 });
    expect(result.steps[0]).toMatchObject({ conversionRate: 1, dropOff: 0, medianTimeFromPreviousMs: null });
    expect(result).toMatchObject({ entered: 3, completed: 1, overallConversionRate: 1 / 3, by: 'session', windowMs: null });
  });

  it('requires strictly increasing times: steps at the same instant do not chain', () => {
    const result = computeFunnel([ev('page_view', T0), ev('product_view', T0)], STEPS);
    expect(counts(result)).toEqual([1, 0, 0, 0]);
  });

  it('does not count steps that happened before the first step', () => {
    const result = computeFunnel([ev('product_view', T0), ev('page_view', T0 + 1), ev('add_to_cart', T0 + 2)], STEPS);
    expect(counts(result)).toEqual([1, 0, 0, 0]);
  });

  it('needs another, later event for a repeated step', () => {
    const steps = ['page_view', 'page_view', 'purchase'];
    expect(counts(computeFunnel([ev('page_view', T0), ev('purchase', T0 + 1)], steps))).toEqual([1, 0, 0]);
    expect(counts(computeFunnel([ev('page_view', T0), ev('page_view', T0 + 1), ev('purchase', T0 + 2)], steps))).toEqual([1, 1, 1]);
    expect(counts(computeFunnel([ev('page_view', T0), ev('page_view', T0), ev('purchase', T0 + 2)], steps))).toEqual([1, 0, 0]);
  });

  it('keeps every step within windowMs of the start event, trying later starts', () => {
    const events = [ev('page_view', T0), ev('page_view', T0 + 50 * MIN), ev('add_to_cart', T0 + 70 * MIN), ev('purchase', T0 + 100 * MIN)];
    const steps = ['page_view', 'add_to_cart', 'purchase'];
    expect(counts(computeFunnel(events, steps, { windowMs: 60 * MIN }))).toEqual([1, 1, 1]);
    expect(counts(computeFunnel(events, steps, { windowMs: 30 * MIN }))).toEqual([1, 1, 0]);
    expect(counts(computeFunnel(events, steps, { windowMs: 10 * MIN }))).toEqual([1, 0, 0]);
    expect(computeFunnel(events, steps, { windowMs: 60 * MIN }).windowMs).toBe(60 * MIN);
  });

  it('groups by user across sessions when asked', () => {
    const events = [
      ev('page_view', T0, 's1', { userId: 'ana' }),
      ev('add_to_cart', T0 + MIN, 's1', { userId: 'ana' }),
      ev('purchase', T0 + 2 * 86_400_000, 's2', { userId: 'ana' }),
    ];
    const steps = ['page_view', 'add_to_cart', 'purchase'];
    expect(counts(computeFunnel(events, steps, { by: 'session' }))).toEqual([1, 1, 0]);
    expect(counts(computeFunnel(events, steps, { by: 'user' }))).toEqual([1, 1, 1]);
  });

  it('gives the same answer whatever order the events come in', () => {
    const events = [];
    for (let s = 0; s < 200; s++) {
      const base = T0 + s * 1000;
      events.push(ev('page_view', base, `s${s}`));
      if (s % 2 === 0) events.push(ev('product_view', base + 10, `s${s}`));
      if (s % 4 === 0) events.push(ev('add_to_cart', base + 20, `s${s}`));
      if (s % 8 === 0) events.push(ev('purchase', base + 30, `s${s}`));
      if (s % 3 === 0) events.push(ev('purchase', base - 5, `s${s}`));
    }
    const ordered = computeFunnel(events, STEPS);
    expect(counts(ordered)).toEqual([200, 100, 50, 25]);
    expect(computeFunnel(shuffle(events), STEPS)).toEqual(ordered);
    expect(computeFunnel([...events].reverse(), STEPS)).toEqual(ordered);
  });

  it('reports the median time from the previous step', () => {
    const events = [
      ev('page_view', T0, 'a'), ev('purchase', T0 + 10_000, 'a'),
      ev('page_view', T0, 'b'), ev('purchase', T0 + 20_000, 'b'),
      ev('page_view', T0, 'c'), ev('purchase', T0 + 60_000, 'c'),
    ];
    expect(computeFunnel(events, ['page_view', 'purchase']).steps[1]!.medianTimeFromPreviousMs).toBe(20_000);
  });

  it('only looks at events between since and until', () => {
    const events = [ev('page_view', T0), ev('purchase', T0 + 10 * MIN)];
    expect(counts(computeFunnel(events, ['page_view', 'purchase'], { until: T0 + 5 * MIN }))).toEqual([1, 0]);
    expect(counts(computeFunnel(events, ['page_view', 'purchase'], { since: T0 + 1 }))).toEqual([0, 0]);
  });
});
