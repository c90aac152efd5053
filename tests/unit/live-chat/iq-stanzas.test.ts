import { describe, expect, it } from 'vitest';
import { buildRegisterIq, buildUploadSlotRequest, parseStanzaError, parseUploadSlot } from '../../../src/live-chat/protocol/iq-stanzas';
import { serializeXml } from '../../../src/live-chat/protocol/xml';
import { stanza } from './xml-fixture';

describe('iq stanzas', () => {
  it('registers an account in-band with the escaped credentials', () => {
    expect(serializeXml(buildRegisterIq({ username: 'c-x1', password: 'p<&>"', id: 'r1' }))).toBe(
      '<iq xmlns="jabber:client" type="set" id="r1"><query xmlns="jabber:iq:register"><username>c-x1</username><password>p&lt;&amp;&gt;"</password></query></iq>',
    );
  });

  it('reads stanza errors, with their text', () => {
    expect(
      parseStanzaError(
        stanza(
          '<iq type="error" id="r1"><error type="wait"><policy-violation xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>' +
            '<text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">Too many registrations from this IP address recently</text></error></iq>',
        ),
      ),
    ).toEqual({ condition: 'policy-violation', type: 'wait', text: 'Too many registrations from this IP address recently' });
    expect(parseStanzaError(stanza('<iq type="error" id="r2"><error type="cancel"><conflict xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>'))).toEqual({
      condition: 'conflict',
      type: 'cancel',
    });
    expect(parseStanzaError(stanza('<iq type="result" id="r3"/>'))).toBeUndefined();
  });

  it('asks for an upload slot and keeps only the headers XEP-0363 allows', () => {
    expect(serializeXml(buildUploadSlotRequest({ service: 'upload.chat.example', id: 'u1', filename: 'moto.jpg', size: 2048, contentType: 'image/jpeg' }))).toBe(
      '<iq xmlns="jabber:client" to="upload.chat.example" type="get" id="u1"><request xmlns="urn:xmpp:http:upload:0" filename="moto.jpg" size="2048" content-type="image/jpeg"/></iq>',
    );
    const slot = (put: string, get: string) =>
      stanza(
        `<iq type="result" id="u1"><slot xmlns="urn:xmpp:http:upload:0"><put url="${put}"><header name="Authorization">Bearer x&#10;y</header>` +
          `<header name="X-Evil">1</header></put><get url="${get}"/></slot></iq>`,
      );
    expect(parseUploadSlot(slot('https://chat.example/up/1', 'https://chat.example/f/1'))).toEqual({
      putUrl: 'https://chat.example/up/1',
      headers: { Authorization: 'Bearer xy' },
      getUrl: 'https://chat.example/f/1',
    });
    expect(parseUploadSlot(slot('javascript:alert(1)', 'https://chat.example/f/1'))).toBeUndefined();
  });
});
