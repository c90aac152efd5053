import { parse, type XMLElement } from 'stanza/jxt';
import WebSocket from 'ws';

// What the widget does before it has an account, done over a bare RFC 7395 WebSocket (stanza has
// no pre-login registration): read the stream features, register in-band (XEP-0077).

/** Why a registration was refused: the XMPP stanza error condition (`conflict`, `policy-violation`…). */
export class RegistrationError extends Error {
  constructor(readonly condition: string, readonly text: string | undefined) {
    super(`in-band registration refused: ${condition}${text ? ` (${text})` : ''}`);
  }
}

export interface RawStreamOptions {
  service: string;
  domain: string;
  /**
   * Pretends to be a client at this address behind a trusted reverse proxy (X-Forwarded-For):
   * 127.0.0.1 is one of Prosody's default `trusted_proxies`, so per-IP limits see this address.
   */
  forwardedFor?: string;
  timeoutMs?: number;
}

export interface RegisterOptions extends RawStreamOptions {
  username: string;
  password: string;
}

export interface StreamFeatures {
  /** SASL mechanisms offered before login. */
  mechanisms: string[];
  /** Whether in-band registration is offered. */
  register: boolean;
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Opens an unauthenticated stream and feeds every top-level element to `handle` until it returns
 * a value (the stream is then closed) or throws.
 */
function withRawStream<T>(options: RawStreamOptions, handle: (element: XMLElement, send: (xml: string) => void) => T | undefined): Promise<T> {
  const socket = new WebSocket(options.service, 'xmpp', options.forwardedFor ? { headers: { 'x-forwarded-for': options.forwardedFor } } : {});
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => settle(() => reject(new Error(`raw stream to ${options.domain} timed out`))), options.timeoutMs ?? 10_000);
    const settle = (done: () => void): void => {
      clearTimeout(timer);
      if (socket.readyState === WebSocket.OPEN) socket.send('<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>');
      socket.close();
      done();
    };
    socket.on('error', (error) => settle(() => reject(error)));
    socket.on('open', () => socket.send(`<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="${escapeXml(options.domain)}" version="1.0"/>`));
    socket.on('message', (data: Buffer) => {
      try {
        const value = handle(parse(data.toString('utf8')), (xml) => socket.send(xml));
        if (value !== undefined) settle(() => resolve(value));
      } catch (error) {
        settle(() => reject(error));
      }
    });
  });
}

/** The stream features a client sees before logging in. */
export function readStreamFeatures(options: RawStreamOptions): Promise<StreamFeatures> {
  return withRawStream(options, (element) => {
    if (element.getName() !== 'features') return undefined;
    const mechanisms = element.getChild('mechanisms', 'urn:ietf:params:xml:ns:xmpp-sasl')?.getChildren('mechanism') ?? [];
    return {
      mechanisms: mechanisms.map((m) => m.getText()),
      register: !!element.getChild('register', 'http://jabber.org/features/iq-register'),
    };
  });
}

/**
 * Registers an account in-band (XEP-0077): open, read the features, one `iq set`, close.
 * Resolves the bare JID; rejects with a {@link RegistrationError} when the server refuses.
 * @example const jid = await registerAccount({ service: server.wsUrl, domain: server.customerDomain, username: 'c1', password: 'pw' });
 */
export function registerAccount(options: RegisterOptions): Promise<string> {
  return withRawStream(options, (element, send) => {
    if (element.getName() === 'features') {
      if (!element.getChild('register', 'http://jabber.org/features/iq-register')) {
        throw new RegistrationError('feature-not-implemented', 'the server offers no in-band registration');
      }
      send(
        '<iq xmlns="jabber:client" type="set" id="register-1"><query xmlns="jabber:iq:register">' +
          `<username>${escapeXml(options.username)}</username><password>${escapeXml(options.password)}</password>` +
          '</query></iq>',
      );
      return undefined;
    }
    if (element.getName() !== 'iq' || element.getAttribute('id') !== 'register-1') return undefined;
    if (element.getAttribute('type') === 'result') return `${options.username}@${options.domain}`;
    const error = element.getChild('error');
    const condition = error?.children.find((c): c is XMLElement => typeof c !== 'string' && c.getName() !== 'text');
    throw new RegistrationError(condition?.getName() ?? 'undefined-condition', error?.getChild('text')?.getText());
  });
}
