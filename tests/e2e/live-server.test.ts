import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type RunningProsody } from '../../scripts/prosody/prosody.mjs';
import { connectNewCustomer, randomName, stopAll, type Customer } from '../live/live-fixtures';
import { readStreamFeatures, RegistrationError, registerAccount } from '../live/register-account';
import { createStaffClient, type StaffClient, type StaffMessage } from '../live/staff-client';

// The server side of the live chat, against a real Prosody started from the project's config:
// what customers can and cannot do, whatever client they use.

const isBounce = (condition: string) => (message: StaffMessage) => message.type === 'error' && message.error?.condition === condition;

describe('live chat server (real Prosody, project config)', () => {
  let server: RunningProsody;
  let queuePassword: string;
  let queueJid: string;
  const clients: StaffClient[] = [];

  beforeAll(async () => {
    // Every test client comes from 127.0.0.1, so the per-IP join budget is widened here; the
    // production limits have their own server below.
    server = await startProsody({ config: { archiveStorage: 'memory', policy: { joinRate: 10, joinBurstSeconds: 10 } } });
    queuePassword = randomName('staff');
    queueJid = await server.createStaff('queue', queuePassword);
  });
  afterAll(async () => {
    await stopAll(clients);
    await server?.stop();
  });

  const customer = async (): Promise<Customer> => {
    const c = await connectNewCustomer(server);
    clients.push(c.client);
    return c;
  };
  const staff = async (): Promise<StaffClient> => {
    const client = await createStaffClient({ service: server.wsUrl, jid: queueJid, password: queuePassword });
    clients.push(client);
    return client;
  };
  const newRoom = (): string => `${randomName('conv')}@${server.mucDomain}`;

  it('registers a throwaway customer in-band and logs it in with SCRAM; the same name cannot be taken twice', async () => {
    const c = await customer();
    expect(c.client.jid.startsWith(`${c.jid}/`)).toBe(true);
    const taken = registerAccount({ service: server.wsUrl, domain: server.customerDomain, username: c.jid.split('@')[0] ?? '', password: 'other' });
    await expect(taken).rejects.toMatchObject({ condition: 'conflict' });
  });

  it('offers SCRAM but never ANONYMOUS over the WebSocket, and no sign-up on the staff host', async () => {
    const customers = await readStreamFeatures({ service: server.wsUrl, domain: server.customerDomain });
    expect(customers).toEqual({ mechanisms: expect.arrayContaining(['SCRAM-SHA-1']), register: true });
    expect(customers.mechanisms).not.toContain('ANONYMOUS');
    const staffHost = await readStreamFeatures({ service: server.wsUrl, domain: server.staffDomain });
    expect(staffHost.register).toBe(false);
    const staffSignup = registerAccount({ service: server.wsUrl, domain: server.staffDomain, username: randomName('x'), password: 'pw' });
    await expect(staffSignup).rejects.toBeInstanceOf(RegistrationError);
  });

  it('a customer opens its members-only room, invites the offline staff queue; staff get the stored invitation, read the archive and reply', async () => {
    const c = await customer();
    const room = newRoom();
    await c.client.createRoom(room, 'cliente');
    const info = await c.client.agent.getDiscoInfo(room);
    expect(info.features).toEqual(expect.arrayContaining(['muc_membersonly', 'muc_persistent', 'muc_hidden']));

    const transcript = 'Cliente: ¿tienen filtro de aceite para Boxer CT100?\nAsistente: Sí, FO-123, $25.000.\nCliente: quiero hablar con un asesor';
    c.client.sendText(room, transcript);
    await c.client.nextMessage((m) => m.type === 'groupchat' && m.body === transcript);
    c.client.agent.invite(room, { to: queueJid, reason: 'Nueva conversación: filtro de aceite Boxer CT100' });

    const queue = await staff();
    const invitation = await queue.nextInvitation();
    expect(invitation).toMatchObject({ room, reason: 'Nueva conversación: filtro de aceite Boxer CT100' });
    // The room is semi-anonymous: staff see the customer's nick, not its account.
    expect(invitation.from).toBe(`${room}/cliente`);

    await queue.joinRoom(room, 'Ana (asesora)');
    const history = await queue.history(room);
    expect(history.map((item) => item.item.message?.body)).toEqual([transcript]);
    expect(history[0]?.item.delay?.timestamp).toBeInstanceOf(Date);

    queue.sendText(room, 'Hola, soy Ana. Sí lo tenemos.');
    const reply = await c.client.nextMessage((m) => m.body === 'Hola, soy Ana. Sí lo tenemos.');
    expect(reply.from).toBe(`${room}/Ana (asesora)`);
    expect(reply.stanzaIds?.some((id) => id.by === room)).toBe(true);
  });

  it('relays every message feature live and archives all but chat states', async () => {
    // Staff online first: an invitation goes to the sessions online when it is sent.
    const queue = await staff();
    const c = await customer();
    const room = newRoom();
    await c.client.createRoom(room, 'cliente');
    c.client.sendText(room, '¿Tienen cadena 428H?');
    const question = await c.client.nextMessage((m) => m.body === '¿Tienen cadena 428H?');
    const questionId = question.stanzaIds?.find((id) => id.by === room)?.id ?? '';
    c.client.agent.invite(room, { to: queueJid });
    await queue.nextInvitation();
    await queue.joinRoom(room, 'Ana');

    queue.sendChatState(room, 'composing');
    queue.markDisplayed(room, questionId);
    const answerId = queue.sendText(room, 'Sí, a $40.000', { reply: { id: questionId, to: `${room}/cliente`, quote: '¿Tienen cadena 428H?' } });
    queue.correct(room, answerId, 'Sí, a $38.000');
    queue.react(room, questionId, ['👍']);
    const answer = await c.client.nextMessage((m) => m.body?.endsWith('Sí, a $40.000') === true);
    queue.retract(room, answer.stanzaIds?.find((id) => id.by === room)?.id ?? '');

    const live = await Promise.all([
      c.client.nextMessage((m) => m.chatState === 'composing'),
      c.client.nextMessage((m) => m.marker?.type === 'displayed'),
      c.client.nextMessage((m) => m.replace === answerId),
      c.client.nextMessage((m) => !!m.reactions),
      c.client.nextMessage((m) => !!m.retract),
    ]);
    expect(live.map((m) => m.from)).toEqual(Array(5).fill(`${room}/Ana`));
    expect(answer.reply).toEqual({ id: questionId, to: `${room}/cliente` });
    expect(live[1]?.marker).toEqual({ type: 'displayed', id: questionId });
    expect(live[3]?.reactions).toEqual({ id: questionId, values: ['👍'] });

    const archived = (await c.client.history(room)).map((result) => result.item.message ?? {});
    expect(archived.some((m) => m.chatState)).toBe(false);
    expect(archived.map((m) => m.body ?? m.marker?.type)).toEqual([
      '¿Tienen cadena 428H?',
      'displayed',
      '> ¿Tienen cadena 428H?\nSí, a $40.000',
      'Sí, a $38.000',
      undefined,
      expect.stringContaining('retract'),
    ]);
  });

  it('a customer cannot message another customer or a staff member directly', async () => {
    const [a, b] = [await customer(), await customer()];
    const queue = await staff();
    a.client.sendDirect(b.jid, 'hola vecino');
    a.client.sendDirect(queueJid, 'hola asesor, por fuera de la sala');
    const bounces = [await a.client.nextMessage(isBounce('policy-violation')), await a.client.nextMessage(isBounce('policy-violation'))];
    expect(bounces.map((m) => m.error?.text)).toEqual(['Customers may only talk in their own rooms', 'Customers may only talk in their own rooms']);
    // A ping from each recipient returns after anything the server delivered to it before.
    await Promise.all([b.client.agent.ping(), queue.agent.ping()]);
    expect(b.client.received.filter((m) => m.body === 'hola vecino')).toEqual([]);
    expect(queue.received.filter((m) => m.body?.includes('por fuera'))).toEqual([]);
  });

  it('a customer cannot join another customer\'s room, nor invite anyone but staff', async () => {
    const [owner, intruder] = [await customer(), await customer()];
    const room = newRoom();
    await owner.client.createRoom(room, 'dueño');
    const join = intruder.client.joinRoom(room, 'intruso');
    await expect(join).rejects.toMatchObject({ error: { condition: 'registration-required' } });

    owner.client.agent.invite(room, { to: intruder.jid, reason: 'entra' });
    await owner.client.nextMessage(isBounce('policy-violation'));
    await intruder.client.agent.ping();
    expect(intruder.client.received.filter((m) => m.muc)).toEqual([]);
  });

  it('a customer cannot open its room to others, add members or destroy it', async () => {
    const [owner, other] = [await customer(), await customer()];
    const room = newRoom();
    await owner.client.createRoom(room, 'dueño', { 'muc#roomconfig_membersonly': false, 'muc#roomconfig_persistentroom': false });
    const info = await owner.client.agent.getDiscoInfo(room);
    expect(info.features).toEqual(expect.arrayContaining(['muc_membersonly', 'muc_persistent']));

    await expect(owner.client.agent.setRoomAffiliation(room, other.jid, 'member')).rejects.toMatchObject({ error: { condition: 'policy-violation' } });
    await expect(owner.client.agent.destroyRoom(room)).rejects.toMatchObject({ error: { condition: 'policy-violation' } });
    await expect(other.client.joinRoom(room, 'otro')).rejects.toMatchObject({ error: { condition: 'registration-required' } });
  });

  it('bounces a burst of stanzas beyond the session budget (20, then 2 per second)', async () => {
    const c = await customer();
    const room = newRoom();
    await c.client.createRoom(room, 'cliente');
    const texts = Array.from({ length: 40 }, (_, i) => `ráfaga ${i}`);
    for (const text of texts) c.client.sendText(room, text);
    const bounced = await Promise.all(Array.from({ length: 15 }, () => c.client.nextMessage(isBounce('policy-violation'))));
    expect(new Set(bounced.map((m) => m.error?.text))).toEqual(new Set(['Too many stanzas: slow down']));
    const delivered = c.client.received.filter((m) => m.type === 'groupchat' && m.body?.startsWith('ráfaga'));
    expect(delivered.length).toBeGreaterThan(10);
    expect(delivered.length).toBeLessThan(25);
  });
});

describe('live chat server limits per IP address (production defaults)', () => {
  let server: RunningProsody;
  const clients: StaffClient[] = [];

  beforeAll(async () => {
    server = await startProsody({
      config: { archiveStorage: 'memory', registrationAllowlist: [], registrationThrottle: { max: 3, periodSeconds: 3600 } },
    });
  });
  afterAll(async () => {
    await stopAll(clients);
    await server?.stop();
  });

  it('throttles in-band registrations per IP (behind the trusted proxy), not for everyone', async () => {
    const register = (ip: string) =>
      registerAccount({ service: server.wsUrl, domain: server.customerDomain, username: randomName('r'), password: 'pw', forwardedFor: ip });
    for (let i = 0; i < 3; i++) await register('203.0.113.7');
    await expect(register('203.0.113.7')).rejects.toMatchObject({ condition: 'policy-violation' });
    await expect(register('198.51.100.20')).resolves.toMatch(/@/);
  });

  it('limits room joins per IP across sessions: 5 at once, then bounced', async () => {
    const first = await connectNewCustomer(server, { forwardedFor: '198.51.100.30' });
    const second = await connectNewCustomer(server, { forwardedFor: '198.51.100.31' });
    clients.push(first.client, second.client);
    // Both sessions reach Prosody from 127.0.0.1 (the forwarded address only applies to registration here).
    for (let i = 0; i < 5; i++) await first.client.createRoom(`${randomName('conv')}@${server.mucDomain}`, 'cliente');
    const tooMany = { error: { condition: 'policy-violation', text: 'Too many rooms joined from this address: wait a little' } };
    await expect(first.client.joinRoom(`${randomName('conv')}@${server.mucDomain}`, 'cliente')).rejects.toMatchObject(tooMany);
    await expect(second.client.joinRoom(`${randomName('conv')}@${server.mucDomain}`, 'cliente')).rejects.toMatchObject(tooMany);
  });
});
