import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/manual-clock';
import { createTabChannel } from '../../../src/core/tabs';
import { createStorage } from '../../../src/storage';
import { createAutoBackup } from '../../../src/backup/scheduler';
import { createTestBackground, uniqueChannelName } from '../helpers';
import { createHarness, type Harness } from './helpers';
import { analyticsOutboxRecord, conversationRecord, notificationRecord } from '../records';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const HOUR = 3_600_000;

describe('automatic backups', () => {
  it('takes one backup per interval while the page is open', async () => {
    harness = await createHarness({ autoBackup: { enabled: true, interval: HOUR, startDelay: 5_000 } });
    const { backups, clock } = harness;
    await harness.idle();
    expect(backups.nextAutoBackup).toBe(new Date(clock.now() + 5_000).toISOString());
    clock.advance(5_000);
    await harness.idle();
    expect(backups.listBackups({ type: 'auto' })).toHaveLength(1);
    expect(backups.listBackups()[0]!.metadata).toEqual({ trigger: 'interval' });
    expect(backups.nextAutoBackup).toBe(new Date(clock.now() + HOUR).toISOString());
    clock.advance(HOUR - 1);
    await harness.idle();
    expect(backups.listBackups({ type: 'auto' })).toHaveLength(1);
    clock.advance(1);
    await harness.idle();
    expect(backups.listBackups({ type: 'auto' })).toHaveLength(2);
  });

  it('runs a missed interval at the next start, and not twice', async () => {
    harness = await createHarness({ autoBackup: { enabled: false } });
    const lastAt = harness.clock.now() - 5 * HOUR; // the last page closed five hours ago
    harness.storage.put('kv', { id: 'backup:auto', lastAt });
    await harness.close();
    harness = await createHarness({ autoBackup: { enabled: true, startDelay: 2_000 } });
    await harness.idle();
    expect(harness.backups.nextAutoBackup).toBe(new Date(harness.clock.now() + 2_000).toISOString());
    harness.clock.advance(2_000);
    await harness.idle();
    expect(harness.backups.listBackups({ type: 'auto' })).toHaveLength(1);
    expect((await harness.storage.get('kv', 'backup:auto'))?.lastAt).toBe(harness.clock.now());
    expect(harness.backups.nextAutoBackup).toBe(new Date(harness.clock.now() + HOUR).toISOString());
    harness.clock.advance(HOUR / 2);
    await harness.idle();
    expect(harness.backups.listBackups({ type: 'auto' })).toHaveLength(1);
  });

  it('stops when disabled', async () => {
    harness = await createHarness({ autoBackup: { enabled: true, startDelay: 0 } });
    await harness.idle();
    expect(harness.backups.nextAutoBackup).not.toBeNull();
    harness.backups.updateConfig({ autoBackup: { enabled: false } });
    await harness.idle();
    expect(harness.backups.nextAutoBackup).toBeNull();
    harness.clock.advance(10 * HOUR);
    await harness.idle();
    expect(harness.backups.listBackups()).toHaveLength(0);
    expect(harness.backups.getStats().autoBackupEnabled).toBe(false);
  });
});

describe('automatic backups woken late', () => {
  it("counts the start delay from the page's start: a module loaded a minute in backs up at once", async () => {
    const clock = createManualClock(Date.parse('2025-03-10T10:00:00Z'));
    const channel = createTabChannel(uniqueChannelName());
    const storage = createStorage({ clock, channel });
    const background = createTestBackground(storage, (error) => expect.unreachable(error.message));
    const plan = (pageStartedAt?: number) =>
      createAutoBackup({
        clock,
        storage,
        settings: () => ({ enabled: true, interval: HOUR, startDelay: 10_000 }),
        run: async () => undefined,
        background: background.run,
        ...(pageStartedAt === undefined ? {} : { pageStartedAt }),
      });
    const late = plan(clock.now() - 60_000);
    const fresh = plan();
    late.start();
    fresh.start();
    await background.idle();
    expect(late.nextAt).toBe(clock.now());
    expect(fresh.nextAt).toBe(clock.now() + 10_000);
    late.dispose();
    fresh.dispose();
    await storage.close();
    channel.close();
  });
});

describe('automatic backups when the page closes', () => {
  it('keep the recorded plan: closing is not "automatic backups off"', async () => {
    const clock = createManualClock(Date.parse('2025-03-10T10:00:00Z'));
    const channel = createTabChannel(uniqueChannelName());
    const storage = createStorage({ clock, channel });
    const background = createTestBackground(storage, (error) => expect.unreachable(error.message));
    const planned: Array<number | undefined> = [];
    const auto = createAutoBackup({
      clock,
      storage,
      settings: () => ({ enabled: true, interval: HOUR, startDelay: 10_000 }),
      run: async () => undefined,
      background: background.run,
      planned: (at) => planned.push(at),
    });
    auto.start();
    await background.idle();
    expect(planned).toEqual([clock.now() + 10_000]);
    auto.dispose();
    auto.reschedule(); // e.g. a restore finishing while the page closes
    await background.idle();
    expect(planned).toEqual([clock.now() + 10_000]);
    await storage.close();
    channel.close();
  });
});

describe('retention in the module', () => {
  it('drops auto and scheduled backups beyond the policy after each backup, never manual ones', async () => {
    harness = await createHarness({ autoBackup: { enabled: false, maxBackups: 2 }, retention: { hourly: 0, daily: 0, weekly: 0, monthly: 0, calendar: 'utc' } });
    const { backups, clock } = harness;
    const manual = await backups.createBackup('manual');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      clock.advance(HOUR);
      ids.push((await backups.createBackup(i % 2 ? 'scheduled' : 'auto')).id);
    }
    expect(backups.listBackups().map((b) => b.id)).toEqual([ids[3], ids[2], manual.id]);
  });

  it('previews what the next run would drop, also under another policy', async () => {
    harness = await createHarness({ autoBackup: { enabled: false, maxBackups: 10 }, retention: { hourly: 24, daily: 7, weekly: 4, monthly: 12, calendar: 'utc' } });
    const { backups, clock } = harness;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await backups.createBackup('auto')).id);
      clock.advance(10 * 60_000); // three backups in the same hour
    }
    expect(backups.previewRetention().drop).toEqual([]);
    const preview = backups.previewRetention({ last: 0, hourly: 1, daily: 0, weekly: 0, monthly: 0 });
    expect(preview.keep.map((b) => b.id)).toEqual([ids[2]]);
    expect(preview.drop.map((b) => b.id)).toEqual([ids[1], ids[0]]);
    expect(backups.listBackups()).toHaveLength(3); // a preview changes nothing
  });
});

describe('includedData', () => {
  it('maps cart, wishlist and conversations onto the store page keys and the widget stores', async () => {
    harness = await createHarness({ includedData: ['cart', 'wishlist', 'conversations'] });
    const { backups, local, storage } = harness;
    local.setItem('repuestos-motos:cart', '[1]');
    local.setItem('repuestos-motos:wishlist', '[2]');
    local.setItem('theme', 'dark');
    storage.put('conversations', conversationRecord('c1', { updatedAt: 1 }));
    storage.put('notifications', notificationRecord('n1', { createdAt: 1, category: 'orders' }));
    const backup = await backups.createBackup('manual');
    expect(backup.sources[0]).toEqual({ kind: 'localStorage', keys: 2, only: ['repuestos-motos:cart', 'repuestos-motos:wishlist'] });
    const widget = backup.sources[1];
    expect(widget?.kind === 'indexedDB' && widget.stores.map((s) => s.name)).toEqual(['attachments', 'conversations', 'mentions', 'messages', 'reactions', 'receipts']);

    local.setItem('theme', 'light');
    local.removeItem('repuestos-motos:cart');
    storage.delete('notifications', 'n1');
    await backups.restoreBackup(backup.id);
    expect(local.getItem('repuestos-motos:cart')).toBe('[1]');
    expect(local.getItem('theme')).toBe('light'); // not part of this backup
    expect(await storage.get('notifications', 'n1')).toBeUndefined();
  });

  it('never backs up its own backups, the journal or the outbox', async () => {
    harness = await createHarness();
    harness.storage.put('outbox', analyticsOutboxRecord('o1', { createdAt: 1 }));
    await harness.backups.createBackup('manual');
    const second = await harness.backups.createBackup('manual');
    const widget = second.sources.find((s) => s.kind === 'indexedDB');
    const names = widget?.kind === 'indexedDB' ? widget.stores.map((s) => s.name) : [];
    expect(names).not.toContain('backups');
    expect(names).not.toContain('backupBlobs');
    expect(names).not.toContain('journal');
    expect(names).not.toContain('outbox');
    expect(names).toContain('kv');
  });
});
