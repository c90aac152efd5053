import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, errorOf, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** ana sends three messages to juan and luis. */
async function setup(): Promise<{ conv: string; ids: string[] }> {
  h = await createHarness({ user: 'ana' });
  const conv = h.messaging.createConversation(['juan', 'ana', 'luis'], { type: 'group' }).id;
  const ids: string[] = [];
  for (const text of ['uno', 'dos', 'tres']) {
    ids.push(h.messaging.sendMessage(conv, { text }).id);
    h.clock.advance(1000);
  }
  return { conv, ids };
}

describe('read receipts', () => {
  it('counts unread messages of others for the current user, and not one\'s own', async () => {
    const { conv } = await setup();
    expect(h.messaging.getUnreadCount(conv)).toBe(0);
    h.messaging.setCurrentUser('juan');
    expect(h.messaging.getUnreadCount(conv)).toBe(3);
    expect(h.messaging.getTotalUnreadCount()).toBe(3);
    expect(h.messaging.getTotalUnreadCount('luis')).toBe(3);
    expect(h.messaging.getStats().unreadMessages).toBe(3);
  });

  it('marks the given messages and everything before them read, and announces what became read', async () => {
    const { conv, ids } = await setup();
    h.messaging.setCurrentUser('juan');
    const events: unknown[] = [];
    h.messaging.on('messages_read', (e) => events.push(e));
    h.messaging.markAsRead(conv, [ids[1]!]);
    expect(h.messaging.getUnreadCount(conv)).toBe(1);
    expect(events).toEqual([{ conversationId: conv, userId: 'juan', messageIds: [ids[0], ids[1]] }]);
    h.messaging.markAsRead(conv, [ids[0]!]);
    expect(h.messaging.getUnreadCount(conv)).toBe(1);
    expect(events).toHaveLength(1);
    h.messaging.markAsRead(conv);
    expect(h.messaging.getUnreadCount(conv)).toBe(0);
    expect(h.messaging.getTotalUnreadCount('juan')).toBe(0);
    expect(h.messaging.getTotalUnreadCount('luis')).toBe(3);
  });

  it('moves a message from delivered to read once every other participant read it', async () => {
    const { conv, ids } = await setup();
    await h.storage.flush();
    await Promise.resolve();
    expect(h.messaging.getMessage(ids[0]!)?.status).toBe('delivered');
    h.messaging.setCurrentUser('juan');
    h.messaging.markAsRead(conv, [ids[0]!]);
    expect(h.messaging.getMessage(ids[0]!)?.status).toBe('delivered');
    h.messaging.setCurrentUser('luis');
    h.messaging.markAsRead(conv, [ids[2]!]);
    expect(ids.map((id) => h.messaging.getMessage(id)?.status)).toEqual(['read', 'delivered', 'delivered']);
    h.messaging.setCurrentUser('juan');
    h.messaging.markAsRead(conv);
    expect(ids.map((id) => h.messaging.getMessage(id)?.status)).toEqual(['read', 'read', 'read']);
  });

  it('keeps read markers after a reload', async () => {
    const { conv, ids } = await setup();
    h.messaging.setCurrentUser('juan');
    h.messaging.markAsRead(conv, [ids[1]!]);
    await h.storage.flush();
    const reloaded = await h.open({ section: { currentUser: 'juan' } });
    expect(reloaded.messaging.getUnreadCount(conv)).toBe(1);
  });

  it('refuses unknown conversations and messages, messages of another conversation, non-participants and bad ids', async () => {
    const { conv, ids } = await setup();
    const other = h.messaging.createConversation(['ana', 'pedro']).id;
    const elsewhere = h.messaging.sendMessage(other, { text: 'otra' }).id;
    expect(errorOf(() => h.messaging.markAsRead('conv_nope', [])).code).toBe('NOT_FOUND');
    expect(errorOf(() => h.messaging.markAsRead(conv, ['msg_nope'])).code).toBe('NOT_FOUND');
    expect(errorOf(() => h.messaging.markAsRead(conv, [elsewhere])).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.markAsRead(conv, ids[0] as never)).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.getUnreadCount('conv_nope')).code).toBe('NOT_FOUND');
    expect(errorOf(() => h.messaging.getTotalUnreadCount(42 as never)).code).toBe('VALIDATION');
    h.messaging.setCurrentUser('pedro');
    expect(errorOf(() => h.messaging.markAsRead(conv, [ids[0]!])).code).toBe('FORBIDDEN');
    h.messaging.setCurrentUser('juan');
    expect(h.messaging.getUnreadCount(conv)).toBe(3);
  });

  it('does not count deleted messages as unread', async () => {
    const { conv, ids } = await setup();
    h.messaging.deleteMessage(ids[2]!);
    h.messaging.setCurrentUser('juan');
    expect(h.messaging.getUnreadCount(conv)).toBe(2);
  });
});
