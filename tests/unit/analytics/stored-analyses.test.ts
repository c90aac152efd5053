import { afterEach, describe, expect, it } from 'vitest';
import { packBatch, unpackBatch } from '../../../src/analytics/batch-format';
import { computeCohorts, computeFunnel, computeSegments, parseAnalyticsConfig, type AnalyticsEvent } from '../../../src/analytics';
import { isChatbotError } from '../../../src/core/errors';
import { createHarness, ev, MIN, T0, type Harness } from './harness';

const DAY = 86_400_000;
const harnesses: Harness[] = [];
const open = async (...args: Parameters<typeof createHarness>) => {
  const h = await createHarness(...args);
  harnesses.push(h);
  return h;
};
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close().catch(() => undefined);
});

/** A deterministic random source (tests must be repeatable). */
function random(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

const NAMES = ['page_view', 'product_view', 'add_to_cart', 'checkout_step_1', 'purchase', 'click', 'scroll_depth', 'web_vital', 'error', 'search'];
const PAGES = ['/', '/motos', '/frenos', '/filtros', '/carrito'];
const VITALS = ['LCP', 'INP', 'CLS', 'FCP', 'TTFB'];

/** Events of 80 visitors over 90 days before T0: sessions of a few events, some identified, in shuffled batches. */
function generate(seed = 1, count = 4000): AnalyticsEvent[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const out: AnalyticsEvent[] = [];
  while (out.length < count) {
    const visitor = Math.floor(next() * 80);
    const userId = visitor % 3 === 0 ? `cliente-${visitor}` : null;
    const sessionId = `s-${out.length}`;
    let time = T0 - Math.floor(next() * 90 * DAY);
    const length = 1 + Math.floor(next() * 8);
    for (let k = 0; k < length; k++) {
      time += Math.floor(next() * 5 * MIN) + 1;
      const name = k === 0 ? 'page_view' : pick(NAMES);
      const path = pick(PAGES);
      const properties: Record<string, unknown> = {};
      if (name === 'purchase') properties.value = 50_000 + Math.floor(next() * 300_000);
      if (name === 'web_vital') {
        properties.metric = pick(VITALS);
        properties.value = properties.metric === 'CLS' ? Math.round(next() * 40) / 100 : Math.floor(next() * 6000);
      }
      if (name === 'error') Object.assign(properties, { name: 'TypeError', message: pick(['x is undefined', 'fetch failed']) });
      out.push(ev(name, time, sessionId, {
        userId,
        anonymousId: `anon-${visitor}`,
        properties,
        context: { page: { path, url: `https://shop.test${path}`, title: `T${path}`, referrer: '', search: '' }, userAgent: 'test', locale: 'es-CO', library: { name: 'test', version: '0' } },
      }));
    }
  }
  return out;
}

/** Stores events the way other tabs and earlier visits left them: batches of 1–300, in time order per batch. */
function store(h: Harness, events: AnalyticsEvent[], seed = 2): void {
  const next = random(seed);
  for (let i = 0; i < events.length;) {
    const size = 1 + Math.floor(next() * 300);
    const chunk = events.slice(i, i + size).sort((a, b) => a.time - b.time);
    h.storage.put('events', packBatch(chunk, `evb-${String(i).padStart(6, '0')}`));
    i += size;
  }
}

const inRange = (events: AnalyticsEvent[], since: number, until: number) => events.filter((e) => e.time >= since && e.time <= until);

describe('analyses over every stored event', () => {
  it('give the same funnels as computeFunnel over all the stored events, by session and by user, with windows and ranges', async () => {
    const h = await open({ utcOffsetMinutes: -300, bufferSize: 100 });
    const events = generate();
    store(h, events);
    const steps = ['page_view', 'product_view', 'add_to_cart', 'purchase'];
    const cases = [
      {},
      { by: 'user' as const },
      { windowMs: 10 * MIN },
      { by: 'user' as const, windowMs: 2 * DAY, since: T0 - 30 * DAY, until: T0 - 5 * DAY },
    ];
    for (const options of cases) {
      const stored = await h.analytics.analyzeStoredFunnel(steps, options);
      expect(stored).toEqual(computeFunnel(events, steps, options));
    }
    // The in-memory analysis sees only the buffer: the stored one sees more.
    expect(h.analytics.analyzeFunnel(steps).entered).toBeLessThan((await h.analytics.analyzeStoredFunnel(steps)).entered);
    // Later calls over the grown table (new visitors: more units and events than before) agree too.
    const more: AnalyticsEvent[] = [];
    for (let visitor = 0; visitor < 3; visitor++) {
      h.analytics.reset();
      for (const name of steps.slice(0, 2 + visitor)) {
        h.clock.advance(MIN);
        more.push(h.analytics.track(name)!);
      }
    }
    for (const options of cases.slice(0, 2)) {
      expect(await h.analytics.analyzeStoredFunnel(steps, options)).toEqual(computeFunnel([...events, ...more], steps, options));
    }
  });

  it('give the same cohorts and segments as the seed functions over the stored events in the range', async () => {
    const h = await open({ utcOffsetMinutes: -300, bufferSize: 100 });
    const events = generate(3);
    store(h, events);
    const offset = -300 * MIN;
    for (const period of ['day', 'week', 'month'] as const) {
      expect(await h.analytics.getStoredCohortData('purchase', period)).toEqual(computeCohorts(events, 'purchase', period, offset));
    }
    const since = T0 - 40 * DAY;
    expect(await h.analytics.getStoredCohortData('page_view', 'week', { since })).toEqual(computeCohorts(inRange(events, since, Infinity), 'page_view', 'week', offset));
    const config = parseAnalyticsConfig({});
    expect(await h.analytics.getStoredSegments()).toEqual(computeSegments(events, 'purchase', config.segments, T0));
    expect(await h.analytics.getStoredSegments({ since })).toEqual(computeSegments(inRange(events, since, Infinity), 'purchase', config.segments, T0));
  });

  it('give the dashboard figures of a date range as counted one event at a time', async () => {
    const h = await open({ utcOffsetMinutes: -300 });
    const events = generate(5);
    store(h, events);
    const since = T0 - 60 * DAY;
    const until = T0 - 10 * DAY;
    const figures = await h.analytics.getStoredDashboardData({ since, until });
    const shown = inRange(events, since, until);

    // The oracle: plain loops over event objects.
    const sessions = new Map<string, AnalyticsEvent[]>();
    for (const e of shown) sessions.set(e.sessionId, [...(sessions.get(e.sessionId) ?? []), e]);
    const passive = new Set(['page_view', 'scroll_depth', 'web_vital', 'slow_resource', 'page_load', 'error', 'session_start', 'session_end', 'identify']);
    const bounces = [...sessions.values()].filter((s) => s.filter((e) => e.event === 'page_view').length === 1 && s.every((e) => passive.has(e.event))).length;
    const converted = [...sessions.values()].filter((s) => s.some((e) => e.event === 'purchase')).length;
    const duration = [...sessions.values()].reduce((sum, s) => sum + Math.max(...s.map((e) => e.time)) - Math.min(...s.map((e) => e.time)), 0);
    expect(figures).toMatchObject({
      totalEvents: shown.length,
      pageViews: shown.filter((e) => e.event === 'page_view').length,
      uniqueVisitors: new Set(shown.map((e) => e.anonymousId)).size,
      sessions: sessions.size,
      bounces,
      conversions: converted,
    });
    expect(figures.avgSessionDurationMs).toBeCloseTo(duration / sessions.size, 6);

    const day = (t: number) => new Date(t - 300 * MIN).toISOString().slice(0, 10);
    expect(figures.daily).toHaveLength(51);
    for (const row of figures.daily) {
      const ofDay = shown.filter((e) => day(e.time) === row.day);
      expect(row).toEqual({
        day: row.day,
        events: ofDay.length,
        pageViews: ofDay.filter((e) => e.event === 'page_view').length,
        visitors: new Set(ofDay.map((e) => e.anonymousId)).size,
      });
    }
    expect(figures.daily.reduce((n, d) => n + d.events, 0)).toBe(shown.length);

    const views = new Map<string, AnalyticsEvent[]>();
    for (const e of shown.filter((x) => x.event === 'page_view')) views.set(e.context.page.path, [...(views.get(e.context.page.path) ?? []), e]);
    const pages = [...views.entries()]
      .map(([path, list]) => ({ path, title: `T${path}`, views: list.length, visitors: new Set(list.map((e) => e.anonymousId)).size }))
      .sort((a, b) => b.views - a.views || a.path.localeCompare(b.path));
    expect(figures.topPages).toEqual(pages);
    const names = new Map<string, number>();
    for (const e of shown) names.set(e.event, (names.get(e.event) ?? 0) + 1);
    expect(figures.eventNames).toEqual([...names.entries()].map(([event, count]) => ({ event, count })).sort((a, b) => b.count - a.count || a.event.localeCompare(b.event)));

    for (const vital of figures.webVitals) {
      const values = shown.filter((e) => e.event === 'web_vital' && e.properties.metric === vital.metric).map((e) => Number(e.properties.value));
      const [good, poor] = vital.thresholds;
      expect(vital.count).toBe(values.length);
      expect(vital.good).toBe(values.filter((v) => v <= good).length);
      expect(vital.poor).toBe(values.filter((v) => v > poor).length);
      expect(vital.histogram.reduce((n, b) => n + b.count, 0)).toBe(values.length);
      const sorted = [...values].sort((a, b) => a - b);
      expect(vital.p75).toBe(sorted[Math.ceil(0.75 * sorted.length) - 1]);
    }
    const errors = shown.filter((e) => e.event === 'error');
    expect(figures.errors.map((e) => [e.message, e.count]).sort()).toEqual(
      ['TypeError: fetch failed', 'TypeError: x is undefined'].map((m) => [m, errors.filter((e) => `TypeError: ${String(e.properties.message)}` === m).length]).filter(([, n]) => n).sort(),
    );
  });

  it('keep up with events tracked while open, with a rewritten batch counted once', async () => {
    const h = await open({ utcOffsetMinutes: 0, flushAt: 500 });
    store(h, generate(7, 500));
    const before = await h.analytics.getStoredDashboardData({ since: T0 - 100 * DAY, until: T0 + DAY });
    for (let i = 0; i < 30; i++) {
      h.clock.advance(1000);
      h.analytics.track('add_to_cart', { i });
      // Small flushes rewrite the same open batch record with events appended.
      if (i % 10 === 9) await h.analytics.flush();
    }
    const live = await h.analytics.getStoredDashboardData({ since: T0 - 100 * DAY, until: T0 + DAY });
    // 30 tracked + the session_start of the first one.
    expect(live.totalEvents).toBe(before.totalEvents + 31);
    // A new page (a reload) reads the columnar copies from IndexedDB: the same figures.
    const reloaded = await h.reload();
    harnesses.push(reloaded);
    const again = await reloaded.analytics.getStoredDashboardData({ since: T0 - 100 * DAY, until: T0 + DAY });
    expect(again.totalEvents).toBe(live.totalEvents);
    expect(again.eventNames).toEqual(live.eventNames);
    const copies = await reloaded.storage.getAll('eventColumns');
    const batches = await reloaded.storage.getAll('events');
    expect(copies.map((c) => [c.id, c.count])).toEqual(batches.map((b) => [b.id, b.count]));
  });

  it('follow new events in watchStoredDashboardData, equal to getStoredDashboardData of the same range at every step', async () => {
    // Nothing old enough to prune (the harness's batches span the 90 days, so pruning would cut into the range).
    const h = await open({ utcOffsetMinutes: 0, flushAt: 50, maxEventAgeDays: 3650 });
    const events = generate(9, 1500);
    store(h, events);
    const since = T0 - 30 * DAY;
    const watch = await h.analytics.watchStoredDashboardData({ since });
    const same = async (): Promise<void> => {
      const live = watch.current();
      expect(live.until).toBeGreaterThanOrEqual(h.clock.now());
      expect(live).toEqual(await h.analytics.getStoredDashboardData({ since, until: live.until }));
    };
    await same();
    const paths = ['/', '/frenos', '/nuevo'];
    for (let burst = 0; burst < 12; burst++) {
      // Bursts an hour apart: the range's end follows the clock across midnight (new days appear).
      h.clock.advance(60 * MIN);
      for (let i = 0; i < 8; i++) {
        h.clock.advance(1000);
        if (i === 0) h.analytics.page(paths[burst % 3]);
        else if (i === 1) h.analytics.track('web_vital', { metric: 'LCP', value: 900 + burst * 400 });
        else if (i === 2 && burst % 4 === 0) h.analytics.trackError(new Error(`fallo ${burst}`));
        else if (i === 3 && burst % 5 === 0) h.analytics.trackConversion('purchase', 90_000);
        else h.analytics.track(i % 2 ? 'click' : 'brand_new_event', { burst, i });
      }
      if (burst % 3 === 2) await h.analytics.flush();
      await same();
    }
    // Parts no event touched are handed out again (a view redraws only what changed).
    const a = watch.current();
    h.clock.advance(1000);
    h.analytics.track('click', {});
    const b = watch.current();
    expect(b.totalEvents).toBe(a.totalEvents + 1);
    expect([b.topPages, b.webVitals, b.errors]).toEqual([a.topPages, a.webVitals, a.errors]);
    expect(b.topPages).toBe(a.topPages);
    expect(b.webVitals).toBe(a.webVitals);
    expect(b.errors).toBe(a.errors);
    // A full comparison with the store re-reads the table (its live tail replaced): counted again, not twice.
    await h.analytics.flush();
    h.clock.advance(11 * MIN);
    await h.analytics.getStoredDashboardData({ since });
    await same();
  });

  it('drop events whose batch is gone and remake a damaged copy', async () => {
    const h = await open({ utcOffsetMinutes: 0 });
    const events = generate(9, 600);
    store(h, events);
    expect((await h.analytics.getStoredTopEvents(100)).reduce((n, e) => n + e.count, 0)).toBe(600);
    const [first, second] = await h.storage.getAll('events');
    h.storage.delete('events', first!.id);
    // Another tab (a restore, pruning) changed the store: the next query compares everything.
    await h.analytics.reloadState();
    const after = await h.analytics.getStoredTopEvents(100);
    expect(after.reduce((n, e) => n + e.count, 0)).toBe(600 - first!.count);

    // A copy a hand-edited backup damaged is made again from its batch on the next page.
    const copy = await h.storage.get('eventColumns', second!.id);
    h.storage.put('eventColumns', { ...copy!, time: new Float64Array(1) });
    const reloaded = await h.reload();
    harnesses.push(reloaded);
    const again = await reloaded.analytics.getStoredTopEvents(100);
    expect(again).toEqual(after);
    expect((await reloaded.storage.get('eventColumns', second!.id))?.time).toHaveLength(second!.count);
    expect(await reloaded.storage.get('eventColumns', first!.id)).toBeUndefined();
  });

  it('copy the batches this page writes in the background, so a later page reads ready copies', async () => {
    const h = await open({ flushAt: 50 });
    for (let i = 0; i < 120; i++) h.analytics.track('product_view', { i });
    await h.analytics.flush();
    expect(await h.storage.getAll('eventColumns')).toHaveLength(0);
    h.clock.advance(5000);
    await h.idle();
    const batches = await h.storage.getAll('events');
    const copies = await h.storage.getAll('eventColumns');
    expect(copies.map((c) => [c.id, c.count])).toEqual(batches.map((b) => [b.id, b.count]));
    expect(h.errors).toEqual([]);
  });

  it('join the copies into segments that a later page reads whole, and still follow rewritten and removed batches', async () => {
    const h = await open({ utcOffsetMinutes: -300, bufferSize: 100 });
    const events = generate(7, 12_000);
    store(h, events);
    const all = { since: T0 - 100 * DAY, until: T0 };
    const before = await h.analytics.getStoredDashboardData(all);
    expect(before.totalEvents).toBe(inRange(events, all.since, all.until).length);
    h.clock.advance(1); // the join runs once the sync's result is out
    await h.storage.flush();
    const keys = (await (await h.storage.database()).getAllKeys('eventColumns')).map(String);
    expect(keys.filter((k) => k.startsWith('seg_')).length).toBeGreaterThan(0);

    // A later page: one batch rewritten with two more events, another one gone.
    const next = await h.reload({ utcOffsetMinutes: -300, bufferSize: 100 });
    harnesses.push(next);
    const db = await next.storage.database();
    const batch = (await db.get('events', 'evb-000000'))!;
    const grown = [...unpackBatch(batch), ev('purchase', T0 - 2 * DAY, 's-new'), ev('page_view', T0 - DAY, 's-new')];
    next.storage.put('events', packBatch(grown, 'evb-000000'));
    const gone = (await db.getAllKeys('events')).map(String).find((k) => k !== 'evb-000000')!;
    const goneEvents = unpackBatch((await db.get('events', gone))!);
    next.storage.delete('events', gone);
    await next.storage.flush();
    const after = await next.analytics.getStoredDashboardData(all);
    expect(after.totalEvents).toBe(before.totalEvents + 2 - inRange(goneEvents, all.since, all.until).length);
    // The worn segment is rewritten without the gone batch; a third page reads the same figures.
    const funnel = await next.analytics.analyzeStoredFunnel(['page_view', 'purchase'], all);
    next.clock.advance(1);
    await next.storage.flush();
    const third = await next.reload({ utcOffsetMinutes: -300, bufferSize: 100 });
    harnesses.push(third);
    expect((await third.analytics.getStoredDashboardData(all)).totalEvents).toBe(after.totalEvents);
    expect(await third.analytics.analyzeStoredFunnel(['page_view', 'purchase'], all)).toEqual(funnel);
  }, 30_000);

  it('read back the stored events of given names, including ones tracked just now', async () => {
    const h = await open({ utcOffsetMinutes: 0 });
    const events = generate(11, 1500);
    store(h, events);
    await h.analytics.getStoredDashboardData();
    h.clock.advance(1000);
    h.analytics.track('purchase', { value: 5 });
    const all = await h.analytics.getStoredEvents();
    const purchases = await h.analytics.getStoredEvents({ since: T0 - 50 * DAY }, ['purchase', 'error']);
    const expected = all.filter((e) => (e.event === 'purchase' || e.event === 'error') && e.time >= T0 - 50 * DAY);
    expect(purchases.map((e) => e.messageId)).toEqual(expected.map((e) => e.messageId));
    expect(purchases.filter((e) => e.properties.value === 5)).toHaveLength(1);
  });

  it('reject bad arguments with VALIDATION', async () => {
    const h = await open();
    const rejects = async (promise: Promise<unknown>) => {
      const error = await promise.then(() => null, (e: unknown) => e);
      expect(isChatbotError(error, 'VALIDATION')).toBe(true);
    };
    await rejects(h.analytics.analyzeStoredFunnel([]));
    await rejects(h.analytics.analyzeStoredFunnel(['a'], { by: 'tab' as never }));
    await rejects(h.analytics.getStoredCohortData('page_view', 'year' as never));
    await rejects(h.analytics.getStoredSegments({ since: 'not a date' }));
    await rejects(h.analytics.getStoredDashboardData({ since: T0, until: T0 - 1 }));
    await rejects(h.analytics.getStoredTopPages(0));
  });
});
