import { IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isChatbotError } from '../../../src/core/errors';
import { createHarness, openDb, tx, type Harness } from './helpers';
import { attachmentRecord, conversationRecord, kvRecord, notificationRecord } from '../records';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function seedShop(): Promise<IDBDatabase> {
  const db = await openDb('shop', 3, (d) => {
    const products = d.createObjectStore('products', { keyPath: 'sku' });
    products.createIndex('byBrand', 'brand');
    products.createIndex('bySku', 'sku', { unique: true });
    products.createIndex('byTags', 'tags', { multiEntry: true });
    d.createObjectStore('events', { autoIncrement: true });
  });
  await tx(db, 'products', 'readwrite', (s) => {
    s.put({ sku: 'FLT-100', brand: 'Bajaj', tags: ['filtro', 'aceite'], price: 18_500, updated: new Date('2025-01-02T03:04:05Z'), image: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }) });
    s.put({ sku: 'CAD-520', brand: 'DID', tags: ['cadena'], price: 120_000, weights: new Float64Array([1.5, 2.5]) });
  });
  await tx(db, 'events', 'readwrite', (s) => {
    s.put({ kind: 'view' });
    s.put({ kind: 'cart' }, 42);
  });
  return db;
}

describe('createBackup / listBackups / getStats', () => {
  it('returns the seed shape and lists, filters and counts backups', async () => {
    harness = await createHarness();
    const created: string[] = [];
    harness.backups.on('backup_created', (b) => created.push(b.id));
    const manual = await harness.backups.createBackup('manual', { trigger: 'user_request' });
    expect(manual).toMatchObject({ type: 'manual', createdAt: '2025-03-10T10:00:00.000Z', encrypted: false, metadata: { trigger: 'user_request' } });
    expect(manual.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(manual.size).toBeGreaterThan(0);
    expect(manual.compressedSize).toBeGreaterThan(0);
    harness.clock.advance(3_600_000);
    const auto = await harness.backups.createBackup('auto');
    expect(created).toEqual([manual.id, auto.id]);
    expect(harness.backups.listBackups().map((b) => b.id)).toEqual([auto.id, manual.id]);
    expect(harness.backups.listBackups({ type: 'manual' }).map((b) => b.id)).toEqual([manual.id]);
    expect(harness.backups.listBackups({ since: new Date('2025-03-10T10:30:00Z') }).map((b) => b.id)).toEqual([auto.id]);
    expect(harness.backups.listBackups({ before: new Date('2025-03-10T10:30:00Z') }).map((b) => b.id)).toEqual([manual.id]);
    expect(harness.backups.getBackup(manual.id)).toEqual(manual);
    expect(harness.backups.getBackup('bkp_nope')).toBeNull();
    const stats = harness.backups.getStats();
    expect(stats).toMatchObject({
      totalBackups: 2,
      lastBackup: '2025-03-10T11:00:00.000Z',
      oldestBackup: '2025-03-10T10:00:00.000Z',
      autoBackupEnabled: false,
      backupsByType: { manual: 1, auto: 1, scheduled: 0 },
    });
    expect(stats.totalSize).toMatch(/^\d+(\.\d+)? (B|KB)$/);
  });

  it('refuses bad arguments with VALIDATION and creates nothing', async () => {
    harness = await createHarness();
    await expect(harness.backups.createBackup('weekly' as never)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(harness.backups.createBackup('manual', 'x' as never)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(() => harness!.backups.listBackups({ since: 'not a date' })).toThrowError(/since/);
    expect(() => harness!.backups.deleteBackup('bkp_missing')).toThrowError(/no backup/);
    expect(harness.backups.listBackups()).toEqual([]);
  });

  it('refuses 10,000-level, circular and non-JSON metadata with VALIDATION, lists nothing, and keeps working', async () => {
    harness = await createHarness();
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const circular: Record<string, unknown> = { note: 'x' };
    circular.self = circular;
    const bad: unknown[] = [deep, circular, { size: 10n }, { at: NaN }, { fn: () => 1 }, { big: 'x'.repeat(1_000_000) }, { when: new Map() }];
    for (const metadata of bad) {
      await expect(harness.backups.createBackup('manual', metadata as Record<string, unknown>)).rejects.toMatchObject({ code: 'VALIDATION' });
    }
    expect(harness.backups.listBackups()).toEqual([]);
    expect(harness.backups.getStats().totalBackups).toBe(0);
    await harness.storage.flush();
    expect(await harness.storage.getAll('backups')).toEqual([]);
    expect(await harness.storage.getAll('backupBlobs')).toEqual([]);

    // 32 levels are fine, and the module still backs up and restores.
    let ok: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 30; i++) ok = { a: ok };
    const backup = await harness.backups.createBackup('manual', { ok, when: new Date('2025-01-02T00:00:00Z') });
    expect(backup.metadata.when).toBe('2025-01-02T00:00:00.000Z');
    expect(harness.backups.listBackups().map((b) => b.id)).toEqual([backup.id]);
    await expect(harness.backups.restoreBackup(backup.id)).resolves.toMatchObject({ backupId: backup.id });
  });

  it('keeps a backup whose record could not be stored out of the list and off the disk', async () => {
    harness = await createHarness();
    const put = IDBObjectStore.prototype.put;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'backups') throw new DOMException('could not be cloned', 'DataCloneError');
      return put.apply(this, args);
    });
    await expect(harness.backups.createBackup('manual')).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    spy.mockRestore();
    expect(harness.backups.listBackups()).toEqual([]);
    await harness.storage.flush();
    expect(await harness.storage.getAll('backups')).toEqual([]);
    expect(await harness.storage.getAll('backupBlobs')).toEqual([]);
    const later = await harness.backups.createBackup('manual');
    expect(harness.backups.listBackups().map((b) => b.id)).toEqual([later.id]);
  });

  it('deletes one or all backups and says so', async () => {
    harness = await createHarness();
    const deleted: string[] = [];
    harness.backups.on('backup_deleted', ({ backupId }) => deleted.push(backupId));
    const a = await harness.backups.createBackup('manual');
    const b = await harness.backups.createBackup('manual');
    expect(harness.backups.deleteBackup(a.id)).toBe(true);
    expect(harness.backups.listBackups().map((x) => x.id)).toEqual([b.id]);
    expect(harness.backups.deleteAllBackups()).toBe(1);
    expect(deleted).toEqual([a.id, b.id]);
    await harness.storage.flush();
    expect(await harness.storage.getAll('backupBlobs')).toEqual([]);
  });
});

describe('restoreBackup', () => {
  it('restores localStorage, the widget data and another database with its schema, after they were changed or deleted', async () => {
    harness = await createHarness();
    const { backups, storage, local } = harness;
    local.setItem('repuestos-motos:cart', JSON.stringify([{ sku: 'FLT-100', quantity: 2 }]));
    local.setItem('theme', 'dark');
    storage.put('conversations', conversationRecord('conv_1', { name: 'Soporte', updatedAt: 1, participants: ['client_123', 'asesor'] }));
    storage.put('attachments', attachmentRecord('att_1', new Blob(['foto'], { type: 'image/jpeg' })));
    storage.put('notifications', notificationRecord('ntf_1', { data: { at: new Date(7) } }));
    const shop = await seedShop();
    shop.close();
    const backup = await backups.createBackup('manual');
    expect(backup.sources.map((s) => s.kind)).toEqual(['localStorage', 'sessionStorage', 'indexedDB', 'indexedDB']);

    local.setItem('theme', 'light');
    local.setItem('extra', '1');
    storage.delete('conversations', 'conv_1');
    storage.put('conversations', conversationRecord('conv_2', { name: 'Nueva', updatedAt: 2 }));
    await storage.flush();
    await new Promise<void>((resolve) => {
      const req = indexedDB.deleteDatabase('shop');
      req.onsuccess = () => resolve();
    });

    const restored: string[] = [];
    backups.on('backup_restored', ({ backupId }) => restored.push(backupId));
    const result = await backups.restoreBackup(backup.id, { clearExisting: true, restoreSession: false, reload: true });
    expect(result.backupId).toBe(backup.id);
    expect(restored).toEqual([backup.id]);

    expect(local.snapshot()).toEqual({ 'repuestos-motos:cart': JSON.stringify([{ sku: 'FLT-100', quantity: 2 }]), theme: 'dark' });
    expect((await storage.getAll('conversations')).map((c) => c.id)).toEqual(['conv_1']);
    expect((await storage.get('notifications', 'ntf_1'))?.data.at).toEqual(new Date(7));
    expect(await (await storage.get('attachments', 'att_1'))?.blob.text()).toBe('foto');

    const db = await openDb('shop', 3, () => {
      throw new Error('the restore should have created version 3');
    });
    const products = db.transaction('products').objectStore('products');
    expect(products.keyPath).toBe('sku');
    expect(products.index('bySku').unique).toBe(true);
    expect(products.index('byTags').multiEntry).toBe(true);
    const events = db.transaction('events').objectStore('events');
    expect(events.autoIncrement).toBe(true);
    expect(events.keyPath).toBeNull();
    const product = await tx(db, 'products', 'readonly', (s) => s.get('FLT-100')) as { updated: Date; image: Blob };
    expect(product.updated).toEqual(new Date('2025-01-02T03:04:05Z'));
    expect(new Uint8Array(await product.image.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    const chain = await tx(db, 'products', 'readonly', (s) => s.get('CAD-520')) as { weights: Float64Array };
    expect(chain.weights).toBeInstanceOf(Float64Array);
    expect(await tx(db, 'events', 'readonly', (s) => s.getAllKeys())).toEqual([1, 42]);
    expect(await tx(db, 'products', 'readonly', (s) => s.index('byTags').getAllKeys('aceite'))).toEqual(['FLT-100']);
    db.close();
  });

  it('puts everything back when a step fails in the middle', async () => {
    harness = await createHarness();
    const { backups, storage, local } = harness;
    local.setItem('theme', 'dark');
    storage.put('kv', kvRecord('pref', 1));
    (await seedShop()).close();
    const backup = await backups.createBackup('manual');

    local.setItem('theme', 'light');
    storage.put('kv', kvRecord('pref', 2));
    await storage.flush();
    // A newer version of the shop's database adds a unique index on brand, and a live product
    // holds brand 'DID': merging the backup's CAD-520 (brand DID) fails half-way, after
    // localStorage and the widget's kv were already written.
    const strict = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('shop', 4);
      req.onupgradeneeded = () => req.transaction!.objectStore('products').createIndex('uniqueBrand', 'brand', { unique: true });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await tx(strict, 'products', 'readwrite', (s) => {
      s.delete('CAD-520');
      s.put({ sku: 'LIVE', brand: 'DID', tags: [] });
    });
    const liveProducts = await tx(strict, 'products', 'readonly', (s) => s.getAll());
    strict.close();
    const before = { local: local.snapshot(), pref: await storage.get('kv', 'bot:session:pref') };

    await expect(backups.restoreBackup(backup.id, { clearExisting: false })).rejects.toMatchObject({ code: 'STORAGE_FAILED', details: { rolledBack: true } });
    expect(local.snapshot()).toEqual(before.local);
    expect(await storage.get('kv', 'bot:session:pref')).toEqual(before.pref);
    const after = await openDb('shop', 4, () => undefined);
    expect(await tx(after, 'products', 'readonly', (s) => s.getAll())).toEqual(liveProducts);
    after.close();
  });

  it('restores sessionStorage only when asked to', async () => {
    harness = await createHarness();
    const { backups, session } = harness;
    session.setItem('checkout-step', '2');
    const backup = await backups.createBackup('manual');
    expect(backup.sources.map((s) => s.kind)).toContain('sessionStorage');
    session.setItem('checkout-step', '3');
    await backups.restoreBackup(backup.id);
    expect(session.getItem('checkout-step')).toBe('3');
    await backups.restoreBackup(backup.id, { restoreSession: true });
    expect(session.getItem('checkout-step')).toBe('2');
  });

  it('verifies the checksum before touching anything', async () => {
    harness = await createHarness();
    const { backups, storage, local } = harness;
    local.setItem('theme', 'dark');
    const backup = await backups.createBackup('manual');
    local.setItem('theme', 'light');
    const stored = await storage.get('backupBlobs', backup.id);
    const bytes = new Uint8Array(await (stored!.blob as Blob).arrayBuffer());
    bytes[bytes.length >> 1]! ^= 0x01;
    storage.put('backupBlobs', { id: backup.id, blob: new Blob([bytes]) });
    await storage.flush();
    await expect(backups.restoreBackup(backup.id)).rejects.toMatchObject({ code: 'CORRUPT_BACKUP' });
    expect(local.getItem('theme')).toBe('light');
    expect(backups.listBackups()).toHaveLength(1); // not even a safety backup was taken
  });

  it('opens an encrypted backup only with the right passphrase', async () => {
    harness = await createHarness();
    const { backups, local } = harness;
    local.setItem('theme', 'dark');
    const backup = await backups.createBackup('manual', {}, { passphrase: 'correct horse battery' });
    expect(backup.encrypted).toBe(true);
    local.setItem('theme', 'light');
    for (const passphrase of [undefined, 'wrong passphrase']) {
      const error = await backups.restoreBackup(backup.id, passphrase ? { passphrase } : {}).catch((e: unknown) => e);
      expect(isChatbotError(error, 'WRONG_PASSPHRASE')).toBe(true);
      expect(local.getItem('theme')).toBe('light');
    }
    await backups.restoreBackup(backup.id, { passphrase: 'correct horse battery' });
    expect(local.getItem('theme')).toBe('dark');
  });
});
