import type { XmlElement } from './xml';

// Deeper nesting than any stanza of ours needs is treated as hostile (as fromDomElement does).
const MAX_DEPTH = 32;
const NAME = /[A-Za-z_][\w.-]*/y;
const ATTR_NAME = /[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/y;
const SPACE = /[ \t\r\n]*/y;
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([\da-fA-F]{1,6}));/y;
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
// Characters XML 1.0 does not allow in a document, literally or by reference.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

class NotSimple extends Error {}

/** Decodes the five predefined entities and character references; any other `&` is refused. */
function decode(raw: string): string {
  let amp = raw.indexOf('&');
  if (amp < 0) return raw;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    ENTITY.lastIndex = amp;
    const found = ENTITY.exec(raw);
    if (!found) throw new NotSimple();
    const [, named, decimal, hex] = found;
    let value: string;
    if (named) value = NAMED[named]!;
    else {
      const code = decimal !== undefined ? Number(decimal) : parseInt(hex!, 16);
      if (code > 0x10ffff) throw new NotSimple();
      value = String.fromCodePoint(code);
      if (NOT_XML.test(value)) throw new NotSimple();
    }
    out += raw.slice(from, amp) + value;
    from = ENTITY.lastIndex;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}

/**
 * Parses one stanza frame (RFC 7395: one complete element per WebSocket message) straight into an
 * {@link XmlElement}, the same tree `fromDomElement` makes from a DOMParser document, without the
 * DOM: a catch-up receives a frame per archived message, and a DOM document per frame cost more
 * than applying the message. Only the plain XML a server writes is accepted: default namespaces
 * (`xmlns`), `xml:` attributes, the predefined entities and character references. Anything else
 * (prefixed namespaces, CDATA, comments, processing instructions, a DOCTYPE) or anything not
 * well-formed gives `undefined`, and the caller parses the frame the usual way.
 * @example parseXmlFrame("<message xmlns='jabber:client'><body>hola</body></message>")
 */
export function parseXmlFrame(text: string): XmlElement | undefined {
  let at = 0;
  const match = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = at;
    const found = pattern.exec(text);
    if (!found) return undefined;
    at = pattern.lastIndex;
    return found[0];
  };
  const skipSpace = (): void => void match(SPACE);

  const element = (parentNs: string, depth: number): XmlElement => {
    if (depth > MAX_DEPTH || text.charCodeAt(at) !== 60 /* < */) throw new NotSimple();
    at++;
    const name = match(NAME);
    if (!name || text.charCodeAt(at) === 58 /* : */) throw new NotSimple();
    const attrs: Record<string, string> = {};
    let ns = parentNs;
    let seen: Set<string> | undefined;
    for (;;) {
      const before = at;
      skipSpace();
      const next = text.charCodeAt(at);
      if (next === 47 /* / */ || next === 62 /* > */) break;
      if (at === before) throw new NotSimple();
      const attr = match(ATTR_NAME);
      if (!attr) throw new NotSimple();
      skipSpace();
      if (text.charCodeAt(at) !== 61 /* = */) throw new NotSimple();
      at++;
      skipSpace();
      const quote = text[at];
      if (quote !== '"' && quote !== "'") throw new NotSimple();
      const end = text.indexOf(quote, at + 1);
      if (end < 0) throw new NotSimple();
      const raw = text.slice(at + 1, end);
      if (raw.includes('<')) throw new NotSimple();
      at = end + 1;
      seen ??= new Set();
      if (seen.has(attr)) throw new NotSimple();
      seen.add(attr);
      // Attribute-value normalization: literal whitespace characters become spaces.
      const value = decode(/[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, ' ') : raw);
      if (attr === 'xmlns') ns = value;
      else if (attr.startsWith('xmlns:') || (attr.includes(':') && !attr.startsWith('xml:'))) throw new NotSimple();
      else attrs[attr] = value;
    }
    if (text.charCodeAt(at) === 47) {
      if (text.charCodeAt(at + 1) !== 62) throw new NotSimple();
      at += 2;
      return { name, ns, attrs, children: [] };
    }
    at++;
    const children: Array<XmlElement | string> = [];
    let pending = '';
    for (;;) {
      const open = text.indexOf('<', at);
      if (open < 0) throw new NotSimple();
      if (open > at) {
        const raw = text.slice(at, open);
        if (raw.includes(']]>')) throw new NotSimple();
        pending += decode(raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw);
      }
      at = open;
      const next = text.charCodeAt(at + 1);
      if (next === 47 /* / */) {
        at += 2;
        if (match(NAME) !== name) throw new NotSimple();
        skipSpace();
        if (text.charCodeAt(at) !== 62) throw new NotSimple();
        at++;
        if (pending) children.push(pending);
        return { name, ns, attrs, children };
      }
      if (next === 33 /* ! */ || next === 63 /* ? */) throw new NotSimple();
      if (pending) children.push(pending);
      pending = '';
      children.push(element(ns, depth + 1));
    }
  };

  if (NOT_XML.test(text)) return undefined;
  try {
    skipSpace();
    const root = element('', 0);
    skipSpace();
    return at === text.length ? root : undefined;
  } catch (error) {
    if (error instanceof NotSimple) return undefined;
    throw error;
  }
}
