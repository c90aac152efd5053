import { Strophe, type SMStorageBackend } from 'strophe.js';
import { systemClock, type Clock } from '../../core/clock';
import { ChatbotError } from '../../core/errors';
import { createEvents, type Events } from '../../core/events';
import { createUuid } from '../../core/ids';
import { buildPing, parseStanzaError } from './iq-stanzas';
import { createKeepAlive } from './keep-alive';
import type { LiveEvent } from './live-event';
import { archiveResultOf, buildArchiveQuery, parseArchiveFin, parseArchivedMessage, type ArchiveFin } from './mam-stanzas';
import { buildInvite, buildJoinPresence, buildRoomConfigRequest, buildRoomConfigSubmit, parseFormFields, parseJoinPresence } from './muc-stanzas';
import { parseMessage } from './parse-message';
import { parseXmlFrame } from './parse-frame';
import { createBackoffPolicy, type ReconnectPolicy } from './reconnect-policy';
import { toStrophe } from './strophe-bridge';
import { stanzaErrorToChatbotError } from './xmpp-errors';
import { CLIENT_NS, fromDomElement, serializeXml, type XmlElement } from './xml';

export type ConnectionStatus = 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'failed';

/** A stanza that failed validation: reported, and otherwise ignored. */
export interface InvalidStanza {
  reason: string;
  /** The stanza, serialized and cut to 2,000 characters. */
  stanza: string;
}

export type XmppConnectionEvents = {
  status: { status: ConnectionStatus; resumed?: boolean; attempt?: number; delayMs?: number };
  event: LiveEvent;
  invalid: InvalidStanza;
  /** A background failure (a rejoin refused after a reconnect, login refused on reconnect…). */
  error: ChatbotError;
};

export interface XmppConnectionOptions {
  /** WebSocket URL, e.g. `wss://chat.example.com/xmpp-websocket`. */
  service: string;
  /** `user@domain`, optionally with `/resource`. */
  jid: string;
  password: string;
  /**
   * XEP-0198: resume the stream after a drop (opt-in). `storage` keeps the session across page
   * loads. `holdWhile` is asked when a new session is ready: while it says true, `<enable/>` waits
   * for {@link XmppConnection.enableStreamManagement} (e.g. until a catch-up has read the archive).
   */
  streamManagement?: boolean | { storage?: SMStorageBackend; holdWhile?: () => boolean };
  /** When to try again after a drop (default: exponential backoff, 0.5 s … 30 s, forever). */
  reconnect?: ReconnectPolicy;
  clock?: Clock;
  /** How long a request may wait for its answer (default 15 s). */
  requestTimeoutMs?: number;
  /** Stanza ids (default: random UUIDs). */
  newId?: () => string;
  /**
   * Quiet time before the server is pinged (XEP-0199), and how long the ping may go unanswered
   * before the connection counts as dead and is replaced (default 20 s: a silently dead socket is
   * noticed within a minute); 0 turns it off.
   */
  keepAliveMs?: number;
}

/** One page of an archive, oldest first, with where it ends. */
export interface ArchivePage {
  events: LiveEvent[];
  fin: ArchiveFin;
}

export interface ArchiveRequest {
  /** A room JID; absent for our own account's archive. */
  archive?: string;
  after?: string;
  before?: string;
  start?: number;
  with?: string;
  /** Page size (default 100). */
  max?: number;
  /**
   * Receives each archived event as it arrives, before the page's answer (the page's `events`
   * then stays empty): a long page is applied while the server is still sending it.
   */
  onEvent?: (event: LiveEvent) => void;
  /**
   * Receives the archive id of the page's first result as soon as it arrives (a page is in time
   * order, so with `before` it is where the next, older page ends): the next query can go out
   * while this page is still arriving.
   */
  onFirstResult?: (archiveId: string) => void;
}

export interface XmppConnection {
  readonly status: ConnectionStatus;
  /** The full JID of the session (once connected). */
  readonly jid: string | undefined;
  on: Events<XmppConnectionEvents>['on'];
  /** Connects (retrying per the reconnect policy); rejects on a refused login or when the policy gives up. */
  connect(): Promise<{ resumed: boolean }>;
  /** Closes the stream cleanly; no reconnection follows. */
  disconnect(): Promise<void>;
  /** Tries at once when waiting for the next attempt (e.g. the browser came back online). */
  reconnectNow(): void;
  send(stanza: XmlElement): void;
  /** Sends an iq and resolves its result; rejects with a ChatbotError for an error or a timeout. */
  request(iq: XmlElement): Promise<XmlElement>;
  /** Joins a room (without live history); rejoined by itself after a reconnect that did not resume. */
  joinRoom(room: string, nick: string): Promise<{ created: boolean }>;
  /** Joins, and when the join created the room, configures it members-only, persistent and archived. */
  openConversationRoom(room: string, nick: string, options?: { name?: string }): Promise<{ created: boolean }>;
  /** XEP-0045 mediated invitation (stored by the server if `to` is offline). */
  invite(room: string, to: string, reason?: string): void;
  /** One page of an archive (XEP-0313 with RSM). */
  queryArchive(request: ArchiveRequest): Promise<ArchivePage>;
  /** Every archived event after `after` (or from the start), page by page. */
  fetchArchive(request: ArchiveRequest & { maxPages?: number }): Promise<LiveEvent[]>;
  /** Sends the `<enable/>` a `holdWhile` held back on this session (nothing when none is held). */
  enableStreamManagement(): void;
}

const MAX_REPORTED_STANZA = 2_000;
const bareOf = (jid: string): string => jid.split('/')[0] ?? jid;

interface PendingJoin {
  resolve(outcome: { created: boolean }): void;
  reject(error: ChatbotError): void;
}
interface PendingQuery {
  archive?: string;
  events: LiveEvent[];
  onEvent?: (event: LiveEvent) => void;
  onFirstResult?: (archiveId: string) => void;
}

/**
 * An XMPP client connection on Strophe over WebSocket: SCRAM login (never PLAIN or ANONYMOUS),
 * optional stream resumption, reconnection per an injected policy, rooms, invitations and
 * archive queries. Every inbound message is parsed and validated into {@link LiveEvent}s; what
 * fails validation is reported on `invalid` and dropped.
 * @example
 * const connection = createXmppConnection({ service: 'wss://chat.example.com/xmpp-websocket', jid, password });
 * connection.on('event', (event) => console.log(event));
 * await connection.connect();
 * await connection.openConversationRoom(room, 'cliente');
 */
export function createXmppConnection(options: XmppConnectionOptions): XmppConnection {
  const clock = options.clock ?? systemClock;
  const newId = options.newId ?? createUuid;
  const policy = options.reconnect ?? createBackoffPolicy();
  const requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
  const events = createEvents<XmppConnectionEvents>();
  const sm = options.streamManagement;
  const conn = new Strophe.Connection(options.service, {
    mechanisms: [Strophe.SASLSHA512, Strophe.SASLSHA384, Strophe.SASLSHA256, Strophe.SASLSHA1],
    ...(sm ? { enableStreamManagement: true, streamManagement: { requestResume: true, storage: (typeof sm === 'object' && sm.storage) || new Strophe.MemoryStorageBackend() } } : {}),
  });

  const state = {
    status: 'disconnected' as ConnectionStatus,
    /** A fresh session whose `<enable/>` waits for enableStreamManagement(). */
    smHeld: false,
    wanted: false,
    everConnected: false,
    attempt: 0,
    retryTimer: undefined as unknown,
    firstConnect: undefined as undefined | { resolve(value: { resumed: boolean }): void; reject(error: ChatbotError): void },
    disconnected: undefined as undefined | (() => void),
  };
  let releaseHeldSM = (): void => undefined;
  const joinedRooms = new Map<string, string>();
  const pendingJoins = new Map<string, PendingJoin>();
  const pendingQueries = new Map<string, PendingQuery>();
  const keepAliveMs = options.keepAliveMs ?? 20_000;
  const keepAlive = createKeepAlive({
    clock,
    intervalMs: keepAliveMs,
    ping: () => request(buildPing({ id: newId() })),
    // The socket is dropped, not closed: the server keeps the session for resumption (XEP-0198).
    onDead: () => conn._doDisconnect('no answer from the server'),
  });
  if (keepAliveMs > 0) conn.xmlInput = () => keepAlive.heard();

  const setStatus = (status: ConnectionStatus, extra: Omit<XmppConnectionEvents['status'], 'status'> = {}): void => {
    state.status = status;
    events.emit('status', { status, ...extra });
  };
  const report = (reason: string, stanza: XmlElement): void => {
    events.emit('invalid', { reason, stanza: serializeXml(stanza).slice(0, MAX_REPORTED_STANZA) });
  };
  const context = () => ({ now: clock.now(), self: bareOf(conn.jid || options.jid) });

  function onMessage(element: XmlElement): void {
    const result = archiveResultOf(element);
    if (result) {
      const query = pendingQueries.get(result.attrs.queryid ?? '');
      if (!query) return report('archive result of an unknown query', element);
      // Only the page's very first result: were it not the archive's, the page's end is unknown
      // until its answer.
      const first = query.onFirstResult;
      query.onFirstResult = undefined;
      if (first && result.attrs.id && element.attrs.from === (query.archive ?? element.attrs.from)) first(result.attrs.id);
      const parsed = parseArchivedMessage(element, { ...context(), archive: query.archive, queryId: result.attrs.queryid ?? '' });
      if (!parsed.ok) return report(parsed.reason, element);
      if (query.onEvent) for (const event of parsed.events) query.onEvent(event);
      else query.events.push(...parsed.events);
      return;
    }
    const parsed = parseMessage(element, context());
    if (!parsed.ok) return report(parsed.reason, element);
    for (const event of parsed.events) events.emit('event', event);
  }

  function onPresence(element: XmlElement): void {
    const from = element.attrs.from;
    const pending = from && pendingJoins.get(bareOf(from));
    if (!pending) return;
    const outcome = parseJoinPresence(element);
    if (!outcome.self) return;
    pendingJoins.delete(bareOf(from));
    if (outcome.error) pending.reject(stanzaErrorToChatbotError(parseStanzaError(element) ?? { condition: outcome.error }, `joining ${bareOf(from)}`));
    else pending.resolve({ created: outcome.created });
  }

  /**
   * An archive result frame of a query in flight, read without Strophe: a catch-up brings one
   * frame per archived message, and a DOM document per frame, Strophe's handler chain and the
   * DOM-to-element copy cost more than applying the message. Counted for stream management as
   * Strophe counts it; anything else (or anything the plain parser refuses) goes through Strophe.
   */
  const readArchiveFrame = (data: unknown): boolean => {
    if (pendingQueries.size === 0 || typeof data !== 'string' || !data.startsWith('<message') || conn.disconnecting) return false;
    const element = parseXmlFrame(data);
    const result = element && element.name === 'message' && element.ns === CLIENT_NS ? archiveResultOf(element) : undefined;
    if (!element || !result || !pendingQueries.has(result.attrs.queryid ?? '')) return false;
    if (keepAliveMs > 0) keepAlive.heard();
    conn.sm?.onInboundStanza('message');
    try {
      onMessage(element);
    } catch (error) {
      events.emit('error', error instanceof ChatbotError ? error : new ChatbotError('NETWORK', `reading an archive result: ${String(error)}`));
    }
    return true;
  };
  // Stream management waits while the caller says so: the server queues every stanza it sends an
  // enabled session for resumption, which made it take about three times as long to send an
  // archive page (1,000 messages: ~150 ms of Prosody CPU without, ~450 ms with). A stream lost
  // before `<enable/>` cannot resume; the caller's catch-up reads the gap again instead.
  const holdWhile = typeof sm === 'object' ? sm.holdWhile : undefined;
  if (holdWhile) {
    const sessionReady = conn._onSessionReady.bind(conn);
    conn._onSessionReady = (): void => {
      if (!conn.sm?.resumed && holdWhile()) state.smHeld = true;
      else sessionReady();
    };
    releaseHeldSM = () => {
      if (!state.smHeld) return;
      state.smHeld = false;
      if (conn.connected && !conn.disconnecting) sessionReady();
    };
  }
  const transport = conn._proto;
  if (transport instanceof Strophe.Websocket) {
    const viaStrophe = transport._onMessage.bind(transport);
    transport._onMessage = (message: MessageEvent): void => {
      if (!readArchiveFrame(message.data)) viaStrophe(message);
    };
  }

  const dispatch = (handle: (element: XmlElement) => void) => (node: Element): boolean => {
    const element = fromDomElement(node);
    if (element) handle(element);
    return true;
  };

  function schedule(): void {
    state.attempt += 1;
    const delayMs = policy.delayFor(state.attempt);
    if (delayMs === undefined) {
      state.wanted = false;
      setStatus('failed', { attempt: state.attempt });
      const error = new ChatbotError('NETWORK', `cannot reach ${options.service}`);
      if (state.firstConnect) state.firstConnect.reject(error);
      else events.emit('error', error);
      state.firstConnect = undefined;
      return;
    }
    setStatus('reconnecting', { attempt: state.attempt, delayMs });
    state.retryTimer = clock.setTimeout(() => {
      state.retryTimer = undefined;
      open();
    }, delayMs);
  }

  async function afterConnected(): Promise<void> {
    const resumed = conn.hasResumed();
    state.attempt = 0;
    state.everConnected = true;
    if (!resumed) {
      conn.send(toStrophe({ name: 'presence', ns: 'jabber:client', attrs: {}, children: [] }));
      // Without resumption the server forgot our rooms: join them again (the archive fills the gap).
      await Promise.all(
        [...joinedRooms].map(([room, nick]) => joinRoom(room, nick).catch((error: unknown) => events.emit('error', error instanceof ChatbotError ? error : new ChatbotError('NETWORK', String(error))))),
      );
    }
    if (keepAliveMs > 0) keepAlive.start();
    setStatus('connected', { resumed });
    state.firstConnect?.resolve({ resumed });
    state.firstConnect = undefined;
  }

  function onStatus(status: number, condition?: string | null): void {
    const S = Strophe.Status;
    if (status === S.CONNECTED) {
      void afterConnected();
    } else if (status === S.AUTHFAIL) {
      state.wanted = false;
      setStatus('failed');
      const error = new ChatbotError('FORBIDDEN', `login refused for ${options.jid}${condition ? ` (${condition})` : ''}`);
      if (state.firstConnect) state.firstConnect.reject(error);
      else events.emit('error', error);
      state.firstConnect = undefined;
    } else if (status === S.DISCONNECTED) {
      keepAlive.stop();
      state.smHeld = false;
      for (const [room, pending] of pendingJoins) pending.reject(new ChatbotError('NETWORK', `disconnected while joining ${room}`));
      pendingJoins.clear();
      if (state.disconnected) {
        state.disconnected();
        state.disconnected = undefined;
      }
      if (state.wanted) schedule();
      else if (state.status !== 'failed') setStatus('disconnected');
    }
  }

  function open(): void {
    setStatus(state.everConnected ? 'reconnecting' : 'connecting', { attempt: state.attempt });
    // Strophe drops every handler when a stream ends, so each stream gets its own.
    conn.addHandler(dispatch(onMessage), null, 'message', null);
    conn.addHandler(dispatch(onPresence), null, 'presence', null);
    conn.connect(options.jid, options.password, onStatus);
  }

  function request(iq: XmlElement): Promise<XmlElement> {
    const id = iq.attrs.id ?? newId();
    const to = iq.attrs.to;
    const own = [undefined, bareOf(conn.jid || options.jid), (options.jid.split('@')[1] ?? '').split('/')[0]];
    return new Promise<XmlElement>((resolve, reject) => {
      const timer = clock.setTimeout(() => {
        conn.deleteHandler(handler);
        reject(new ChatbotError('TIMEOUT', `no answer to ${iq.name} ${id} from ${to ?? 'the server'}`));
      }, requestTimeoutMs);
      const handler = conn.addHandler(
        (node) => {
          const answer = fromDomElement(node);
          const from = answer?.attrs.from;
          // Only the addressee may answer (a guessed id from someone else is not an answer).
          if (!answer || (to !== undefined ? from !== to : !own.includes(from))) return true;
          clock.clearTimeout(timer);
          const error = parseStanzaError(answer);
          if (error) reject(stanzaErrorToChatbotError(error, `${iq.name} to ${to ?? 'the server'}`));
          else resolve(answer);
          return false;
        },
        null,
        'iq',
        ['result', 'error'],
        id,
      );
      conn.send(toStrophe({ ...iq, attrs: { ...iq.attrs, id } }));
    });
  }

  function joinRoom(room: string, nick: string): Promise<{ created: boolean }> {
    const bare = bareOf(room);
    pendingJoins.get(bare)?.reject(new ChatbotError('CONFLICT', `joining ${bare} again`));
    return new Promise<{ created: boolean }>((resolve, reject) => {
      const timer = clock.setTimeout(() => {
        pendingJoins.delete(bare);
        reject(new ChatbotError('TIMEOUT', `joining ${bare}`));
      }, requestTimeoutMs);
      pendingJoins.set(bare, {
        resolve: (outcome) => {
          clock.clearTimeout(timer);
          joinedRooms.set(bare, nick);
          resolve(outcome);
        },
        reject: (error) => {
          clock.clearTimeout(timer);
          reject(error);
        },
      });
      conn.send(toStrophe(buildJoinPresence({ room: bare, nick, id: newId() })));
    });
  }

  async function queryArchive(input: ArchiveRequest): Promise<ArchivePage> {
    const id = newId();
    const query: PendingQuery = { archive: input.archive, events: [], ...(input.onEvent ? { onEvent: input.onEvent } : {}), ...(input.onFirstResult ? { onFirstResult: input.onFirstResult } : {}) };
    pendingQueries.set(id, query);
    try {
      const answer = await request(buildArchiveQuery({ ...input, id, queryId: id, max: input.max ?? 100 }));
      return { events: query.events, fin: parseArchiveFin(answer) ?? { complete: true } };
    } finally {
      pendingQueries.delete(id);
    }
  }

  return {
    get status() {
      return state.status;
    },
    get jid() {
      return conn.jid && conn.authenticated ? conn.jid : undefined;
    },
    on: events.on,
    connect() {
      if (state.status === 'connected') return Promise.resolve({ resumed: conn.hasResumed() });
      state.wanted = true;
      state.attempt = 0;
      return new Promise((resolve, reject) => {
        state.firstConnect = { resolve, reject };
        if (state.retryTimer === undefined && state.status !== 'connecting') open();
      });
    },
    disconnect() {
      state.wanted = false;
      keepAlive.stop();
      if (state.retryTimer !== undefined) clock.clearTimeout(state.retryTimer);
      state.retryTimer = undefined;
      if (!conn.connected) {
        setStatus('disconnected');
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        state.disconnected = resolve;
        conn.disconnect('closed by the page');
      });
    },
    reconnectNow() {
      if (state.retryTimer === undefined) return;
      clock.clearTimeout(state.retryTimer);
      state.retryTimer = undefined;
      open();
    },
    send(stanza) {
      conn.send(toStrophe(stanza));
    },
    request,
    joinRoom,
    async openConversationRoom(room, nick, roomOptions = {}) {
      const outcome = await joinRoom(room, nick);
      if (!outcome.created) return outcome;
      const form = await request(buildRoomConfigRequest({ room: bareOf(room), id: newId() }));
      await request(buildRoomConfigSubmit({ room: bareOf(room), id: newId(), offered: parseFormFields(form), name: roomOptions.name }));
      return outcome;
    },
    invite(room, to, reason) {
      conn.send(toStrophe(buildInvite({ room: bareOf(room), to, id: newId(), reason })));
    },
    queryArchive,
    enableStreamManagement: () => releaseHeldSM(),
    async fetchArchive(input) {
      const all: LiveEvent[] = [];
      let after = input.after;
      for (let page = 0; page < (input.maxPages ?? 100); page++) {
        const result = await queryArchive({ ...input, after });
        all.push(...result.events);
        if (result.fin.complete || !result.fin.last || result.events.length === 0) break;
        after = result.fin.last;
      }
      return all;
    },
  };
}
