import { describe, expect, it } from 'vitest';
import { serializeXml } from '../../../src/live-chat/protocol/xml';
import { createInboxModel } from '../../../src/staff/inbox-model';
import { closedSubject, parseRoomSubject } from '../../../src/staff/room-subject';
import { createStaffInbox } from '../../../src/staff/staff-inbox';
import { CUSTOMER_NICK, ev, fakeConnection, ROOM_A, ROOMS, T0 } from './staff-fixtures';

const MIN = 60_000;
let ids = 0;
const newId = () => `status-id${++ids}`;

function conversation(nick = 'Ana') {
  const model = createInboxModel({ nick, roomsDomain: ROOMS });
  model.apply(ev.invitation(ROOM_A));
  model.apply(ev.transcript(ROOM_A, 'anon_a', T0));
  model.apply(ev.message(ROOM_A, CUSTOMER_NICK, '¿tienen la cadena?', { timestamp: T0 + MIN, stanzaId: 'c1' }));
  return model;
}

describe('conversation status: claimed, closed, reopened', () => {
  it('reads claims and closes from the room subject, whatever else a client put there', () => {
    expect(parseRoomSubject('claimed-by: Ana')).toEqual({ kind: 'claimed', nick: 'Ana' });
    expect(parseRoomSubject(closedSubject('Luis', 'st9'))).toEqual({ kind: 'closed', nick: 'Luis', after: 'st9' });
    expect(parseRoomSubject('closed-by: Luis')).toEqual({ kind: 'closed', nick: 'Luis' });
    for (const other of ['', 'Repuestos Motos · anon_1', 'claimed-by: ', 'closed-by:   ']) expect(parseRoomSubject(other)).toEqual({ kind: 'none' });
  });

  it('is new until an agent takes it, closed for everyone once closed, and new again (unassigned) when the customer writes after the close', () => {
    const ana = conversation('Ana');
    const luis = conversation('Luis');
    expect(ana.summary(ROOM_A)).toMatchObject({ status: 'new', reopened: false });

    for (const model of [ana, luis]) model.apply(ev.subject(ROOM_A, 'Ana', 'claimed-by: Ana'));
    expect(luis.summary(ROOM_A)).toMatchObject({ status: 'claimed', claimedBy: 'Ana' });

    for (const model of [ana, luis]) {
      model.apply(ev.message(ROOM_A, 'Ana', 'Sí, la tenemos', { timestamp: T0 + 2 * MIN, stanzaId: 'a1' }));
      model.apply(ev.subject(ROOM_A, 'Luis', closedSubject('Luis', 'a1')));
    }
    expect(luis.summary(ROOM_A)).toMatchObject({ status: 'closed', closedBy: 'Luis' });
    expect(ana.summary(ROOM_A)).toMatchObject({ status: 'closed', closedBy: 'Luis' });
    expect(ana.summary(ROOM_A)!.claimedBy).toBeUndefined();

    // The assistant or staff writing after the close does not reopen it; the customer does.
    ana.apply(ev.message(ROOM_A, CUSTOMER_NICK, 'Respuesta automática', { timestamp: T0 + 3 * MIN, stanzaId: 'b1', assistant: true }));
    expect(ana.summary(ROOM_A)!.status).toBe('closed');
    for (const model of [ana, luis]) model.apply(ev.message(ROOM_A, CUSTOMER_NICK, 'otra pregunta', { timestamp: T0 + 4 * MIN, stanzaId: 'c2' }));
    for (const model of [ana, luis]) expect(model.summary(ROOM_A)).toMatchObject({ status: 'new', reopened: true, waitingSince: T0 + 4 * MIN });
  });

  it('stays closed for an agent who loads the history later: the messages before the close are before its marker', () => {
    const late = createInboxModel({ nick: 'Marta', roomsDomain: ROOMS });
    late.apply(ev.invitation(ROOM_A));
    // On join the subject comes first, then the archive fills in.
    late.apply(ev.subject(ROOM_A, 'Luis', closedSubject('Luis', 'a1')));
    late.apply(ev.transcript(ROOM_A, 'anon_a', T0));
    late.apply(ev.message(ROOM_A, CUSTOMER_NICK, 'hola', { timestamp: T0 + MIN, stanzaId: 'c1', delayed: true }));
    late.apply(ev.message(ROOM_A, 'Luis', 'listo', { timestamp: T0 + 2 * MIN, stanzaId: 'a1', delayed: true }));
    expect(late.summary(ROOM_A)).toMatchObject({ status: 'closed', closedBy: 'Luis' });
  });

  it('names the agents seen in claims, closes and staff messages', () => {
    const model = conversation('Ana');
    model.apply(ev.message(ROOM_A, 'Luis', 'hola', { stanzaId: 'l1' }));
    model.apply(ev.subject(ROOM_A, 'Marta', 'claimed-by: Marta'));
    expect(model.agents()).toEqual(['Ana', 'Luis', 'Marta']);
  });

  it('tells live messages from others apart from archived ones and our own (what alerts the agent)', () => {
    const model = conversation('Ana');
    const incoming: string[] = [];
    model.on('incoming', ({ key }) => incoming.push(key));
    model.apply(ev.message(ROOM_A, CUSTOMER_NICK, 'viejo', { stanzaId: 'old', delayed: true }));
    model.apply(ev.message(ROOM_A, 'Ana', 'mío', { stanzaId: 'own' }));
    model.apply(ev.message(ROOM_A, CUSTOMER_NICK, 'nuevo', { stanzaId: 'new1' }));
    model.apply(ev.message(ROOM_A, CUSTOMER_NICK, 'nuevo', { stanzaId: 'new1' }));
    expect(incoming).toEqual(['new1']);
  });

  it('closes and reopens through the subject, refusing to close a colleague’s conversation unless forced', async () => {
    const fake = fakeConnection({ account: [ev.invitation(ROOM_A)], rooms: { [ROOM_A]: [ev.transcript(ROOM_A, 'anon_a', T0), ev.message(ROOM_A, CUSTOMER_NICK, 'hola', { stanzaId: 'c1' })] } });
    const inbox = createStaffInbox({ connection: fake.connection, nick: 'Ana', newId });
    await inbox.start();
    fake.deliver(ev.subject(ROOM_A, 'Luis', 'claimed-by: Luis'));
    await expect(inbox.close(ROOM_A)).rejects.toMatchObject({ code: 'CONFLICT' });

    const closing = inbox.close(ROOM_A, { force: true });
    expect(serializeXml(fake.sent.at(-1)!)).toContain('<subject>closed-by: Ana\nafter: c1</subject>');
    fake.deliver(ev.subject(ROOM_A, 'Ana', 'closed-by: Ana\nafter: c1'));
    await closing;
    expect(inbox.model.summary(ROOM_A)).toMatchObject({ status: 'closed', closedBy: 'Ana' });

    const reopening = inbox.reopen(ROOM_A);
    expect(serializeXml(fake.sent.at(-1)!)).toContain('<subject/>');
    fake.deliver(ev.subject(ROOM_A, 'Ana', ''));
    await reopening;
    expect(inbox.model.summary(ROOM_A)!.status).toBe('new');

    // A transfer names the colleague in the claim.
    const transfer = inbox.claim(ROOM_A, { force: true, to: 'Luis' });
    expect(serializeXml(fake.sent.at(-1)!)).toContain('<subject>claimed-by: Luis</subject>');
    fake.deliver(ev.subject(ROOM_A, 'Ana', 'claimed-by: Luis'));
    await transfer;
    expect(inbox.model.summary(ROOM_A)!.claimedBy).toBe('Luis');
  });
});
