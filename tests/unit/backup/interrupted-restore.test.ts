import { IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatbotError } from '../../../src/core/errors';
import { createTabChannel } from '../../../src/core/tabs';
import { loadOnDemand } from '../../../src/backup/load-on-demand';
import type { BackupEnv } from '../../../src/backup/snapshot';
import { createStartup, type SystemPort } from '../../../src/startup';
import { BACKUP_KV, createOriginDatabases } from '../../../src/storage';
import { uniqueChannelName } from '../helpers';
import { messageRecord } from '../records';
import { createHarness, type Harness } from './helpers';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const neverLoads = (): Promise<SystemPort> => new Promise<SystemPort>(() => undefined);

/** The next page's start-up over the same database (auto backups off); what it reports goes to `errors`. */
function startAgain(h: Harness, errors: ChatbotError[] = []) {
  const runtime = createStartup({ backupSystem: { autoBackup: { enabled: false } } }, { clock: h.clock, channel: createTabChannel(uniqueChannelName()), loadSystem: neverLoads });
  runtime.events.on('error', (error) => errors.push(error));
  return runtime;
}

async function storedIds(h: Harness): Promise<string[]> {
  return (await h.storage.getAll('messages')).map((m) => m.id);
}

/**
 * A restore's first steps, as restoreBackup takes them: a safety backup, then the in-progress
 * marker. Returns the environment to write through (as the restore would) and the safety record.
 */
async function beginRestoreOf(h: Harness, backupId: string, restore: 'replace' | 'pointInTime' = 'replace') {
  const { beginRestore } = await loadOnDemand();
  const safetyBackup = await h.backups.createBackup('auto', { trigger: 'before_restore' });
  const safetyRecord = (await h.storage.get('backups', safetyBackup.id))!;
  const safetyPayload = (await h.storage.get('backupBlobs', safetyRecord.payloadId))!.blob;
  const env: BackupEnv = { databases: createOriginDatabases(h.storage), localStorage: h.local };
  const record = (await h.storage.get('backups', backupId))!;
  await beginRestore(env, record, { id: safetyRecord.id, payload: safetyPayload, compressed: safetyRecord.compression === 'gzip', record: safetyRecord }, { restoreSession: false, now: h.clock.now(), restore });
  const widget = await env.databases.open(env.databases.widgetName);
  return { safetyRecord, widget };
}

describe('a restore interrupted by a closed tab or a crash', () => {
  it('is put back by the next start, before anything reads the data', async () => {
    harness = await createHarness();
    const h = harness;
    for (let i = 0; i < 10; i++) h.storage.put('messages', messageRecord(`m${i}`, { createdAt: i, text: `repuesto ${i}` }));
    await h.storage.flush();
    const backup = await h.backups.createBackup('manual');
    // Changed since: five messages deleted, one added. This is what must come back.
    for (let i = 0; i < 5; i++) h.storage.delete('messages', `m${i}`);
    h.storage.put('messages', messageRecord('nuevo', { createdAt: 20, text: 'llanta' }));
    await h.storage.flush();
    const changed = await storedIds(h);

    // The restore's first steps, then the tab dies with the messages store cleared.
    const { safetyRecord, widget } = await beginRestoreOf(h, backup.id);
    await widget.write([{ op: 'clear', store: 'messages' }]);
    expect(await storedIds(h)).toEqual([]);
    await h.close();
    harness = undefined;

    // The next page: its first read already sees the data as it was.
    const errors: ChatbotError[] = [];
    const runtime = startAgain(h, errors);
    const firstRead = runtime.storage.getAll('messages');
    await runtime.ready;
    expect((await firstRead).map((m) => m.id)).toEqual(changed);
    expect(await runtime.storage.get('kv', BACKUP_KV.restoring)).toBeUndefined();
    const backups = await runtime.storage.getAll('backups');
    const after = backups.find((b) => b.metadata.trigger === 'after_interrupted_restore');
    expect(after).toMatchObject({ payloadId: safetyRecord.payloadId, metadata: { interrupted: backup.id, restoredFrom: safetyRecord.id } });
    await runtime.idle();
    expect(errors.map((e) => [e.code, (e.details as { rolledBack: boolean }).rolledBack])).toEqual([['STORAGE_FAILED', true]]);
    await runtime.destroy();
  });

  it('finishes the restore instead when the data before it cannot be read back', async () => {
    harness = await createHarness();
    const h = harness;
    for (let i = 0; i < 6; i++) h.storage.put('messages', messageRecord(`m${i}`, { createdAt: i, text: `repuesto ${i}` }));
    await h.storage.flush();
    const backup = await h.backups.createBackup('manual');
    const inBackup = await storedIds(h);
    h.storage.delete('messages', 'm0');
    await h.storage.flush();

    // Interrupted half way, and the copy of the data before it is unreadable (a damaged file).
    const { safetyRecord, widget } = await beginRestoreOf(h, backup.id);
    await widget.write([
      { op: 'delete', store: 'messages', key: 'm1' },
      { op: 'put', store: 'backupBlobs', value: { id: safetyRecord.payloadId, blob: new Blob(['no es una copia']) } },
    ]);
    await h.close();
    harness = undefined;

    const errors: ChatbotError[] = [];
    const runtime = startAgain(h, errors);
    await runtime.ready;
    // Whole: the backup's data, not a mix.
    expect(await runtime.storage.getAll('messages').then((list) => list.map((m) => m.id))).toEqual(inBackup);
    expect(await runtime.storage.get('kv', BACKUP_KV.restoring)).toBeUndefined();
    const after = (await runtime.storage.getAll('backups')).find((b) => b.metadata.trigger === 'after_restore');
    expect(after).toMatchObject({ payloadId: (await runtime.storage.get('backups', backup.id))!.payloadId, metadata: { restoredFrom: backup.id, rolledForward: true } });
    await runtime.idle();
    expect(errors.map((e) => [e.code, e.details])).toEqual([['STORAGE_FAILED', expect.objectContaining({ rolledBack: false, rolledForward: true, backupId: backup.id })]]);
    expect(errors[0]!.message).toMatch(/the restore was finished/);
    await runtime.destroy();
  });

  it('keeps the record of a point-in-time restore it cannot put back yet, for the next start to try again', async () => {
    harness = await createHarness();
    const h = harness;
    h.storage.put('messages', messageRecord('m1', { text: 'filtro' }));
    await h.storage.flush();
    const base = await h.backups.createBackup('manual');
    const { safetyRecord, widget } = await beginRestoreOf(h, base.id, 'pointInTime');
    const copy = (await h.storage.get('backupBlobs', safetyRecord.payloadId))!;
    await widget.write([{ op: 'put', store: 'backupBlobs', value: { id: safetyRecord.payloadId, blob: new Blob(['dañada']) } }]);
    await h.close();
    harness = undefined;

    const errors: ChatbotError[] = [];
    const first = startAgain(h, errors);
    await first.ready;
    await first.idle();
    // Not finished from the base backup alone (that is not the state asked for): reported, and still marked.
    expect(errors.map((e) => [e.code, (e.details as { rolledBack: boolean }).rolledBack])).toEqual([['STORAGE_FAILED', false]]);
    expect(errors[0]!.message).toMatch(/the next start tries again/);
    expect(await first.storage.get('kv', BACKUP_KV.restoring)).toBeDefined();
    // The copy readable again: the next start puts it back.
    (await createOriginDatabases(first.storage).open(first.storage.dbName)).write([{ op: 'put', store: 'backupBlobs', value: copy }]);
    await first.storage.flush();
    await first.destroy();
    const next = startAgain(h);
    await next.ready;
    expect(await next.storage.get('kv', BACKUP_KV.restoring)).toBeUndefined();
    expect((await next.storage.getAll('messages')).map((m) => m.id)).toEqual(['m1']);
    await next.idle();
    await next.destroy();
  });

  it('takes away the "after" backup a point-in-time restore stored just before it was interrupted', async () => {
    harness = await createHarness();
    const h = harness;
    for (let i = 0; i < 4; i++) h.storage.put('messages', messageRecord(`m${i}`, { createdAt: i, text: `repuesto ${i}` }));
    await h.storage.flush();
    const base = await h.backups.createBackup('manual');
    h.storage.put('messages', messageRecord('nuevo', { createdAt: 20, text: 'llanta' }));
    await h.storage.flush();
    const changed = await storedIds(h);

    // A point-in-time restore got as far as storing its "after" backup; the tab died before it ended.
    const { safetyRecord, widget } = await beginRestoreOf(h, base.id, 'pointInTime');
    await widget.write([{ op: 'delete', store: 'messages', key: 'nuevo' }]);
    const stale = await h.backups.createBackup('auto', { trigger: 'after_restore', pointInTime: new Date(h.clock.now()).toISOString(), restoredFrom: base.id });
    const stalePayload = (await h.storage.get('backups', stale.id))!.payloadId;
    await h.close();
    harness = undefined;

    const runtime = startAgain(h);
    await runtime.ready;
    expect((await runtime.storage.getAll('messages')).map((m) => m.id)).toEqual(changed);
    // Only backups of states the data was really in are left to restore from.
    const backups = await runtime.storage.getAll('backups');
    expect(backups.map((b) => b.id)).not.toContain(stale.id);
    expect(backups.map((b) => b.id)).toEqual(expect.arrayContaining([base.id, safetyRecord.id]));
    expect(await runtime.storage.get('backupBlobs', stalePayload)).toBeUndefined();
    await runtime.idle();
    await runtime.destroy();
  });

  it('leaves no restore record behind a restore that finished, or failed and was rolled back', async () => {
    harness = await createHarness();
    const h = harness;
    h.backups.setPassphrase('clave del taller 2025');
    h.storage.put('messages', messageRecord('m1', { text: 'filtro' }));
    await h.storage.flush();
    const backup = await h.backups.createBackup('manual');
    await h.backups.restoreBackup(backup.id, { passphrase: 'clave del taller 2025' });
    expect(await h.storage.get('kv', BACKUP_KV.restoring)).toBeUndefined();
    // The plain copy an encrypted safety backup needs while the restore runs is gone too.
    expect((await h.storage.getAll('backupBlobs')).filter((b) => b.id.endsWith(':undo'))).toEqual([]);
    // A restore whose first record write is refused (a full disk): rolled back, and over.
    h.storage.put('messages', messageRecord('m2', { text: 'cadena' }));
    await h.storage.flush();
    const { put } = IDBObjectStore.prototype;
    let refused = false;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (!refused && this.name === 'messages') {
        refused = true;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return put.call(this, value, key);
    });
    await expect(h.backups.restoreBackup(backup.id, { passphrase: 'clave del taller 2025' })).rejects.toMatchObject({ details: { rolledBack: true } });
    vi.restoreAllMocks();
    expect(await h.storage.get('kv', BACKUP_KV.restoring)).toBeUndefined();
    expect((await h.storage.getAll('backupBlobs')).filter((b) => b.id.endsWith(':undo'))).toEqual([]);
    expect(await storedIds(h)).toEqual(['m1', 'm2']);
  });
});
