import { describe, expect, it } from 'vitest';
import {
  buildChatState,
  buildCorrection,
  buildDisplayed,
  buildReactions,
  buildReceived,
  buildRetraction,
  buildTextMessage,
} from '../../../src/live-chat/protocol/message-builders';
import { serializeXml } from '../../../src/live-chat/protocol/xml';

const room = { to: 'conv-1@rooms.chat.example', type: 'groupchat' as const };

describe('message builders', () => {
  it('builds a markable text message whose origin-id is its id, so a retry is the same message', () => {
    const first = serializeXml(buildTextMessage({ ...room, id: 'm1', text: 'Hola' }));
    expect(first).toBe(
      '<message xmlns="jabber:client" to="conv-1@rooms.chat.example" type="groupchat" id="m1"><body>Hola</body>' +
        '<markable xmlns="urn:xmpp:chat-markers:0"/><origin-id xmlns="urn:xmpp:sid:0" id="m1"/></message>',
    );
    expect(serializeXml(buildTextMessage({ ...room, id: 'm1', text: 'Hola' }))).toBe(first);
  });

  it('asks for a delivery receipt in a direct chat only', () => {
    const direct = serializeXml(buildTextMessage({ to: 'ana@staff.chat.example', type: 'chat', id: 'd1', text: 'hi' }));
    expect(direct).toContain('<request xmlns="urn:xmpp:receipts"/>');
    expect(serializeXml(buildTextMessage({ ...room, id: 'g1', text: 'hi' }))).not.toContain('urn:xmpp:receipts');
  });

  it('builds a reply with a quoted fallback whose range counts code points', () => {
    const reply = buildTextMessage({ ...room, id: 'r1', text: 'Sí 👍', replyTo: { id: 'sid-9', to: `${room.to}/cliente`, quote: '¿Hay 🏍️?\nok' } });
    expect(serializeXml(reply)).toBe(
      '<message xmlns="jabber:client" to="conv-1@rooms.chat.example" type="groupchat" id="r1"><body>&gt; ¿Hay 🏍️?\n&gt; ok\nSí 👍</body>' +
        '<markable xmlns="urn:xmpp:chat-markers:0"/><reply xmlns="urn:xmpp:reply:0" id="sid-9" to="conv-1@rooms.chat.example/cliente"/>' +
        '<fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:reply:0"><body start="0" end="16"/></fallback>' +
        '<origin-id xmlns="urn:xmpp:sid:0" id="r1"/></message>',
    );
  });

  it('attaches an uploaded file as an XEP-0066 link', () => {
    const xmlText = serializeXml(buildTextMessage({ ...room, id: 'f1', text: 'foto', attachment: { url: 'https://chat.example/file_share/a/moto.jpg', description: 'moto' } }));
    expect(xmlText).toContain('<x xmlns="jabber:x:oob"><url>https://chat.example/file_share/a/moto.jpg</url><desc>moto</desc></x>');
  });

  it('builds a correction, a retraction with its fallback and store hint, and reactions', () => {
    expect(serializeXml(buildCorrection({ ...room, id: 'c1', targetId: 'm1', text: 'Hola!' }))).toBe(
      '<message xmlns="jabber:client" to="conv-1@rooms.chat.example" type="groupchat" id="c1"><body>Hola!</body>' +
        '<replace xmlns="urn:xmpp:message-correct:0" id="m1"/><origin-id xmlns="urn:xmpp:sid:0" id="c1"/></message>',
    );
    const retraction = serializeXml(buildRetraction({ ...room, id: 'x1', targetId: 'sid-1' }));
    expect(retraction).toContain('<retract xmlns="urn:xmpp:message-retract:1" id="sid-1"/><fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:message-retract:1"/>');
    expect(retraction).toContain('<store xmlns="urn:xmpp:hints"/>');
    expect(serializeXml(buildReactions({ ...room, id: 'e1', targetId: 'sid-1', emojis: ['👍', '❤️', '👍'] }))).toBe(
      '<message xmlns="jabber:client" to="conv-1@rooms.chat.example" type="groupchat" id="e1"><reactions xmlns="urn:xmpp:reactions:0" id="sid-1">' +
        '<reaction>👍</reaction><reaction>❤️</reaction></reactions><store xmlns="urn:xmpp:hints"/><origin-id xmlns="urn:xmpp:sid:0" id="e1"/></message>',
    );
  });

  it('keeps typing out of the archive and read markers in it', () => {
    expect(serializeXml(buildChatState({ ...room, state: 'composing' }))).toBe(
      '<message xmlns="jabber:client" to="conv-1@rooms.chat.example" type="groupchat"><composing xmlns="http://jabber.org/protocol/chatstates"/><no-store xmlns="urn:xmpp:hints"/></message>',
    );
    expect(serializeXml(buildDisplayed({ ...room, id: 'd1', targetId: 'sid-1' }))).toContain('<displayed xmlns="urn:xmpp:chat-markers:0" id="sid-1"/><store xmlns="urn:xmpp:hints"/>');
  });

  it('acknowledges delivery with a receipt in a direct chat and a marker in a room', () => {
    expect(serializeXml(buildReceived({ to: 'a@b.example/r', type: 'chat', id: 'k1', targetId: 'm1' }))).toContain('<received xmlns="urn:xmpp:receipts" id="m1"/>');
    expect(serializeXml(buildReceived({ ...room, id: 'k2', targetId: 'sid-1' }))).toContain('<received xmlns="urn:xmpp:chat-markers:0" id="sid-1"/>');
  });
});
