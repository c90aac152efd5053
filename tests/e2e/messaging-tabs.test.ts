import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MessagingSystem } from '../../src/messaging';
import { launchProfile, openReady, watchErrors, type Profile } from './helpers/browser';
import { serveDist, type StaticServer } from './helpers/server';
import { BROWSER_POLL, pollUntil } from '../shared/poll';

declare const messagingSystem: MessagingSystem;
declare const CHATBOT_SYSTEM: { flush(): Promise<void>; messaging: MessagingSystem };

/** What a user would compare between two tabs: every message, its reactions and status, unread counts. */
interface Snapshot {
  messages: Array<{ id: string; text: string; senderId: string; deleted: boolean; edits: number; threadId: string | null; reactions: string }>;
  unread: { juan: number; ana: number };
  search: string[];
}

function snapshot(): Snapshot {
  const m = messagingSystem;
  const conversations = m.getRecentConversations(100);
  const messages = conversations.flatMap((c) => m.getMessages(c.id, { limit: 10_000 }));
  messages.sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    messages: messages.map((msg) => ({
      id: msg.id,
      text: msg.content.text,
      senderId: msg.senderId,
      deleted: msg.deleted,
      edits: msg.edits.length,
      threadId: msg.threadId,
      reactions: JSON.stringify(Object.entries(m.getReactionsSummary(msg.id)).map(([emoji, { users }]) => [emoji, [...users].sort()]).sort()),
    })),
    unread: { juan: m.getTotalUnreadCount('juan'), ana: m.getTotalUnreadCount('ana') },
    search: m.searchMessages('pastillas freno', { limit: 200 }).map((msg) => msg.id),
  };
}

/** The same snapshot read straight from IndexedDB, bypassing the module. */
async function storedSnapshot(): Promise<Pick<Snapshot, 'messages'>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('chatbot-repuestos-motos');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const all = (store: string): Promise<Array<Record<string, unknown>>> =>
    new Promise((resolve, reject) => {
      const request = db.transaction(store).objectStore(store).getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  const [messages, reactions] = await Promise.all([all('messages'), all('reactions')]);
  db.close();
  const byMessage = new Map<string, Map<string, string[]>>();
  for (const r of reactions as Array<{ messageId: string; emoji: string; userId: string }>) {
    const emojis = byMessage.get(r.messageId) ?? new Map<string, string[]>();
    emojis.set(r.emoji, [...(emojis.get(r.emoji) ?? []), r.userId]);
    byMessage.set(r.messageId, emojis);
  }
  type Stored = { id: string; content: { text: string }; senderId: string; deleted: boolean; edits: unknown[]; threadId: string | null };
  return {
    messages: (messages as Stored[])
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((msg) => ({
        id: msg.id,
        text: msg.content.text,
        senderId: msg.senderId,
        deleted: msg.deleted,
        edits: msg.edits.length,
        threadId: msg.threadId,
        reactions: JSON.stringify([...(byMessage.get(msg.id) ?? new Map<string, string[]>())].map(([emoji, users]) => [emoji, [...users].sort()]).sort()),
      })),
  };
}

async function settle(pages: Page[]): Promise<void> {
  await Promise.all(pages.map((page) => page.evaluate(() => CHATBOT_SYSTEM.flush())));
}

/** Both tabs show the same thing once each has committed and heard the other's broadcasts. */
async function converge(a: Page, b: Page): Promise<Snapshot> {
  return pollUntil(async () => {
    await settle([a, b]);
    const [left, right] = [await a.evaluate(snapshot), await b.evaluate(snapshot)];
    expect(right).toEqual(left);
    return left;
  }, BROWSER_POLL);
}

describe('messaging in two tabs of the demo store', () => {
  let server: StaticServer;
  let profile: Profile;
  let a: Page;
  let b: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await serveDist();
    profile = await launchProfile();
    a = await profile.context.newPage();
    b = await profile.context.newPage();
    errors.push(...watchErrors(a), ...watchErrors(b));
    await openReady(a, `${server.origin}/`);
    await openReady(b, `${server.origin}/`);
    // Keep the references: watchErrors returns live arrays.
    errors.length = 0;
    const live = [watchErrors(a), watchErrors(b)];
    Object.defineProperty(errors, 'all', { get: () => live.flat() });
  }, 60_000);
  afterAll(async () => {
    await profile?.dispose();
    await server?.close();
  });

  it('sends, reacts and reads in both tabs at once and ends with the same state in both tabs and in IndexedDB', async () => {
    await a.evaluate(() => messagingSystem.setCurrentUser('juan'));
    await b.evaluate(() => messagingSystem.setCurrentUser('ana'));
    const conversationId = await a.evaluate(() => messagingSystem.createConversation(['juan', 'ana'], { name: 'Pedido 1234', type: 'direct' }).id);
    await settle([a]);
    await b.waitForFunction((id) => messagingSystem.getConversation(id) !== undefined, conversationId);
    const rootId = await a.evaluate((id) => messagingSystem.sendMessage(id, { text: '¿Tienen pastillas de freno para la Pulsar NS200?' }).id, conversationId);
    await settle([a]);
    await b.waitForFunction((id) => messagingSystem.getMessage(id) !== undefined, rootId);

    // Both tabs write at the same time: messages, thread replies, reactions (both on the same message), read markers.
    const burst = (page: Page, who: string): Promise<void> =>
      page.evaluate(
        async ({ conversationId, rootId, who }) => {
          for (let i = 0; i < 25; i++) {
            const message = messagingSystem.sendMessage(conversationId, { text: `${who} ${i}: pastillas de freno ${i % 3 === 0 ? 'traseras' : 'delanteras'}` }, i % 5 === 0 ? { replyTo: rootId } : {});
            if (i % 4 === 0) messagingSystem.addReaction(rootId, i % 8 === 0 ? '👍' : '❤️');
            if (i === 7) messagingSystem.editMessage(message.id, `${who} ${i}: corregido, pastillas de freno originales`);
            if (i === 9) messagingSystem.deleteMessage(message.id);
            if (i % 6 === 0) messagingSystem.markAsRead(conversationId);
            // Commit two writes in three as they come: the two tabs' transactions interleave.
            if (i % 3 !== 0) await CHATBOT_SYSTEM.flush();
          }
        },
        { conversationId, rootId, who },
      );
    await Promise.all([burst(a, 'juan'), burst(b, 'ana')]);

    const state = await converge(a, b);
    expect(state.messages).toHaveLength(51);
    expect(state.messages.filter((m) => m.deleted)).toHaveLength(2);
    expect(state.messages.filter((m) => m.edits === 1)).toHaveLength(2);
    expect(state.messages.filter((m) => m.threadId === rootId)).toHaveLength(10);
    const root = state.messages.find((m) => m.id === rootId)!;
    // Each tab toggled 👍 on and off twice and ❤️ three times (ends on), never overwriting the other tab's.
    expect(JSON.parse(root.reactions)).toEqual([['❤️', ['ana', 'juan']]]);
    expect(state.search).toHaveLength(49);
    expect(await a.evaluate(storedSnapshot)).toEqual({ messages: state.messages });

    // Both users read everything: nothing is unread anywhere, and juan's messages show as read.
    await a.evaluate((id) => messagingSystem.markAsRead(id), conversationId);
    await b.evaluate((id) => messagingSystem.markAsRead(id), conversationId);
    const after = await converge(a, b);
    expect(after.unread).toEqual({ juan: 0, ana: 0 });
    await a.waitForFunction(
      (id) => messagingSystem.getMessages(id, { limit: 1000 }).filter((m) => m.senderId === 'juan' && !m.deleted).every((m) => m.status === 'read'),
      conversationId,
    );
  });

  it('shows the other tab typing, and stops on its own', async () => {
    const conversationId = await a.evaluate(() => messagingSystem.listConversations('juan')[0]!.id);
    await a.evaluate((id) => messagingSystem.startTyping(id), conversationId);
    await b.waitForFunction((id) => messagingSystem.getTypingUsers(id).includes('juan'), conversationId);
    await b.waitForFunction((id) => messagingSystem.getTypingUsers(id).length === 0, conversationId, { timeout: 8000 });
  });

  it('stores an image in one tab and serves the same bytes in the other', async () => {
    const conversationId = await a.evaluate(() => messagingSystem.listConversations('juan')[0]!.id);
    const attachmentId = await a.evaluate(async (id) => {
      const bytes = new Uint8Array(2048).map((_, i) => i % 251);
      const message = messagingSystem.sendMessage(id, { text: 'Foto de la pieza', attachments: [new File([bytes], 'pieza.png', { type: 'image/png' })] });
      await CHATBOT_SYSTEM.flush();
      return message.content.attachments[0]!.id;
    }, conversationId);
    await b.waitForFunction((id) => messagingSystem.searchMessages('pieza').some((m) => m.content.attachments[0]?.id === id), attachmentId);
    const received = await b.evaluate(async (id) => {
      const blob = await messagingSystem.getAttachment(id);
      const bytes = new Uint8Array(await blob.arrayBuffer());
      return { type: blob.type, size: bytes.length, ok: bytes.every((v, i) => v === i % 251) };
    }, attachmentId);
    expect(received).toEqual({ type: 'image/png', size: 2048, ok: true });
  });

  it('loses nothing on reload after flush', async () => {
    const before = await a.evaluate(snapshot);
    await settle([a, b]);
    await b.reload();
    await openReady(b, `${server.origin}/`);
    await b.evaluate(() => messagingSystem.setCurrentUser('ana'));
    expect(await b.evaluate(snapshot)).toEqual(before);
    expect((errors as unknown as { all: string[] }).all).toEqual([]);
  });

  it('reloads a history of several thousand messages completely, in chunks', async () => {
    const conversationId = await a.evaluate(async () => {
      const conversation = messagingSystem.createConversation(['juan', 'ana', 'luis'], { name: 'Historial', type: 'group' });
      for (let i = 0; i < 3500; i++) messagingSystem.sendMessage(conversation.id, { text: `historial ${i} cadena reforzada 428H` });
      await CHATBOT_SYSTEM.flush();
      return conversation.id;
    });
    await b.reload();
    await openReady(b, `${server.origin}/`);
    const loaded = await b.evaluate((id) => ({
      count: messagingSystem.getMessages(id, { limit: 10_000 }).length,
      ordered: messagingSystem.getMessages(id, { limit: 10_000 }).every((m, i, all) => i === 0 || all[i - 1]!.createdAt <= m.createdAt),
      found: messagingSystem.searchMessages('historial 3499').map((m) => m.content.text),
    }), conversationId);
    expect(loaded).toEqual({ count: 3500, ordered: true, found: ['historial 3499 cadena reforzada 428H'] });
  });
});
