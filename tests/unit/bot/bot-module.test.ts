import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { createTabChannel } from '../../../src/core/tabs';
import { createManualClock } from '../../../src/core/manual-clock';
import { createStaffOutbox } from '../../../src/bot/staff-outbox';
import { createStorage, isStaffDelivery, type ReplyDetails } from '../../../src/storage';
import { createSystem, type ChatbotSystem } from '../../../src/system';
import { uniqueChannelName } from '../helpers';
import { pollUntil } from '../../shared/poll';

const CATALOG = readFileSync('public/catalog.json', 'utf8');
const ORDERS = readFileSync('public/orders.json', 'utf8');
const CONFIG = {
  catalogUrl: 'https://tienda.test/catalog.json',
  ordersUrl: 'https://tienda.test/orders.json',
  serviceWorker: false as const,
  launcher: false,
  bot: { typingDelayMs: 0 },
};

function system(channelName: string): ChatbotSystem {
  return createSystem(CONFIG, { channel: createTabChannel(channelName) });
}

beforeEach(() => {
  vi.stubGlobal('fetch', vi.fn(async (url: string) => new Response(url.endsWith('orders.json') ? ORDERS : CATALOG, { status: 200 })));
});
afterEach(() => {
  vi.unstubAllGlobals();
});

// The first answer loads the assistant's lazy half and the catalog: give a busy machine time.
describe('the assistant in the customer\'s conversation', { timeout: 20_000 }, () => {
  it('answers the customer\'s message with product cards that survive a reload', async () => {
    const name = uniqueChannelName();
    const tab = system(name);
    await tab.ready;
    const conversationId = tab.bot.ensureConversation('¡Hola!', ['Envíos', 'Horario']);
    expect(tab.bot.ensureConversation('¡Hola!')).toBe(conversationId);
    const [greeting] = tab.messaging.getMessages(conversationId);
    expect(greeting?.content.text).toBe('¡Hola!');
    expect(tab.bot.getReplyDetails(greeting!.id)?.suggestions).toEqual(['Envíos', 'Horario']);
    const typing: string[] = [];
    tab.messaging.on('typing_started', ({ userId }) => typing.push(userId));
    tab.messaging.sendMessage(conversationId, { text: 'bujia para nkd 125' });
    await tab.idle();
    expect(tab.messaging.getMessages(conversationId).length).toBe(3);
    const answer = tab.messaging.getMessages(conversationId).at(-1)!;
    expect(answer.senderId).toBe('asistente');
    expect(typing).toContain('asistente');
    expect(tab.bot.getReplyDetails(answer.id)?.products.map((p) => p.sku)).toEqual(['BUJ-NGK-CR6HSA']);
    await tab.flush();
    await tab.destroy();

    const reloaded = system(uniqueChannelName());
    await reloaded.ready;
    expect(reloaded.bot.findConversation()).toBe(conversationId);
    expect(reloaded.bot.getReplyDetails(answer.id)?.products[0]?.name).toBe('Bujía NGK CR6HSA');
    await reloaded.destroy();
  });

  it('answers once, in the tab the customer wrote in, with two tabs open', async () => {
    const name = uniqueChannelName();
    const [a, b] = [system(name), system(name)];
    await Promise.all([a.ready, b.ready]);
    const conversationId = a.bot.ensureConversation();
    await a.flush();
    await pollUntil(() => expect(b.messaging.getConversation(conversationId)).toBeDefined());
    a.messaging.sendMessage(conversationId, { text: '¿cómo va mi pedido 1234?' });
    await pollUntil(() => expect(b.messaging.getMessages(conversationId).map((m) => m.senderId)).toEqual([a.messaging.currentUser, 'asistente']), { timeout: 10_000 });
    // Tab b heard the customer's message: an answer of its own would be in its background work.
    await Promise.all([a.idle(), b.idle()]);
    for (const tab of [a, b]) expect(tab.messaging.getMessages(conversationId).filter((m) => m.senderId === 'asistente')).toHaveLength(1);
    expect(a.messaging.getMessages(conversationId).at(-1)?.content.text).toContain('Pedido #1234');
    await a.destroy();
    await b.destroy();
  });

  it('answers as itself without changing the tab\'s user, so the answer notifies the customer', async () => {
    const tab = system(uniqueChannelName());
    await tab.ready;
    const customer = tab.messaging.currentUser;
    const conversationId = tab.bot.ensureConversation();
    expect(tab.messaging.getConversation(conversationId)?.createdBy).toBe(customer);
    const usersSeen: string[] = [];
    tab.messaging.on('message_sent', () => usersSeen.push(tab.messaging.currentUser));
    tab.messaging.sendMessage(conversationId, { text: 'bujia para nkd 125' });
    await tab.idle();
    expect(tab.messaging.getMessages(conversationId).at(-1)?.senderId).toBe('asistente');
    const answer = tab.messaging.getMessages(conversationId).at(-1)!;
    // No page here, so nobody is looking at the chat: the answer notifies, the customer's own words do not.
    await tab.idle();
    expect(tab.pushNotifications.getNotifications({ category: 'messages' }).map((n) => [n.title, n.body])).toEqual([['Nuevo mensaje de asistente', answer.content.text]]);
    expect(usersSeen).toEqual([customer, customer]);
    await tab.destroy();
  });

  it('answers in the language configure() switched to, from the next answer on', async () => {
    const tab = system(uniqueChannelName());
    await tab.ready;
    const conversationId = tab.bot.ensureConversation();
    tab.messaging.sendMessage(conversationId, { text: 'bujia para nkd 125' });
    await tab.idle();
    expect(tab.messaging.getMessages(conversationId).at(-1)?.senderId).toBe('asistente');
    expect(tab.messaging.getMessages(conversationId).at(-1)?.content.text).toMatch(/^Encontré/);
    tab.configure({ language: 'en' });
    tab.messaging.sendMessage(conversationId, { text: 'spark plug for nkd 125' });
    await tab.idle();
    expect(tab.messaging.getMessages(conversationId)).toHaveLength(4);
    expect(tab.messaging.getMessages(conversationId).at(-1)?.content.text).toMatch(/^I found/);
    // Messaging follows too: a deleted message reads in English.
    const mine = tab.messaging.sendMessage(conversationId, { text: 'oops' });
    tab.messaging.deleteMessage(mine.id);
    expect(tab.messaging.getMessage(mine.id)?.content.text).toBe('message deleted');
    await tab.destroy();
  });

  it('hands off to staff: event, staff delivery, and the conversation includes the staff', async () => {
    const tab = system(uniqueChannelName());
    await tab.ready;
    const conversationId = tab.bot.ensureConversation();
    expect(tab.messaging.getConversation(conversationId)?.participants).toEqual([tab.messaging.currentUser, 'asistente', 'asesor']);
    const handoffs: string[] = [];
    tab.bot.on('handoff_requested', (delivery) => handoffs.push(delivery.text));
    tab.messaging.sendMessage(conversationId, { text: 'mi moto es una boxer ct100 2019' });
    await tab.idle();
    tab.messaging.sendMessage(conversationId, { text: 'hablar con un asesor' });
    await pollUntil(() => expect(handoffs).toEqual(['hablar con un asesor']), { timeout: 10_000 });
    await pollUntil(() => expect(tab.bot.getStaffDeliveries().map((d) => d.status)).toEqual(['sent']));
    expect(tab.bot.getStaffDeliveries()[0]?.transcript).toContain('hablar con un asesor');
    // The bike named to the assistant goes with the handoff (the staff inbox's row shows it).
    expect(tab.bot.getStaffDeliveries()[0]?.bike).toBe('Bajaj Boxer CT100 2019');
    await tab.destroy();
  });

  it('keeps quiet while a person of the store talks with the customer', async () => {
    const tab = system(uniqueChannelName());
    await tab.ready;
    const conversationId = tab.bot.ensureConversation();
    tab.messaging.actAs('asesor').sendMessage(conversationId, { text: 'Hola, soy Ana de la tienda' });
    tab.messaging.sendMessage(conversationId, { text: 'bujia para nkd 125' });
    await tab.idle();
    expect(tab.messaging.getMessages(conversationId).map((m) => m.senderId)).toEqual(['asesor', tab.messaging.currentUser]);
    await tab.destroy();
  });

  it('reloads its records after a backup restore replaced them in IndexedDB', async () => {
    const tab = system(uniqueChannelName());
    await tab.ready;
    const details: ReplyDetails = { id: 'bot:reply:msg_restored', messageId: 'msg_restored', kind: 'products', products: [], suggestions: ['Envíos'] };
    tab.storage.put('kv', details);
    await tab.bot.reloadState();
    expect(tab.bot.getReplyDetails('msg_restored')?.suggestions).toEqual(['Envíos']);
    tab.storage.delete('kv', details.id);
    await tab.bot.reloadState();
    expect(tab.bot.getReplyDetails('msg_restored')).toBeUndefined();
    await tab.destroy();
  });

  it('rejects an empty question with VALIDATION', async () => {
    const tab = system(uniqueChannelName());
    await tab.ready;
    await expect(tab.bot.ask('')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(tab.bot.ask('hola', { conversationId: 3 } as never)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(() => tab.bot.ensureConversation(42 as never)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(tab.bot.findConversation()).toBeUndefined(); // nothing was created
    expect((await tab.bot.ask('bujia para nkd 125')).products[0]?.sku).toBe('BUJ-NGK-CR6HSA');
    await tab.destroy();
  });

  it('still answers when the catalog cannot load, reports it, and loads it on a later question', async () => {
    let catalogUp = false;
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      if (url.endsWith('catalog.json') && !catalogUp) return new Response('', { status: 503 });
      return new Response(url.endsWith('orders.json') ? ORDERS : CATALOG, { status: 200 });
    }));
    const tab = system(uniqueChannelName());
    const errors: string[] = [];
    tab.on('error', (error) => errors.push(error.code));
    await tab.ready;
    const first = await tab.bot.ask('bujia para nkd 125');
    expect(first.text).not.toBe('');
    expect(first.products).toEqual([]);
    expect(errors).toEqual(['NETWORK']);
    catalogUp = true;
    expect((await tab.bot.ask('bujia para nkd 125')).products[0]?.sku).toBe('BUJ-NGK-CR6HSA');
    await tab.destroy();
  });
});

describe('messages for staff while offline', () => {
  it('keeps them pending offline and posts them in order when the network returns, retrying failures', async () => {
    const clock = createManualClock(Date.parse('2026-11-21T15:00:00Z'));
    const storage = createStorage({ clock, channel: createTabChannel(uniqueChannelName()) });
    await storage.ready;
    const records = new Map<string, Record<string, unknown>>();
    const host = Object.assign(new EventTarget(), { navigator: { onLine: false } });
    const posted: string[] = [];
    let failNext = false;
    const fetchStub = vi.fn(async (_url: string, init?: RequestInit) => {
      if (failNext) {
        failNext = false;
        return new Response('', { status: 503 });
      }
      posted.push((JSON.parse(String(init?.body)) as { text: string }).text);
      return new Response(null, { status: 204 });
    });
    const errors: string[] = [];
    const staff = createStaffOutbox({
      storage, clock, storeName: 'Repuestos Motos', endpoint: 'https://tienda.test/handoff', fetch: fetchStub as unknown as typeof fetch,
      host, onSent: () => undefined, reportError: (e) => errors.push(e.code),
      records: () => records.values() as never, save: (d) => { records.set(d.id, d as never); storage.put('kv', d as never); },
    });
    staff.add({ kind: 'handoff', conversationId: 'c', customerId: 'u', messageId: 'm1', text: 'hablar con un asesor' });
    staff.add({ kind: 'message', conversationId: 'c', customerId: 'u', messageId: 'm2', text: 'es urgente' });
    await staff.flush();
    expect(posted).toEqual([]);
    await storage.flush();
    expect((await storage.getAll('kv')).filter((r) => isStaffDelivery(r) && r.status === 'pending')).toHaveLength(2);

    host.navigator.onLine = true;
    failNext = true;
    host.dispatchEvent(new Event('online'));
    await pollUntil(() => expect(errors).toEqual(['NETWORK']));
    await staff.idle();
    expect(posted).toEqual([]);
    clock.advance(15_000); // the retry
    await pollUntil(() => expect(posted).toEqual(['hablar con un asesor', 'es urgente']));
    await pollUntil(() => expect([...records.values()].map((r) => r.status)).toEqual(['sent', 'sent']));
    staff.dispose();
    await storage.close();
  });
});
