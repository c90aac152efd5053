import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { watchErrors } from './helpers/browser';
import { useServerAndBrowser } from './helpers/demo-store';
import { openBackupPage, serveBackupPage } from './backup-helpers';

type Backup = { id: string; type: string; encrypted: boolean; sources: Array<{ kind: string; database?: string }> };
type BackupApi = {
  createBackup(type: string, metadata?: object, options?: object): Promise<Backup>;
  restoreBackup(id: string, options?: object): Promise<{ records: number }>;
  restoreToPointInTime(date: Date, options?: object): Promise<{ exact: string[]; atBackupTime: string[]; replayedEntries: number }>;
  listBackups(): Backup[];
  exportBackup(id: string, format: string): Promise<Blob>;
  importBackup(file: Blob): Promise<Backup>;
  deleteBackup(id: string): boolean;
};
type Fixture = { seed(tag?: string): Promise<void>; dump(): Promise<string>; wipe(): Promise<void>; change(tag: string): Promise<void> };
declare const backupSystem: BackupApi;
declare const __backupFixture: Fixture;
declare const messagingSystem: { sendMessage(id: string, content: { text: string }): unknown; updateConversation(id: string, patch: { name: string }): unknown };
declare const CHATBOT_SYSTEM: { flush(): Promise<void>; storage: { put(store: string, value: object): void; get(store: string, key: string): Promise<Record<string, unknown> | undefined>; getAll(store: string): Promise<Array<Record<string, unknown>>> } };

describe('backups in Chromium', () => {
  const rig = useServerAndBrowser(serveBackupPage);
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  beforeEach(async () => {
    context = await rig.browser.newContext();
    page = await openBackupPage(context, rig.server);
    errors = watchErrors(page);
  });
  afterEach(async () => {
    await context.close();
  });

  it('restores localStorage and several IndexedDB databases byte for byte, even after they were deleted', async () => {
    const before = await page.evaluate(async () => {
      await __backupFixture.seed();
      return __backupFixture.dump();
    });
    expect(before).toContain('FLT-100');
    const backup = await page.evaluate(() => backupSystem.createBackup('manual', { trigger: 'user_request' }));
    expect(backup.sources.map((s) => s.database ?? s.kind)).toEqual(expect.arrayContaining(['localStorage', 'sessionStorage', 'tienda', 'medios', 'chatbot-repuestos-motos']));

    const wiped = await page.evaluate(async () => {
      await __backupFixture.wipe();
      return __backupFixture.dump().catch(() => 'gone');
    });
    expect(wiped).not.toBe(before);
    await page.evaluate((id) => backupSystem.restoreBackup(id, { clearExisting: true, restoreSession: false, reload: false }), backup.id);
    expect(await page.evaluate(() => __backupFixture.dump())).toBe(before);

    // And it is on disk: a reload reads the same.
    await page.reload();
    await page.evaluate(() => (window as unknown as { CHATBOT_SYSTEM: { ready: Promise<void> } }).CHATBOT_SYSTEM.ready);
    expect(await page.evaluate(() => __backupFixture.dump())).toBe(before);
    expect(errors).toEqual([]);
  });

  it('restores over changed data, and reloads the page when asked', async () => {
    const before = await page.evaluate(async () => {
      await __backupFixture.seed();
      return __backupFixture.dump();
    });
    const backup = await page.evaluate(() => backupSystem.createBackup('manual'));
    await page.evaluate(() => __backupFixture.change('v2'));
    expect(await page.evaluate(() => __backupFixture.dump())).not.toBe(before);
    const navigation = page.waitForEvent('load');
    await page.evaluate((id) => { void backupSystem.restoreBackup(id, { clearExisting: true, restoreSession: false, reload: true }); }, backup.id);
    await navigation;
    await page.evaluate(() => (window as unknown as { CHATBOT_SYSTEM: { ready: Promise<void> } }).CHATBOT_SYSTEM.ready);
    expect(await page.evaluate(() => __backupFixture.dump())).toBe(before);
  });

  it('restores to a point in time between two changes', async () => {
    await page.evaluate(async () => {
      await __backupFixture.seed();
      await backupSystem.createBackup('manual');
    });
    // Each step happens at a later millisecond of the page's clock than the one before.
    const nextMillisecond = async (): Promise<number> => {
      const now = await page.evaluate(() => Date.now());
      await page.waitForFunction((then) => Date.now() > then, now);
      return page.evaluate(() => Date.now());
    };
    const conversationId = await page.evaluate(() => (window as unknown as { __conversationId: string }).__conversationId);
    await nextMillisecond();
    await page.evaluate(async (id) => {
      messagingSystem.sendMessage(id, { text: 'cambio 1' });
      messagingSystem.updateConversation(id, { name: 'Soporte (renombrada)' });
      await CHATBOT_SYSTEM.flush();
    }, conversationId);
    const between = await nextMillisecond();
    await nextMillisecond();
    await page.evaluate(async (id) => {
      messagingSystem.sendMessage(id, { text: 'cambio 2' });
      messagingSystem.updateConversation(id, { name: 'Otra vez' });
      localStorage.setItem('tema', 'después');
      await CHATBOT_SYSTEM.flush();
    }, conversationId);
    await nextMillisecond();
    const result = await page.evaluate((at) => backupSystem.restoreToPointInTime(new Date(at)), between);
    expect(result.exact).toContain('indexedDB:chatbot-repuestos-motos/messages');
    expect(result.atBackupTime).toEqual(expect.arrayContaining(['localStorage', 'indexedDB:tienda/productos']));
    const state = await page.evaluate(async (id) => ({
      texts: (await CHATBOT_SYSTEM.storage.getAll('messages')).map((m) => (m.content as { text: string }).text).sort(),
      name: (await CHATBOT_SYSTEM.storage.get('conversations', id))?.name,
      tema: localStorage.getItem('tema'),
    }), conversationId);
    expect(state).toEqual({ texts: ['cambio 1', '¿Tienen el filtro de aceite para Boxer CT100? v1'], name: 'Soporte (renombrada)', tema: 'oscuro ñ 🏍️' });
  });

  it('opens an encrypted backup only with the right passphrase', async () => {
    const before = await page.evaluate(async () => {
      await __backupFixture.seed();
      return __backupFixture.dump();
    });
    const backup = await page.evaluate(() => backupSystem.createBackup('manual', {}, { passphrase: 'clave del taller 2025' }));
    expect(backup.encrypted).toBe(true);
    await page.evaluate(() => __backupFixture.change('v2'));
    const changed = await page.evaluate(() => __backupFixture.dump());
    for (const options of [{}, { passphrase: 'clave equivocada' }]) {
      const code = await page.evaluate(([id, opts]) => backupSystem.restoreBackup(id as string, opts as object).then(() => 'ok', (e: { code?: string }) => e.code ?? String(e)), [backup.id, options] as const);
      expect(code).toBe('WRONG_PASSPHRASE');
      expect(await page.evaluate(() => __backupFixture.dump())).toBe(changed);
    }
    await page.evaluate((id) => backupSystem.restoreBackup(id, { passphrase: 'clave del taller 2025' }), backup.id);
    expect(await page.evaluate(() => __backupFixture.dump())).toBe(before);
  });

  it('leaves the data as it was when a restore fails in the middle', async () => {
    await page.evaluate(() => __backupFixture.seed());
    const backup = await page.evaluate(() => backupSystem.createBackup('manual'));
    await page.evaluate(() => __backupFixture.change('v2'));
    // The page ships a new schema: a unique index on brand, and a live product of brand 'DID'.
    // Merging the backup's CAD-520 (brand DID) fails after localStorage and other databases were written.
    await page.evaluate(async () => {
      const fx = __backupFixture as unknown as { open(n: string, v?: number, u?: (db: IDBDatabase, tx: IDBTransaction) => void): Promise<IDBDatabase>; done(tx: IDBTransaction): Promise<void> };
      const db = await fx.open('tienda', 3, (_db, tx) => tx.objectStore('productos').createIndex('marcaUnica', 'marca', { unique: true }));
      const tx = db.transaction('productos', 'readwrite');
      tx.objectStore('productos').delete('CAD-520');
      tx.objectStore('productos').put({ sku: 'VIVO', marca: 'DID', precio: 5, etiquetas: [] });
      await fx.done(tx);
      db.close();
    });
    const before = await page.evaluate(() => __backupFixture.dump());
    const failure = await page.evaluate((id) => backupSystem.restoreBackup(id, { clearExisting: false }).then(() => null, (e: { code: string; details: unknown }) => ({ code: e.code, details: e.details })), backup.id);
    expect(failure).toMatchObject({ code: 'STORAGE_FAILED', details: { rolledBack: true } });
    expect(await page.evaluate(() => __backupFixture.dump())).toBe(before);
  });

  it('refuses a truncated, bit-flipped or wrong-version file and changes nothing', async () => {
    await page.evaluate(() => __backupFixture.seed());
    const backup = await page.evaluate(() => backupSystem.createBackup('manual'));
    const download = page.waitForEvent('download');
    const text = await page.evaluate(async (id) => (await backupSystem.exportBackup(id, 'json')).text(), backup.id);
    expect((await download).suggestedFilename()).toBe(`backup-${backup.id}.json`);
    expect(JSON.parse(text)).toMatchObject({ format: 'chatbot-repuestos-motos-backup', version: 1 });

    await page.evaluate((id) => backupSystem.deleteBackup(id), backup.id);
    await page.evaluate(() => __backupFixture.change('v2'));
    const before = await page.evaluate(() => __backupFixture.dump());
    const envelope = JSON.parse(text);
    const flipped = structuredClone(envelope);
    const at = Math.floor(flipped.payload.length / 2);
    flipped.payload = flipped.payload.slice(0, at) + (flipped.payload[at] === 'A' ? 'B' : 'A') + flipped.payload.slice(at + 1);
    const files = [text.slice(0, Math.floor(text.length / 2)), JSON.stringify(flipped), JSON.stringify({ ...envelope, version: 99 })];
    for (const content of files) {
      const code = await page.evaluate((body) => backupSystem.importBackup(new Blob([body])).then(() => 'ok', (e: { code?: string }) => e.code ?? String(e)), content);
      expect(code).toBe('CORRUPT_BACKUP');
      expect(await page.evaluate(() => backupSystem.listBackups().length)).toBe(0);
      expect(await page.evaluate(() => __backupFixture.dump())).toBe(before);
    }
    // The intact file imports and restores.
    const imported = await page.evaluate((body) => backupSystem.importBackup(new Blob([body])), text);
    await page.evaluate((id) => backupSystem.restoreBackup(id), imported.id);
    expect(await page.evaluate(() => __backupFixture.dump())).toContain('FLT-100');
  });
});
