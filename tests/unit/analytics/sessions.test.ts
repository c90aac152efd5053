import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, MIN, T0, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const names = (h: Harness) => h.analytics.getRecentEvents(1000).map((e) => e.event).reverse();

describe('sessions', () => {
  it('keeps one session while activity continues within 30 minutes', async () => {
    h = await createHarness();
    const first = h.analytics.track('a')!;
    h.clock.advance(29 * MIN);
    const second = h.analytics.track('b')!;
    h.clock.advance(29 * MIN);
    const third = h.analytics.track('c')!;
    expect(new Set([first.sessionId, second.sessionId, third.sessionId]).size).toBe(1);
    expect(names(h)).toEqual(['session_start', 'a', 'b', 'c']);
  });

  it('ends the session after 30 minutes without activity and starts a new one', async () => {
    h = await createHarness();
    const first = h.analytics.track('a')!;
    h.clock.advance(5 * MIN);
    h.analytics.track('b');
    h.clock.advance(31 * MIN);
    const next = h.analytics.track('c')!;
    expect(next.sessionId).not.toBe(first.sessionId);
    const end = h.analytics.getRecentEvents(1000).find((e) => e.event === 'session_end')!;
    expect(end.sessionId).toBe(first.sessionId);
    expect(end.time).toBe(T0 + 5 * MIN);
    expect(end.properties).toEqual({ durationMs: 5 * MIN, reason: 'inactivity' });
    await h.analytics.flush();
    const stored = await h.storage.get('sessions', first.sessionId);
    expect(stored).toMatchObject({ startedAt: T0, endedAt: T0 + 5 * MIN, durationMs: 5 * MIN, endReason: 'inactivity' });
  });

  it('ends an idle session on a timer while the page stays open', async () => {
    h = await createHarness();
    const first = h.analytics.track('a')!;
    h.clock.advance(31 * MIN);
    expect(h.analytics.getSessionId()).toBeNull();
    expect(h.analytics.getRecentEvents(1)[0]).toMatchObject({ event: 'session_end', sessionId: first.sessionId });
  });

  it('starts a new session after 24 hours even with constant activity', async () => {
    h = await createHarness();
    const first = h.analytics.track('a')!;
    let last = first;
    for (let i = 0; i < 24 * 3; i++) {
      h.clock.advance(20 * MIN);
      last = h.analytics.track('tick')!;
    }
    expect(last.sessionId).not.toBe(first.sessionId);
    const end = h.analytics.getRecentEvents(1000).find((e) => e.event === 'session_end')!;
    expect(end.properties.reason).toBe('max_duration');
    expect(end.properties.durationMs).toBeLessThan(24 * 60 * MIN);
  });

  it('continues the same session after a reload within 30 minutes', async () => {
    h = await createHarness();
    const before = h.analytics.track('a')!;
    h.clock.advance(10 * MIN);
    h = await h.reload();
    const after = h.analytics.track('b')!;
    expect(after.sessionId).toBe(before.sessionId);
    expect(after.anonymousId).toBe(before.anonymousId);
  });

  it('closes the previous session when the visitor returns after more than 30 minutes', async () => {
    h = await createHarness();
    const before = h.analytics.track('a')!;
    h.clock.advance(2 * MIN);
    h.analytics.track('b');
    await h.analytics.flush();
    h.analytics.dispose();
    h.clock.advance(60 * MIN);
    h = await h.reload();
    const after = h.analytics.track('c')!;
    expect(after.sessionId).not.toBe(before.sessionId);
    await h.analytics.flush();
    expect(await h.storage.get('sessions', before.sessionId)).toMatchObject({ durationMs: 2 * MIN, endReason: 'inactivity' });
  });

  it('keeps the anonymous id, user id and traits across reloads', async () => {
    h = await createHarness();
    const anonymousId = h.analytics.getAnonymousId();
    h.analytics.identify('cliente_42', { name: 'Ana', plan: 'oro' });
    h.analytics.identify('cliente_42', { city: 'Medellín' });
    h = await h.reload();
    expect(h.analytics.getAnonymousId()).toBe(anonymousId);
    expect(h.analytics.getUserId()).toBe('cliente_42');
    const event = h.analytics.track('x')!;
    expect(event).toMatchObject({ userId: 'cliente_42', anonymousId });
    const identify = h.analytics.identify('cliente_42')!;
    expect(identify.traits).toEqual({ name: 'Ana', plan: 'oro', city: 'Medellín' });
  });

  it('keeps a user identified right after the first start once the first identity is committed', async () => {
    h = await createHarness();
    h.analytics.identify('cliente_42');
    await h.analytics.flush();
    expect(h.analytics.getUserId()).toBe('cliente_42');
    expect(h.analytics.track('x')!.userId).toBe('cliente_42');
    expect(await h.storage.get('kv', 'analytics:identity')).toMatchObject({ userId: 'cliente_42' });
  });

  it('reset() forgets the user and starts a fresh anonymous session', async () => {
    h = await createHarness();
    h.analytics.identify('cliente_42');
    const before = h.analytics.track('a')!;
    h.analytics.reset();
    const after = h.analytics.track('b')!;
    expect(after.userId).toBeNull();
    expect(after.anonymousId).not.toBe(before.anonymousId);
    expect(after.sessionId).not.toBe(before.sessionId);
  });
});
