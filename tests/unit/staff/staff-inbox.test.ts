import { describe, expect, it } from 'vitest';
import { ChatbotError } from '../../../src/core/errors';
import { createManualClock } from '../../../src/core/manual-clock';
import { NS } from '../../../src/live-chat/protocol/namespaces';
import { serializeXml, xml } from '../../../src/live-chat/protocol/xml';
import type { XmppConnection } from '../../../src/live-chat/protocol/xmpp-connection';
import { createStaffInbox } from '../../../src/staff/staff-inbox';
import { createStaffSession } from '../../../src/staff/staff-session';
import { CUSTOMER_NICK, ev, fakeConnection, ROOM_A, ROOM_B, ROOMS, T0 } from './staff-fixtures';

let ids = 0;
const newId = () => `id${++ids}`;

describe('the staff inbox over a connection', () => {
  it('finds rooms in the account archive and live, joins them and loads their history', async () => {
    const fake = fakeConnection({
      account: [ev.invitation(ROOM_A), ev.message(ROOM_A, 'x', 'a chat message that is not an invitation')],
      rooms: { [ROOM_A]: [ev.transcript(ROOM_A, 'anon_a')], [ROOM_B]: [ev.transcript(ROOM_B, 'anon_b', T0 + 5)] },
    });
    const inbox = createStaffInbox({ connection: fake.connection, nick: 'Ana', roomsDomain: ROOMS, newId });
    await inbox.start();
    expect(fake.joined).toEqual([{ room: ROOM_A, nick: 'Ana' }]);
    expect(inbox.model.summary(ROOM_A)!.customerId).toBe('anon_a');

    fake.deliver(ev.invitation(ROOM_B, T0 + 5));
    await inbox.idle();
    expect(inbox.model.list().map((c) => c.customerId)).toEqual(['anon_b', 'anon_a']);
    fake.deliver(ev.message(ROOM_A, CUSTOMER_NICK, 'sigo aquí', { timestamp: T0 + 10 }));
    expect(inbox.model.list()[0]!.lastMessage!.text).toBe('sigo aquí');
  });

  it('sends text, corrections, retractions, reactions, read markers and typing as standard stanzas', async () => {
    const fake = fakeConnection({ account: [ev.invitation(ROOM_A)], rooms: { [ROOM_A]: [ev.transcript(ROOM_A, 'anon_a'), ev.message(ROOM_A, CUSTOMER_NICK, 'hola', { stanzaId: 'c1' })] } });
    const inbox = createStaffInbox({ connection: fake.connection, nick: 'Ana', newId });
    await inbox.start();
    const id = inbox.send(ROOM_A, 'Hola, soy Ana');
    fake.deliver(ev.message(ROOM_A, 'Ana', 'Hola, soy Ana', { originId: id, id, stanzaId: 'st-own' }));
    inbox.correct(ROOM_A, 'st-own', 'Hola, soy Ana, ¿en qué te ayudo?');
    inbox.react(ROOM_A, 'c1', ['👍']);
    inbox.markRead(ROOM_A);
    inbox.setTyping(ROOM_A, true);
    inbox.retract(ROOM_A, 'st-own');
    const xml = fake.sent.map((stanza) => serializeXml(stanza));
    expect(xml[0]).toContain('<body>Hola, soy Ana</body>');
    expect(xml[1]).toMatch(new RegExp(`<replace xmlns="urn:xmpp:message-correct:0" id="${id}"`));
    expect(xml[2]).toContain('<reaction>👍</reaction>');
    expect(xml[3]).toContain('<displayed xmlns="urn:xmpp:chat-markers:0" id="c1"');
    expect(xml[4]).toContain('<composing');
    expect(xml[5]).toContain('<retract xmlns="urn:xmpp:message-retract:1" id="st-own"');
    expect(() => inbox.correct(ROOM_A, 'c1', 'forged')).toThrow(ChatbotError);

    // Disconnected: a message is refused (never silently lost), typing and markers simply wait.
    fake.state.status = 'reconnecting';
    const before = fake.sent.length;
    expect(() => inbox.send(ROOM_A, 'perdido')).toThrow(expect.objectContaining({ code: 'OFFLINE' }));
    inbox.setTyping(ROOM_A, true);
    fake.deliver(ev.message(ROOM_A, CUSTOMER_NICK, 'otra', { stanzaId: 'c2' }));
    inbox.markRead(ROOM_A);
    await expect(inbox.claim(ROOM_A)).rejects.toMatchObject({ code: 'OFFLINE' });
    expect(fake.sent.length).toBe(before);
  });

  it('claims through the room subject: resolves when the room confirms, refuses a conversation another agent holds', async () => {
    const fake = fakeConnection({ account: [ev.invitation(ROOM_A), ev.invitation(ROOM_B)] });
    const inbox = createStaffInbox({ connection: fake.connection, nick: 'Ana', newId });
    await inbox.start();
    const claimed = inbox.claim(ROOM_A);
    expect(serializeXml(fake.sent.at(-1)!)).toContain('<subject>claimed-by: Ana</subject>');
    fake.deliver(ev.subject(ROOM_A, 'Ana', 'claimed-by: Ana'));
    await claimed;
    expect(inbox.model.summary(ROOM_A)!.claimedBy).toBe('Ana');

    fake.deliver(ev.subject(ROOM_B, 'Luis', 'claimed-by: Luis'));
    await expect(inbox.claim(ROOM_B)).rejects.toMatchObject({ code: 'CONFLICT' });
    const transfer = inbox.claim(ROOM_B, { force: true });
    const sentId = fake.sent.at(-1)!.attrs.id!;
    fake.deliver({ type: 'error', conversation: ROOM_B, from: ROOM_B, timestamp: T0, delayed: false, targetId: sentId, condition: 'forbidden' });
    await expect(transfer).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

function sessionConnection(outcome: 'ok' | 'refused' | 'unreachable') {
  const fake = fakeConnection();
  const connection: XmppConnection = {
    ...fake.connection,
    on: fake.connection.on,
    connect: async () => {
      if (outcome === 'refused') throw new ChatbotError('FORBIDDEN', 'login refused');
      if (outcome === 'unreachable') throw new ChatbotError('NETWORK', 'cannot reach the server');
      fake.emitStatus({ status: 'connected' });
      return { resumed: false };
    },
  };
  return { fake, connection };
}

describe('the staff session', () => {
  it('signs in, reports a drop with a retry, and keeps the password out of its state', async () => {
    const { fake, connection } = sessionConnection('ok');
    const seen: unknown[] = [];
    const session = createStaffSession({ service: 'ws://127.0.0.1:1/xmpp-websocket', clock: createManualClock(T0), createConnection: (options) => (seen.push(options), connection) });
    const states: string[] = [];
    session.on('status', ({ state }) => states.push(state));
    await session.signIn('ana@staff.tienda.test', 's3cret');
    expect(seen).toHaveLength(1);
    fake.emitStatus({ status: 'reconnecting', attempt: 1, delayMs: 500 });
    expect(session.status).toMatchObject({ state: 'reconnecting', attempt: 1, error: { code: 'NETWORK' } });
    expect(JSON.stringify(session.status)).not.toContain('s3cret');
    fake.emitStatus({ status: 'connected' });
    await session.signOut();
    expect(states).toEqual(['signing-in', 'connected', 'reconnecting', 'connected', 'signed-out']);
  });

  it('tells a wrong password from an unreachable server, and refuses a malformed JID', async () => {
    for (const [outcome, code] of [['refused', 'FORBIDDEN'], ['unreachable', 'NETWORK']] as const) {
      const { connection } = sessionConnection(outcome);
      const session = createStaffSession({ service: 'ws://127.0.0.1:1/xmpp-websocket', createConnection: () => connection });
      await expect(session.signIn('ana@staff.tienda.test', 'x')).rejects.toMatchObject({ code });
      expect(session.status).toMatchObject({ state: 'failed', error: { code } });
    }
    const session = createStaffSession({ service: 'ws://127.0.0.1:1/xmpp-websocket', createConnection: () => sessionConnection('ok').connection });
    await expect(session.signIn('not a jid', 'x')).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('loads hundreds of archives a slice at a time, so the page gets turns while the inbox fills', async () => {
    const account = [];
    const rooms: Record<string, ReturnType<typeof ev.message>[]> = {};
    for (let r = 0; r < 150; r++) {
      const room = `conv-${r}@${ROOMS}`;
      account.push(ev.invitation(room, T0 + r));
      rooms[room] = [ev.transcript(room, `anon_${r}`, T0 + r), ...Array.from({ length: 100 }, (_, m) => ev.message(room, CUSTOMER_NICK, `mensaje ${m}`, { stanzaId: `${r}-${m}`, timestamp: T0 + r + m, delayed: true }))];
    }
    const fake = fakeConnection({ account, rooms });
    const inbox = createStaffInbox({ connection: fake.connection, nick: 'Ana', roomsDomain: ROOMS, newId });
    // A timer set before the sign-in work runs while it is still going, not after it.
    let messagesWhenTimerRan = -1;
    setTimeout(() => {
      messagesWhenTimerRan = inbox.model.rooms().reduce((sum, room) => sum + inbox.model.messages(room).length, 0);
    }, 0);
    await inbox.start();
    const total = inbox.model.rooms().reduce((sum, room) => sum + inbox.model.messages(room).length, 0);
    expect(total).toBe(150 * 101);
    expect(messagesWhenTimerRan).toBeGreaterThanOrEqual(0);
    expect(messagesWhenTimerRan).toBeLessThan(total);
  });

  it('sends a file as the widget does: a slot from the upload service, an HTTP PUT, then its URL as body and XEP-0066 link', async () => {
    const fake = fakeConnection({ account: [ev.invitation(ROOM_A)], rooms: { [ROOM_A]: [ev.transcript(ROOM_A, 'anon_a')] } });
    const asked: string[] = [];
    fake.connection.request = async (iq) => {
      asked.push(serializeXml(iq));
      return xml('iq', NS.client, { type: 'result' }, [
        xml('slot', NS.upload, {}, [xml('put', NS.upload, { url: 'https://chat.tienda.test/upload/1/moto.png' }), xml('get', NS.upload, { url: 'https://chat.tienda.test/upload/1/moto.png' })]),
      ]);
    };
    const puts: Array<{ url: string; type: string | null; size: number }> = [];
    let status = 201;
    const fetchStub: typeof fetch = async (input, init) => {
      puts.push({ url: String(input), type: new Headers(init?.headers).get('content-type'), size: init?.body instanceof Blob ? init.body.size : -1 });
      return new Response(null, { status });
    };
    const inbox = createStaffInbox({ connection: fake.connection, nick: 'Ana', newId, uploadService: 'upload.tienda.test', fetch: fetchStub });
    await inbox.start();
    const photo = new File([new Uint8Array(2048)], 'moto.png', { type: 'image/png' });

    await inbox.sendFile(ROOM_A, photo);
    expect(asked[0]).toContain('to="upload.tienda.test"');
    expect(asked[0]).toContain('filename="moto.png" size="2048" content-type="image/png"');
    expect(puts).toEqual([{ url: 'https://chat.tienda.test/upload/1/moto.png', type: 'image/png', size: 2048 }]);
    const sent = serializeXml(fake.sent.at(-1)!);
    expect(sent).toContain('<body>https://chat.tienda.test/upload/1/moto.png</body>');
    expect(sent).toContain('<x xmlns="jabber:x:oob"><url>https://chat.tienda.test/upload/1/moto.png</url><desc>moto.png</desc></x>');

    // Refused or cut off: the agent is told, nothing reaches the room.
    const before = fake.sent.length;
    status = 413;
    await expect(inbox.sendFile(ROOM_A, photo)).rejects.toMatchObject({ code: 'TOO_LARGE' });
    status = 503;
    await expect(inbox.sendFile(ROOM_A, photo)).rejects.toMatchObject({ code: 'NETWORK' });
    fake.state.status = 'reconnecting';
    await expect(inbox.sendFile(ROOM_A, photo)).rejects.toMatchObject({ code: 'OFFLINE' });
    expect(fake.sent.length).toBe(before);
    fake.state.status = 'connected';
    const noUpload = createStaffInbox({ connection: fake.connection, nick: 'Ana', newId });
    await noUpload.start();
    await expect(noUpload.sendFile(ROOM_A, photo)).rejects.toMatchObject({ code: 'UNSUPPORTED' });
  });
});
