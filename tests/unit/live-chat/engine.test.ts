import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../src/core/clock';
import { configFromDataset, parseConfig } from '../../../src/core/config';
import type { ChatbotError } from '../../../src/core/errors';
import { createTabChannel } from '../../../src/core/tabs';
import { createLiveChatEngine, type LiveChatEngine } from '../../../src/live-chat/engine';
import type { LiveEvent } from '../../../src/live-chat/protocol/live-event';
import type { XmlElement } from '../../../src/live-chat/protocol/xml';
import type { XmppConnectionOptions } from '../../../src/live-chat/protocol/xmpp-connection';
import { parseLiveChatSettings } from '../../../src/live-chat/settings';
import { createMessaging, type MessagingModule } from '../../../src/messaging';
import { createStorage, type ChatbotStorage } from '../../../src/storage';
import { pollUntil } from '../../shared/poll';
import { createFakeLocks, createTestBackground, uniqueChannelName } from '../helpers';
import { fakeConnection, type FakeConnection } from './fake-connection';

// Strophe's Node build wants an XML DOM package the browser does not need; the connection is
// scripted here, so Strophe itself is never used.
vi.mock('strophe.js', () => ({ Strophe: {} }));

// The live chat's working half over real storage and messaging, with a scripted XMPP connection:
// what the server says becomes the conversation, and what the customer does becomes stanzas.

const SETTINGS = parseLiveChatSettings({ server: 'wss://chat.tienda.test/xmpp-websocket', domain: 'chat.tienda.test', staffQueue: ['ventas@staff.chat.tienda.test'] })!;
const CUSTOMER = 'cliente_1';
const NICK = 'cabc';

type Fake = FakeConnection;

interface Rig {
  messaging: MessagingModule;
  storage: ChatbotStorage;
  engine: LiveChatEngine;
  fake: Fake;
  errors: ChatbotError[];
  conversationId: string;
  room(): string;
  /** What the engine asked of the connection. */
  connectionOptions(): XmppConnectionOptions | undefined;
  /** The page going away (the runtime's pagehide hook). */
  hide(): void;
}

const rigs: Rig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) {
    await rig.engine.dispose();
    rig.messaging.dispose();
    await rig.storage.close();
  }
});

async function createRig(options: { archive?: LiveEvent[]; dbName?: string; handOff?: boolean; archivePageSize?: number } = {}): Promise<Rig> {
  const channel = createTabChannel(uniqueChannelName());
  const storage = createStorage({ clock: systemClock, channel, dbName: options.dbName ?? `live-${Math.random()}` });
  const errors: ChatbotError[] = [];
  const background = createTestBackground(storage, (error) => errors.push(error));
  const config = parseConfig({ userId: CUSTOMER });
  const messaging = createMessaging({ clock: systemClock, channel, config, section: {}, reportError: (e) => errors.push(e), background: background.run, storage });
  await messaging.ready;
  const conversation = messaging.actAs(CUSTOMER).createConversation([CUSTOMER, 'asistente', 'asesor'], { type: 'group' });
  messaging.actAs(CUSTOMER).sendMessage(conversation.id, { text: '¿tienen filtro para Boxer CT100?' });
  messaging.actAs('asistente').sendMessage(conversation.id, { text: 'Sí: Filtro de aceite Boxer CT100' });
  await storage.flush();
  const fake = fakeConnection(options.archive);
  storage.put('kv', { id: 'live:account', jid: `${NICK}@chat.tienda.test`, password: 'x'.repeat(32), server: SETTINGS.server, createdAt: 1 });
  const asked: { options?: XmppConnectionOptions } = {};
  const hides = new Set<() => void>();
  const engine = await createLiveChatEngine({
    settings: SETTINGS,
    storage,
    clock: systemClock,
    channel,
    port: messaging,
    participants: { customerId: () => CUSTOMER, botId: 'asistente', staffId: 'asesor' },
    storeName: 'Repuestos Motos',
    language: () => 'es',
    locks: createFakeLocks(),
    reportError: (error) => errors.push(error),
    onStatus: () => undefined,
    createConnection: (connectionOptions) => {
      asked.options = connectionOptions;
      return fake.connection;
    },
    onPageHide: (listener) => {
      hides.add(listener);
      return () => void hides.delete(listener);
    },
    ...(options.archivePageSize ? { archivePageSize: options.archivePageSize } : {}),
  });
  if (options.handOff !== false) engine.handOff(conversation.id, 'quiero un asesor', 'Bajaj Boxer CT100 2019');
  const rig: Rig = {
    messaging, storage, engine, fake, errors, conversationId: conversation.id,
    room: () => engine.status() && (fake.invites[0]?.room ?? ''),
    connectionOptions: () => asked.options,
    hide: () => hides.forEach((listener) => listener()),
  };
  rigs.push(rig);
  if (options.handOff !== false) await pollUntil(() => expect(fake.invites).toHaveLength(1));
  return rig;
}

const bodyOf = (stanza: XmlElement): string | undefined => {
  const body = stanza.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'body');
  return body?.children.join('');
};

function staffEvent(rig: Rig, fields: Partial<LiveEvent> & { type: LiveEvent['type'] }, nick = 'Ana'): LiveEvent {
  return { conversation: rig.room(), from: `${rig.room()}/${nick}`, nick, timestamp: Date.now(), delayed: false, ...fields } as LiveEvent;
}

describe('the live chat engine', () => {
  it('opens one room at the handoff: transcript of what came before, staff invited, marked opened', async () => {
    const rig = await createRig();
    expect(rig.room()).toMatch(/^conv-[a-z0-9]{20}@rooms\.chat\.tienda\.test$/);
    expect(rig.fake.invites).toEqual([{ room: rig.room(), to: 'ventas@staff.chat.tienda.test' }]);
    const transcript = rig.fake.sent.map(bodyOf).find((body) => body?.includes('Conversación previa'));
    expect(transcript).toContain('¿tienen filtro para Boxer CT100?');
    expect(transcript).toContain('asistente: Sí: Filtro de aceite Boxer CT100');
    // The bike the customer named to the assistant heads the transcript: the staff inbox shows it.
    expect(transcript).toContain('Moto: Bajaj Boxer CT100 2019');
    await rig.storage.flush();
    expect(await rig.storage.get('kv', `live:conv:${rig.conversationId}`)).toMatchObject({ room: rig.room(), opened: true });
    // A second handoff of the same conversation changes nothing.
    rig.engine.handOff(rig.conversationId);
    expect(rig.engine.isLive(rig.conversationId)).toBe(true);
    expect(rig.fake.invites).toHaveLength(1);
  });

  it('turns a staff message into one message of the conversation, however often it arrives', async () => {
    const rig = await createRig();
    const event = staffEvent(rig, { type: 'message', text: 'Hola, soy Ana', originId: 'o-1', stanzaId: 's-1', markable: true });
    rig.fake.deliver(event);
    rig.fake.deliver({ ...event, delayed: true });
    const fromStaff = rig.messaging.getMessages(rig.conversationId).filter((m) => m.senderId === 'asesor');
    expect(fromStaff.map((m) => [m.id, m.content.text])).toEqual([['xmpp_o-1', 'Hola, soy Ana']]);
    // Nothing of staff's goes back out.
    await rig.engine.flush();
    expect(rig.fake.sent.map(bodyOf)).not.toContain('Hola, soy Ana');
  });

  it('applies staff corrections, reactions, read markers and retractions to the right local message', async () => {
    const rig = await createRig();
    rig.fake.deliver(staffEvent(rig, { type: 'message', text: 'Cuesta $18.000', originId: 'o-2', stanzaId: 's-2', markable: true }));
    const mine = rig.messaging.actAs(CUSTOMER).sendMessage(rig.conversationId, { text: '¿Y el envío?' });
    // The room echoes our message with its stanza-id.
    rig.fake.deliver(staffEvent(rig, { type: 'message', text: '¿Y el envío?', originId: mine.id, stanzaId: 's-3', markable: true }, NICK));
    rig.fake.deliver(staffEvent(rig, { type: 'correction', targetId: 'o-2', text: 'Cuesta $17.500', originId: 'o-4', stanzaId: 's-4' }));
    rig.fake.deliver(staffEvent(rig, { type: 'reaction', targetId: 's-3', emojis: ['👍'], stanzaId: 's-5' }));
    rig.fake.deliver(staffEvent(rig, { type: 'receipt', receipt: 'displayed', targetId: 's-3', stanzaId: 's-6' }));
    expect(rig.messaging.getMessage('xmpp_o-2')?.content.text).toBe('Cuesta $17.500');
    expect(rig.messaging.getReactionsSummary(mine.id)['👍']?.users).toEqual(['asesor']);
    expect(rig.messaging.actAs('asesor').getUnreadCount(rig.conversationId)).toBe(0);
    rig.fake.deliver(staffEvent(rig, { type: 'retraction', targetId: 's-2', stanzaId: 's-7' }));
    expect(rig.messaging.getMessage('xmpp_o-2')?.deleted).toBe(true);
    // Staff cannot edit or delete the customer's message through the room.
    rig.fake.deliver(staffEvent(rig, { type: 'retraction', targetId: 's-3', stanzaId: 's-8' }));
    rig.fake.deliver(staffEvent(rig, { type: 'correction', targetId: mine.id, text: 'otra cosa', stanzaId: 's-9' }));
    expect(rig.messaging.getMessage(mine.id)).toMatchObject({ deleted: false, content: { text: '¿Y el envío?' } });
    await rig.storage.flush();
    expect((await rig.storage.get('kv', `live:conv:${rig.conversationId}`))?.lastArchiveId).toBe('s-9');
  });

  it('catches up newest page first after a gap: every missed message once, corrections and replies across pages applied, the cursor at the newest', async () => {
    const rig = await createRig({ archivePageSize: 10 });
    rig.fake.deliver(staffEvent(rig, { type: 'message', text: 'antes de irte', originId: 'o-0', stanzaId: 's-0', markable: true }));
    rig.fake.drop();
    // While the page was away staff wrote 25 messages (three pages of 10): in the newest page, a
    // correction of the first missed message and a reply to it; a reaction in the middle.
    const room = rig.room();
    const now = Date.now() + 1_000;
    const missed = (i: number, fields: Partial<LiveEvent> & { type: LiveEvent['type'] }): LiveEvent =>
      ({ conversation: room, from: `${room}/Ana`, nick: 'Ana', timestamp: now + i, delayed: true, stanzaId: `m-${i}`, ...fields }) as LiveEvent;
    const archive = [staffEvent(rig, { type: 'message', text: 'antes de irte', originId: 'o-0', stanzaId: 's-0', markable: true })];
    for (let i = 0; i < 25; i++) archive.push(missed(i, { type: 'message', text: `mientras no estabas ${i}`, originId: `o-m-${i}`, markable: true }));
    archive.push(missed(25, { type: 'correction', targetId: 'o-m-0', text: 'mientras no estabas 0 (corregido)', originId: 'o-c' }));
    archive.push(missed(26, { type: 'message', text: 'respuesta al primero', originId: 'o-r', markable: true, replyTo: { id: 'm-0' } }));
    archive.push(missed(27, { type: 'reaction', targetId: 'm-12', emojis: ['👍'] }));
    rig.fake.archive.push(...archive);
    rig.fake.queries.length = 0;
    rig.fake.restore();
    await pollUntil(() => expect(rig.messaging.getMessages(rig.conversationId, { limit: 10_000 }).filter((m) => m.senderId === 'asesor')).toHaveLength(27), { timeout: 10_000 });
    const fromStaff = rig.messaging.getMessages(rig.conversationId, { limit: 10_000 }).filter((m) => m.senderId === 'asesor');
    expect(fromStaff.at(-1)?.content.text).toBe('respuesta al primero');
    expect(fromStaff.at(-1)?.replyTo).toBe('xmpp_o-m-0');
    expect(rig.messaging.getMessage('xmpp_o-m-0')?.content.text).toBe('mientras no estabas 0 (corregido)');
    expect(rig.messaging.getReactionsSummary('xmpp_o-m-12')['👍']?.users).toEqual(['asesor']);
    // The newest page first, bounded by the last id applied, then back page by page; from the
    // second page on, the next is asked while the current one arrives (the last ask, past the end
    // of the gap, comes back empty).
    expect(rig.fake.queries.map((q) => [q.after, q.before, q.max])).toEqual([['s-0', '', 10], ['s-0', 'm-18', 10], ['s-0', 'm-8', 10], ['s-0', 'm-0', 10]]);
    expect(rig.fake.inFlightAtQuery.slice(-4)).toEqual([0, 0, 1, 1]);
    await rig.storage.flush();
    expect((await rig.storage.get('kv', `live:conv:${rig.conversationId}`))?.lastArchiveId).toBe('m-27');
  });

  it('starts stream management after a reconnect only once the catch-up has read the archive (the server sends a page ~3x slower with it)', async () => {
    const rig = await createRig({ archivePageSize: 10 });
    const sm = rig.connectionOptions()?.streamManagement;
    const holdWhile = typeof sm === 'object' ? sm.holdWhile : undefined;
    // With a room to catch up, a new session holds its <enable/>.
    expect(holdWhile?.()).toBe(true);
    rig.fake.drop();
    const room = rig.room();
    for (let i = 0; i < 25; i++) {
      rig.fake.archive.push({ conversation: room, from: `${room}/Ana`, nick: 'Ana', timestamp: Date.now() + i, delayed: true, stanzaId: `m-${i}`, type: 'message', text: `mientras no estabas ${i}`, originId: `o-m-${i}`, markable: true } as LiveEvent);
    }
    const fromStaff = (): number => rig.messaging.getMessages(rig.conversationId, { limit: 10_000 }).filter((m) => m.senderId === 'asesor').length;
    const appliedWhenEnabled: number[] = [];
    rig.fake.connection.enableStreamManagement = () => void appliedWhenEnabled.push(fromStaff());
    rig.fake.queries.length = 0;
    rig.fake.restore();
    await pollUntil(() => expect(appliedWhenEnabled).toHaveLength(1));
    // Asked once, after all three pages were read and applied (and the ask past their end answered).
    expect(rig.fake.queries).toHaveLength(4);
    expect(appliedWhenEnabled).toEqual([25]);
  });

  it('writes the archive cursor when the page goes away, not after the pause between writes: the next page does not read again what this one showed', async () => {
    const rig = await createRig();
    const stored = async (): Promise<string | undefined> => {
      await rig.storage.flush();
      return (await rig.storage.get('kv', `live:conv:${rig.conversationId}`))?.lastArchiveId;
    };
    rig.fake.deliver(staffEvent(rig, { type: 'message', text: 'uno', originId: 'o-1', stanzaId: 's-1', markable: true }));
    await pollUntil(async () => expect(await stored()).toBe('s-1'));
    // Within the pause after that write, another message; then the page is hidden.
    rig.fake.deliver(staffEvent(rig, { type: 'message', text: 'dos', originId: 'o-2', stanzaId: 's-2', markable: true }));
    rig.hide();
    expect(await stored()).toBe('s-2');
  });

  it('reads the archive right behind the room join after a reconnect, while the room has not answered yet', async () => {
    const rig = await createRig();
    rig.fake.deliver(staffEvent(rig, { type: 'message', text: 'antes de irte', originId: 'o-0', stanzaId: 's-0', markable: true }));
    rig.fake.drop();
    rig.fake.archive.push(staffEvent(rig, { type: 'message', text: 'mientras no estabas', originId: 'o-gap', stanzaId: 's-gap', markable: true, delayed: true }));
    const release = rig.fake.holdJoins();
    rig.fake.queries.length = 0;
    rig.fake.restore();
    await pollUntil(() => expect(rig.messaging.getMessage('xmpp_o-gap')?.content.text).toBe('mientras no estabas'));
    expect(rig.fake.queries.map((q) => q.after)).toEqual(['s-0']);
    expect(rig.engine.status().state).toBe('connecting');
    release();
    await pollUntil(() => expect(rig.engine.status().state).toBe('connected'));
    expect(rig.messaging.getMessages(rig.conversationId).filter((m) => m.senderId === 'asesor').map((m) => m.content.text)).toEqual(['antes de irte', 'mientras no estabas']);
  });

  it('shows a staff message longer than messaging allows whole, in parts that follow its edits, retraction and read marker', async () => {
    const rig = await createRig();
    const sentence = 'Le explico el proceso de garantía del kit de arrastre paso a paso. ';
    const long = sentence.repeat(250).trim(); // ~16,700 characters; messaging takes 10,000
    rig.fake.deliver(staffEvent(rig, { type: 'message', text: long, originId: 'o-long', stanzaId: 's-long', markable: true }));
    const parts = (): string[] => rig.messaging.getMessages(rig.conversationId).filter((m) => m.senderId === 'asesor' && !m.deleted).map((m) => m.content.text);
    expect(parts()).toHaveLength(2);
    expect(parts().join(' ')).toBe(long);
    expect(rig.errors).toEqual([]);
    // Reading the last part tells staff the message was read, under its own id.
    rig.messaging.actAs(CUSTOMER).markAsRead(rig.conversationId);
    await pollUntil(() => expect(rig.fake.sent.some((s) => s.children.some((c) => typeof c !== 'string' && c.name === 'displayed' && c.attrs.id === 's-long'))).toBe(true));
    // A correction to a short text leaves one message; a retraction removes it.
    rig.fake.deliver(staffEvent(rig, { type: 'correction', targetId: 'o-long', text: 'Resumen: garantía de 6 meses.', originId: 'o-fix', stanzaId: 's-fix' }));
    expect(parts()).toEqual(['Resumen: garantía de 6 meses.']);
    rig.fake.deliver(staffEvent(rig, { type: 'correction', targetId: 'o-long', text: long, originId: 'o-fix2', stanzaId: 's-fix2' }));
    expect(parts()).toHaveLength(2);
    rig.fake.deliver(staffEvent(rig, { type: 'retraction', targetId: 's-long', stanzaId: 's-gone' }));
    expect(parts()).toEqual([]);
  });

  it('sends a read marker at once, then at most one a second: the newest of what was read meanwhile', async () => {
    const rig = await createRig();
    const displayed = (): string[] => rig.fake.sent.flatMap((s) => s.children.flatMap((c) => (typeof c !== 'string' && c.name === 'displayed' ? [c.attrs.id ?? ''] : [])));
    for (const n of [1, 2, 3]) {
      rig.fake.deliver(staffEvent(rig, { type: 'message', text: `respuesta ${n}`, originId: `o-r${n}`, stanzaId: `s-r${n}`, markable: true }));
      rig.messaging.actAs(CUSTOMER).markAsRead(rig.conversationId, [`xmpp_o-r${n}`]);
    }
    await pollUntil(() => expect(displayed()).toEqual(['s-r1']));
    await pollUntil(() => expect(displayed()).toEqual(['s-r1', 's-r3']), { timeout: 3_000 });
  });

  it('ignores events from rooms that are not the customer\'s conversations', async () => {
    const rig = await createRig();
    const before = rig.messaging.getMessages(rig.conversationId).length;
    rig.fake.deliver({ ...staffEvent(rig, { type: 'message', text: 'spam', originId: 'x', stanzaId: 'y', markable: false }), conversation: 'other@rooms.chat.tienda.test' } as LiveEvent);
    expect(rig.messaging.getMessages(rig.conversationId)).toHaveLength(before);
  });

  it('sends what the customer and the assistant write after the handoff, in order, with their ids as origin-ids', async () => {
    const rig = await createRig();
    const a = rig.messaging.actAs(CUSTOMER).sendMessage(rig.conversationId, { text: 'uno' });
    const b = rig.messaging.actAs('asistente').sendMessage(rig.conversationId, { text: 'dos' });
    await pollUntil(() => expect(rig.fake.sent.map(bodyOf)).toEqual(expect.arrayContaining(['uno', 'dos'])));
    const sent = rig.fake.sent.filter((s) => ['uno', 'dos'].includes(bodyOf(s) ?? ''));
    expect(sent.map((s) => s.attrs.id)).toEqual([a.id, b.id]);
    expect(sent[1]!.children.some((c) => typeof c !== 'string' && c.name === 'assistant')).toBe(true);
    expect(sent[0]!.children.some((c) => typeof c !== 'string' && c.name === 'assistant')).toBe(false);
  });

  it('keeps changes while the server is unreachable and sends them once when it is back', async () => {
    const rig = await createRig();
    rig.fake.drop();
    const first = rig.messaging.actAs(CUSTOMER).sendMessage(rig.conversationId, { text: 'sin red 1' });
    rig.messaging.actAs(CUSTOMER).sendMessage(rig.conversationId, { text: 'sin red 2' });
    rig.messaging.actAs(CUSTOMER).editMessage(first.id, 'sin red 1 (editado)');
    await rig.engine.flush();
    expect(rig.fake.sent.map(bodyOf)).not.toContain('sin red 2');
    await pollUntil(() => expect(rig.engine.status().pending).toBeGreaterThanOrEqual(2));
    rig.fake.restore();
    await pollUntil(() => expect(rig.fake.sent.map(bodyOf)).toEqual(expect.arrayContaining(['sin red 1 (editado)', 'sin red 2'])));
    await rig.engine.flush();
    const bodies = rig.fake.sent.map(bodyOf);
    expect(bodies.filter((b) => b === 'sin red 2')).toHaveLength(1);
    expect(bodies.indexOf('sin red 1 (editado)')).toBeLessThan(bodies.indexOf('sin red 2'));
    await pollUntil(() => expect(rig.engine.status().pending).toBe(0));
  });

  it('sends at start what a closed page left unsent, but not what the room already has', async () => {
    const dbName = `live-reconcile-${Math.random()}`;
    const first = await createRig({ dbName });
    first.fake.drop();
    const lost = first.messaging.actAs(CUSTOMER).sendMessage(first.conversationId, { text: 'se quedó sin enviar' });
    const known = first.messaging.actAs(CUSTOMER).sendMessage(first.conversationId, { text: 'ya estaba en la sala' });
    await first.storage.flush();
    const room = first.room();
    const conversationId = first.conversationId;
    // The page closes: its outbox items are gone with it (as if never queued).
    await first.storage.clear('outbox');
    await first.storage.flush();
    await first.engine.dispose();
    rigs.splice(rigs.indexOf(first), 1);
    first.messaging.dispose();
    await first.storage.close();

    // The room's archive has the second message (it did go out) but not the first.
    const archive: LiveEvent[] = [{ conversation: room, from: `${room}/${NICK}`, nick: NICK, type: 'message', text: known.content.text, originId: known.id, stanzaId: 'a-1', timestamp: Date.now(), delayed: true, markable: true }];
    const channel = createTabChannel(uniqueChannelName());
    const storage = createStorage({ clock: systemClock, channel, dbName });
    const errors: ChatbotError[] = [];
    const background = createTestBackground(storage, (error) => errors.push(error));
    const messaging = createMessaging({ clock: systemClock, channel, config: parseConfig({ userId: CUSTOMER }), section: {}, reportError: (e) => errors.push(e), background: background.run, storage });
    await messaging.ready;
    const fake = fakeConnection(archive);
    const engine = await createLiveChatEngine({
      settings: SETTINGS, storage, clock: systemClock, channel, port: messaging,
      participants: { customerId: () => CUSTOMER, botId: 'asistente', staffId: 'asesor' },
      storeName: 'Repuestos Motos', language: () => 'es', locks: createFakeLocks(), reportError: (e) => errors.push(e), onStatus: () => undefined,
      createConnection: () => fake.connection,
    });
    rigs.push({ messaging, storage, engine, fake, errors, conversationId, room: () => room, connectionOptions: () => undefined, hide: () => undefined });
    await pollUntil(() => expect(fake.sent.map(bodyOf)).toContain(lost.content.text));
    await engine.flush();
    expect(fake.sent.map(bodyOf)).not.toContain(known.content.text);
    expect(fake.invites).toEqual([]);
  });
});

describe('live chat settings', () => {
  it('is off without a server, reads the script tag, and refuses a malformed section', () => {
    expect(parseLiveChatSettings(undefined)).toBeUndefined();
    const config = parseConfig(configFromDataset({ chatServer: 'wss://chat.tienda.co/xmpp-websocket', chatDomain: 'chat.tienda.co', staffQueue: 'ana@staff.chat.tienda.co, luis@staff.chat.tienda.co' }));
    expect(parseLiveChatSettings(config.liveChat)).toEqual({
      server: 'wss://chat.tienda.co/xmpp-websocket',
      domain: 'chat.tienda.co',
      rooms: 'rooms.chat.tienda.co',
      upload: 'upload.chat.tienda.co',
      staffQueue: ['ana@staff.chat.tienda.co', 'luis@staff.chat.tienda.co'],
      requestTimeoutMs: 15_000,
    });
    expect(() => parseLiveChatSettings({ server: 'https://chat.tienda.co' })).toThrowError(/VALIDATION|Invalid input/);
    expect(() => parseLiveChatSettings({ server: 'wss://x/ws', staffQueue: ['<script>@x'] })).toThrowError(/staffQueue/);
  });
});
