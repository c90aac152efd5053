import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MessagingSystem } from '../../src/messaging';
import { useServerAndBrowser } from './helpers/demo-store';
import { openBackupPage, serveBackupPage } from './backup-helpers';

declare const messagingSystem: MessagingSystem;
declare const backupSystem: {
  createBackup(type: string): Promise<{ id: string }>;
  restoreBackup(id: string, options: object): Promise<unknown>;
  listBackups(): Array<{ id: string; metadata: Record<string, unknown> }>;
};
declare const CHATBOT_SYSTEM: { ready: Promise<void>; flush(): Promise<void> };

/** What a customer would count, read straight from IndexedDB and through the module. */
interface Counts {
  stored: { messages: number; reactions: number };
  shown: { messages: number; reactions: number };
}

async function counts(page: Page, conv: string): Promise<Counts> {
  return page.evaluate(async (conversationId) => {
    await CHATBOT_SYSTEM.ready;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('chatbot-repuestos-motos');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const count = (store: string): Promise<number> => new Promise((resolve, reject) => {
      const request = db.transaction(store).objectStore(store).count();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const stored = { messages: await count('messages'), reactions: await count('reactions') };
    db.close();
    const messages = messagingSystem.getMessages(conversationId, { limit: 10_000 });
    const reactions = messages.reduce((sum, m) => sum + (messagingSystem.getReactionsSummary(m.id)['👍']?.count ?? 0), 0);
    return { stored, shown: { messages: messages.length, reactions } };
  }, conv);
}

describe('a restore interrupted by closing the tab', () => {
  const rig = useServerAndBrowser(serveBackupPage);

  it('is all or nothing: the next start finds the data as it was before the restore, or as restored', async () => {
    const context = await rig.browser.newContext();
    try {
      let page = await openBackupPage(context, rig.server);
      // 3,000 messages (about 6 MB, so the restore takes a while) and 1,000 reactions; a backup;
      // then 100 messages deleted (their reactions with them).
      const { conv, backupId } = await page.evaluate(async () => {
        await CHATBOT_SYSTEM.ready;
        messagingSystem.setCurrentUser('juan');
        const conversationId = messagingSystem.createConversation(['juan', 'ana'], { type: 'direct' }).id;
        const ids: string[] = [];
        for (let i = 0; i < 3000; i++) {
          ids.push(messagingSystem.sendMessage(conversationId, { text: `mensaje ${i}: ${'pastillas de freno '.repeat(100)}` }).id);
          if (i % 1000 === 999) await CHATBOT_SYSTEM.flush();
        }
        for (let i = 0; i < 1000; i++) messagingSystem.addReaction(ids[i]!, '👍');
        await CHATBOT_SYSTEM.flush();
        const backup = await backupSystem.createBackup('manual');
        for (let i = 0; i < 100; i++) messagingSystem.deleteMessage(ids[i]!, true);
        await CHATBOT_SYSTEM.flush();
        return { conv: conversationId, backupId: backup.id };
      });
      const before = await counts(page, conv);
      expect(before.stored).toEqual({ messages: 2900, reactions: 900 });
      const restored = { messages: 3000, reactions: 1000 };

      // The restore starts; the tab closes as soon as the messages are half written.
      const seen = await page.evaluate(async (id) => {
        void backupSystem.restoreBackup(id, { clearExisting: true }).catch(() => undefined);
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('chatbot-repuestos-motos');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        for (;;) {
          const n = await new Promise<number>((resolve, reject) => {
            const request = db.transaction('messages').objectStore('messages').count();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
          if (n !== 2900) return n;
        }
      }, backupId);
      await page.close();
      // The tab closed with the messages store cleared or partly written.
      expect(seen).toBeLessThan(2900);

      page = await openBackupPage(context, rig.server);
      const after = await counts(page, conv);
      const whole = [before.stored, restored];
      expect(whole).toContainEqual(after.stored);
      expect(after.shown).toEqual(after.stored);
      if (after.stored.messages === before.stored.messages) {
        // Put back: the backups list says so, and the state is a new starting point for point-in-time recovery.
        const notes = await page.evaluate(() => backupSystem.listBackups().map((b) => b.metadata.trigger));
        expect(notes).toContain('after_interrupted_restore');
      }
    } finally {
      await context.close();
    }
  }, 180_000);
});
