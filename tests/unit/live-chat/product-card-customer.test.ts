import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import type { ProductCard } from '../../../src/bot';
import { systemClock } from '../../../src/core/clock';
import { parseConfig } from '../../../src/core/config';
import type { ChatbotError } from '../../../src/core/errors';
import { createTabChannel } from '../../../src/core/tabs';
import type { LiveConversations } from '../../../src/live-chat/conversation-records';
import { createInbound } from '../../../src/live-chat/inbound';
import type { LiveEvent } from '../../../src/live-chat/protocol/live-event';
import { createMessaging, type Message } from '../../../src/messaging';
import { createStorage, type LiveConversationRecord } from '../../../src/storage';
import { createSystem } from '../../../src/system';
import { createStaffProducts } from '../../../src/widget/panel/staff-products';
import { createTestBackground, uniqueChannelName } from '../helpers';
import { pollUntil } from '../../shared/poll';

const CUSTOMER = 'cliente_1';
const ROOM = 'conv-abc@rooms.chat.tienda.test';
const CATALOG = readFileSync('public/catalog.json', 'utf8');

afterEach(() => {
  vi.unstubAllGlobals();
});

async function openMessaging(dbName: string) {
  const channel = createTabChannel(uniqueChannelName());
  const storage = createStorage({ clock: systemClock, channel, dbName });
  const errors: ChatbotError[] = [];
  const background = createTestBackground(storage, (error) => errors.push(error));
  const messaging = createMessaging({ clock: systemClock, channel, config: parseConfig({ userId: CUSTOMER }), section: {}, reportError: (e) => errors.push(e), background: background.run, storage });
  await messaging.ready;
  return { storage, messaging, errors };
}

/** The one conversation record the inbound side needs: the room of `conversationId`. */
function oneRoom(conversationId: string): LiveConversations {
  const record: LiveConversationRecord = { id: `live:conv:${conversationId}`, conversationId, room: ROOM, openedAt: 1, opened: true, ids: {} };
  return {
    byRoom: (room) => (room === ROOM ? record : undefined),
    learn: () => undefined,
    localIdOf: () => undefined,
  } as Partial<LiveConversations> as LiveConversations;
}

describe('a staff member\'s product cards in the customer\'s conversation', () => {
  it('keep their skus with the message, whether it arrives live or from the archive, and after a reload', async () => {
    const dbName = `cards-${Math.random()}`;
    const first = await openMessaging(dbName);
    const conversation = first.messaging.actAs(CUSTOMER).createConversation([CUSTOMER, 'asistente', 'asesor'], { type: 'group' });
    const apply = createInbound({
      port: first.messaging, conversations: oneRoom(conversation.id), participants: { customerId: () => CUSTOMER, botId: 'asistente', staffId: 'asesor' },
      nick: () => 'cabc', reportError: (error) => first.errors.push(error),
    });
    const event: LiveEvent = {
      type: 'message', conversation: ROOM, from: `${ROOM}/Ana`, nick: 'Ana', timestamp: Date.now(), delayed: false, markable: true,
      originId: 'p-1', stanzaId: 's-1', text: 'Este te sirve:\n• Filtro barato — $ 1', products: ['FIL-ACE-BOX-CT100'],
    };
    apply(event);
    apply({ ...event, delayed: true });
    const received = first.messaging.getMessages(conversation.id).filter((m) => m.senderId === 'asesor');
    expect(received.map((m) => [m.id, m.products])).toEqual([['xmpp_p-1', ['FIL-ACE-BOX-CT100']]]);
    // A plain staff message has none.
    apply({ ...event, originId: 'p-2', stanzaId: 's-2', text: 'hola', products: undefined });
    expect(first.messaging.getMessage('xmpp_p-2')).not.toHaveProperty('products');
    await first.storage.flush();
    first.messaging.dispose();
    await first.storage.close();

    const reloaded = await openMessaging(dbName);
    expect(reloaded.messaging.getMessage('xmpp_p-1')?.products).toEqual(['FIL-ACE-BOX-CT100']);
    expect([...first.errors, ...reloaded.errors]).toEqual([]);
    reloaded.messaging.dispose();
    await reloaded.storage.close();
  });

  it('are the store catalog\'s products: name and price from the catalog, unknown skus left out', { timeout: 20_000 }, async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(CATALOG, { status: 200 })));
    const tab = createSystem({ catalogUrl: 'https://tienda.test/catalog.json', serviceWorker: false, launcher: false }, { channel: createTabChannel(uniqueChannelName()) });
    await tab.ready;
    const cards = await tab.bot.getProductCards(['NOPE-404', 'FIL-ACE-BOX-CT100']);
    const catalogEntry = (JSON.parse(CATALOG) as { products: Array<{ sku: string; name: string; price: number }> }).products.find((p) => p.sku === 'FIL-ACE-BOX-CT100')!;
    expect(cards.map((c) => [c.sku, c.name, c.price])).toEqual([['FIL-ACE-BOX-CT100', catalogEntry.name, catalogEntry.price]]);
    expect(await tab.bot.getProductCards([])).toEqual([]);
    await tab.destroy();
  });
});

describe('createStaffProducts', () => {
  const message = (id: string, products?: string[]): Pick<Message, 'id' | 'products'> => ({ id, ...(products ? { products } : {}) });
  const card = (sku: string): ProductCard => ({ sku, name: sku, brand: '', category: '', price: 1, stock: 1, universal: true, fits: [] });

  it('shows nothing until the catalog answers, then redraws the message with its cards (asking once)', async () => {
    const getProductCards = vi.fn(async (skus: readonly string[]) => skus.filter((s) => s !== 'GONE').map(card));
    const redrawn: string[] = [];
    const products = createStaffProducts({ getProductCards }, (id) => redrawn.push(id));
    const withCards = message('m1', ['A-1', 'GONE']);
    expect(products.of(withCards)).toEqual([]);
    expect(products.of(withCards)).toEqual([]);
    await pollUntil(() => expect(redrawn).toEqual(['m1']));
    expect(products.of(withCards).map((c) => c.sku)).toEqual(['A-1']);
    expect(getProductCards).toHaveBeenCalledTimes(1);
    expect(products.of(message('m2'))).toEqual([]);
    expect(getProductCards).toHaveBeenCalledTimes(1);
  });

  it('keeps the text fallback for skus the catalog does not know, and asks again after a catalog that failed', async () => {
    let up = false;
    const getProductCards = vi.fn(async (skus: readonly string[]) => {
      if (!up) throw new Error('offline');
      return skus.filter((s) => s !== 'GONE').map(card);
    });
    const redrawn: string[] = [];
    const products = createStaffProducts({ getProductCards }, (id) => redrawn.push(id));
    expect(products.of(message('m1', ['GONE']))).toEqual([]);
    expect(products.of(message('m2', ['A-1']))).toEqual([]);
    await pollUntil(() => expect(getProductCards).toHaveBeenCalledTimes(2));
    up = true;
    await pollUntil(() => {
      products.of(message('m1', ['GONE']));
      products.of(message('m2', ['A-1']));
      expect(redrawn).toEqual(['m2']);
    });
    expect(products.of(message('m1', ['GONE']))).toEqual([]);
  });
});
