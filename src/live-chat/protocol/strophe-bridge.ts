import { $build, type Builder } from 'strophe.js';
import { toXmlSafe, type XmlElement } from './xml';

/**
 * Our element as a Strophe builder, ready for `connection.send()`. Namespaces are declared where
 * they change; text goes in as text (Strophe escapes it), never as markup.
 */
export function toStrophe(element: XmlElement, parentNs?: string): Builder {
  const attrs: Record<string, string> = element.ns !== parentNs ? { xmlns: element.ns } : {};
  for (const [key, value] of Object.entries(element.attrs)) attrs[key] = toXmlSafe(value);
  const builder = $build(element.name, attrs);
  appendChildren(builder, element);
  return builder;
}

function appendChildren(builder: Builder, element: XmlElement): void {
  for (const child of element.children) {
    if (typeof child === 'string') {
      builder.t(toXmlSafe(child));
      continue;
    }
    const attrs: Record<string, string> = child.ns !== element.ns ? { xmlns: child.ns } : {};
    for (const [key, value] of Object.entries(child.attrs)) attrs[key] = toXmlSafe(value);
    builder.c(child.name, attrs);
    appendChildren(builder, child);
    builder.up();
  }
}
