import { afterEach, describe, expect, it } from 'vitest';
import { unpackBatch } from '../../../src/analytics/batch-format';
import { createManualClock } from '../../../src/core/manual-clock';
import { uniqueChannelName } from '../helpers';
import { pollUntil } from '../../shared/poll';
import { createHarness, MIN, T0, type Harness } from './harness';

const harnesses: Harness[] = [];
const open = async (...args: Parameters<typeof createHarness>) => {
  const h = await createHarness(...args);
  harnesses.push(h);
  return h;
};
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close().catch(() => undefined);
});

describe('event storage', () => {
  it('writes events as one IndexedDB record per flushed batch', async () => {
    const h = await open({ flushAt: 100 });
    for (let i = 0; i < 250; i++) h.analytics.track('e', { i });
    await h.analytics.flush();
    const records = await h.storage.getAll('events');
    expect(records.map((r) => r.count)).toEqual([100, 100, 51]); // + session_start
    expect(records.reduce((n, r) => n + Number(r.count), 0)).toBe(251);
  });

  it('writes a partial batch after flushIntervalMs', async () => {
    const h = await open({ flushIntervalMs: 1000 });
    h.analytics.track('e');
    await h.storage.flush();
    expect(await h.storage.getAll('events')).toHaveLength(0);
    h.clock.advance(1000);
    await h.storage.flush();
    expect(await h.storage.getAll('events')).toHaveLength(1);
  });

  it('appends a trickle of events to one open record instead of one record per event', async () => {
    const clock = createManualClock(T0);
    const channelName = uniqueChannelName();
    const h = await open({ flushIntervalMs: 1000 }, { clock, channelName });
    const other = await open({}, { clock, channelName });
    for (let i = 0; i < 10; i++) {
      h.analytics.track('clic_lento', { i });
      clock.advance(3000);
      await h.storage.flush();
    }
    const records = await h.storage.getAll('events');
    expect(records).toHaveLength(1);
    expect(records[0]!.count).toBe(11);
    // The other tab took each appended event once, not the whole record again and again.
    await pollUntil(() => expect(other.analytics.getRecentEvents(100).filter((e) => e.event === 'clic_lento')).toHaveLength(10));
    // After five minutes a new record starts.
    clock.advance(5 * MIN);
    h.analytics.track('despues');
    await h.analytics.flush();
    expect(await h.storage.getAll('events')).toHaveLength(2);
  });

  it('reloads the newest events into memory after a reload', async () => {
    let h = await open();
    h.analytics.track('antes', { n: 1 });
    h = await h.reload();
    harnesses.push(h);
    expect(h.analytics.getRecentEvents(5).map((e) => e.event)).toEqual(['antes', 'session_start']);
    expect(h.analytics.getRecentEvents(1)[0]!.context.library.name).toBe('chatbot-repuestos-motos');
  });

  it('loads the newest bufferSize events, in order, from many batch records', async () => {
    let h = await open({ bufferSize: 100, flushAt: 7 });
    for (let i = 0; i < 300; i++) {
      h.analytics.track('e', { i });
      h.clock.advance(10);
    }
    await h.analytics.flush();
    expect((await h.storage.getAll('events')).length).toBeGreaterThan(40);
    h = await h.reload();
    harnesses.push(h);
    const loaded = h.analytics.getEventStream(3_600_000).map((e) => e.properties.i);
    expect(loaded).toEqual(Array.from({ length: 100 }, (_, k) => 200 + k));
  });

  it('keeps at most bufferSize events in memory, and the assignment from the seed works', async () => {
    const h = await open({ bufferSize: 1000, flushAt: 500 });
    for (let i = 0; i < 1500; i++) h.analytics.track('e', { i });
    expect(h.analytics.getRecentEvents(5000)).toHaveLength(1000);
    h.analytics.bufferSize = 200;
    expect(h.analytics.bufferSize).toBe(200);
    expect(h.analytics.getRecentEvents(5000)).toHaveLength(200);
    expect(h.analytics.getRecentEvents(1)[0]!.properties.i).toBe(1499);
    // The stored copy is not bounded by the buffer.
    await h.analytics.flush();
    const stored = await h.storage.getAll('events');
    expect(stored.reduce((n, r) => n + Number(r.count), 0)).toBe(1501);
  });

  it('prunes stored events beyond the count bound and the age bound', async () => {
    const h = await open({ maxStoredEvents: 1000, maxEventAgeDays: 1, flushAt: 100 });
    for (let i = 0; i < 1200; i++) h.analytics.track('viejo');
    await h.analytics.flush();
    h.clock.advance(10_000); // first prune
    await h.idle();
    let stored = await h.storage.getAll('events');
    expect(stored.reduce((n, r) => n + Number(r.count), 0)).toBeLessThanOrEqual(1000);
    h.clock.advance(2 * 24 * 60 * MIN);
    h.analytics.track('nuevo');
    await h.analytics.flush();
    h.clock.advance(3_600_000);
    await h.idle();
    stored = await h.storage.getAll('events');
    const names = stored.flatMap((r) => unpackBatch(r).map((e) => e.event));
    expect(names).not.toContain('viejo');
    expect(names).toContain('nuevo');
  });

  it('re-reads its events and identity from IndexedDB after a backup restore', async () => {
    const h = await open();
    h.analytics.identify('antes');
    h.analytics.track('perdido');
    await h.analytics.flush();
    const kept = (await h.storage.getAll('events'))[0]!;
    h.analytics.track('despues_del_backup');
    await h.analytics.flush();
    // What a restore does: the stores go back to the backup's content.
    h.storage.clear('events');
    h.storage.put('events', kept);
    h.storage.put('kv', { id: 'analytics:identity', anonymousId: 'anon-restaurado', userId: 'restaurado', traits: {} });
    await h.storage.flush();
    await h.analytics.reloadState();
    expect(h.analytics.getRecentEvents(10).map((e) => e.event)).not.toContain('despues_del_backup');
    expect(h.analytics.getRecentEvents(10).map((e) => e.event)).toContain('perdido');
    expect(h.analytics.getUserId()).toBe('restaurado');
  });

  it('exports every stored event in a range, beyond the in-memory window', async () => {
    const h = await open({ bufferSize: 100 });
    for (let i = 0; i < 300; i++) {
      h.analytics.track('e', { i });
      h.clock.advance(1000);
    }
    const json = JSON.parse(await h.analytics.exportStoredData('json', { since: T0 + 100_000, until: T0 + 199_999 })) as { count: number; events: Array<{ properties: { i: number } }> };
    expect(json.count).toBe(100);
    expect(json.events[0]!.properties.i).toBe(100);
    expect(JSON.parse(h.analytics.exportData('json')).count).toBe(100);
  });
});

describe('across tabs', () => {
  it('shares the anonymous id and session, sees the other tab events live, and counts active users', async () => {
    const clock = createManualClock(T0);
    const channelName = uniqueChannelName();
    const a = await open({}, { clock, channelName });
    const b = await open({}, { clock, channelName });
    a.analytics.identify('ana');
    const first = a.analytics.track('desde_a')!;
    await a.analytics.flush();
    await pollUntil(() => expect(b.analytics.getRecentEvents(10).map((e) => e.event)).toContain('desde_a'));
    await pollUntil(() => expect(b.analytics.getUserId()).toBe('ana'));
    expect(b.analytics.getAnonymousId()).toBe(a.analytics.getAnonymousId());
    const second = b.analytics.track('desde_b')!;
    expect(second.sessionId).toBe(first.sessionId);
    b.analytics.identify('beto');
    b.analytics.track('otra');
    await b.analytics.flush();
    await pollUntil(() => expect(a.analytics.getActiveUsers()).toBe(2));
  });
});
