import { describe, expect, it } from 'vitest';
import { claimOf, createInboxModel, customerIdOf } from '../../../src/staff/inbox-model';
import { CUSTOMER_NICK, ev, ROOM_A, ROOM_B, ROOMS, T0 } from './staff-fixtures';

const MIN = 60_000;
const model = () => createInboxModel({ nick: 'Ana', roomsDomain: ROOMS });

describe('the staff inbox model', () => {
  it('lists the conversations it was invited to, newest activity first, with the customer from the transcript', () => {
    const inbox = model();
    inbox.apply(ev.invitation(ROOM_A, T0, 'quiere un asesor'));
    inbox.apply(ev.transcript(ROOM_A, 'anon_a', T0));
    inbox.apply(ev.invitation(ROOM_B, T0 + MIN));
    inbox.apply(ev.transcript(ROOM_B, 'anon_b', T0 + MIN));
    expect(inbox.list().map((c) => c.customerId)).toEqual(['anon_b', 'anon_a']);

    inbox.apply(ev.message(ROOM_A, CUSTOMER_NICK, '¿tienen la cadena?', { timestamp: T0 + 2 * MIN }));
    const [first, second] = inbox.list();
    expect(first).toMatchObject({ room: ROOM_A, customerId: 'anon_a', reason: 'quiere un asesor', lastActivity: T0 + 2 * MIN });
    expect(first!.lastMessage).toMatchObject({ text: '¿tienen la cadena?', role: 'customer', own: false });
    expect(second!.room).toBe(ROOM_B);
  });

  it('ignores events of rooms it was not invited to, and invitations to rooms of another service', () => {
    const inbox = model();
    inbox.apply(ev.message(ROOM_A, CUSTOMER_NICK, 'hola'));
    inbox.apply(ev.invitation('conv-x@rooms.evil.test'));
    expect(inbox.list()).toEqual([]);
  });

  it('counts unread incoming messages and waiting time until staff answers, and our displayed marker clears unread', () => {
    const inbox = model();
    inbox.apply(ev.invitation(ROOM_A));
    inbox.apply(ev.transcript(ROOM_A, 'anon_a', T0));
    inbox.apply(ev.message(ROOM_A, CUSTOMER_NICK, 'hola', { timestamp: T0 + MIN, stanzaId: 'm1' }));
    inbox.apply(ev.message(ROOM_A, CUSTOMER_NICK, '¿hay alguien?', { timestamp: T0 + 2 * MIN, stanzaId: 'm2' }));
    expect(inbox.summary(ROOM_A)).toMatchObject({ unread: 3, waitingSince: T0 + MIN });

    inbox.apply(ev.displayed(ROOM_A, 'Ana', 'm2'));
    expect(inbox.summary(ROOM_A)!.unread).toBe(0);
    inbox.apply(ev.message(ROOM_A, 'Ana', 'Hola, soy Ana', { timestamp: T0 + 3 * MIN }));
    expect(inbox.summary(ROOM_A)!.waitingSince).toBeUndefined();
    inbox.apply(ev.message(ROOM_A, CUSTOMER_NICK, 'gracias', { timestamp: T0 + 4 * MIN }));
    expect(inbox.summary(ROOM_A)).toMatchObject({ unread: 1, waitingSince: T0 + 4 * MIN });
  });

  it('merges the archive and live copies of a message and our own echo, keeping time order', () => {
    const inbox = model();
    inbox.apply(ev.invitation(ROOM_A));
    inbox.apply(ev.message(ROOM_A, 'Ana', 'ya te ayudo', { originId: 'o1', id: 'o1', stanzaId: 'st9', timestamp: T0 + 2 * MIN }));
    // The archive page arrives after the live echo: the same message, and an older one.
    inbox.apply(ev.message(ROOM_A, CUSTOMER_NICK, 'primero', { stanzaId: 'st1', timestamp: T0 + MIN, delayed: true }));
    inbox.apply(ev.message(ROOM_A, 'Ana', 'ya te ayudo', { originId: 'o1', stanzaId: 'st9', timestamp: T0 + 2 * MIN, delayed: true }));
    expect(inbox.messages(ROOM_A).map((m) => [m.text, m.own])).toEqual([['primero', false], ['ya te ayudo', true]]);
    expect(inbox.lastArchiveId(ROOM_A)).toBe('st9');

    // A catch-up after a drop: the archive's stamp has whole seconds, earlier than the live message before it.
    inbox.apply(ev.message(ROOM_A, CUSTOMER_NICK, 'en vivo', { stanzaId: 'st10', timestamp: T0 + 3 * MIN + 400 }));
    inbox.apply(ev.message(ROOM_A, CUSTOMER_NICK, 'del archivo', { stanzaId: 'st11', timestamp: T0 + 3 * MIN, delayed: true }));
    expect(inbox.messages(ROOM_A).slice(-2).map((m) => m.text)).toEqual(['en vivo', 'del archivo']);
  });

  it('flags the assistant\'s messages and tells staff from the customer by the transcript sender', () => {
    const inbox = model();
    inbox.apply(ev.invitation(ROOM_A));
    inbox.apply(ev.transcript(ROOM_A, 'anon_a'));
    inbox.apply(ev.message(ROOM_A, CUSTOMER_NICK, 'Te comunico con un asesor', { assistant: true, timestamp: T0 + 1 }));
    inbox.apply(ev.message(ROOM_A, 'Luis', 'Hola, soy Luis', { timestamp: T0 + 2 }));
    expect(inbox.messages(ROOM_A).map((m) => m.role)).toEqual(['customer', 'assistant', 'staff']);
    expect(inbox.messages(ROOM_A)[0]!.transcript).toBe(true);
  });

  it('applies corrections and retractions only from the sender, and reactions per sender', () => {
    const inbox = model();
    inbox.apply(ev.invitation(ROOM_A));
    inbox.apply(ev.transcript(ROOM_A, 'anon_a'));
    inbox.apply(ev.message(ROOM_A, CUSTOMER_NICK, 'filtro para boxr', { originId: 'c1', id: 'c1', stanzaId: 'st1', timestamp: T0 + 1 }));
    inbox.apply(ev.correction(ROOM_A, 'Luis', 'c1', 'forged'));
    inbox.apply(ev.correction(ROOM_A, CUSTOMER_NICK, 'c1', 'filtro para Boxer'));
    inbox.apply(ev.reaction(ROOM_A, 'Ana', 'st1', ['👍']));
    inbox.apply(ev.reaction(ROOM_A, 'Luis', 'st1', ['👀']));
    inbox.apply(ev.reaction(ROOM_A, 'Luis', 'st1', []));
    expect(inbox.find(ROOM_A, 'st1')).toMatchObject({ text: 'filtro para Boxer', edited: true, reactions: { Ana: ['👍'] } });

    inbox.apply(ev.retraction(ROOM_A, 'Luis', 'st1'));
    expect(inbox.find(ROOM_A, 'st1')!.retracted).toBe(false);
    inbox.apply(ev.retraction(ROOM_A, CUSTOMER_NICK, 'st1'));
    expect(inbox.find(ROOM_A, 'c1')).toMatchObject({ retracted: true, text: '' });
    expect(inbox.summary(ROOM_A)!.lastMessage!.transcript).toBe(true);
  });

  it('shows who claimed a conversation from the room subject, and who is typing', () => {
    const inbox = model();
    inbox.apply(ev.invitation(ROOM_A));
    inbox.apply(ev.subject(ROOM_A, 'Luis', 'claimed-by: Luis'));
    inbox.apply(ev.typing(ROOM_A, CUSTOMER_NICK, 'composing'));
    inbox.apply(ev.typing(ROOM_A, 'Ana', 'composing'));
    expect(inbox.summary(ROOM_A)).toMatchObject({ claimedBy: 'Luis', typing: [CUSTOMER_NICK] });
    inbox.apply(ev.subject(ROOM_A, 'Luis', ''));
    inbox.apply(ev.message(ROOM_A, CUSTOMER_NICK, 'listo'));
    expect(inbox.summary(ROOM_A)!.claimedBy).toBeUndefined();
    expect(inbox.summary(ROOM_A)!.typing).toEqual([]);
  });

  it('marks staff messages seen when the customer displays a later one', () => {
    const inbox = model();
    inbox.apply(ev.invitation(ROOM_A));
    inbox.apply(ev.transcript(ROOM_A, 'anon_a'));
    inbox.apply(ev.message(ROOM_A, 'Ana', 'uno', { stanzaId: 'a1', timestamp: T0 + 1 }));
    inbox.apply(ev.message(ROOM_A, 'Ana', 'dos', { stanzaId: 'a2', timestamp: T0 + 2 }));
    inbox.apply(ev.message(ROOM_A, 'Ana', 'tres', { stanzaId: 'a3', timestamp: T0 + 3 }));
    inbox.apply(ev.displayed(ROOM_A, CUSTOMER_NICK, 'a2'));
    expect(inbox.messages(ROOM_A).filter((m) => m.own).map((m) => m.seenByCustomer)).toEqual([true, true, false]);
  });

  it('reads claims and transcript headers in every language', () => {
    expect(claimOf('claimed-by: Ana')).toBe('Ana');
    expect(claimOf('Soporte')).toBeUndefined();
    expect(customerIdOf('Conversation so far — Store\nCustomer: anon_9\n\n…')).toBe('anon_9');
    expect(customerIdOf('Conversa até agora — Loja\nCliente: anon_8')).toBe('anon_8');
  });

  it('gives every conversation and every message a version that grows with each change a view must redraw, and only then', () => {
    const inbox = model();
    inbox.apply(ev.invitation(ROOM_A));
    inbox.apply(ev.invitation(ROOM_B));
    inbox.apply(ev.transcript(ROOM_A, 'anon_a'));
    inbox.apply(ev.message(ROOM_A, 'Ana', 'Hola', { originId: 'o1', id: 'o1', stanzaId: '', timestamp: T0 + 1 }));
    const conversation = inbox.summary(ROOM_A)!.version;
    const other = inbox.summary(ROOM_B)!.version;
    const sent = inbox.find(ROOM_A, 'o1')!.version;
    // Our echo with the room's id, then the customer reads it and reacts.
    inbox.apply(ev.message(ROOM_A, 'Ana', 'Hola', { originId: 'o1', id: 'o1', stanzaId: 'st-o1', timestamp: T0 + 1 }));
    expect(inbox.find(ROOM_A, 'st-o1')!.version).toBeGreaterThan(sent);
    const echoed = inbox.find(ROOM_A, 'st-o1')!.version;
    inbox.apply(ev.message(ROOM_A, CUSTOMER_NICK, 'gracias', { stanzaId: 'c2', timestamp: T0 + 2 }));
    inbox.apply(ev.displayed(ROOM_A, CUSTOMER_NICK, 'c2'));
    expect(inbox.find(ROOM_A, 'st-o1')).toMatchObject({ seenByCustomer: true, version: echoed + 1 });
    inbox.apply(ev.displayed(ROOM_A, CUSTOMER_NICK, 'c2'));
    expect(inbox.find(ROOM_A, 'st-o1')!.version).toBe(echoed + 1);
    inbox.apply(ev.reaction(ROOM_A, CUSTOMER_NICK, 'st-o1', ['👍']));
    expect(inbox.find(ROOM_A, 'st-o1')!.version).toBe(echoed + 2);
    // A message nobody touched keeps its version; the other conversation did not change at all.
    expect(inbox.find(ROOM_A, 'c2')!.version).toBe(0);
    expect(inbox.summary(ROOM_A)!.version).toBeGreaterThan(conversation);
    expect(inbox.summary(ROOM_B)!.version).toBe(other);
  });
});
