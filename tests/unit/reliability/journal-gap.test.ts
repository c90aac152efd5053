import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../backup/helpers';
import { conversationRecord } from '../records';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('point-in-time recovery after the journal gave way to a full store', () => {
  it('no longer claims moments it cannot reproduce exactly, and is exact again from the next backup', async () => {
    harness = await createHarness();
    const { backups, storage, clock } = harness;
    clock.advance(60_000);
    const base = await backups.createBackup('manual');
    // Ten changes after the backup, a minute apart.
    for (let i = 0; i < 10; i++) {
      clock.advance(60_000);
      storage.put('conversations', conversationRecord(`conv_${i}`, { name: `Pedido ${i}`, updatedAt: clock.now() }));
      await storage.flush();
    }
    const moment = clock.now() - 30_000;
    expect(backups.checkPointInTime(new Date(moment))).toMatchObject({ reachable: true, backupId: base.id });

    // What the write queue does on QUOTA_EXCEEDED: the oldest half of the journal goes.
    expect(await storage.journal.shed(0.5)).toBeGreaterThan(0);
    clock.advance(60_000);

    expect(backups.checkPointInTime(new Date(moment))).toMatchObject({ reachable: false, reason: 'JOURNAL_EXPIRED' });
    expect(backups.getRestorableRanges().ranges.filter((r) => r.backupId === base.id)).toEqual([]);
    const restored = await backups.restoreToPointInTime(new Date(moment));
    expect(restored.exact).toEqual([]);
    expect(restored.atBackupTime).toContain('indexedDB:chatbot-repuestos-motos/conversations');

    // A backup taken after the gap is an exact base again.
    clock.advance(60_000);
    const next = await backups.createBackup('manual');
    clock.advance(60_000);
    storage.put('conversations', conversationRecord('conv_after', { name: 'Después', updatedAt: clock.now() }));
    await storage.flush();
    clock.advance(60_000);
    expect(backups.checkPointInTime(new Date(clock.now() - 1))).toMatchObject({ reachable: true, backupId: next.id });
  });

  it('remembers the gap across a restart of the page', async () => {
    harness = await createHarness();
    const { backups, storage, clock } = harness;
    clock.advance(60_000);
    await backups.createBackup('manual');
    for (let i = 0; i < 4; i++) {
      clock.advance(60_000);
      storage.put('conversations', conversationRecord(`conv_${i}`, { name: `Pedido ${i}`, updatedAt: clock.now() }));
      await storage.flush();
    }
    await storage.journal.shed(0.5);
    const moment = clock.now() - 30_000;
    await harness.idle();
    const now = clock.now();
    await harness.close();
    harness = await createHarness({}, now);
    expect(harness.backups.checkPointInTime(new Date(moment))).toMatchObject({ reachable: false, reason: 'JOURNAL_EXPIRED' });
  });
});
