import { describe, expect, it, vi } from 'vitest';
import { createManualClock } from '../../src/core/clock';
import { createTabChannel } from '../../src/core/tabs';
import { createRuntime, type SystemPort } from '../../src/runtime';
import { buildSystem, createSystem } from '../../src/system';
import { createStorage } from '../../src/storage';
import { nextWake, wakeRecorder, WAKE_KEYS } from '../../src/storage/wake';
import { uniqueChannelName } from './helpers';

const T0 = Date.parse('2026-11-21T10:00:00Z');
const HOUR = 3_600_000;

/** Lets IndexedDB callbacks and promise chains run. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

// The system the runtime asks for is not under test here: the request is what is observed.
const neverLoads = (): Promise<SystemPort> => new Promise<SystemPort>(() => undefined);

describe('start-up runtime', () => {
  it('wakes the full system when a notification scheduled on an earlier page falls due, not before', async () => {
    const noAutoBackup = { backupSystem: { autoBackup: { enabled: false } } };
    const earlier = createSystem(noAutoBackup, { clock: createManualClock(T0), channel: createTabChannel(uniqueChannelName()) });
    await earlier.ready;
    earlier.pushNotifications.schedule('Recordatorio', { body: 'No olvides completar tu pedido' }, new Date(T0 + HOUR));
    await earlier.flush();
    await earlier.destroy();

    const clock = createManualClock(T0 + 10 * 60_000);
    const loadSystem = vi.fn(neverLoads);
    const runtime = createRuntime({}, { clock, channel: createTabChannel(uniqueChannelName()), loadSystem });
    await runtime.ready;
    await settle();
    clock.advance(49 * 60_000);
    expect(loadSystem).not.toHaveBeenCalled();
    clock.advance(60_000);
    expect(loadSystem).toHaveBeenCalledTimes(1);
    await runtime.destroy();
  });

  it('wakes the system shortly after start for an automatic backup missed while no page was open', async () => {
    const earlier = createSystem({ backupSystem: { autoBackup: { enabled: true, interval: HOUR } } }, { clock: createManualClock(T0), channel: createTabChannel(uniqueChannelName()) });
    await earlier.ready;
    await settle();
    await earlier.flush();
    await earlier.destroy();

    // A day later the wake-up is long past: the runtime asks a few seconds after the page started.
    const clock = createManualClock(T0 + 24 * HOUR);
    const loadSystem = vi.fn(neverLoads);
    const runtime = createRuntime({}, { clock, channel: createTabChannel(uniqueChannelName()), loadSystem });
    await runtime.ready;
    await settle();
    expect(loadSystem).not.toHaveBeenCalled();
    clock.advance(5000);
    expect(loadSystem).toHaveBeenCalledTimes(1);
    await runtime.destroy();
  });

  it('asks for nothing when no module recorded a wake-up', async () => {
    const clock = createManualClock(T0);
    const loadSystem = vi.fn(neverLoads);
    const runtime = createRuntime({}, { clock, channel: createTabChannel(uniqueChannelName()), loadSystem });
    await runtime.ready;
    await settle();
    clock.advance(30 * 24 * HOUR);
    expect(loadSystem).not.toHaveBeenCalled();
    await runtime.destroy();
  });

  it('keeps tracking from the start; the full system built later sees those events and the same session', async () => {
    const clock = createManualClock(T0);
    const runtime = createRuntime({}, { clock, channel: createTabChannel(uniqueChannelName()), loadSystem: neverLoads });
    await runtime.ready;
    runtime.analytics.tracker.trackCart('add', { id: 'FIL-CT100', price: 12900 });
    const session = runtime.analytics.tracker.getSessionId();
    clock.advance(1000);

    const system = buildSystem(runtime);
    await system.ready;
    expect(system.realtimeAnalytics.getRecentEvents(5).map((e) => e.event)).toContain('add_to_cart');
    expect(system.realtimeAnalytics.getSessionId()).toBe(session);
    system.realtimeAnalytics.bufferSize = 7000;
    expect(runtime.analytics.tracker.bufferSize).toBe(7000);
    await system.flush();
    await system.destroy();
  });
});

describe('wake-up records', () => {
  it('are written only when the time changes, removed when nothing waits, and the earliest wins', async () => {
    const storage = createStorage({ channel: createTabChannel(uniqueChannelName()) });
    const put = vi.spyOn(storage, 'put');
    const push = wakeRecorder(storage, WAKE_KEYS.push);
    const backup = wakeRecorder(storage, WAKE_KEYS.backup);
    push(T0 + HOUR);
    push(T0 + HOUR);
    backup(T0 + 2 * HOUR);
    expect(put).toHaveBeenCalledTimes(2);
    await storage.flush();
    expect(await nextWake(storage)).toBe(T0 + HOUR);
    push(undefined);
    await storage.flush();
    expect(await nextWake(storage)).toBe(T0 + 2 * HOUR);
    backup(undefined);
    await storage.flush();
    expect(await nextWake(storage)).toBeUndefined();
    await storage.close();
  });
});
