import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../src/core/clock';
import type { ChatbotError } from '../../../src/core/errors';
import { parseConfig } from '../../../src/core/config';
import { createTabChannel } from '../../../src/core/tabs';
import { createLiveChat, type LiveChatDeps } from '../../../src/live-chat';
import { createMessaging } from '../../../src/messaging';
import { createStorage, readWakes, WAKE_KEYS, wakeRecorder, type ChatbotStorage, type LiveConversationRecord } from '../../../src/storage';
import { pollUntil } from '../../shared/poll';
import { createTestBackground, uniqueChannelName } from '../helpers';

// When the working half's chunk starts loading on a page that opens with a conversation already
// with staff: as soon as the start-up runtime has read the live wake-up, not after the live chat
// has read its rooms (a read queued behind the start-up's big reads).

const SECTION = { server: 'wss://chat.tienda.test/xmpp-websocket', domain: 'chat.tienda.test', staffQueue: ['ventas@staff.chat.tienda.test'] };
const ROOM: LiveConversationRecord = { id: 'live:conv:c1', conversationId: 'c1', room: 'conv-c1@rooms.chat.tienda.test', openedAt: 1, opened: true, ids: {} };

const storages: ChatbotStorage[] = [];
afterEach(async () => {
  for (const storage of storages.splice(0)) await storage.close();
});

/** A storage whose next `getAll('kv')` waits until `release()`. */
function gatedKvReads(storage: ChatbotStorage): { release(): void; asked(): boolean } {
  let release = (): void => undefined;
  let asked = false;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const getAll = storage.getAll.bind(storage);
  vi.spyOn(storage, 'getAll').mockImplementation((async (store: Parameters<typeof getAll>[0]) => {
    if (store === 'kv') {
      asked = true;
      await gate;
    }
    return getAll(store);
  }) as typeof storage.getAll);
  return { release, asked: () => asked };
}

async function start(seed: (storage: ChatbotStorage) => Promise<void>) {
  const storage = createStorage({ clock: systemClock, dbName: `early-${Math.random()}` });
  storages.push(storage);
  await seed(storage);
  await storage.flush();
  // What the start-up runtime does first on every page.
  await readWakes(storage);
  const reads = gatedKvReads(storage);
  const loads: number[] = [];
  const never = new Promise<never>(() => undefined);
  const deps: LiveChatDeps = {
    loadEngine: () => {
      loads.push(Date.now());
      return never;
    },
  };
  const errors: ChatbotError[] = [];
  const channel = createTabChannel(uniqueChannelName());
  const background = createTestBackground(storage, (error) => errors.push(error));
  const liveChat = createLiveChat(
    { clock: systemClock, channel, config: parseConfig({}), section: SECTION, reportError: (e) => errors.push(e), background: background.run, storage },
    deps,
  );
  const messaging = createMessaging({ clock: systemClock, channel, config: parseConfig({}), section: {}, reportError: (e) => errors.push(e), background: background.run, storage });
  liveChat.connect(messaging, { botId: 'asistente', staffId: 'asesor', customerId: () => 'cliente' });
  const close = (): void => {
    liveChat.dispose();
    messaging.dispose();
    channel.close();
  };
  return { reads, loads, errors, background, close };
}

describe('the live chat at start', () => {
  it('loads its working half while the rooms are still being read when the live wake-up is known', async () => {
    const { reads, loads, background, close } = await start(async (storage) => {
      storage.put('kv', ROOM);
      wakeRecorder(storage, WAKE_KEYS.live)(1);
    });
    await pollUntil(() => expect(reads.asked()).toBe(true));
    expect(loads).toHaveLength(1);
    reads.release();
    await pollUntil(() => expect(loads).toHaveLength(1));
    close();
    await background.idle();
  });

  it('waits for the rooms without a live wake-up, and loads nothing when there is no room', async () => {
    const { reads, loads, background, close } = await start(async () => undefined);
    await pollUntil(() => expect(reads.asked()).toBe(true));
    expect(loads).toHaveLength(0);
    reads.release();
    // The live chat's start ran to its end: the rooms read found none, so nothing loads.
    await background.idle();
    expect(loads).toHaveLength(0);
    close();
  });
});
