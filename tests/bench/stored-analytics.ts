import { createEventTable, computeTableFunnel, createRealtimeAnalytics, type FunnelEventInput } from '../../src/analytics';
import { packBatch } from '../../src/analytics/batch-format';
import { createBackground } from '../../src/core/background';
import { parseConfig } from '../../src/core/config';
import { createManualClock } from '../../src/core/manual-clock';
import { createTabChannel } from '../../src/core/tabs';
import { createStorage, type AnalyticsEvent, type EventColumnsRecord } from '../../src/storage';
import { deleteDatabase, median } from './measure';

/** The bench browser runs with --expose-gc: start each timed run without the garbage of the setup. */
const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();
const NO_AUTO = { pageViews: false, clicks: false, forms: false, scroll: false, performance: false, errors: false };
const BATCH = 1000;

/** The funnel bench's events as one columnar record (what the analyses read from the store). */
function asColumns(events: FunnelEventInput[]): EventColumnsRecord {
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const id = (s: string): number => {
    let i = ids.get(s);
    if (i === undefined) ids.set(s, (i = strings.push(s) - 1));
    return i;
  };
  const n = events.length;
  const record: EventColumnsRecord = {
    id: 'bench', format: 1, firstAt: 0, lastAt: 0, count: n, strings,
    event: new Int32Array(n), user: new Int32Array(n), anonymousId: new Int32Array(n), sessionId: new Int32Array(n),
    page: new Int32Array(n).fill(-1), title: new Int32Array(n).fill(-1), label: new Int32Array(n).fill(-1),
    time: new Float64Array(n), value: new Float64Array(n).fill(Number.NaN),
  };
  events.forEach((e, i) => {
    record.event[i] = id(e.event);
    record.sessionId[i] = id(e.sessionId!);
    record.anonymousId[i] = id(e.anonymousId!);
    record.user[i] = record.anonymousId[i]!;
    record.time[i] = e.time;
  });
  return record;
}

/** ms of the columnar funnel over the same events computeFunnel reads as objects (median and fastest of 5). */
export function tableFunnelMs(events: FunnelEventInput[], steps: string[]): { median: number; min: number } {
  const table = createEventTable(events.length);
  table.appendRecord(asColumns(events));
  computeTableFunnel(table, steps, { windowMs: 3_600_000 });
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    collectGarbage();
    const t = performance.now();
    computeTableFunnel(table, steps, { by: 'session', windowMs: 3_600_000 });
    times.push(performance.now() - t);
  }
  return { median: median(times), min: Math.min(...times) };
}

/**
 * The same events stored in IndexedDB (1,000-event batches) and asked for through the public
 * async API: the first funnel on a page that has only the batches (columnar copies made, then
 * joined into segments), the dashboard's figures as the first query of a later page (segments
 * read: what opening the dashboard waits for), and a funnel once the table is in memory.
 */
export async function storedFunnelMs(events: FunnelEventInput[], steps: string[]): Promise<{ firstMs: number; reopenMs: number; warmMs: number }> {
  const name = `bench-stored-${Math.random()}`;
  const clock = createManualClock(1_735_100_000_000);
  const open = async () => {
    const channel = createTabChannel(`bench-${name}`);
    const storage = createStorage({ clock, channel, dbName: name });
    const analytics = createRealtimeAnalytics({
      clock, channel, storage, config: parseConfig({}), section: { autoTrack: NO_AUTO, bufferSize: 1000, maxStoredEvents: 5_000_000 },
      reportError: (e) => console.warn(e), background: createBackground({ report: (e) => console.warn(e) }).run,
    });
    await analytics.ready;
    return { analytics, storage, close: async () => { analytics.dispose(); await storage.close(); channel.close(); } };
  };
  const writer = await open();
  const context = { page: { path: '/', url: 'https://shop.test/', title: 'Inicio', referrer: '', search: '' }, userAgent: 'bench', locale: 'es-CO', library: { name: 'bench', version: '0' } };
  const properties = {};
  for (let i = 0; i < events.length; i += BATCH) {
    const chunk: AnalyticsEvent[] = events.slice(i, i + BATCH).map((e, k) => ({
      type: 'track', event: e.event, name: e.event, properties, userId: null, anonymousId: e.anonymousId!, messageId: `m${i + k}`,
      timestamp: '2024-12-24T00:00:00.000Z', time: e.time, sessionId: e.sessionId!, context,
    }));
    writer.storage.put('events', packBatch(chunk, `evb-${String(i).padStart(8, '0')}`));
    if ((i / BATCH) % 50 === 49) await writer.storage.flush();
  }
  await writer.storage.flush();
  let t = performance.now();
  await writer.analytics.analyzeStoredFunnel(steps, { windowMs: 3_600_000 });
  const firstMs = performance.now() - t;
  // The copies are joined into segments once the first result is out (a timer of the page's clock).
  clock.advance(1);
  await writer.storage.flush();
  await writer.close();

  const reader = await open();
  t = performance.now();
  await reader.analytics.getStoredDashboardData({ since: 1_735_000_000_000, until: 1_735_100_000_000 });
  const reopenMs = performance.now() - t;
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) {
    collectGarbage();
    t = performance.now();
    await reader.analytics.analyzeStoredFunnel(steps, { windowMs: 3_600_000 });
    warm.push(performance.now() - t);
  }
  await reader.close();
  await deleteDatabase(name);
  return { firstMs, reopenMs, warmMs: median(warm) };
}
