import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, errorOf, START, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('conversations', () => {
  it('creates a group conversation with the seed call and announces it', async () => {
    h = await createHarness({ user: 'user1' });
    const created: string[] = [];
    h.messaging.on('conversation_created', (c) => created.push(c.id));
    const conversation = h.messaging.createConversation(['user1', 'user2', 'user3'], { name: 'Equipo de Ventas', type: 'group' });
    expect(conversation).toMatchObject({
      type: 'group', name: 'Equipo de Ventas', participants: ['user1', 'user2', 'user3'], createdBy: 'user1',
      createdAt: START, pinned: false, muted: false, archived: false,
    });
    expect(conversation.id).toMatch(/^conv_/);
    expect(created).toEqual([conversation.id]);
    expect(h.messaging.getConversation(conversation.id)).toEqual(conversation);
  });

  it('defaults to a direct conversation for two people and returns the same one for the same pair', async () => {
    h = await createHarness({ user: 'client_123' });
    const first = h.messaging.createConversation(['client_123', 'support_agent'], { name: 'Soporte - Consulta Producto', type: 'direct' });
    const again = h.messaging.createConversation(['support_agent', 'client_123']);
    expect(first.type).toBe('direct');
    expect(again.id).toBe(first.id);
    expect(h.messaging.getStats().totalConversations).toBe(1);
  });

  it('rejects a direct conversation without exactly two people, and bad participant lists, changing nothing', async () => {
    h = await createHarness();
    expect(errorOf(() => h.messaging.createConversation(['a', 'b', 'c'], { type: 'direct' })).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.createConversation(['a'])).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.createConversation(['a', 'a'])).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.createConversation('a,b' as never)).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.createConversation(['a', ''])).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.createConversation(['a', 'b'], { type: 'channel' as never })).code).toBe('VALIDATION');
    expect(h.messaging.getStats().totalConversations).toBe(0);
  });

  it('lists only the user\'s conversations, pinned first, then by last activity', async () => {
    h = await createHarness({ user: 'user1' });
    const old = h.messaging.createConversation(['user1', 'a']);
    h.clock.advance(1000);
    const pinned = h.messaging.createConversation(['user1', 'b']);
    h.clock.advance(1000);
    const recent = h.messaging.createConversation(['user1', 'c']);
    h.messaging.createConversation(['x', 'y']);
    h.clock.advance(1000);
    h.messaging.sendMessage(old.id, { text: 'sigo aquí' });
    h.messaging.updateConversation(pinned.id, { pinned: true });
    expect(h.messaging.listConversations('user1').map((c) => c.id)).toEqual([pinned.id, old.id, recent.id]);
    const [first] = h.messaging.listConversations('user1', { archived: false, pinned: true });
    expect(first?.id).toBe(pinned.id);
    expect(h.messaging.listConversations('user1', { pinned: false }).map((c) => c.id)).toEqual([old.id, recent.id]);
    const summary = h.messaging.listConversations('user1').find((c) => c.id === old.id)!;
    expect(summary.lastMessage?.content.text).toBe('sigo aquí');
    expect(summary.lastActivityAt).toBe(START + 3000);
    expect(h.messaging.listConversations('nobody')).toEqual([]);
    expect(errorOf(() => h.messaging.listConversations('user1', { archived: 'no' as never })).code).toBe('VALIDATION');
  });

  it('lists for the current user when no user is given, and archived ones can be filtered out', async () => {
    h = await createHarness({ user: 'user1' });
    const a = h.messaging.createConversation(['user1', 'a']);
    const b = h.messaging.createConversation(['user1', 'b']);
    h.messaging.updateConversation(b.id, { archived: true });
    expect(h.messaging.listConversations().length).toBe(2);
    expect(h.messaging.listConversations(undefined, { archived: false }).map((c) => c.id)).toEqual([a.id]);
    expect(h.messaging.listConversations(undefined, { archived: true }).map((c) => c.id)).toEqual([b.id]);
  });

  it('updates pinned, muted, archived and name, and announces the change', async () => {
    h = await createHarness({ user: 'user1' });
    const conversation = h.messaging.createConversation(['user1', 'user2']);
    const updates: unknown[] = [];
    h.messaging.on('conversation_updated', (c) => updates.push(c));
    h.clock.advance(500);
    const updated = h.messaging.updateConversation(conversation.id, { pinned: true, muted: false, name: ' Soporte ' });
    expect(updated).toMatchObject({ pinned: true, muted: false, name: 'Soporte', updatedAt: START + 500 });
    expect(updates).toEqual([updated]);
    expect(h.messaging.getConversation(conversation.id)?.pinned).toBe(true);
  });

  it('refuses updates to unknown conversations, by non-participants, or with bad fields, changing nothing', async () => {
    h = await createHarness({ user: 'user1' });
    const conversation = h.messaging.createConversation(['user1', 'user2']);
    expect(errorOf(() => h.messaging.updateConversation('conv_nope', { pinned: true })).code).toBe('NOT_FOUND');
    expect(errorOf(() => h.messaging.updateConversation(conversation.id, { pinned: 'yes' as never })).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.updateConversation(conversation.id, { color: 'red' } as never)).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.updateConversation(conversation.id, { name: '   ' })).code).toBe('VALIDATION');
    h.messaging.setCurrentUser('intruso');
    expect(errorOf(() => h.messaging.updateConversation(conversation.id, { archived: true })).code).toBe('FORBIDDEN');
    expect(h.messaging.getConversation(conversation.id)).toMatchObject({ pinned: false, archived: false });
  });

  it('keeps conversations after a flush and a reload', async () => {
    h = await createHarness({ user: 'user1' });
    const conversation = h.messaging.createConversation(['user1', 'user2'], { name: 'Pedido 1234' });
    h.messaging.updateConversation(conversation.id, { muted: true });
    await h.storage.flush();
    const reloaded = await h.open({ section: { currentUser: 'user1' } });
    expect(reloaded.messaging.getConversation(conversation.id)).toMatchObject({ name: 'Pedido 1234', muted: true });
    expect(reloaded.messaging.listConversations().map((c) => c.id)).toEqual([conversation.id]);
  });

  it('lists every user\'s most active conversations for the admin dashboard, and nothing for unknown ids', async () => {
    h = await createHarness({ user: 'asesor' });
    const first = h.messaging.createConversation(['cliente_1', 'asesor']);
    h.clock.advance(1000);
    const second = h.messaging.createConversation(['cliente_2', 'cliente_3']);
    h.clock.advance(1000);
    h.messaging.sendMessage(first.id, { text: 'hola' });
    expect(h.messaging.getRecentConversations().map((c) => c.id)).toEqual([first.id, second.id]);
    expect(h.messaging.getRecentConversations(1).map((c) => c.id)).toEqual([first.id]);
    expect(errorOf(() => h.messaging.getRecentConversations(0)).code).toBe('VALIDATION');
    expect(h.messaging.getConversation('conv_nope')).toBeUndefined();
    expect(errorOf(() => h.messaging.getConversation(5 as never)).code).toBe('VALIDATION');
  });
});
