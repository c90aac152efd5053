import { afterEach, describe, expect, it } from 'vitest';
import { createId } from '../../../src/core/ids';
import { LOAD_CHUNK } from '../../../src/messaging/load';
import { pollUntil } from '../../shared/poll';
import { createHarness, START, type Harness, type Tab } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function twoTabs(): Promise<{ a: Harness; b: Tab; conv: string }> {
  h = await createHarness({ user: 'juan' });
  const conv = h.messaging.createConversation(['juan', 'ana'], { type: 'direct' }).id;
  await h.storage.flush();
  const b = await h.open({ section: { currentUser: 'ana' } });
  return { a: h, b, conv };
}

describe('messaging across tabs', () => {
  it('shows a message sent in one tab in the other, announced, searchable and unread', async () => {
    const { a, b, conv } = await twoTabs();
    const seen: string[] = [];
    b.messaging.on('message_sent', (m) => seen.push(m.content.text));
    const message = a.messaging.sendMessage(conv, { text: '¿Tienen el filtro de aceite para Boxer CT100?' });
    await a.storage.flush();
    await pollUntil(() => expect(b.messaging.getMessage(message.id)).toBeDefined());
    expect(seen).toEqual(['¿Tienen el filtro de aceite para Boxer CT100?']);
    expect(b.messaging.getMessage(message.id)?.status).toBe('delivered');
    expect(b.messaging.searchMessages('filtro boxer').map((m) => m.id)).toEqual([message.id]);
    expect(b.messaging.getUnreadCount(conv)).toBe(1);
    b.messaging.markAsRead(conv);
    await b.storage.flush();
    await pollUntil(() => expect(a.messaging.getMessage(message.id)?.status).toBe('read'));
  });

  it('carries edits and deletions to the other tab\'s messages and search index', async () => {
    const { a, b, conv } = await twoTabs();
    const message = a.messaging.sendMessage(conv, { text: 'cadena 428' });
    const gone = a.messaging.sendMessage(conv, { text: 'borrar para siempre' });
    await a.storage.flush();
    await pollUntil(() => expect(b.messaging.getMessage(gone.id)).toBeDefined());
    const events: string[] = [];
    b.messaging.on('message_edited', () => events.push('edited'));
    b.messaging.on('message_deleted', (e) => events.push(e.permanent ? 'removed' : 'deleted'));
    a.messaging.editMessage(message.id, 'cadena 520');
    a.messaging.deleteMessage(gone.id, true);
    await a.storage.flush();
    await pollUntil(() => expect(b.messaging.getMessage(message.id)?.content.text).toBe('cadena 520'));
    await pollUntil(() => expect(b.messaging.getMessage(gone.id)).toBeUndefined());
    expect(b.messaging.searchMessages('428')).toEqual([]);
    expect(b.messaging.searchMessages('520').map((m) => m.id)).toEqual([message.id]);
    expect(b.messaging.searchMessages('borrar')).toEqual([]);
    a.messaging.deleteMessage(message.id);
    await a.storage.flush();
    await pollUntil(() => expect(b.messaging.getMessage(message.id)?.deleted).toBe(true));
    expect(b.messaging.searchMessages('cadena')).toEqual([]);
    expect(events).toEqual(['edited', 'removed', 'deleted']);
  });

  it('keeps both reactions when two tabs react at the same moment', async () => {
    const { a, b, conv } = await twoTabs();
    const message = a.messaging.sendMessage(conv, { text: 'Pedido enviado' });
    await a.storage.flush();
    await pollUntil(() => expect(b.messaging.getMessage(message.id)).toBeDefined());
    a.messaging.addReaction(message.id, '👍');
    b.messaging.addReaction(message.id, '👍');
    b.messaging.addReaction(message.id, '❤️');
    await Promise.all([a.storage.flush(), b.storage.flush()]);
    const expected = { '👍': { count: 2, users: expect.arrayContaining(['juan', 'ana']) }, '❤️': { count: 1, users: ['ana'] } };
    await pollUntil(() => expect(a.messaging.getReactionsSummary(message.id)).toEqual(expected));
    await pollUntil(() => expect(b.messaging.getReactionsSummary(message.id)).toEqual(expected));
    expect(await a.storage.getAll('reactions')).toHaveLength(3);
  });

  it('never moves a read marker back when two tabs of one user mark at once', async () => {
    const { a, conv } = await twoTabs();
    const ids = [1, 2, 3].map((n) => {
      a.clock.advance(1000);
      return a.messaging.sendMessage(conv, { text: `m${n}` }).id;
    });
    await a.storage.flush();
    const ana1 = await a.open({ section: { currentUser: 'ana' } });
    const ana2 = await a.open({ section: { currentUser: 'ana' } });
    ana1.messaging.markAsRead(conv, [ids[2]!]);
    ana2.messaging.markAsRead(conv, [ids[0]!]);
    await Promise.all([ana1.storage.flush(), ana2.storage.flush()]);
    await pollUntil(() => expect(ana2.messaging.getUnreadCount(conv)).toBe(0));
    expect(ana1.messaging.getUnreadCount(conv)).toBe(0);
    expect(await a.storage.getAll('receipts')).toEqual([expect.objectContaining({ userId: 'ana', readId: ids[2] })]);
  });

  it('merges conversation changes of two tabs instead of overwriting', async () => {
    const { a, b, conv } = await twoTabs();
    a.messaging.updateConversation(conv, { pinned: true });
    b.messaging.updateConversation(conv, { muted: true });
    await Promise.all([a.storage.flush(), b.storage.flush()]);
    await pollUntil(() => expect(a.messaging.getConversation(conv)).toMatchObject({ pinned: true, muted: true }));
    await pollUntil(() => expect(b.messaging.getConversation(conv)).toMatchObject({ pinned: true, muted: true }));
  });

  it('shares typing with the other tab, which stops it by itself after 5 seconds', async () => {
    const { a, b, conv } = await twoTabs();
    const seen: string[] = [];
    b.messaging.on('typing_started', (e) => seen.push(`start ${e.userId}`));
    b.messaging.on('typing_stopped', (e) => seen.push(`stop ${e.userId}`));
    a.messaging.startTyping(conv);
    await pollUntil(() => expect(b.messaging.getTypingUsers(conv)).toEqual(['juan']));
    a.messaging.stopTyping(conv);
    await pollUntil(() => expect(b.messaging.getTypingUsers(conv)).toEqual([]));
    a.messaging.startTyping(conv);
    await pollUntil(() => expect(b.messaging.getTypingUsers(conv)).toEqual(['juan']));
    a.messaging.dispose(); // the tab closes without saying it stopped
    h.clock.advance(5000);
    expect(b.messaging.getTypingUsers(conv)).toEqual([]);
    expect(seen).toEqual(['start juan', 'stop juan', 'start juan', 'stop juan']);
  });

  it('clears the other tab too', async () => {
    const { a, b, conv } = await twoTabs();
    a.messaging.sendMessage(conv, { text: 'hola' });
    await a.storage.flush();
    await pollUntil(() => expect(b.messaging.getStats().totalMessages).toBe(1));
    a.messaging.clearStorage();
    await a.storage.flush();
    await pollUntil(() => expect(b.messaging.getStats()).toEqual({ totalConversations: 0, totalMessages: 0, totalThreads: 0, unreadMessages: 0 }));
    expect(b.messaging.searchMessages('hola')).toEqual([]);
  });
});

describe('cold start', () => {
  it('loads more messages than one chunk, with their index, statuses and unread counts', async () => {
    h = await createHarness({ user: 'juan' });
    const conv = h.messaging.createConversation(['juan', 'ana']).id;
    const total = LOAD_CHUNK * 2 + 17;
    for (let i = 0; i < total; i++) {
      h.storage.put('messages', {
        id: createId('msg', START + i), conversationId: conv, senderId: i % 2 ? 'ana' : 'juan', type: 'text',
        content: { text: `mensaje ${i} ${i === total - 1 ? 'ultimo' : ''}`, attachments: [] }, replyTo: null, threadId: null,
        mentions: [], createdAt: START + i, editedAt: null, edits: [], deleted: false, deletedAt: null,
      });
    }
    await h.storage.flush();
    const reloaded = await h.open({ section: { currentUser: 'juan' } });
    expect(reloaded.messaging.getStats().totalMessages).toBe(total);
    expect(reloaded.messaging.getUnreadCount(conv)).toBe(Math.floor(total / 2));
    expect(reloaded.messaging.searchMessages('ultimo')).toHaveLength(1);
    expect(reloaded.messaging.getMessages(conv, { limit: 1 })[0]?.content.text).toContain('ultimo');
    expect(reloaded.messaging.getSearchIndexStats().documents).toBe(total);
    expect(reloaded.messaging.getMessages(conv, { limit: total }).map((m) => m.createdAt)).toEqual(Array.from({ length: total }, (_, i) => START + i));
  });

  it('loads messages whose ids do not carry a time, range after range', async () => {
    h = await createHarness({ user: 'juan' });
    const conv = h.messaging.createConversation(['juan', 'ana']).id;
    const total = LOAD_CHUNK + 5;
    for (let i = 0; i < total; i++) {
      h.storage.put('messages', {
        id: `imported-${String(i).padStart(5, '0')}`, conversationId: conv, senderId: 'ana', type: 'text',
        content: { text: `importado ${i}`, attachments: [] }, replyTo: null, threadId: null,
        mentions: [], createdAt: START + i, editedAt: null, edits: [], deleted: false, deletedAt: null,
      });
    }
    await h.storage.flush();
    const reloaded = await h.open({ section: { currentUser: 'juan' } });
    expect(reloaded.messaging.getStats().totalMessages).toBe(total);
    expect(reloaded.messaging.searchMessages('importado', { limit: 1 })[0]?.id).toBe(`imported-${String(total - 1).padStart(5, '0')}`);
  });

  it('answers searches right when messages change before the background index is complete', async () => {
    h = await createHarness({ user: 'juan' });
    const conv = h.messaging.createConversation(['juan', 'ana']).id;
    const ids = Array.from({ length: 5 }, (_, i) => h.messaging.sendMessage(conv, { text: `bujía número ${i}` }).id);
    await h.storage.flush();
    const reloaded = await h.open({ section: { currentUser: 'juan' } });
    // Changes from the first tab arrive before the reloaded tab has searched anything.
    h.messaging.editMessage(ids[0]!, 'cadena número 0');
    h.messaging.deleteMessage(ids[1]!);
    h.messaging.deleteMessage(ids[2]!, true);
    await h.storage.flush();
    await pollUntil(() => expect(reloaded.messaging.getMessage(ids[2]!)).toBeUndefined());
    expect(reloaded.messaging.searchMessages('bujia').map((m) => m.id)).toEqual([ids[4], ids[3]]);
    expect(reloaded.messaging.searchMessages('cadena').map((m) => m.id)).toEqual([ids[0]]);
    expect(reloaded.messaging.getSearchIndexStats().documents).toBe(3);
  });
});
