import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/core/clock';
import { parseConfig } from '../../../src/core/config';
import type { ChatbotError } from '../../../src/core/errors';
import { createTabChannel } from '../../../src/core/tabs';
import { createLiveChatEngine, type LiveChatEngine } from '../../../src/live-chat/engine';
import { parseLiveChatSettings } from '../../../src/live-chat/settings';
import { createMessaging, type MessagingModule } from '../../../src/messaging';
import { createStorage, type ChatbotStorage } from '../../../src/storage';
import { pollUntil } from '../../shared/poll';
import { createFakeLocks, createTestBackground, uniqueChannelName } from '../helpers';
import { fakeConnection } from '../live-chat/fake-connection';
import { createRandom } from './mutate-backup';

/** Rounds of traffic ("minutes"): 60 in CI, 600 with RELIABILITY_LONG=1 (or exactly RELIABILITY_LIVE_ROUNDS). */
const ROUNDS = Number(process.env.RELIABILITY_LIVE_ROUNDS ?? (process.env.RELIABILITY_LONG ? 600 : 60));
const SETTINGS = parseLiveChatSettings({ server: 'wss://chat.tienda.test/xmpp-websocket', domain: 'chat.tienda.test', staffQueue: ['ventas@staff.chat.tienda.test'] })!;
const CUSTOMER = 'cliente_1';
const NICK = 'cabc';
const HEAP_GROWTH_LIMIT_MB = 48;

function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const open: Array<{ engine: LiveChatEngine; messaging: MessagingModule; storage: ChatbotStorage }> = [];
afterEach(async () => {
  for (const rig of open.splice(0)) {
    await rig.engine.dispose();
    rig.messaging.dispose();
    await rig.storage.close();
  }
});

describe(`a soak of ${ROUNDS} rounds of live chat traffic (a customer, staff, dropped connections)`, () => {
  it('delivers every message once each way, leaves nothing queued, and keeps the heap flat', { timeout: 600_000 }, async () => {
    const gc = collectGarbage();
    const random = createRandom(16);
    const channel = createTabChannel(uniqueChannelName());
    const storage = createStorage({ clock: systemClock, channel, dbName: `live-soak-${Math.random()}` });
    const errors: ChatbotError[] = [];
    const background = createTestBackground(storage, (error) => errors.push(error));
    const messaging = createMessaging({ clock: systemClock, channel, config: parseConfig({ userId: CUSTOMER }), section: {}, reportError: (e) => errors.push(e), background: background.run, storage });
    await messaging.ready;
    const conversationId = messaging.actAs(CUSTOMER).createConversation([CUSTOMER, 'asistente', 'asesor'], { type: 'group' }).id;
    storage.put('kv', { id: 'live:account', jid: `${NICK}@chat.tienda.test`, password: 'x'.repeat(32), server: SETTINGS.server, createdAt: 1 });
    // The room server: the customer's messages come back with stanza ids, staff speak, the line drops.
    const server = fakeConnection([], { nick: NICK, echo: true });
    const engine = await createLiveChatEngine({
      settings: SETTINGS, storage, clock: systemClock, channel, port: messaging,
      participants: { customerId: () => CUSTOMER, botId: 'asistente', staffId: 'asesor' },
      storeName: 'Repuestos Motos', language: () => 'es', locks: createFakeLocks(),
      reportError: (error) => errors.push(error), onStatus: () => undefined, createConnection: () => server.connection,
    });
    open.push({ engine, messaging, storage });
    engine.handOff(conversationId, 'quiero un asesor');
    await pollUntil(() => expect(storage.get('kv', `live:conv:${conversationId}`)).resolves.toMatchObject({ opened: true }));

    const customerTexts: string[] = [];
    const staffTexts: string[] = [];
    const heap: number[] = [];
    const customer = messaging.actAs(CUSTOMER);
    // What the room archived from the customer (the transcript posted at the handoff aside).
    const echoedTexts = (): string[] => server.archive.flatMap((event) => (event.nick === NICK && event.type === 'message' && event.text.startsWith('ronda ') ? [event.text] : []));
    const texts = (senderId: string): string[] => messaging.getMessages(conversationId, { limit: 10_000 }).filter((m) => m.senderId === senderId && !m.deleted).map((m) => m.content.text);
    for (let round = 1; round <= ROUNDS; round++) {
      // Every tenth round the connection drops: what is written meanwhile waits (customer) or is archived only (staff).
      const dropped = round % 10 === 5;
      if (dropped) server.drop();
      for (let i = 0; i < 8; i++) {
        const text = `ronda ${round}: ${random.pick(['filtro de aceite', 'kit de arrastre', 'pastillas', 'bujía'])} ${i}`;
        customer.sendMessage(conversationId, { text });
        customerTexts.push(text);
      }
      for (let i = 0; i < 3; i++) {
        const text = `asesor ronda ${round}.${i}`;
        server.staff(text, `staff-${round}-${i}`);
        staffTexts.push(text);
      }
      if (dropped) server.restore();
      // The round is over when both sides hold everything said so far (customer messages echoed, staff messages applied).
      await pollUntil(() => {
        expect(texts('asesor').length).toBe(staffTexts.length);
        expect(echoedTexts().length).toBe(customerTexts.length);
      }, { timeout: 20_000 });
      if (round === Math.ceil(ROUNDS / 4) || round === ROUNDS) {
        await storage.flush();
        gc();
        heap.push(process.memoryUsage().heapUsed / 1e6);
      }
    }
    await pollUntil(() => expect(engine.status().pending).toBe(0));
    // Each way, every message once, in the order written.
    expect(texts(CUSTOMER)).toEqual(customerTexts);
    expect(texts('asesor')).toEqual(staffTexts);
    expect(echoedTexts()).toEqual(customerTexts);
    // What was stored is what is shown, after a flush (no message lost in the write queue).
    await storage.flush();
    expect((await storage.getAll('messages')).filter((m) => m.conversationId === conversationId).length).toBe(messaging.getMessages(conversationId, { limit: 10_000 }).length);
    expect(heap[1]! - heap[0]!).toBeLessThan(HEAP_GROWTH_LIMIT_MB);
    expect(errors).toEqual([]);
    console.info(`live chat soak: ${ROUNDS} rounds, ${customerTexts.length} customer and ${staffTexts.length} staff messages, ${Math.floor(ROUNDS / 10)} drops; heap after GC ${heap.map((h) => h.toFixed(1)).join(' → ')} MB`);
  });
});
