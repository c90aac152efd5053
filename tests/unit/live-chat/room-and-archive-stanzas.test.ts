import { describe, expect, it } from 'vitest';
import { buildArchiveQuery, parseArchiveFin, parseArchivedMessage } from '../../../src/live-chat/protocol/mam-stanzas';
import {
  buildInvite,
  buildJoinPresence,
  buildRoomConfigSubmit,
  parseFormFields,
  parseJoinPresence,
} from '../../../src/live-chat/protocol/muc-stanzas';
import { serializeXml } from '../../../src/live-chat/protocol/xml';
import { stanza } from './xml-fixture';

const ROOM = 'conv-1@rooms.chat.example';
const context = { now: 0, self: 'c-1@chat.example' };

describe('room stanzas', () => {
  it('joins without live history and invites through the room', () => {
    expect(serializeXml(buildJoinPresence({ room: ROOM, nick: 'cliente', id: 'j1' }))).toBe(
      `<presence xmlns="jabber:client" to="${ROOM}/cliente" id="j1"><x xmlns="http://jabber.org/protocol/muc"><history maxstanzas="0"/></x></presence>`,
    );
    expect(serializeXml(buildInvite({ room: ROOM, to: 'queue@staff.chat.example', id: 'i1', reason: 'Cliente pide un asesor' }))).toBe(
      `<message xmlns="jabber:client" to="${ROOM}" id="i1"><x xmlns="http://jabber.org/protocol/muc#user">` +
        '<invite to="queue@staff.chat.example"><reason>Cliente pide un asesor</reason></invite></x></message>',
    );
  });

  it('tells a join that created the room from one into an existing room, and reads a refusal', () => {
    const x = (codes: string[]) =>
      `<x xmlns="http://jabber.org/protocol/muc#user"><item affiliation="owner" role="moderator"/>${codes.map((c) => `<status code="${c}"/>`).join('')}</x>`;
    expect(parseJoinPresence(stanza(`<presence from="${ROOM}/cliente">${x(['201', '110'])}</presence>`))).toEqual({ self: true, created: true });
    expect(parseJoinPresence(stanza(`<presence from="${ROOM}/cliente">${x(['110'])}</presence>`))).toEqual({ self: true, created: false });
    expect(parseJoinPresence(stanza(`<presence from="${ROOM}/Ana">${x([])}</presence>`))).toEqual({ self: false, created: false });
    expect(
      parseJoinPresence(
        stanza(`<presence from="${ROOM}/intruso" type="error"><error type="auth"><registration-required xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></presence>`),
      ),
    ).toEqual({ self: true, created: false, error: 'registration-required' });
  });

  it('submits only the configuration fields the server\'s form offers', () => {
    const form = stanza(
      `<iq from="${ROOM}" type="result" id="f1"><query xmlns="http://jabber.org/protocol/muc#owner"><x xmlns="jabber:x:data" type="form">` +
        '<field var="FORM_TYPE" type="hidden"><value>http://jabber.org/protocol/muc#roomconfig</value></field>' +
        '<field var="muc#roomconfig_membersonly" type="boolean"/><field var="muc#roomconfig_persistentroom" type="boolean"/>' +
        '<field var="muc#roomconfig_roomname" type="text-single"/></x></query></iq>',
    );
    const offered = parseFormFields(form);
    expect(serializeXml(buildRoomConfigSubmit({ room: ROOM, id: 'c1', offered, name: 'Filtro CT100' }))).toBe(
      `<iq xmlns="jabber:client" to="${ROOM}" type="set" id="c1"><query xmlns="http://jabber.org/protocol/muc#owner"><x xmlns="jabber:x:data" type="submit">` +
        '<field var="FORM_TYPE" type="hidden"><value>http://jabber.org/protocol/muc#roomconfig</value></field>' +
        '<field var="muc#roomconfig_membersonly"><value>1</value></field><field var="muc#roomconfig_persistentroom"><value>1</value></field>' +
        '<field var="muc#roomconfig_roomname"><value>Filtro CT100</value></field></x></query></iq>',
    );
  });
});

describe('archive stanzas', () => {
  it('asks for everything after the last archive id, or for the newest page', () => {
    expect(serializeXml(buildArchiveQuery({ id: 'q1', queryId: 'q1', archive: ROOM, after: 'sid-9', max: 100 }))).toBe(
      `<iq xmlns="jabber:client" type="set" id="q1" to="${ROOM}"><query xmlns="urn:xmpp:mam:2" queryid="q1"><x xmlns="jabber:x:data" type="submit">` +
        '<field var="FORM_TYPE" type="hidden"><value>urn:xmpp:mam:2</value></field></x>' +
        '<set xmlns="http://jabber.org/protocol/rsm"><max>100</max><after>sid-9</after></set></query></iq>',
    );
    expect(serializeXml(buildArchiveQuery({ id: 'q2', queryId: 'q2', before: '', max: 50, start: Date.parse('2025-01-01T00:00:00Z') }))).toContain(
      '<field var="start"><value>2025-01-01T00:00:00.000Z</value></field></x><set xmlns="http://jabber.org/protocol/rsm"><max>50</max><before/></set>',
    );
  });

  const result = (from: string, queryId: string, body = 'hola') =>
    stanza(
      `<message from="${from}" to="c-1@chat.example/w"><result xmlns="urn:xmpp:mam:2" queryid="${queryId}" id="sid-5"><forwarded xmlns="urn:xmpp:forward:0">` +
        `<delay xmlns="urn:xmpp:delay" stamp="2025-02-01T10:00:00Z"/><message xmlns="jabber:client" from="${ROOM}/Ana" type="groupchat" id="m5"><body>${body}</body></message>` +
        '</forwarded></result></message>',
    );

  it('reads an archived message with its archive id and original time', () => {
    expect(parseArchivedMessage(result(ROOM, 'q1'), { ...context, archive: ROOM, queryId: 'q1' })).toMatchObject({
      ok: true,
      archiveId: 'sid-5',
      events: [{ type: 'message', text: 'hola', stanzaId: 'sid-5', id: 'm5', delayed: true, timestamp: Date.parse('2025-02-01T10:00:00Z') }],
    });
  });

  it('rejects results from another sender or another query: nobody slips messages into the history', () => {
    expect(parseArchivedMessage(result('c-2@chat.example/x', 'q1'), { ...context, archive: ROOM, queryId: 'q1' })).toEqual({
      ok: false,
      reason: `archive result from c-2@chat.example/x, not ${ROOM}`,
    });
    expect(parseArchivedMessage(result(ROOM, 'q0'), { ...context, archive: ROOM, queryId: 'q1' })).toEqual({ ok: false, reason: 'archive result of another query' });
  });

  it('reads the end of a page', () => {
    const fin = (attrs: string, set: string) => stanza(`<iq type="result" id="q1"><fin xmlns="urn:xmpp:mam:2" ${attrs}><set xmlns="http://jabber.org/protocol/rsm">${set}</set></fin></iq>`);
    expect(parseArchiveFin(fin('complete="true"', '<first>a</first><last>b</last><count>2</count>'))).toEqual({ complete: true, first: 'a', last: 'b', count: 2 });
    expect(parseArchiveFin(fin('', '<count>0</count>'))).toEqual({ complete: false, count: 0 });
    expect(parseArchiveFin(stanza('<iq type="result" id="q1"/>'))).toBeUndefined();
  });
});
