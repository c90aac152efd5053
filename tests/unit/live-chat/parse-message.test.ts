import { describe, expect, it } from 'vitest';
import { buildTextMessage } from '../../../src/live-chat/protocol/message-builders';
import { buildInvite } from '../../../src/live-chat/protocol/muc-stanzas';
import { parseMessage } from '../../../src/live-chat/protocol/parse-message';
import { serializeXml, toXmlSafe, xml, type XmlElement } from '../../../src/live-chat/protocol/xml';
import { stanza, xssPayloads } from './xml-fixture';

const ROOM = 'conv-1@rooms.chat.example';
const NOW = Date.parse('2025-03-01T12:00:00Z');
const context = { now: NOW, self: 'c-1@chat.example' };

function events(xmlText: string) {
  const result = parseMessage(stanza(xmlText), context);
  if (!result.ok) throw new Error(result.reason);
  return result.events;
}
function rejection(xmlText: string): string {
  const result = parseMessage(stanza(xmlText), context);
  if (result.ok) throw new Error('expected the stanza to be rejected');
  return result.reason;
}

describe('parseMessage', () => {
  it('flags a room message the store\'s assistant wrote, and only that one', () => {
    const [assistant] = events(`<message from="${ROOM}/cabc" type="groupchat" id="a1"><body>Te comunico con un asesor</body><assistant xmlns="urn:repuestos-motos:assistant:0"/></message>`);
    const [customer] = events(`<message from="${ROOM}/cabc" type="groupchat" id="c1"><body>gracias</body></message>`);
    expect(assistant).toMatchObject({ type: 'message', assistant: true });
    expect(customer).not.toHaveProperty('assistant');
  });

  it('reads a room message: text, nick, occupant, origin-id and the stanza-id the room gave it', () => {
    expect(
      events(
        `<message from="${ROOM}/Ana (asesora)" type="groupchat" id="m1"><body>Hola 👋</body><markable xmlns="urn:xmpp:chat-markers:0"/>` +
          `<origin-id xmlns="urn:xmpp:sid:0" id="m1"/><occupant-id xmlns="urn:xmpp:occupant-id:0" id="occ-9"/>` +
          `<stanza-id xmlns="urn:xmpp:sid:0" by="evil@chat.example" id="fake"/><stanza-id xmlns="urn:xmpp:sid:0" by="${ROOM}" id="sid-1"/></message>`,
      ),
    ).toEqual([
      {
        type: 'message',
        conversation: ROOM,
        from: `${ROOM}/Ana (asesora)`,
        nick: 'Ana (asesora)',
        occupantId: 'occ-9',
        id: 'm1',
        originId: 'm1',
        stanzaId: 'sid-1',
        timestamp: NOW,
        delayed: false,
        text: 'Hola 👋',
        markable: true,
      },
    ]);
  });

  it('takes the time of a delayed message from its stamp', () => {
    const [event] = events(`<message from="${ROOM}/Ana" type="groupchat"><body>antes</body><delay xmlns="urn:xmpp:delay" stamp="2025-02-28T09:30:00Z"/></message>`);
    expect(event).toMatchObject({ delayed: true, timestamp: Date.parse('2025-02-28T09:30:00Z') });
  });

  it('reads corrections, retractions and reactions, each pointing at its target', () => {
    expect(events(`<message from="${ROOM}/Ana" type="groupchat"><body>$38.000</body><replace xmlns="urn:xmpp:message-correct:0" id="m1"/></message>`)).toMatchObject([
      { type: 'correction', targetId: 'm1', text: '$38.000' },
    ]);
    expect(
      events(
        `<message from="${ROOM}/Ana" type="groupchat"><retract xmlns="urn:xmpp:message-retract:1" id="sid-1"/>` +
          `<fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:message-retract:1"/><body>This person attempted to retract…</body></message>`,
      ),
    ).toMatchObject([{ type: 'retraction', targetId: 'sid-1' }]);
    expect(
      events(`<message from="${ROOM}/Ana" type="groupchat"><reactions xmlns="urn:xmpp:reactions:0" id="sid-1"><reaction>👍</reaction><reaction>👍</reaction><reaction>❤️</reaction></reactions></message>`),
    ).toMatchObject([{ type: 'reaction', targetId: 'sid-1', emojis: ['👍', '❤️'] }]);
  });

  it('reads delivered and read receipts, and typing', () => {
    expect(events(`<message from="${ROOM}/Ana" type="groupchat"><displayed xmlns="urn:xmpp:chat-markers:0" id="sid-1"/></message>`)).toMatchObject([
      { type: 'receipt', receipt: 'displayed', targetId: 'sid-1' },
    ]);
    expect(events('<message from="ana@staff.chat.example/pc" type="chat"><received xmlns="urn:xmpp:receipts" id="m1"/></message>')).toMatchObject([
      { type: 'receipt', receipt: 'received', targetId: 'm1', conversation: 'ana@staff.chat.example' },
    ]);
    expect(events(`<message from="${ROOM}/Ana" type="groupchat"><composing xmlns="http://jabber.org/protocol/chatstates"/></message>`)).toMatchObject([
      { type: 'chat-state', state: 'composing' },
    ]);
    expect(events(`<message from="${ROOM}/Ana" type="groupchat"><body>listo</body><active xmlns="http://jabber.org/protocol/chatstates"/></message>`).map((e) => e.type)).toEqual([
      'message',
      'chat-state',
    ]);
  });

  it('reads a reply without the quoted fallback, and keeps the whole body when the range is wrong', () => {
    const reply = buildTextMessage({ to: ROOM, type: 'groupchat', id: 'r1', text: 'Sí 👍', replyTo: { id: 'sid-1', to: `${ROOM}/cliente`, quote: '¿Hay 🏍️?' } });
    const echoed = { ...reply, attrs: { ...reply.attrs, from: `${ROOM}/Ana` } };
    expect(parseMessage(echoed, context)).toMatchObject({ ok: true, events: [{ type: 'message', text: 'Sí 👍', replyTo: { id: 'sid-1', to: `${ROOM}/cliente` } }] });
    expect(
      events(
        `<message from="${ROOM}/Ana" type="groupchat"><body>short</body><reply xmlns="urn:xmpp:reply:0" id="sid-1"/>` +
          '<fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:reply:0"><body start="0" end="99"/></fallback></message>',
      ),
    ).toMatchObject([{ text: 'short', replyTo: { id: 'sid-1' } }]);
  });

  it('reads an attachment link, and rejects one that is not http(s)', () => {
    expect(events(`<message from="${ROOM}/Ana" type="groupchat"><body>foto</body><x xmlns="jabber:x:oob"><url>https://chat.example/f/a.jpg</url></x></message>`)).toMatchObject([
      { type: 'message', text: 'foto', attachment: { url: 'https://chat.example/f/a.jpg' } },
    ]);
    expect(rejection(`<message from="${ROOM}/Ana" type="groupchat"><body>x</body><x xmlns="jabber:x:oob"><url>javascript:alert(1)</url></x></message>`)).toMatch(/^message: attachment\.url/);
  });

  it('reads a mediated invitation once, even with the direct copy Prosody adds', () => {
    expect(
      events(
        `<message from="${ROOM}" to="queue@staff.chat.example" id="i1"><x xmlns="http://jabber.org/protocol/muc#user"><invite from="${ROOM}/cliente"><reason>Filtro CT100</reason></invite></x>` +
          `<body>${ROOM}/cliente invited you to the room ${ROOM} (Filtro CT100)</body><x xmlns="jabber:x:conference" jid="${ROOM}">Filtro CT100</x>` +
          '<delay xmlns="urn:xmpp:delay" stamp="2025-03-01T11:59:00Z" from="staff.chat.example"/></message>',
      ),
    ).toMatchObject([{ type: 'invitation', room: ROOM, inviter: `${ROOM}/cliente`, reason: 'Filtro CT100', mediated: true, delayed: true }]);
    expect(events(`<message from="ana@staff.chat.example/pc"><x xmlns="jabber:x:conference" jid="${ROOM}" reason="ven"/></message>`)).toMatchObject([
      { type: 'invitation', room: ROOM, inviter: 'ana@staff.chat.example/pc', reason: 'ven', mediated: false },
    ]);
  });

  it('reads a room subject and a bounced stanza', () => {
    expect(events(`<message from="${ROOM}/Ana" type="groupchat"><subject>Pedido #1234</subject></message>`)).toMatchObject([{ type: 'subject', subject: 'Pedido #1234' }]);
    expect(
      events(
        `<message from="${ROOM}" type="error" id="m7"><error type="modify"><policy-violation xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>` +
          '<text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">Too many stanzas: slow down</text></error></message>',
      ),
    ).toEqual([expect.objectContaining({ type: 'error', targetId: 'm7', condition: 'policy-violation', text: 'Too many stanzas: slow down' })]);
  });

  it('ignores what carries nothing for the chat (room status, affiliation notices)', () => {
    expect(events(`<message from="${ROOM}"><x xmlns="http://jabber.org/protocol/muc#user"><item affiliation="member" jid="queue@staff.chat.example"/></x></message>`)).toEqual([]);
  });

  it('rejects malformed stanzas whole, with the reason', () => {
    expect(rejection('<message type="groupchat"><body>x</body></message>')).toBe('message without a sender');
    expect(rejection('<message from="&lt;script&gt;@x/y" type="chat"><body>x</body></message>')).toMatch(/^message: (conversation|from)/);
    expect(rejection(`<message from="${ROOM}/Ana" type="groupchat"><body>${'a'.repeat(20_001)}</body></message>`)).toMatch(/^message: text/);
    expect(rejection(`<message from="${ROOM}/Ana" type="groupchat" id="${'i'.repeat(300)}"><body>x</body></message>`)).toMatch(/^message: id/);
    const manyEmojis = Array.from({ length: 21 }, (_, i) => `<reaction>${String.fromCodePoint(0x1f600 + i)}</reaction>`).join('');
    expect(rejection(`<message from="${ROOM}/Ana" type="groupchat"><reactions xmlns="urn:xmpp:reactions:0" id="s">${manyEmojis}</reactions></message>`)).toMatch(/^reaction: emojis/);
    expect(rejection(`<message from="${ROOM}/Ana" type="groupchat"><retract xmlns="urn:xmpp:message-retract:1"/></message>`)).toMatch(/^retraction: targetId/);
    expect(parseMessage(xml('presence', 'jabber:client', { from: ROOM }), context)).toEqual({ ok: false, reason: 'not a message: <presence>' });
  });

  it('keeps every payload of the XSS corpus as plain text, from staff and from another customer alike', { timeout: 30_000 }, () => {
    const payloads = xssPayloads();
    expect(payloads.length).toBeGreaterThan(6000);
    const altered: string[] = [];
    for (const payload of payloads) {
      // As the text of a message, the nick of its sender and the reason of an invitation.
      const sent = buildTextMessage({ to: ROOM, type: 'groupchat', id: 'x1', text: payload });
      const nick = payload.replace(/\s+/g, ' ').slice(0, 1000) || 'x';
      const received: XmlElement = { ...sent, attrs: { ...sent.attrs, from: `${ROOM}/${nick}` } };
      const message = parseMessage(stanza(serializeXml(received)), context);
      const invite = buildInvite({ room: ROOM, to: 'queue@staff.chat.example', id: 'i1', reason: payload });
      const forwarded = serializeXml({ ...invite, attrs: { ...invite.attrs, from: ROOM } }).replace('<invite ', `<invite from="${ROOM}/c" `);
      const invitation = parseMessage(stanza(forwarded), context);
      const text = message.ok && message.events.length === 1 && message.events[0]?.type === 'message' ? message.events[0].text : undefined;
      const reason = invitation.ok && invitation.events[0]?.type === 'invitation' ? invitation.events[0].reason : undefined;
      const sender = message.ok ? message.events[0]?.nick : undefined;
      if (text !== toXmlSafe(payload) || reason !== toXmlSafe(payload) || sender !== toXmlSafe(nick)) altered.push(payload);
    }
    expect(altered).toEqual([]);
  });
});
