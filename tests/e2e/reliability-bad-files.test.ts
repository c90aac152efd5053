import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openReady, watchErrors } from './helpers/browser';
import { serveDist, type StaticServer } from './helpers/server';
import { createRandom, mutateBackupFile } from '../unit/reliability/mutate-backup';

declare const CHATBOT_SYSTEM: {
  flush(): Promise<void>;
  messaging: {
    setCurrentUser(id: string): void;
    createConversation(participants: string[], options?: object): { id: string };
    sendMessage(conversationId: string, content: object): { id: string };
    addReaction(messageId: string, emoji: string): boolean;
  };
  pushNotifications: { send(title: string, options?: object): Promise<{ id: string }> };
  backupSystem: {
    createBackup(type: string, metadata?: object): Promise<{ id: string }>;
    exportBackup(id: string): Promise<Blob>;
    importBackup(file: Blob): Promise<{ id: string }>;
    listBackups(): Array<{ id: string }>;
    deleteBackup(id: string): boolean;
    restoreBackup(id: string): Promise<unknown>;
  };
  storage: { getAll(store: string): Promise<Array<Record<string, unknown>>> };
};

/** Mutated files imported in Chromium (the bulk runs in tests/unit/reliability): 60 in CI, 600 with RELIABILITY_LONG=1. */
const FILES = process.env.RELIABILITY_LONG ? 600 : 60;

describe('mutated backup files imported in Chromium (its own gzip, SHA-256 and IndexedDB)', () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await serveDist();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(`refuses each of ${FILES} with a ChatbotError or takes it harmlessly, and changes nothing`, async () => {
    const started = Date.now();
    const context = await browser.newContext({ acceptDownloads: false });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await openReady(page, `${server.origin}/`);
    const { backupId, file } = await page.evaluate(async () => {
      const m = CHATBOT_SYSTEM.messaging;
      m.setCurrentUser('cliente');
      const id = m.createConversation(['cliente', 'asesor'], { type: 'direct', name: 'Pedido' }).id;
      const sent = m.sendMessage(id, { text: 'filtro de aceite' });
      m.addReaction(sent.id, '👍');
      await CHATBOT_SYSTEM.pushNotifications.send('Pedido enviado', { body: 'en camino' });
      await CHATBOT_SYSTEM.flush();
      const backup = await CHATBOT_SYSTEM.backupSystem.createBackup('manual', { trigger: 'bad-files' });
      return { backupId: backup.id, file: await (await CHATBOT_SYSTEM.backupSystem.exportBackup(backup.id)).text() };
    });
    const readData = (): Promise<unknown> =>
      page.evaluate(async () => {
        const stores = ['conversations', 'messages', 'reactions', 'notifications'];
        return Promise.all(stores.map((store) => CHATBOT_SYSTEM.storage.getAll(store)));
      });
    const before = await readData();
    const backupsBefore = await page.evaluate(() => CHATBOT_SYSTEM.backupSystem.listBackups().map((b) => b.id));

    const random = createRandom(1616);
    const files: string[] = [];
    for (let i = 0; i < FILES; i++) files.push((await mutateBackupFile(file, random)).text);
    const outcomes = await page.evaluate(async ({ texts, keep }) => {
      const counts: Record<string, number> = {};
      const others: string[] = [];
      for (const text of texts) {
        let key: string;
        try {
          const imported = await CHATBOT_SYSTEM.backupSystem.importBackup(new Blob([text]));
          key = 'accepted';
          if (!CHATBOT_SYSTEM.backupSystem.listBackups().some((b) => b.id === imported.id)) others.push('accepted but not listed');
          // (The same payload as a listed backup gives that backup back.)
          if (!keep.includes(imported.id)) CHATBOT_SYSTEM.backupSystem.deleteBackup(imported.id);
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          key = (error as Error).name === 'ChatbotError' && typeof code === 'string' ? `refused ${code}` : 'other';
          if (key === 'other') others.push(String(error).slice(0, 200));
        }
        counts[key] = (counts[key] ?? 0) + 1;
        if (({} as Record<string, unknown>).polluted !== undefined) others.push('Object.prototype polluted');
      }
      await CHATBOT_SYSTEM.flush();
      return { counts, others };
    }, { texts: files, keep: backupsBefore });

    expect(outcomes.others).toEqual([]);
    expect(await page.evaluate(() => CHATBOT_SYSTEM.backupSystem.listBackups().map((b) => b.id))).toEqual(backupsBefore);
    expect(await readData()).toEqual(before);
    // Still works: the original backup restores.
    await page.evaluate((id) => CHATBOT_SYSTEM.backupSystem.restoreBackup(id), backupId);
    expect(errors).toEqual([]);
    console.info(`reliability-bad-files: ${FILES} mutated files in Chromium, ${JSON.stringify(outcomes.counts)}, ${Date.now() - started} ms`);
    await context.close();
  }, 300_000);
});
