import { createClient, type Agent } from 'stanza';
import { attribute, childAttribute, childIntegerAttribute, extendMessage, multipleChildText } from 'stanza/jxt';
import type { ChatState } from 'stanza/Constants';
import type { MAMResult, ReceivedMessage } from 'stanza/protocol';

// The Node side of the live-chat tests: staff (or a scripted customer) on `stanza`, a different
// XMPP library than the widget's Strophe, so a passing test shows both speak standard XMPP.

const NS = {
  reactions: 'urn:xmpp:reactions:0',
  retract: 'urn:xmpp:message-retract:1',
  reply: 'urn:xmpp:reply:0',
  fallback: 'urn:xmpp:fallback:0',
} as const;

/** The XEPs stanza 12 does not model (0424 retraction, 0444 reactions, 0461 replies, 0428 fallback). */
export interface LiveExtensions {
  reactions?: { id: string; values?: string[] };
  retract?: string;
  reply?: { id: string; to?: string };
  fallback?: { for: string; start?: number; end?: number };
}

declare module 'stanza/protocol' {
  interface Message {
    reactions?: LiveExtensions['reactions'];
    retract?: LiveExtensions['retract'];
    reply?: LiveExtensions['reply'];
    fallback?: LiveExtensions['fallback'];
  }
}

export type StaffMessage = ReceivedMessage & LiveExtensions;

/** A mediated room invitation (XEP-0045 §7.8.2) as the invitee receives it. */
export interface Invitation {
  room: string;
  from: string;
  reason?: string;
  /** The human-readable body the room service adds. */
  body?: string;
}

export interface WaitOptions {
  timeoutMs?: number;
}

export interface StaffClient {
  /** The full JID bound for this session. */
  readonly jid: string;
  /** The underlying stanza client, for anything this wrapper does not cover. */
  readonly agent: Agent;
  /** Every message received so far, oldest first. */
  readonly received: readonly StaffMessage[];
  /**
   * The oldest received message matching `predicate` that no earlier `nextMessage` returned,
   * waiting for it if needed (so a message that arrived before the call is not missed).
   */
  nextMessage(predicate: (message: StaffMessage) => boolean, options?: WaitOptions): Promise<StaffMessage>;
  /** The next mediated invitation (stored ones arrive right after login). */
  nextInvitation(options?: WaitOptions): Promise<Invitation>;
  /** Joins a room without its live history (history comes from MAM). Resolves on self-presence. */
  joinRoom(room: string, nick: string): Promise<void>;
  /** Joins (creating) a room and submits its configuration form: members-only, persistent, hidden. */
  createRoom(room: string, nick: string, fields?: Record<string, boolean | string>): Promise<void>;
  /** The whole room archive (MAM), oldest first, paging through it `pageSize` at a time. */
  history(room: string, options?: { pageSize?: number; after?: string }): Promise<MAMResult[]>;
  sendText(room: string, text: string, options?: { id?: string; reply?: { id: string; to: string; quote?: string } }): string;
  sendChatState(room: string, state: ChatState): void;
  markDisplayed(room: string, stanzaId: string): void;
  correct(room: string, originalId: string, text: string): string;
  retract(room: string, stanzaId: string): string;
  react(room: string, stanzaId: string, emojis: string[]): string;
  /** Sends a direct (chat) message: used to probe what the firewall lets through. */
  sendDirect(to: string, text: string): string;
  stop(): Promise<void>;
}

export interface StaffClientOptions {
  service: string;
  jid: string;
  password: string;
  resource?: string;
  /** XEP-0198 stream management (default off). */
  streamManagement?: boolean;
}

function defineExtensions(agent: Agent): void {
  agent.stanzas.define([
    extendMessage({ retract: childAttribute(NS.retract, 'retract', 'id') }),
    { element: 'reactions', namespace: NS.reactions, path: 'message.reactions', fields: { id: attribute('id'), values: multipleChildText(null, 'reaction') } },
    { element: 'reply', namespace: NS.reply, path: 'message.reply', fields: { id: attribute('id'), to: attribute('to') } },
    {
      element: 'fallback',
      namespace: NS.fallback,
      path: 'message.fallback',
      fields: { for: attribute('for'), start: childIntegerAttribute(null, 'body', 'start'), end: childIntegerAttribute(null, 'body', 'end') },
    },
  ]);
}

function waitUntil<T>(find: () => T | undefined, subscribe: (check: () => void) => () => void, what: string, timeoutMs: number): Promise<T> {
  const found = find();
  if (found !== undefined) return Promise.resolve(found);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const unsubscribe = subscribe(() => {
      const value = find();
      if (value === undefined) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
    });
  });
}

/**
 * Logs in with SCRAM over WebSocket, sends presence and resolves a client whose inbox tests can
 * await. Rejects if the login fails.
 * @example
 * const staff = await createStaffClient({ service: server.wsUrl, jid: 'queue@staff.chat.localhost', password });
 * const invitation = await staff.nextInvitation();
 */
export async function createStaffClient(options: StaffClientOptions): Promise<StaffClient> {
  const agent = createClient({
    jid: options.jid,
    password: options.password,
    resource: options.resource ?? `node-${Math.random().toString(36).slice(2, 8)}`,
    transports: { websocket: options.service, bosh: false },
    // Off by default: stanza answers the server's ack requests even after it closed the socket,
    // which only adds noise to tests that do not resume sessions.
    useStreamManagement: options.streamManagement ?? false,
    // Receipts and markers are sent by the tests themselves, so they can assert on them.
    chatMarkers: false,
    sendReceipts: false,
  });
  defineExtensions(agent);
  // stanza's SASL picks the strongest mechanism offered; PLAIN is refused so a test fails loudly if SCRAM is not used.
  agent.sasl.disable('PLAIN');

  const received: StaffMessage[] = [];
  const consumed = new Set<StaffMessage>();
  const listeners = new Set<() => void>();
  agent.on('message', (message) => {
    received.push(message as StaffMessage);
    for (const listener of [...listeners]) listener();
  });
  const subscribe = (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };

  await new Promise<void>((resolve, reject) => {
    const onStarted = (): void => {
      agent.off('--transport-disconnected', onFailed);
      resolve();
    };
    const onFailed = (): void => {
      agent.off('session:started', onStarted);
      reject(new Error(`login of ${options.jid} failed`));
    };
    agent.once('session:started', onStarted);
    agent.once('auth:failed', onFailed);
    agent.once('--transport-disconnected', onFailed);
    agent.connect();
  });
  agent.sendPresence();

  const nextMessage: StaffClient['nextMessage'] = (predicate, waitOptions = {}) =>
    waitUntil(
      () => {
        const message = received.find((m) => !consumed.has(m) && predicate(m));
        if (message) consumed.add(message);
        return message;
      },
      subscribe,
      'a matching message',
      waitOptions.timeoutMs ?? 10_000,
    );

  const send = (room: string, fields: Partial<StaffMessage>): string =>
    agent.sendMessage({ to: room, type: 'groupchat', ...fields });

  return {
    get jid() {
      return agent.jid;
    },
    agent,
    received,
    nextMessage,
    async nextInvitation(waitOptions) {
      const message = await nextMessage((m) => m.muc?.type !== 'direct-invite' && !!m.muc?.invite?.length, waitOptions);
      const info = message.muc as { invite?: Array<{ from?: string; reason?: string }> };
      const invite = info.invite?.[0];
      return { room: message.from, from: invite?.from ?? '', reason: invite?.reason, body: message.body };
    },
    async joinRoom(room, nick) {
      await agent.joinRoom(room, nick, { muc: { type: 'join', history: { maxStanzas: 0 } } });
    },
    async createRoom(room, nick, fields = {}) {
      await agent.joinRoom(room, nick, { muc: { type: 'join', history: { maxStanzas: 0 } } });
      const values: Record<string, boolean | string> = {
        'muc#roomconfig_membersonly': true,
        'muc#roomconfig_persistentroom': true,
        'muc#roomconfig_publicroom': false,
        ...fields,
      };
      await agent.configureRoom(room, {
        fields: [
          { name: 'FORM_TYPE', type: 'hidden', value: 'http://jabber.org/protocol/muc#roomconfig' },
          ...Object.entries(values).map(([name, value]) => ({ name, value })),
        ],
      });
    },
    async history(room, historyOptions = {}) {
      const all: MAMResult[] = [];
      let after = historyOptions.after;
      for (;;) {
        const fin = await agent.searchHistory(room, { paging: { max: historyOptions.pageSize ?? 100, ...(after ? { after } : {}) } });
        all.push(...(fin.results ?? []));
        if (fin.complete || !fin.paging?.last) return all;
        after = fin.paging.last;
      }
    },
    sendText(room, text, textOptions = {}) {
      const reply = textOptions.reply;
      if (!reply) return send(room, { body: text, ...(textOptions.id ? { id: textOptions.id } : {}), marker: { type: 'markable' } });
      // XEP-0461 with a XEP-0428 fallback: clients without replies show the quote.
      const quote = reply.quote ? `> ${reply.quote.replace(/\n/g, '\n> ')}\n` : '';
      return send(room, {
        body: quote + text,
        marker: { type: 'markable' },
        reply: { id: reply.id, to: reply.to },
        ...(quote ? { fallback: { for: NS.reply, start: 0, end: [...quote].length } } : {}),
      });
    },
    sendChatState(room, state) {
      send(room, { chatState: state, processingHints: { noStore: true } });
    },
    markDisplayed(room, stanzaId) {
      send(room, { marker: { type: 'displayed', id: stanzaId }, processingHints: { store: true } });
    },
    correct(room, originalId, text) {
      return send(room, { body: text, replace: originalId });
    },
    retract(room, stanzaId) {
      return send(room, {
        retract: stanzaId,
        body: 'This person attempted to retract a previous message, but it\'s unsupported by your client.',
        fallback: { for: NS.retract },
        processingHints: { store: true },
      });
    },
    react(room, stanzaId, emojis) {
      return send(room, { reactions: { id: stanzaId, values: emojis }, processingHints: { store: true } });
    },
    sendDirect(to, text) {
      return agent.sendMessage({ to, type: 'chat', body: text });
    },
    async stop() {
      if (!agent.sessionStarted) return;
      await new Promise<void>((resolve) => {
        agent.once('--transport-disconnected', () => resolve());
        agent.disconnect();
      });
    },
  };
}
