import { readFileSync } from 'node:fs';
import { parse, type XMLElement } from 'stanza/jxt';
import type { XmlElement } from '../../../src/live-chat/protocol/xml';

function convert(element: XMLElement): XmlElement {
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(element.attributes)) {
    if (key === 'xmlns' || key.startsWith('xmlns:') || value === undefined) continue;
    attrs[key] = value;
  }
  return {
    name: element.getName(),
    ns: element.getNamespace(),
    attrs,
    children: element.children.map((child) => (typeof child === 'string' ? child : convert(child))),
  };
}

/**
 * Parses an XML string into the protocol layer's element type with another library's parser
 * (stanza's), the way the connection converts what Strophe parsed in the browser.
 */
export function parseXml(text: string): XmlElement {
  return convert(parse(text));
}

/** A client stanza from its XML, with `xmlns="jabber:client"` added when missing. */
export function stanza(text: string): XmlElement {
  return parseXml(/^<\w+ xmlns=/.test(text) ? text : text.replace(/^<(\w+)/, '<$1 xmlns="jabber:client"'));
}

/** The XSS corpus of tests/fixtures (payloadbox/xss-payload-list, MIT). */
export function xssPayloads(): string[] {
  return readFileSync(new URL('../../fixtures/xss-payloads.txt', import.meta.url), 'utf8').split('\n').filter((line) => line.length > 0);
}
