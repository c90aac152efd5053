import { ChatbotError } from '../../core/errors';
import { buildRegisterIq, parseStanzaError } from './iq-stanzas';
import { NS } from './namespaces';
import { stanzaErrorToChatbotError } from './xmpp-errors';
import { childOf, fromDomElement, serializeXml, type XmlElement } from './xml';

// The customer's identity: a throwaway account registered in-band (XEP-0077) the first time it
// is needed, never SASL ANONYMOUS (a new JID per connection would lose the room and the history
// on every reload). Registration needs a stream without login, which Strophe does not offer, so
// it speaks RFC 7395 over its own short-lived WebSocket.

/** The part of a WebSocket registration uses (the browser's WebSocket fits). */
export interface FrameSocket {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  readonly readyState: number;
  send(data: string): void;
  close(): void;
}

export interface RegisterOptions {
  /** WebSocket URL, e.g. `wss://chat.example.com/xmpp-websocket`. */
  service: string;
  domain: string;
  username: string;
  password: string;
  timeoutMs?: number;
  /** Opens the socket (default: `new WebSocket(url, 'xmpp')`). */
  createSocket?: (url: string) => FrameSocket;
  /** Parses one frame (default: DOMParser). */
  parseFrame?: (text: string) => XmlElement | undefined;
}

const OPEN_WS = 1;

function parseWithDomParser(text: string): XmlElement | undefined {
  const root = new DOMParser().parseFromString(text, 'text/xml').documentElement;
  if (!root || root.getElementsByTagName('parsererror').length > 0) return undefined;
  return fromDomElement(root);
}

/**
 * Registers `username@domain` with `password`. Resolves the bare JID. Rejects with a
 * ChatbotError: `CONFLICT` (name taken), `FORBIDDEN` (throttled or refused: `details.type === 'wait'`
 * means try later), `UNSUPPORTED` (no in-band registration), `NETWORK` or `TIMEOUT`.
 * @example const jid = await registerAccount({ service, domain: 'chat.example.com', username, password });
 */
export function registerAccount(options: RegisterOptions): Promise<string> {
  const parse = options.parseFrame ?? parseWithDomParser;
  const socket = options.createSocket ? options.createSocket(options.service) : openWebSocket(options.service);
  const iqId = 'register-1';
  return new Promise<string>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (socket.readyState === OPEN_WS) socket.send(`<close xmlns="${NS.framing}"/>`);
      socket.close();
      outcome();
    };
    const fail = (error: ChatbotError): void => settle(() => reject(error));
    const timer = setTimeout(() => fail(new ChatbotError('TIMEOUT', `registering on ${options.domain}`)), options.timeoutMs ?? 15_000);
    socket.onerror = () => fail(new ChatbotError('NETWORK', `cannot reach ${options.service}`));
    socket.onclose = () => fail(new ChatbotError('NETWORK', `${options.service} closed the connection during registration`));
    socket.onopen = () => socket.send(`<open xmlns="${NS.framing}" to="${options.domain.replace(/[<>&"]/g, '')}" version="1.0"/>`);
    socket.onmessage = (event) => {
      const frame = typeof event.data === 'string' ? parse(event.data) : undefined;
      if (!frame) return fail(new ChatbotError('NETWORK', 'unreadable frame from the server'));
      if (frame.name === 'features') {
        if (!childOf(frame, 'register', NS.registerFeature)) return fail(new ChatbotError('UNSUPPORTED', `${options.domain} offers no in-band registration`));
        const iq = buildRegisterIq({ username: options.username, password: options.password, id: iqId });
        return socket.send(serializeXml(iq));
      }
      if (frame.name !== 'iq' || frame.attrs.id !== iqId) return undefined;
      const error = parseStanzaError(frame);
      if (error) return fail(stanzaErrorToChatbotError(error, 'in-band registration'));
      settle(() => resolve(`${options.username}@${options.domain}`));
    };
  });
}

const LOCAL_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const PASSWORD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Uniform random characters (rejection sampling: no modulo bias). */
export function randomString(length: number, alphabet: string, fill: (bytes: Uint8Array<ArrayBuffer>) => void = (b) => crypto.getRandomValues(b)): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    const bytes = new Uint8Array(length * 2);
    fill(bytes);
    for (const byte of bytes) if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length];
  }
  return out;
}

export interface ThrowawayAccount {
  jid: string;
  username: string;
  password: string;
}

/**
 * Registers a new throwaway account with a random local part (`c` + 20 characters) and a random
 * 32-character password (~190 bits), trying another name if one is taken. The caller keeps the
 * credentials durably: they are the customer's identity on every tab and reload.
 * @example const account = await registerThrowawayAccount({ service, domain: 'chat.example.com' });
 */
export async function registerThrowawayAccount(
  options: Omit<RegisterOptions, 'username' | 'password'> & { attempts?: number; fill?: (bytes: Uint8Array<ArrayBuffer>) => void },
): Promise<ThrowawayAccount> {
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    const username = `c${randomString(20, LOCAL_ALPHABET, options.fill)}`;
    const password = randomString(32, PASSWORD_ALPHABET, options.fill);
    try {
      return { jid: await registerAccount({ ...options, username, password }), username, password };
    } catch (error) {
      if (!(error instanceof ChatbotError && error.code === 'CONFLICT') || attempt >= attempts) throw error;
    }
  }
}

/** The browser's WebSocket seen as a FrameSocket (its handlers forward to the FrameSocket's). */
function openWebSocket(url: string): FrameSocket {
  const ws = new WebSocket(url, 'xmpp');
  const socket: FrameSocket = {
    onopen: null,
    onmessage: null,
    onerror: null,
    onclose: null,
    get readyState() {
      return ws.readyState;
    },
    send: (data) => ws.send(data),
    close: () => ws.close(),
  };
  ws.onopen = (event) => socket.onopen?.(event);
  ws.onmessage = (event) => socket.onmessage?.(event);
  ws.onerror = (event) => socket.onerror?.(event);
  ws.onclose = (event) => socket.onclose?.(event);
  return socket;
}
