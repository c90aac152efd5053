import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './helpers';
import { conversationRecord, kvRecord, messageRecord } from '../records';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('restoreToPointInTime', () => {
  it('gives the state between two changes made after the backup', async () => {
    harness = await createHarness();
    const { backups, storage, clock, local } = harness;
    storage.put('conversations', conversationRecord('conv_1', { name: 'Soporte', updatedAt: 1 }));
    local.setItem('repuestos-motos:cart', '[1]');
    await storage.flush();
    clock.advance(60_000);
    const backup = await backups.createBackup('manual');

    clock.advance(60_000); // 10:02 change 1
    storage.put('conversations', conversationRecord('conv_2', { name: 'Pedido 77', updatedAt: 2 }));
    storage.put('messages', messageRecord('m1', { conversationId: 'conv_2', createdAt: 2, text: 'hola' }));
    await storage.flush();
    clock.advance(60_000); // 10:03 — the moment we want back
    const between = clock.now();
    clock.advance(60_000); // 10:04 change 2
    storage.delete('conversations', 'conv_1');
    storage.put('conversations', conversationRecord('conv_2', { name: 'Renombrada', updatedAt: 3 }));
    storage.clear('messages');
    local.setItem('repuestos-motos:cart', '[1,2]');
    await storage.flush();
    clock.advance(60_000);

    const result = await backups.restoreToPointInTime(new Date(between));
    expect(result.backupId).toBe(backup.id);
    expect(result.pointInTime).toBe(new Date(between).toISOString());
    expect(result.replayedEntries).toBeGreaterThanOrEqual(2);
    expect(result.exact).toContain('indexedDB:chatbot-repuestos-motos/conversations');
    expect(result.atBackupTime).toContain('localStorage');
    expect(result.atBackupTime).toContain('indexedDB:chatbot-repuestos-motos/events');

    const conversations = await storage.getAll('conversations');
    expect(conversations.map((c) => [c.id, c.name])).toEqual([['conv_1', 'Soporte'], ['conv_2', 'Pedido 77']]);
    expect((await storage.getAll('messages')).map((m) => m.id)).toEqual(['m1']);
    // localStorage is not journaled: it is as it was when the backup was taken.
    expect(local.getItem('repuestos-motos:cart')).toBe('[1]');
  });

  it('keeps point-in-time recovery exact after a restore (the restore starts a new base)', async () => {
    harness = await createHarness();
    const { backups, storage, clock } = harness;
    storage.put('kv', kvRecord('step', 1));
    const first = await backups.createBackup('manual');
    clock.advance(60_000);
    storage.put('kv', kvRecord('step', 2));
    await storage.flush();
    clock.advance(60_000);
    await backups.restoreBackup(first.id); // step = 1 again, written outside the journal
    clock.advance(60_000);
    storage.put('kv', kvRecord('other', 7));
    await storage.flush();
    const target = clock.now();
    clock.advance(60_000);
    storage.put('kv', kvRecord('step', 3));
    await storage.flush();
    clock.advance(60_000);
    await backups.restoreToPointInTime(target);
    expect((await storage.get('kv', 'bot:session:step'))?.handoffAt).toBe(1);
    expect((await storage.get('kv', 'bot:session:other'))?.handoffAt).toBe(7);
  });

  it('says when there is no backup before the date, and refuses the future', async () => {
    harness = await createHarness();
    await harness.backups.createBackup('manual');
    await expect(harness.backups.restoreToPointInTime(new Date('2020-01-01'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(harness.backups.restoreToPointInTime(new Date('2099-01-01'))).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('refuses a date that is no date (a Symbol, an object, null) with VALIDATION', async () => {
    harness = await createHarness();
    await harness.backups.createBackup('manual');
    for (const bad of [Symbol('when'), {}, null, undefined, 'x'.repeat(1_000_000)]) {
      await expect(harness.backups.restoreToPointInTime(bad as never)).rejects.toMatchObject({ code: 'VALIDATION' });
    }
    expect(harness.backups.listBackups()).toHaveLength(1);
  });
});
