import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, errorOf, START, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function setup(): Promise<string> {
  h = await createHarness({ user: 'juan' });
  return h.messaging.createConversation(['juan', 'ana', 'luis'], { type: 'group' }).id;
}

describe('threads', () => {
  it('keeps threads flat: a reply to a reply joins the root\'s thread', async () => {
    const conv = await setup();
    const root = h.messaging.sendMessage(conv, { text: '¿Quién revisa el pedido 1234?' });
    h.clock.advance(1000);
    const first = h.messaging.sendMessage(conv, { text: 'Yo lo reviso' }, { replyTo: root.id });
    h.clock.advance(1000);
    const nested = h.messaging.sendMessage(conv, { text: 'Gracias' }, { replyTo: first.id });
    expect(first).toMatchObject({ replyTo: root.id, threadId: root.id });
    expect(nested).toMatchObject({ replyTo: first.id, threadId: root.id });
    const thread = h.messaging.getThread(root.id);
    expect(thread).toMatchObject({ parentId: root.id, replyCount: 2, lastReply: nested });
    expect(thread.replies.map((m) => m.id)).toEqual([first.id, nested.id]);
    expect(h.messaging.getThread(nested.id).parentId).toBe(root.id);
    expect(h.messaging.getStats().totalThreads).toBe(1);
    expect(h.messaging.getMessages(conv, { includeReplies: false }).map((m) => m.id)).toEqual([root.id]);
  });

  it('shows deleted replies as tombstones without counting them', async () => {
    const conv = await setup();
    const root = h.messaging.sendMessage(conv, { text: 'raíz' });
    const reply = h.messaging.sendMessage(conv, { text: 'respuesta' }, { replyTo: root.id });
    h.messaging.deleteMessage(reply.id);
    const thread = h.messaging.getThread(root.id);
    expect(thread.replies.map((m) => m.deleted)).toEqual([true]);
    expect(thread).toMatchObject({ replyCount: 0, lastReply: null });
  });

  it('refuses unknown messages and replies across conversations', async () => {
    const conv = await setup();
    const other = h.messaging.createConversation(['juan', 'pedro']).id;
    const root = h.messaging.sendMessage(conv, { text: 'raíz' });
    expect(errorOf(() => h.messaging.getThread('msg_nope')).code).toBe('NOT_FOUND');
    expect(errorOf(() => h.messaging.getThread(7 as never)).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.sendMessage(other, { text: 'x' }, { replyTo: root.id })).code).toBe('VALIDATION');
  });
});

describe('reactions', () => {
  it('toggles the current user\'s reaction and summarizes who reacted', async () => {
    const conv = await setup();
    const message = h.messaging.sendMessage(conv, { text: 'Llegó el pedido' });
    const seen: string[] = [];
    h.messaging.on('reaction_added', (e) => seen.push(`+${e.userId}${e.emoji}`));
    h.messaging.on('reaction_removed', (e) => seen.push(`-${e.userId}${e.emoji}`));
    expect(h.messaging.addReaction(message.id, '👍')).toBe(true);
    h.messaging.addReaction(message.id, '❤️');
    h.messaging.setCurrentUser('ana');
    h.clock.advance(10);
    h.messaging.addReaction(message.id, '👍');
    expect(h.messaging.getReactionsSummary(message.id)).toEqual({ '👍': { count: 2, users: ['juan', 'ana'] }, '❤️': { count: 1, users: ['juan'] } });
    expect(h.messaging.addReaction(message.id, '👍')).toBe(false);
    expect(h.messaging.getReactionsSummary(message.id)['👍']).toEqual({ count: 1, users: ['juan'] });
    expect(seen).toEqual(['+juan👍', '+juan❤️', '+ana👍', '-ana👍']);
    await h.storage.flush();
    expect((await h.storage.getAll('reactions')).length).toBe(2);
  });

  it('accepts single emojis with modifiers, flags and sequences, and refuses anything else', async () => {
    const conv = await setup();
    const message = h.messaging.sendMessage(conv, { text: 'x' });
    for (const emoji of ['👍🏽', '🇨🇴', '👨‍👩‍👧', '1️⃣', '🏍️']) expect(h.messaging.addReaction(message.id, emoji)).toBe(true);
    for (const bad of ['ok', '👍👍', '', 'a👍', '<b>', ' 👍']) expect(errorOf(() => h.messaging.addReaction(message.id, bad)).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.addReaction(message.id, 5 as never)).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.addReaction('msg_nope', '👍')).code).toBe('NOT_FOUND');
    expect(errorOf(() => h.messaging.getReactionsSummary('msg_nope')).code).toBe('NOT_FOUND');
    h.messaging.setCurrentUser('intruso');
    expect(errorOf(() => h.messaging.addReaction(message.id, '👍')).code).toBe('FORBIDDEN');
    expect(Object.keys(h.messaging.getReactionsSummary(message.id))).toHaveLength(5);
  });

  it('refuses reactions on deleted messages', async () => {
    const conv = await setup();
    const message = h.messaging.sendMessage(conv, { text: 'x' });
    h.messaging.deleteMessage(message.id);
    expect(errorOf(() => h.messaging.addReaction(message.id, '👍')).code).toBe('CONFLICT');
  });
});

describe('mentions', () => {
  it('records @mentions with Unicode names, announces them, and lists them per user', async () => {
    const conv = await setup();
    const events: unknown[] = [];
    h.messaging.on('user_mentioned', (e) => events.push(e));
    const message = h.messaging.sendMessage(conv, { text: '@juan revisa esto con @ana.maria y @José_2. Escribe a soporte@motos.co' });
    expect(message.mentions).toEqual(['ana.maria', 'José_2']);
    expect(events).toEqual([{ message, mentions: ['ana.maria', 'José_2'] }]);
    expect(h.messaging.getMentions('José_2', true)).toEqual([
      expect.objectContaining({ userId: 'José_2', messageId: message.id, conversationId: conv, senderId: 'juan', read: false, createdAt: START, message }),
    ]);
    expect(h.messaging.getMentions('motos.co')).toEqual([]);
  });

  it('marks a mention read, so unread-only lists drop it', async () => {
    const conv = await setup();
    h.messaging.setCurrentUser('ana');
    const message = h.messaging.sendMessage(conv, { text: '@juan revisa este pedido por favor' });
    h.clock.advance(5);
    h.messaging.markMentionAsRead('juan', message.id);
    expect(h.messaging.getMentions('juan', true)).toEqual([]);
    expect(h.messaging.getMentions('juan', false)).toEqual([expect.objectContaining({ read: true, readAt: START + 5 })]);
    h.messaging.setCurrentUser('juan');
    expect(h.messaging.getMentions()).toHaveLength(1);
    await h.storage.flush();
    expect(await h.storage.getAll('mentions')).toEqual([expect.objectContaining({ userId: 'juan', read: true })]);
  });

  it('updates mentions on edit and drops them on delete', async () => {
    const conv = await setup();
    const message = h.messaging.sendMessage(conv, { text: 'hola @ana' });
    const events: unknown[] = [];
    h.messaging.on('user_mentioned', (e) => events.push(e));
    const edited = h.messaging.editMessage(message.id, 'hola @luis');
    expect(edited.mentions).toEqual(['luis']);
    expect(events).toEqual([{ message: edited, mentions: ['luis'] }]);
    expect(h.messaging.getMentions('ana')).toEqual([]);
    h.messaging.deleteMessage(message.id);
    expect(h.messaging.getMentions('luis')).toEqual([]);
  });

  it('refuses marking a mention that does not exist, and bad arguments', async () => {
    const conv = await setup();
    const message = h.messaging.sendMessage(conv, { text: 'sin menciones' });
    expect(errorOf(() => h.messaging.markMentionAsRead('ana', message.id)).code).toBe('NOT_FOUND');
    expect(errorOf(() => h.messaging.markMentionAsRead('', message.id)).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.getMentions('ana', 'yes' as never)).code).toBe('VALIDATION');
  });
});

describe('typing', () => {
  it('starts, stops, and stops by itself after 5 seconds of silence', async () => {
    const conv = await setup();
    const seen: string[] = [];
    h.messaging.on('typing_started', (e) => seen.push(`start ${e.userId}`));
    h.messaging.on('typing_stopped', (e) => seen.push(`stop ${e.userId}`));
    h.messaging.startTyping(conv);
    expect(h.messaging.getTypingUsers(conv)).toEqual(['juan']);
    h.clock.advance(4000);
    h.messaging.startTyping(conv);
    h.clock.advance(4000);
    expect(h.messaging.getTypingUsers(conv)).toEqual(['juan']);
    h.clock.advance(1000);
    expect(h.messaging.getTypingUsers(conv)).toEqual([]);
    h.messaging.startTyping(conv);
    h.messaging.stopTyping(conv);
    expect(seen).toEqual(['start juan', 'stop juan', 'start juan', 'stop juan']);
  });

  it('stops typing when the message is sent, and is never stored', async () => {
    const conv = await setup();
    h.messaging.startTyping(conv);
    h.messaging.sendMessage(conv, { text: 'listo' });
    expect(h.messaging.getTypingUsers(conv)).toEqual([]);
    await h.storage.flush();
    expect((await h.storage.getAll('kv')).filter((r) => String(r.id).includes('typing'))).toEqual([]);
  });

  it('refuses unknown conversations and non-participants', async () => {
    await setup();
    expect(errorOf(() => h.messaging.startTyping('conv_nope')).code).toBe('NOT_FOUND');
    expect(errorOf(() => h.messaging.getTypingUsers(3 as never)).code).toBe('VALIDATION');
    const conv = h.messaging.createConversation(['ana', 'luis']).id;
    expect(errorOf(() => h.messaging.startTyping(conv)).code).toBe('FORBIDDEN');
    expect(h.messaging.getTypingUsers(conv)).toEqual([]);
  });
});
