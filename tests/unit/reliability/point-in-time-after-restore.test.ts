import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../backup/helpers';
import { conversationRecord } from '../records';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('a point-in-time restore whose base is the backup a restore just made', () => {
  it('does not replay the changes that restore undid (found by a kill test: the state matched no moment)', async () => {
    harness = await createHarness();
    const { backups, storage, clock } = harness;
    for (const id of ['conv_1', 'conv_2']) storage.put('conversations', conversationRecord(id, { name: id }));
    await storage.flush();
    clock.advance(60_000);
    await backups.createBackup('manual');
    clock.advance(60_000);
    storage.put('conversations', conversationRecord('conv_a', { name: 'a' }));
    await storage.flush();
    clock.advance(500);
    const first = clock.now();
    clock.advance(500);
    // Undone by the restore below, a second before it.
    storage.delete('conversations', 'conv_1');
    await storage.flush();
    clock.advance(1_000);
    await backups.restoreToPointInTime(new Date(first));
    const ids = async (): Promise<string[]> => (await storage.getAll('conversations')).map((c) => c.id).sort();
    expect(await ids()).toEqual(['conv_1', 'conv_2', 'conv_a']);

    clock.advance(1_000);
    storage.put('conversations', conversationRecord('conv_c', { name: 'c' }));
    await storage.flush();
    clock.advance(500);
    const second = clock.now();
    clock.advance(500);
    await backups.restoreToPointInTime(new Date(second));
    expect(await ids()).toEqual(['conv_1', 'conv_2', 'conv_a', 'conv_c']);
  });
});
