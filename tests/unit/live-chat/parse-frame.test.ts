import { describe, expect, it } from 'vitest';
import { parseArchivedMessage } from '../../../src/live-chat/protocol/mam-stanzas';
import { parseXmlFrame } from '../../../src/live-chat/protocol/parse-frame';
import { serializeXml, textOf, xml } from '../../../src/live-chat/protocol/xml';
import { parseXml, xssPayloads } from './xml-fixture';

const ROOM = 'conv-1@rooms.chat.example';
/** An archive result as Prosody writes it: single quotes, namespaces declared where they change. */
const archived = (body: string, id = 'sid-5') =>
  `<message from='${ROOM}' xmlns='jabber:client' to='c-1@chat.example/w'><result id='${id}' queryid='q1' xmlns='urn:xmpp:mam:2'>` +
  `<forwarded xmlns='urn:xmpp:forward:0'><delay stamp='2026-12-06T10:15:01.123456Z' xmlns='urn:xmpp:delay'/>` +
  `<message from='${ROOM}/staff' type='groupchat' xmlns='jabber:client' id='m-${id}' xml:lang='es'><body>${body}</body>` +
  `<stanza-id by='${ROOM}' id='${id}' xmlns='urn:xmpp:sid:0'/><origin-id id='m-${id}' xmlns='urn:xmpp:sid:0'/></message></forwarded></result></message>`;
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');

describe('parseXmlFrame', () => {
  it('reads a server frame into the same tree another XML parser makes', () => {
    for (const frame of [archived('mientras no estabas 1'), archived('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233; &#x1F3CD;'), "<presence xmlns='jabber:client'/>", "<r xmlns='urn:xmpp:sm:3'/>"]) {
      expect(parseXmlFrame(frame)).toEqual(parseXml(frame));
    }
    const element = parseXmlFrame(archived('x'))!;
    expect(parseArchivedMessage(element, { now: 0, self: 'c-1@chat.example', archive: ROOM, queryId: 'q1' })).toMatchObject({ ok: true, archiveId: 'sid-5', events: [{ type: 'message', text: 'x' }] });
  });

  it('keeps hostile text as text: every line of the XSS corpus comes out as the body it was', () => {
    for (const payload of xssPayloads()) {
      const frame = archived(escape(payload));
      const element = parseXmlFrame(frame)!;
      expect(element).toEqual(parseXml(frame));
      const inner = (element.children[0] as typeof element).children[0] as typeof element;
      const message = inner.children[1] as typeof element;
      expect(textOf(message.children[0] as typeof element)).toBe(payload);
    }
  });

  it('round-trips what the widget serializes, line breaks and emoji included', () => {
    const element = xml('message', 'jabber:client', { to: `${ROOM}`, id: 'a"b\'c' }, [xml('body', 'jabber:client', {}, ['línea 1\nlínea 2 \t 🏍️ 5 > 3'])]);
    expect(parseXmlFrame(serializeXml(element))).toEqual(element);
  });

  it('normalizes as XML does: line ends in text, whitespace in attribute values', () => {
    expect(parseXmlFrame("<body xmlns='jabber:client'>a\r\nb\rc</body>")?.children).toEqual(['a\nb\nc']);
    expect(parseXmlFrame("<x xmlns='urn:a' v='a\tb\nc&#10;d'/>")?.attrs).toEqual({ v: 'a b c\nd' });
  });

  it('refuses what it does not handle or what is not well-formed, so the frame is parsed the usual way', () => {
    for (const frame of [
      "<stream:features xmlns:stream='http://etherx.jabber.org/streams'/>",
      "<message xmlns='jabber:client' xmlns:x='urn:x'><x:y/></message>",
      "<body xmlns='jabber:client'><![CDATA[<b>]]></body>",
      "<body xmlns='jabber:client'><!-- c --></body>",
      "<?xml version='1.0'?><body/>",
      "<body xmlns='jabber:client'>&nbsp;</body>",
      "<body xmlns='jabber:client'>a & b</body>",
      "<body xmlns='jabber:client'>&#0;</body>",
      "<body xmlns='jabber:client'>\u0001</body>",
      "<body xmlns='jabber:client'>a</bod>",
      "<body xmlns='jabber:client'>a",
      "<body xmlns='jabber:client' a='1' a='2'/>",
      "<body xmlns='jabber:client' a='<'/>",
      "<body xmlns='jabber:client'/><body/>",
      "<body xmlns='jabber:client'>]]></body>",
      `${'<a>'.repeat(40)}${'</a>'.repeat(40)}`,
    ]) {
      expect(parseXmlFrame(frame), frame).toBeUndefined();
    }
  });
});
