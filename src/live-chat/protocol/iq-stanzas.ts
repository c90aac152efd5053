import { NS } from './namespaces';
import { childOf, textOf, xml, type XmlElement } from './xml';
import { HttpUrlSchema } from './live-event';

// Requests and their answers outside rooms: errors, in-band registration (XEP-0077), upload
// slots (XEP-0363), ping (XEP-0199).

/** A stanza error (RFC 6120 §8.3): condition, type and optional text. */
export interface StanzaError {
  condition: string;
  type?: string;
  text?: string;
}

/** The error of an `iq`, `message` or `presence` of type `error`, if it is one. */
export function parseStanzaError(stanza: XmlElement): StanzaError | undefined {
  if (stanza.attrs.type !== 'error') return undefined;
  const error = childOf(stanza, 'error', stanza.ns);
  if (!error) return { condition: 'undefined-condition' };
  const condition = error.children.find((c): c is XmlElement => typeof c !== 'string' && c.ns === NS.stanzas && c.name !== 'text');
  const text = textOf(childOf(error, 'text', NS.stanzas));
  return { condition: condition?.name ?? 'undefined-condition', ...(error.attrs.type ? { type: error.attrs.type } : {}), ...(text ? { text } : {}) };
}

/** XEP-0077: registers `username` with `password` on the stream's domain (before login). */
export function buildRegisterIq(input: { username: string; password: string; id: string }): XmlElement {
  return xml('iq', NS.client, { type: 'set', id: input.id }, [
    xml('query', NS.register, {}, [xml('username', NS.register, {}, [input.username]), xml('password', NS.register, {}, [input.password])]),
  ]);
}

/** XEP-0199 ping (to the server when `to` is absent). */
export function buildPing(input: { id: string; to?: string }): XmlElement {
  return xml('iq', NS.client, { type: 'get', id: input.id, to: input.to }, [xml('ping', NS.ping)]);
}

/** XEP-0363: asks the upload service for a slot for one file. */
export function buildUploadSlotRequest(input: { service: string; id: string; filename: string; size: number; contentType: string }): XmlElement {
  return xml('iq', NS.client, { to: input.service, type: 'get', id: input.id }, [
    xml('request', NS.upload, { filename: input.filename, size: String(input.size), 'content-type': input.contentType }),
  ]);
}

// XEP-0363 §5: only these headers may be copied from the slot to the PUT.
const UPLOAD_HEADERS = new Set(['authorization', 'cookie', 'expires']);


/** Where to PUT the file (with which headers) and the URL to share once uploaded. */
export interface UploadSlot {
  putUrl: string;
  headers: Record<string, string>;
  getUrl: string;
}

/** Reads an upload slot; `undefined` when the answer is not a valid slot (bad URLs included). */
export function parseUploadSlot(iq: XmlElement): UploadSlot | undefined {
  const slot = childOf(iq, 'slot', NS.upload);
  const put = slot && childOf(slot, 'put', NS.upload);
  const get = slot && childOf(slot, 'get', NS.upload);
  const putUrl = HttpUrlSchema.safeParse(put?.attrs.url);
  const getUrl = HttpUrlSchema.safeParse(get?.attrs.url);
  if (!put || !putUrl.success || !getUrl.success) return undefined;
  const headers: Record<string, string> = {};
  for (const header of put.children) {
    if (typeof header === 'string' || header.name !== 'header') continue;
    const name = header.attrs.name ?? '';
    if (UPLOAD_HEADERS.has(name.toLowerCase())) headers[name] = (textOf(header) ?? '').replace(/[\r\n]/g, '');
  }
  return { putUrl: putUrl.data, headers, getUrl: getUrl.data };
}
