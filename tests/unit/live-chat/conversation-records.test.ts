import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../src/core/clock';
import { createTabChannel } from '../../../src/core/tabs';
import { createLiveConversations, type LiveConversations } from '../../../src/live-chat/conversation-records';
import { createStorage, type ChatbotStorage } from '../../../src/storage';
import { pollUntil } from '../../shared/poll';
import { uniqueChannelName } from '../helpers';

const ROOMS = 'rooms.chat.localhost';
const open: Array<{ storage: ChatbotStorage; conversations: LiveConversations }> = [];
afterEach(async () => {
  for (const tab of open.splice(0)) {
    tab.conversations.dispose();
    await tab.storage.close();
  }
});

async function openTab(dbName: string, channelName: string): Promise<{ storage: ChatbotStorage; conversations: LiveConversations }> {
  const storage = createStorage({ clock: systemClock, channel: createTabChannel(channelName), dbName });
  const conversations = createLiveConversations(storage, ROOMS);
  await conversations.load();
  const tab = { storage, conversations };
  open.push(tab);
  return tab;
}

/** One socket frame per archived message, as a catch-up receives them. */
const nextFrame = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('live conversation records during a catch-up', () => {
  it('keeps every id learned from 1,000 frames, written in a handful of commits instead of one per message', async () => {
    const dbName = `records-${Math.random()}`;
    const channelName = uniqueChannelName();
    const { storage, conversations } = await openTab(dbName, channelName);
    const record = conversations.open('conv_1', systemClock.now());
    await storage.flush();
    const updates = vi.spyOn(storage, 'update');
    for (let i = 0; i < 1_000; i++) {
      conversations.learn('conv_1', `msg_${i}`, `stanza_${i}`);
      await nextFrame();
    }
    // Every id is known here at once, both ways.
    expect(conversations.localIdOf(conversations.get('conv_1')!, 'stanza_999')).toBe('msg_999');
    expect(conversations.localIdOf(conversations.get('conv_1')!, 'stanza_0')).toBe('msg_0');
    await pollUntil(async () => expect(Object.keys(((await storage.get('kv', record.id)) as { ids: object }).ids)).toHaveLength(1_000));
    // A write per commit of the queue, not per message: the old code wrote (and copied the map) 1,000 times.
    expect(updates.mock.calls.length).toBeLessThan(1_000 / 4);

    // The next page (a reload) reads them all back, with the cursor at the newest.
    const reloaded = await openTab(dbName, uniqueChannelName());
    const stored = reloaded.conversations.get('conv_1')!;
    expect(Object.keys(stored.ids)).toHaveLength(1_000);
    expect(stored.lastArchiveId).toBe('stanza_999');
  });

  it('joins what another tab learned with what this tab learned, losing neither', async () => {
    const dbName = `records-${Math.random()}`;
    const channelName = uniqueChannelName();
    const a = await openTab(dbName, channelName);
    const b = await openTab(dbName, channelName);
    a.conversations.open('conv_1', systemClock.now());
    await a.storage.flush();
    await pollUntil(() => expect(b.conversations.get('conv_1')).toBeDefined());
    for (let i = 0; i < 50; i++) {
      a.conversations.learn('conv_1', `a_${i}`, `sa_${i}`);
      b.conversations.learn('conv_1', `b_${i}`, `sb_${i}`);
      await nextFrame();
    }
    const all = (tab: { conversations: LiveConversations }): number => Object.keys(tab.conversations.get('conv_1')!.ids).length;
    await pollUntil(() => {
      expect(all(a)).toBe(100);
      expect(all(b)).toBe(100);
    });
    expect(a.conversations.localIdOf(a.conversations.get('conv_1')!, 'sb_49')).toBe('b_49');
    const reloaded = await openTab(dbName, uniqueChannelName());
    await pollUntil(async () => {
      const fresh = await reloaded.storage.get('kv', 'live:conv:conv_1');
      expect(Object.keys((fresh as { ids: object }).ids)).toHaveLength(100);
    });
  });
});
