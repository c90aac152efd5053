import { describe, expect, it } from 'vitest';
import { childOf, serializeXml, textOf, toXmlSafe, xml } from '../../../src/live-chat/protocol/xml';
import { parseXml } from './xml-fixture';

describe('protocol xml', () => {
  it('declares a namespace only where it changes and escapes text and attributes', () => {
    const element = xml('message', 'jabber:client', { to: 'a@b.example', id: '"1"&<' }, [
      xml('body', 'jabber:client', {}, ['<b>5 > 3 & "ok"</b>']),
      xml('origin-id', 'urn:xmpp:sid:0', { id: 'x' }),
    ]);
    expect(serializeXml(element)).toBe(
      '<message xmlns="jabber:client" to="a@b.example" id="&quot;1&quot;&amp;&lt;">' +
        '<body>&lt;b&gt;5 &gt; 3 &amp; "ok"&lt;/b&gt;</body><origin-id xmlns="urn:xmpp:sid:0" id="x"/></message>',
    );
  });

  it('round-trips through another XML parser unchanged', () => {
    const element = xml('message', 'jabber:client', { to: 'r@rooms.example' }, [xml('body', 'jabber:client', {}, ['línea 1\nlínea 2 \t 🏍️'])]);
    expect(parseXml(serializeXml(element))).toEqual(element);
  });

  it('replaces characters XML cannot carry, so a message can never break the stream', () => {
    expect(toXmlSafe('a\u0000b\u0007c\uFFFEd\uD800e')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe');
    expect(toXmlSafe('tab\tnl\ncr\r 😀')).toBe('tab\tnl\ncr\r 😀');
    const serialized = serializeXml(xml('body', 'jabber:client', {}, ['x\u0001y']));
    expect(parseXml(serialized).children).toEqual(['x\uFFFDy']);
  });

  it('reads only an element\'s own text: markup nested in a body is not text', () => {
    const body = parseXml('<body xmlns="jabber:client">hola <img src="x" onerror="alert(1)"/>mundo</body>');
    expect(textOf(body)).toBe('hola mundo');
    expect(childOf(body, 'img', 'jabber:client')?.attrs.onerror).toBe('alert(1)');
    expect(textOf(undefined)).toBeUndefined();
  });
});
