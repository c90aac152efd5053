import { afterEach, describe, expect, it } from 'vitest';
import { loadOnDemand } from '../../../src/backup/load-on-demand';
import type { BackupEnv } from '../../../src/backup/snapshot';
import { createTabChannel } from '../../../src/core/tabs';
import { createStartup, type SystemPort } from '../../../src/startup';
import { createOriginDatabases } from '../../../src/storage';
import { createHarness, type Harness } from '../backup/helpers';
import { uniqueChannelName } from '../helpers';
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

describe('a point-in-time restore whose base is a backup taken a few seconds after a restore', () => {
  it('does not replay the changes that restore undid (the journal overlap stops at the restore)', async () => {
    harness = await createHarness();
    const { backups, storage, clock } = harness;
    const ids = async (): Promise<string[]> => (await storage.getAll('conversations')).map((c) => c.id).sort();
    for (const id of ['conv_1', 'conv_2']) storage.put('conversations', conversationRecord(id, { name: id }));
    await storage.flush();
    clock.advance(60_000);
    const base = await backups.createBackup('manual');
    clock.advance(1_000);
    // Undone by the restore a second later.
    storage.put('conversations', conversationRecord('conv_undone', { name: 'undone' }));
    storage.delete('conversations', 'conv_1');
    await storage.flush();
    clock.advance(1_000);
    await backups.restoreBackup(base.id);
    expect(await ids()).toEqual(['conv_1', 'conv_2']);
    // Within the journal overlap (5 s) of the undone changes: its replay must still start after the restore.
    clock.advance(1_000);
    await backups.createBackup('manual', { trigger: 'right after the restore' });
    clock.advance(10_000);
    storage.put('conversations', conversationRecord('conv_c', { name: 'c' }));
    await storage.flush();
    clock.advance(500);
    const moment = clock.now();
    clock.advance(500);
    storage.put('conversations', conversationRecord('conv_later', { name: 'later' }));
    await storage.flush();
    clock.advance(1_000);
    await backups.restoreToPointInTime(new Date(moment));
    expect(await ids()).toEqual(['conv_1', 'conv_2', 'conv_c']);
  });

  it('nor after an interrupted restore was put back at the next start (a change another tab made during it is undone)', async () => {
    harness = await createHarness();
    const h = harness;
    const ids = async (storage = harness!.storage): Promise<string[]> => (await storage.getAll('conversations')).map((c) => c.id).sort();
    for (const id of ['conv_1', 'conv_2']) h.storage.put('conversations', conversationRecord(id, { name: id }));
    await h.storage.flush();
    h.clock.advance(60_000);
    const backup = await h.backups.createBackup('manual');
    h.clock.advance(60_000);
    // A restore begins (its safety backup, its marker), another tab writes meanwhile, then the browser dies half way.
    const { beginRestore } = await loadOnDemand();
    const safetyBackup = await h.backups.createBackup('auto', { trigger: 'before_restore' });
    const safety = (await h.storage.get('backups', safetyBackup.id))!;
    const env: BackupEnv = { databases: createOriginDatabases(h.storage), localStorage: h.local };
    await beginRestore(env, (await h.storage.get('backups', backup.id))!, {
      id: safety.id, payload: (await h.storage.get('backupBlobs', safety.payloadId))!.blob, compressed: safety.compression === 'gzip', record: safety,
    }, { restoreSession: false, now: h.clock.now(), restore: 'replace' });
    h.storage.put('conversations', conversationRecord('conv_other_tab', { name: 'during the restore' }));
    await h.storage.flush();
    h.clock.advance(1_000);
    await (await env.databases.open(env.databases.widgetName)).write([{ op: 'clear', store: 'conversations' }]);
    await h.close();
    harness = undefined;

    // The next start puts the data back as it was before the restore.
    h.clock.advance(1_000);
    const runtime = createStartup({ backupSystem: { autoBackup: { enabled: false } } }, { clock: h.clock, channel: createTabChannel(uniqueChannelName()), loadSystem: () => new Promise<SystemPort>(() => undefined) });
    const reported: string[] = [];
    runtime.events.on('error', (error) => reported.push(error.message));
    await runtime.ready;
    expect(await ids(runtime.storage)).toEqual(['conv_1', 'conv_2']);
    await runtime.idle();
    expect(reported).toEqual([expect.stringMatching(/was interrupted/)]);
    await runtime.destroy();

    // A backup within the journal overlap of that undone change, then a change, then a restore to the moment after it.
    harness = await createHarness({}, h.clock.now() + 1_000);
    const next = harness;
    await next.backups.createBackup('manual', { trigger: 'right after the put-back' });
    next.clock.advance(10_000);
    next.storage.put('conversations', conversationRecord('conv_c', { name: 'c' }));
    await next.storage.flush();
    next.clock.advance(500);
    const moment = next.clock.now();
    next.clock.advance(1_000);
    await next.backups.restoreToPointInTime(new Date(moment));
    expect(await ids()).toEqual(['conv_1', 'conv_2', 'conv_c']);
  });
});
