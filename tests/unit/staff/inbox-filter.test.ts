import { describe, expect, it } from 'vitest';
import { filterInbox } from '../../../src/staff/inbox-filter';
import { createInboxModel } from '../../../src/staff/inbox-model';
import { closedSubject } from '../../../src/staff/room-subject';
import { transcriptContextOf } from '../../../src/staff/transcript-context';
import { safeHttpUrl } from '../../../src/staff/ui/dom';
import { formatTranscript } from '../../../src/live-chat/transcript';
import { CUSTOMER_NICK, ev, ROOMS, T0 } from './staff-fixtures';

const room = (name: string) => `${name}@${ROOMS}`;
const transcriptEvent = (roomJid: string, text: string) => ({ ...ev.transcript(roomJid, 'x', T0), text });

function inbox() {
  const model = createInboxModel({ nick: 'Ana', roomsDomain: ROOMS });
  const add = (name: string, customer: string, bike: string, say: string, subject?: string) => {
    model.apply(ev.invitation(room(name), T0));
    model.apply(transcriptEvent(room(name), formatTranscript({ storeName: 'Tienda', customerId: customer, messages: [], names: {}, page: '/frenos', bike, language: 'es' })));
    model.apply(ev.message(room(name), CUSTOMER_NICK, say, { stanzaId: `${name}-1`, timestamp: T0 + 1000 }));
    if (subject !== undefined) model.apply(ev.subject(room(name), 'Ana', subject));
  };
  add('a', 'anon_a', 'Boxer CT100', '¿Tienen el piñón de 14 dientes?', 'claimed-by: Ana');
  add('b', 'anon_b', 'Pulsar NS200', 'necesito pastillas de freno', 'claimed-by: Luis');
  add('c', 'anon_c', 'AKT 125', 'quiero cambiar el aceite');
  add('d', 'anon_d', 'Yamaha FZ', 'gracias, ya está', closedSubject('Ana', 'd-1'));
  return model;
}
const rooms = (list: Array<{ room: string }>) => list.map((c) => c.room.split('@')[0]).sort();

describe('inbox views and search', () => {
  it('shows open conversations, mine, unassigned and closed', () => {
    const model = inbox();
    expect(rooms(filterInbox(model, { filter: 'all' }))).toEqual(['a', 'b', 'c']);
    expect(rooms(filterInbox(model, { filter: 'mine' }))).toEqual(['a']);
    expect(rooms(filterInbox(model, { filter: 'unassigned' }))).toEqual(['c']);
    expect(rooms(filterInbox(model, { filter: 'closed' }))).toEqual(['d']);
  });

  it('searches messages, customer ids and bikes without caring for accents or case, every word must match', () => {
    const model = inbox();
    expect(rooms(filterInbox(model, { filter: 'all', query: 'PIÑON' }))).toEqual(['a']);
    expect(rooms(filterInbox(model, { filter: 'all', query: 'pinón 14' }))).toEqual(['a']);
    expect(rooms(filterInbox(model, { filter: 'all', query: 'ns200' }))).toEqual(['b']);
    expect(rooms(filterInbox(model, { filter: 'all', query: 'anon_c' }))).toEqual(['c']);
    expect(rooms(filterInbox(model, { filter: 'closed', query: 'yamaha' }))).toEqual(['d']);
    expect(rooms(filterInbox(model, { filter: 'all', query: 'pinon aceite' }))).toEqual([]);
    // The search text follows the conversation.
    model.apply(ev.message(room('c'), CUSTOMER_NICK, 'y también el piñón', { stanzaId: 'c-2', timestamp: T0 + 2000 }));
    expect(rooms(filterInbox(model, { filter: 'all', query: 'piñón' }))).toEqual(['a', 'c']);
  });

  it('shows the customer’s bike and the pages they came from, read back from the transcript header in any language', () => {
    const model = inbox();
    expect(model.summary(room('a'))).toMatchObject({ customerId: 'anon_a', bike: 'Boxer CT100', pages: ['/frenos'] });
    for (const language of ['en', 'pt', 'fr']) {
      const text = formatTranscript({ storeName: 'Shop', customerId: 'anon_9', messages: [], names: {}, page: '/a', bike: 'Honda CB190', language });
      expect(transcriptContextOf(text)).toEqual({ customerId: 'anon_9', bike: 'Honda CB190', pages: ['/a'] });
    }
    // A transcript from before the bike line, and one without a page.
    expect(transcriptContextOf('Conversación previa — T\nCliente: anon_1\n\n[10:00] anon_1: Moto: no es un encabezado')).toEqual({ customerId: 'anon_1', pages: [] });
  });

  it('links attachments only when they are http(s)', () => {
    expect(safeHttpUrl('https://upload.tienda.co/a/foto.jpg')?.href).toBe('https://upload.tienda.co/a/foto.jpg');
    for (const bad of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'JaVaScRiPt:alert(1)', '//evil.test/x', 'ftp://x/y', 'no url']) expect(safeHttpUrl(bad)).toBeUndefined();
  });
});
