import { describe, expect, it } from 'vitest';
import type { MessagingSystem } from '../../src/messaging';
import { launchBrowser, openReady } from './helpers/browser';
import { serveDist } from './helpers/server';
import { BROWSER_POLL, pollUntil } from '../shared/poll';

declare const messagingSystem: MessagingSystem;
declare const CHATBOT_SYSTEM: { ready: Promise<void>; flush(): Promise<void>; on(type: 'error', handler: (e: { code: string }) => void): void };

describe('a full origin quota (4 MiB)', () => {
  it('lets the customer delete messages, frees the space, and stores again without a reload', async () => {
    // Chromium applies a quota override only to an origin that has no storage yet: a new origin.
    const server = await serveDist();
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.origin, quotaSize: 4 * 1024 * 1024 });
      await openReady(page, `${server.origin}/`);

      // Photos of parts (incompressible, 300 KB each) until the store is full.
      const filled = await page.evaluate(async () => {
        await CHATBOT_SYSTEM.ready;
        const codes: string[] = [];
        CHATBOT_SYSTEM.on('error', (e) => codes.push(e.code));
        messagingSystem.setCurrentUser('juan');
        const conv = messagingSystem.createConversation(['juan', 'asesor'], { type: 'direct' }).id;
        const photo = (): Blob => {
          const bytes = new Uint8Array(300 * 1024);
          for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
          return new Blob([bytes], { type: 'image/jpeg' });
        };
        const sent: string[] = [];
        for (let i = 0; i < 40; i++) {
          sent.push(messagingSystem.sendMessage(conv, { text: `foto ${i}`, attachments: [{ blob: photo(), name: `foto-${i}.jpg` }] }).id);
          const outcome = await CHATBOT_SYSTEM.flush().then(() => 'ok', (e: { code: string }) => e.code);
          if (outcome !== 'ok') return { conv, sent, outcome, codes };
        }
        return { conv, sent, outcome: 'never full', codes };
      });
      expect(filled.outcome).toBe('QUOTA_EXCEEDED');
      const [refused] = filled.sent.slice(-1);
      const old = filled.sent.slice(0, -3);
      expect(old.length).toBeGreaterThanOrEqual(3);

      // The customer deletes the old photos for good: the deletions are stored, and so is then the
      // message the full store refused, with no reload.
      await page.evaluate((ids) => {
        for (const id of ids) messagingSystem.deleteMessage(id, true);
      }, old);
      await pollUntil(() => page.evaluate(() => CHATBOT_SYSTEM.flush()), BROWSER_POLL);
      const later = await page.evaluate(async (conv) => {
        const id = messagingSystem.sendMessage(conv, { text: 'después de borrar' }).id;
        await CHATBOT_SYSTEM.flush();
        return id;
      }, filled.conv);

      await openReady(page, `${server.origin}/`);
      const stored = await page.evaluate(async (conv) => {
        await CHATBOT_SYSTEM.ready;
        return messagingSystem.getMessages(conv, { limit: 100 }).map((m) => m.id);
      }, filled.conv);
      for (const id of old) expect(stored).not.toContain(id);
      expect(stored).toContain(refused);
      expect(stored).toContain(later);
    } finally {
      await browser.close();
      await server.close();
    }
  }, 120_000);
});
