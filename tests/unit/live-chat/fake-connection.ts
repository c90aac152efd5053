import { createEvents } from '../../../src/core/events';
import type { LiveEvent } from '../../../src/live-chat/protocol/live-event';
import type { XmlElement } from '../../../src/live-chat/protocol/xml';
import type { ArchiveRequest, XmppConnection, XmppConnectionEvents } from '../../../src/live-chat/protocol/xmpp-connection';

const childOf = (stanza: XmlElement, name: string): XmlElement | undefined => stanza.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === name);

/**
 * A scripted XMPP connection for the live chat engine: records what is sent, answers archive
 * queries as Prosody does, and lets the test speak for the server. With `echo`, it is also the
 * room: the customer's room messages come back with a stanza id and are archived, as a room does.
 * @example const fake = fakeConnection([], { nick: 'cabc', echo: true }); fake.staff('Hola', 'o-1');
 */
export function fakeConnection(archive: LiveEvent[] = [], options: { nick?: string; echo?: boolean } = {}) {
  const nick = options.nick ?? 'cabc';
  const events = createEvents<XmppConnectionEvents>();
  const sent: XmlElement[] = [];
  const queries: ArchiveRequest[] = [];
  /** For each query, how many others were still unanswered when it was asked. */
  const inFlightAtQuery: number[] = [];
  let inFlight = 0;
  const invites: Array<{ room: string; to: string }> = [];
  let status: XmppConnection['status'] = 'disconnected';
  let room = '';
  let stanzaIds = 0;
  let joinGate: Promise<void> | undefined;
  /** Someone says something in the room: archived with a stanza id, delivered while connected. */
  const say = (speaker: string, fields: { text: string; originId: string }): LiveEvent => {
    const event = { type: 'message', conversation: room, from: `${room}/${speaker}`, nick: speaker, timestamp: Date.now(), delayed: false, stanzaId: `s-${++stanzaIds}`, markable: true, ...fields } as LiveEvent;
    archive.push(event);
    if (status === 'connected') queueMicrotask(() => events.emit('event', event));
    return event;
  };
  const connection: XmppConnection = {
    get status() {
      return status;
    },
    jid: `${nick}@chat.tienda.test/r`,
    on: events.on,
    async connect() {
      status = 'connected';
      events.emit('status', { status: 'connected', resumed: false });
      return { resumed: false };
    },
    async disconnect() {
      status = 'disconnected';
    },
    reconnectNow: () => undefined,
    send(stanza) {
      sent.push(stanza);
      if (!options.echo || stanza.name !== 'message' || stanza.attrs.type !== 'groupchat') return;
      const text = childOf(stanza, 'body')?.children.join('');
      const originId = childOf(stanza, 'origin-id')?.attrs.id;
      if (text !== undefined && originId) say(nick, { text, originId });
    },
    request: () => Promise.reject(new Error('no requests in these tests')),
    joinRoom: async () => ({ created: false }),
    async openConversationRoom(name) {
      room = name;
      await joinGate;
      return { created: true };
    },
    invite: (roomJid, to) => void invites.push({ room: roomJid, to }),
    // RSM as Prosody answers it: `after` bounds the page from below, `before` ('' = the newest)
    // pages backwards; a page is in time order; results stream to onEvent before the answer.
    async queryArchive(request) {
      queries.push(request);
      inFlightAtQuery.push(inFlight);
      inFlight++;
      const index = (id: string): number => archive.findIndex((event) => event.stanzaId === id);
      const low = request.after ? index(request.after) + 1 : 0;
      const max = request.max ?? 100;
      const backwards = request.before !== undefined;
      const high = backwards && request.before ? index(request.before) : backwards ? archive.length : Math.min(archive.length, low + max);
      const from = backwards ? Math.max(low, high - max) : low;
      const page = archive.slice(from, high);
      await Promise.resolve();
      if (page[0]?.stanzaId) request.onFirstResult?.(page[0].stanzaId);
      for (const event of page) request.onEvent?.(event);
      inFlight--;
      return { events: request.onEvent ? [] : page, fin: { complete: backwards ? from === low : high === archive.length, first: page[0]?.stanzaId, last: page.at(-1)?.stanzaId } };
    },
    enableStreamManagement: () => undefined,
    fetchArchive: async (request) => {
      const index = request.after ? archive.findIndex((event) => event.stanzaId === request.after) + 1 : 0;
      return archive.slice(index);
    },
  };
  return {
    connection,
    sent,
    queries,
    inFlightAtQuery,
    /** What the room's archive holds (the test adds to it). */
    archive,
    invites,
    /** The server delivers an event live. */
    deliver: (event: LiveEvent) => events.emit('event', event),
    /** Staff say something in the room (with `echo`: the room the customer's connection opened). */
    staff: (text: string, originId: string, speaker = 'Ana') => say(speaker, { text, originId }),
    /** The room does not answer joins until the returned function is called. */
    holdJoins(): () => void {
      let release = (): void => undefined;
      joinGate = new Promise((resolve) => (release = resolve));
      return () => {
        joinGate = undefined;
        release();
      };
    },
    drop() {
      status = 'reconnecting';
      events.emit('status', { status: 'reconnecting', attempt: 1, delayMs: 1000 });
    },
    restore() {
      status = 'connected';
      events.emit('status', { status: 'connected', resumed: false });
    },
  };
}

export type FakeConnection = ReturnType<typeof fakeConnection>;
