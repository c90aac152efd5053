/**
 * A plain, immutable XML element: what the stanza builders produce and the parsers read. Every
 * element carries its resolved namespace, so parsers never depend on prefixes or inheritance, and
 * nothing here needs a DOM (the connection converts to and from Strophe's elements).
 * @example const body: XmlElement = xml('body', 'jabber:client', {}, ['hola']);
 */
export interface XmlElement {
  readonly name: string;
  readonly ns: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: ReadonlyArray<XmlElement | string>;
}

/** The default namespace of client stanzas. */
export const CLIENT_NS = 'jabber:client';

/** Builds an element; `undefined` attributes and children are left out. @example xml('origin-id', NS.sid, { id }) */
export function xml(
  name: string,
  ns: string,
  attrs: Readonly<Record<string, string | undefined>> = {},
  children: ReadonlyArray<XmlElement | string | undefined | false> = [],
): XmlElement {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs)) if (value !== undefined) kept[key] = value;
  return { name, ns, attrs: kept, children: children.filter((c): c is XmlElement | string => c !== undefined && c !== false) };
}

/** The first child element with this name and namespace. */
export function childOf(element: XmlElement, name: string, ns: string): XmlElement | undefined {
  for (const child of element.children) if (typeof child !== 'string' && child.name === name && child.ns === ns) return child;
  return undefined;
}

/** Every child element in this namespace (with this name, when given). */
export function childrenOf(element: XmlElement, ns: string, name?: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== 'string' && c.ns === ns && (name === undefined || c.name === name));
}

/**
 * The element's own text. Child elements are ignored, never flattened into it: markup a hostile
 * sender nests inside a `<body>` does not become part of the text.
 */
export function textOf(element: XmlElement | undefined): string | undefined {
  if (!element) return undefined;
  return element.children.filter((c): c is string => typeof c === 'string').join('');
}

// XML 1.0 allows tab, newline, carriage return and most of Unicode; anything else (NUL, other
// control characters, lone surrogates, U+FFFE/U+FFFF) makes the server close the whole stream as
// not well-formed, so one hostile or corrupt message could cut a customer off.
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Replaces characters XML cannot carry with U+FFFD. @example toXmlSafe('a\u0000b') // 'a\uFFFDb' */
export function toXmlSafe(text: string): string {
  return text.replace(INVALID_XML_CHARS, '\uFFFD');
}

const escapeText = (text: string): string => toXmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (text: string): string => escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');

/**
 * Serializes an element, declaring its namespace only where it differs from the parent's.
 * @example serializeXml(xml('message', CLIENT_NS, { to: 'a@b' })) // '<message xmlns="jabber:client" to="a@b"/>'
 */
export function serializeXml(element: XmlElement, parentNs?: string): string {
  let out = `<${element.name}`;
  if (element.ns !== parentNs) out += ` xmlns="${escapeAttr(element.ns)}"`;
  for (const [key, value] of Object.entries(element.attrs)) out += ` ${key}="${escapeAttr(value)}"`;
  if (element.children.length === 0) return `${out}/>`;
  out += '>';
  for (const child of element.children) out += typeof child === 'string' ? escapeText(child) : serializeXml(child, element.ns);
  return `${out}</${element.name}>`;
}

// Deeper nesting than any stanza of ours needs is treated as hostile rather than walked.
const MAX_DEPTH = 32;

/**
 * Converts a DOM element (what Strophe and DOMParser hand out) into an {@link XmlElement}, using
 * each node's resolved namespace. Returns `undefined` for trees nested deeper than 32 levels.
 */
export function fromDomElement(node: Element, depth = 0): XmlElement | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const attrs: Record<string, string> = {};
  for (const attr of Array.from(node.attributes)) {
    if (attr.name === 'xmlns' || attr.name.startsWith('xmlns:')) continue;
    attrs[attr.name] = attr.value;
  }
  const children: Array<XmlElement | string> = [];
  for (const child of Array.from(node.childNodes)) {
    // 1: element, 3: text, 4: CDATA. Comments and processing instructions carry nothing for us.
    if (child.nodeType === 1) {
      const converted = fromDomElement(child as Element, depth + 1);
      if (!converted) return undefined;
      children.push(converted);
    } else if (child.nodeType === 3 || child.nodeType === 4) {
      children.push(child.nodeValue ?? '');
    }
  }
  return { name: node.localName, ns: node.namespaceURI ?? '', attrs, children };
}
