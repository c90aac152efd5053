import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { isChatbotError } from '../../../src/core/errors';
import { createHarness, type Harness } from './helpers';
import { conversationRecord } from '../records';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function exported(h: Harness): Promise<{ id: string; text: string }> {
  h.local.setItem('repuestos-motos:cart', JSON.stringify([{ sku: 'FLT-100' }]));
  h.storage.put('conversations', conversationRecord('conv_1', { name: 'Soporte', updatedAt: 1 }));
  const backup = await h.backups.createBackup('manual', { trigger: 'before_delete_all' });
  const file = await h.backups.exportBackup(backup.id, 'json');
  return { id: backup.id, text: await file.text() };
}

async function refused(h: Harness, content: string): Promise<void> {
  const before = h.backups.listBackups();
  await h.storage.flush();
  const blobsBefore = (await h.storage.getAll('backupBlobs')).length;
  const error = await h.backups.importBackup(new Blob([content])).catch((e: unknown) => e);
  expect(isChatbotError(error, 'CORRUPT_BACKUP')).toBe(true);
  expect(h.backups.listBackups()).toEqual(before);
  await h.storage.flush();
  expect((await h.storage.getAll('backupBlobs')).length).toBe(blobsBefore);
}

describe('exportBackup / importBackup', () => {
  it('exports a versioned envelope and imports it into another browser', async () => {
    harness = await createHarness();
    const { id, text } = await exported(harness);
    const envelope = JSON.parse(text);
    expect(envelope).toMatchObject({ format: 'chatbot-repuestos-motos-backup', version: 1, checksum: { algorithm: 'SHA-256' }, encryption: null });
    expect(envelope.backup.id).toBe(id);
    await harness.close();

    globalThis.indexedDB = new IDBFactory(); // "another browser"
    harness = await createHarness();
    const imported = await harness.backups.importBackup(new Blob([text], { type: 'application/json' }));
    expect(imported).toMatchObject({ id, type: 'manual', metadata: { trigger: 'before_delete_all', importedFrom: { id, type: 'manual' } } });
    expect(await harness.backups.importBackup(new Blob([text]))).toEqual(imported); // idempotent
    expect(harness.backups.listBackups()).toHaveLength(1);
    await harness.backups.restoreBackup(imported.id);
    expect(harness.local.getItem('repuestos-motos:cart')).toBe(JSON.stringify([{ sku: 'FLT-100' }]));
    expect((await harness.storage.get('conversations', 'conv_1'))?.name).toBe('Soporte');
  });

  it('carries an encrypted backup through a file, still needing its passphrase', async () => {
    harness = await createHarness();
    harness.local.setItem('repuestos-motos:cart', '[7]');
    const backup = await harness.backups.createBackup('manual', {}, { passphrase: 'clave del taller' });
    const text = await (await harness.backups.exportBackup(backup.id, 'json')).text();
    expect(JSON.parse(text).encryption).toMatchObject({ algorithm: 'AES-GCM', kdf: 'PBKDF2-SHA256', iterations: 600_000 });
    await harness.close();
    globalThis.indexedDB = new IDBFactory();
    harness = await createHarness();
    const imported = await harness.backups.importBackup(new Blob([text]));
    await expect(harness.backups.restoreBackup(imported.id, { passphrase: 'otra clave' })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(harness.local.getItem('repuestos-motos:cart')).toBeNull();
    await harness.backups.restoreBackup(imported.id, { passphrase: 'clave del taller' });
    expect(harness.local.getItem('repuestos-motos:cart')).toBe('[7]');
  });

  it('refuses a truncated file and changes nothing', async () => {
    harness = await createHarness();
    const { id, text } = await exported(harness);
    harness.backups.deleteBackup(id);
    await refused(harness, text.slice(0, Math.floor(text.length * 0.7)));
  });

  it('refuses a file with a flipped bit in its payload', async () => {
    harness = await createHarness();
    const { id, text } = await exported(harness);
    harness.backups.deleteBackup(id);
    const envelope = JSON.parse(text);
    const bytes = Uint8Array.from(atob(envelope.payload), (c) => c.charCodeAt(0));
    bytes[bytes.length >> 1]! ^= 0x04;
    envelope.payload = btoa(String.fromCharCode(...bytes));
    await refused(harness, JSON.stringify(envelope));
  });

  it('refuses a file whose payload was rewritten with a matching checksum but broken content', async () => {
    harness = await createHarness();
    const { id, text } = await exported(harness);
    harness.backups.deleteBackup(id);
    const envelope = JSON.parse(text);
    const junk = new TextEncoder().encode('not a gzip stream at all');
    const digest = await crypto.subtle.digest('SHA-256', junk);
    envelope.payload = btoa(String.fromCharCode(...junk));
    envelope.backup.compressedSize = junk.length;
    envelope.checksum.value = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    await refused(harness, JSON.stringify(envelope));
  });

  it('refuses a file whose metadata no longer describes its payload', async () => {
    harness = await createHarness();
    const { id, text } = await exported(harness);
    harness.backups.deleteBackup(id);
    const envelope = JSON.parse(text);
    const local = envelope.backup.sources.find((s: { kind: string }) => s.kind === 'localStorage');
    local.only = ['repuestos-motos:cart']; // would make a restore clear only the cart … but the payload holds all keys
    await refused(harness, JSON.stringify(envelope));
  });

  it('refuses a file whose metadata nests 10,000 levels, and keeps listing and backing up', async () => {
    harness = await createHarness();
    const { id, text } = await exported(harness);
    harness.backups.deleteBackup(id);
    const envelope = JSON.parse(text);
    envelope.backup.metadata = { trigger: 'DEEP' };
    // Metadata is outside the checksum: anyone can edit it. Written as text, as JSON.stringify cannot.
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    await refused(harness, JSON.stringify(envelope).replace('"DEEP"', deep));
    const later = await harness.backups.createBackup('manual');
    expect(harness.backups.listBackups().map((b) => b.id)).toEqual([later.id]);
  });

  it('refuses another format version, another format and plain garbage', async () => {
    harness = await createHarness();
    const { id, text } = await exported(harness);
    harness.backups.deleteBackup(id);
    await refused(harness, JSON.stringify({ ...JSON.parse(text), version: 2 }));
    await refused(harness, JSON.stringify({ ...JSON.parse(text), format: 'dexie' }));
    await refused(harness, '{"hello":');
    await expect(harness.backups.importBackup('file.json' as never)).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
