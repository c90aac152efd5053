import { describe, expect, it, vi } from 'vitest';
import { createManualClock } from '../../src/core/manual-clock';
import { createTabChannel } from '../../src/core/tabs';
import { createStartup, type SystemPort } from '../../src/startup';
import { buildSystem, createSystem } from '../../src/system';
import { createStorage } from '../../src/storage';
import { readWakes, wakeRecorder, WAKE_KEYS } from '../../src/storage/wake';
import { uniqueChannelName } from './helpers';
import { pollUntil } from '../shared/poll';

const T0 = Date.parse('2026-11-21T10:00:00Z');
const HOUR = 3_600_000;

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
    const runtime = createStartup({}, { clock, channel: createTabChannel(uniqueChannelName()), loadSystem });
    await runtime.ready;
    await runtime.idle();
    clock.advance(49 * 60_000);
    expect(loadSystem).not.toHaveBeenCalled();
    clock.advance(60_000);
    expect(loadSystem).toHaveBeenCalledTimes(1);
    await runtime.destroy();
  });

  it('wakes the system shortly after start for an automatic backup missed while no page was open', async () => {
    const earlier = createSystem({ backupSystem: { autoBackup: { enabled: true, interval: HOUR } } }, { clock: createManualClock(T0), channel: createTabChannel(uniqueChannelName()) });
    await earlier.ready;
    await earlier.idle();
    await earlier.flush();
    await earlier.destroy();

    // A day later the wake-up is long past: the runtime asks a few seconds after the page started.
    const clock = createManualClock(T0 + 24 * HOUR);
    const loadSystem = vi.fn(neverLoads);
    const runtime = createStartup({}, { clock, channel: createTabChannel(uniqueChannelName()), loadSystem });
    await runtime.ready;
    await runtime.idle();
    expect(loadSystem).not.toHaveBeenCalled();
    clock.advance(5000);
    expect(loadSystem).toHaveBeenCalledTimes(1);
    await runtime.destroy();
  });

  it('wakes the system as soon as it is idle while a conversation is with staff, so their replies arrive live on every page', async () => {
    const storage = createStorage({ channel: createTabChannel(uniqueChannelName()) });
    // A conversation handed to staff an hour ago (the live chat records when it began).
    wakeRecorder(storage, WAKE_KEYS.live)(T0 - HOUR);
    wakeRecorder(storage, WAKE_KEYS.backup)(T0 + HOUR);
    await storage.flush();
    await storage.close();

    const clock = createManualClock(T0);
    const loadSystem = vi.fn(neverLoads);
    const runtime = createStartup({}, { clock, channel: createTabChannel(uniqueChannelName()), loadSystem });
    await runtime.ready;
    await runtime.idle();
    clock.advance(0);
    expect(loadSystem).toHaveBeenCalledTimes(1);
    await runtime.destroy();
  });

  it('on a browser where backups never ran, looks an hour after the first visit, once', async () => {
    const channel = createTabChannel(uniqueChannelName());
    const clock = createManualClock(T0);
    const loadSystem = vi.fn(neverLoads);
    const first = createStartup({}, { clock, channel, loadSystem });
    await first.ready;
    await first.idle();
    clock.advance(HOUR - 1);
    expect(loadSystem).not.toHaveBeenCalled();
    clock.advance(1);
    expect(loadSystem).toHaveBeenCalledTimes(1);
    await first.destroy();

    // A second visit within that hour keeps the first visit's plan instead of pushing it back.
    const later = createManualClock(T0 + 30 * 60_000);
    const again = vi.fn(neverLoads);
    const second = createStartup({}, { clock: later, channel: createTabChannel(uniqueChannelName()), loadSystem: again });
    await second.ready;
    await second.idle();
    later.advance(30 * 60_000);
    expect(again).toHaveBeenCalledTimes(1);
    await second.destroy();
  });

  it('asks for nothing once the modules ran and recorded that nothing waits (automatic backups off)', async () => {
    const earlier = createSystem({ backupSystem: { autoBackup: { enabled: false } } }, { clock: createManualClock(T0), channel: createTabChannel(uniqueChannelName()) });
    await earlier.ready;
    await earlier.idle();
    await earlier.flush();
    await earlier.destroy();

    const clock = createManualClock(T0 + HOUR);
    const loadSystem = vi.fn(neverLoads);
    const runtime = createStartup({}, { clock, channel: createTabChannel(uniqueChannelName()), loadSystem });
    await runtime.ready;
    await runtime.idle();
    clock.advance(30 * 24 * HOUR);
    expect(loadSystem).not.toHaveBeenCalled();
    await runtime.destroy();
  });

  it('keeps tracking from the start; the full system built later sees those events and the same session', async () => {
    const clock = createManualClock(T0);
    const runtime = createStartup({}, { clock, channel: createTabChannel(uniqueChannelName()), loadSystem: neverLoads });
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

describe('start-up runtime failures', () => {
  const orderShipped = [{ type: 'order_status_changed' as const, detail: { id: '1234', status: 'enviado' } }];

  it('reports a chat system that could not download as LOAD_FAILED, once, not as a storage failure', async () => {
    const chunkLost = new TypeError('Failed to fetch dynamically imported module: https://tienda.test/assets/system.js');
    const runtime = createStartup({}, { channel: createTabChannel(uniqueChannelName()), loadSystem: () => Promise.reject(chunkLost), earlier: orderShipped });
    const errors: Array<[string, string]> = [];
    runtime.events.on('error', (error) => errors.push([error.code, error.message]));
    await runtime.idle();
    expect(errors).toEqual([['LOAD_FAILED', `Could not load a part of the chat widget: the chat system could not load: ${chunkLost.message}`]]);
    await runtime.destroy();
  });

  it('lets a programming error in background work surface as uncaught, and reports no failure for it', async () => {
    const uncaught: unknown[] = [];
    const real = globalThis.queueMicrotask;
    vi.stubGlobal('queueMicrotask', (callback: () => void) => real(() => {
      try {
        callback();
      } catch (error) {
        uncaught.push(error);
      }
    }));
    // A system without the push module the order notification needs: a bug of the wiring.
    const runtime = createStartup({}, { channel: createTabChannel(uniqueChannelName()), loadSystem: async () => ({}) as SystemPort, earlier: orderShipped });
    const errors: unknown[] = [];
    runtime.events.on('error', (error) => errors.push(error));
    await runtime.idle();
    await new Promise<void>((resolve) => real(resolve));
    vi.unstubAllGlobals();
    expect(uncaught).toEqual([expect.any(TypeError)]);
    expect(errors).toEqual([]);
    await runtime.destroy();
  });
});

describe('start-up runtime and the other tabs', () => {
  it('hears a wake-up another tab records after this page started (a reminder scheduled in the chat tab)', async () => {
    const name = uniqueChannelName();
    const clock = createManualClock(T0);
    const loadSystem = vi.fn(neverLoads);
    const storefront = createStartup({ backupSystem: { autoBackup: { enabled: false } } }, { clock, channel: createTabChannel(name), loadSystem });
    await storefront.ready;
    // A tab's broadcasts arrive in order: when this (subscribed after the runtime) hears the chat
    // tab's last write, the runtime has heard every wake-up the chat tab recorded before it.
    const heard = new Promise<void>((resolve) => {
      storefront.storage.subscribe('kv', (changes) => {
        if (changes.some((change) => change.key === 'bot:session:test-last')) resolve();
      });
    });
    const chat = createSystem({ backupSystem: { autoBackup: { enabled: false } } }, { clock, channel: createTabChannel(name) });
    await chat.ready;
    chat.pushNotifications.schedule('Recordatorio', { body: 'Tu pedido te espera' }, new Date(T0 + 2 * HOUR));
    await chat.idle();
    chat.storage.put('kv', { id: 'bot:session:test-last' });
    await chat.destroy();
    await heard;
    await storefront.idle();
    expect(loadSystem).not.toHaveBeenCalled();
    // The first-look for backups (1 h) is superseded by the module's own "off" record.
    clock.advance(2 * HOUR - 1000);
    expect(loadSystem).not.toHaveBeenCalled();
    clock.advance(1000);
    expect(loadSystem).toHaveBeenCalledTimes(1);
    await storefront.destroy();
  });

  it('re-reads what the tracker keeps when a backup is restored in another tab', async () => {
    const name = uniqueChannelName();
    const runtime = createStartup({}, { channel: createTabChannel(name), loadSystem: neverLoads });
    await runtime.ready;
    const reload = vi.spyOn(runtime.analytics.tracker, 'reloadState');
    const other = createTabChannel(name);
    other.post({ kind: 'backup', type: 'restored', backupId: 'bkp_1', timestamp: new Date(T0).toISOString(), reload: false });
    await pollUntil(() => expect(reload).toHaveBeenCalledTimes(1));
    other.close();
    await runtime.destroy();
  });
});

describe('wake-up records', () => {
  it('are written again after a restore rewrote them, even when the time did not change', async () => {
    const system = createSystem({ backupSystem: { autoBackup: { enabled: false } } }, { clock: createManualClock(T0), channel: createTabChannel(uniqueChannelName()) });
    await system.ready;
    system.pushNotifications.schedule('Recordatorio', { body: 'Tu pedido te espera' }, new Date(T0 + HOUR));
    await system.flush();
    expect(await system.storage.get('kv', WAKE_KEYS.push)).toMatchObject({ at: T0 + HOUR });
    // What a restore from an older backup does to the record, then tells the module.
    system.storage.delete('kv', WAKE_KEYS.push);
    await system.flush();
    await (system.pushNotifications as unknown as { reloadState(): Promise<void> }).reloadState(); // system.ts does this on backup_restored
    await system.flush();
    expect(await system.storage.get('kv', WAKE_KEYS.push)).toMatchObject({ at: T0 + HOUR });
    await system.destroy();
  });

  it('are written only when the time changes, kept as "nothing waits" when cleared, and the earliest wins', async () => {
    const storage = createStorage({ channel: createTabChannel(uniqueChannelName()) });
    const put = vi.spyOn(storage, 'put');
    const push = wakeRecorder(storage, WAKE_KEYS.push);
    const backup = wakeRecorder(storage, WAKE_KEYS.backup);
    push(T0 + HOUR);
    push(T0 + HOUR);
    backup(T0 + 2 * HOUR);
    expect(put).toHaveBeenCalledTimes(2);
    await storage.flush();
    expect((await readWakes(storage)).next).toBe(T0 + HOUR);
    push(undefined);
    await storage.flush();
    expect((await readWakes(storage)).next).toBe(T0 + 2 * HOUR);
    backup(undefined);
    await storage.flush();
    expect((await readWakes(storage)).next).toBeUndefined();
    await storage.close();
  });

  it('are not written again at start-up when the stored record already says the same time', async () => {
    const storage = createStorage({ channel: createTabChannel(uniqueChannelName()) });
    wakeRecorder(storage, WAKE_KEYS.live)(T0);
    await storage.flush();
    const put = vi.spyOn(storage, 'put');
    // The next page reads the record with its own state, then records the same time.
    const live = wakeRecorder(storage, WAKE_KEYS.live);
    live.known(await storage.get('kv', WAKE_KEYS.live));
    live(T0);
    expect(put).not.toHaveBeenCalled();
    live(T0 + HOUR);
    expect(put).toHaveBeenCalledTimes(1);
    await storage.flush();
    expect((await readWakes(storage)).next).toBe(T0 + HOUR);
    await storage.close();
  });

  it('are not written again by a module that starts after the runtime read them, nor over what another tab wrote', async () => {
    const name = uniqueChannelName();
    const first = createStorage({ channel: createTabChannel(name) });
    const push = wakeRecorder(first, WAKE_KEYS.push);
    const backup = wakeRecorder(first, WAKE_KEYS.backup);
    push(T0 + HOUR);
    backup(undefined);
    await first.flush();
    await first.close();

    // The next page: the start-up runtime reads the wake-ups, then the system's modules record theirs.
    const storage = createStorage({ channel: createTabChannel(name) });
    const other = createStorage({ channel: createTabChannel(name) });
    await readWakes(storage);
    const put = vi.spyOn(storage, 'put');
    wakeRecorder(storage, WAKE_KEYS.push)(T0 + HOUR);
    wakeRecorder(storage, WAKE_KEYS.backup)(undefined);
    expect(put).not.toHaveBeenCalled();
    // Another tab moves the push wake-up: this tab hears it, and writing its own time again is a change.
    wakeRecorder(other, WAKE_KEYS.push)(T0 + 2 * HOUR);
    await other.flush();
    await pollUntil(async () => {
      wakeRecorder(storage, WAKE_KEYS.push)(T0 + HOUR);
      expect(put).toHaveBeenCalledTimes(1);
    });
    await storage.flush();
    expect((await readWakes(storage)).next).toBe(T0 + HOUR);
    await other.close();
    await storage.close();
  });
});
