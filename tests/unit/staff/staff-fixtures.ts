import { createEvents } from '../../../src/core/events';
import type { LiveEvent, LiveEventOf } from '../../../src/live-chat/protocol/live-event';
import type { XmlElement } from '../../../src/live-chat/protocol/xml';
import type { XmppConnection, XmppConnectionEvents } from '../../../src/live-chat/protocol/xmpp-connection';

export const ROOMS = 'rooms.tienda.test';
export const ROOM_A = `conv-a@${ROOMS}`;
export const ROOM_B = `conv-b@${ROOMS}`;
export const CUSTOMER_NICK = 'cabc';
export const T0 = Date.parse('2026-12-06T10:00:00Z');

let counter = 0;
type Envelope = Partial<Pick<LiveEventOf<'message'>, 'stanzaId' | 'originId' | 'id' | 'delayed' | 'timestamp'>>;

const envelope = (room: string, nick: string, extra: Envelope) => ({
  conversation: room,
  from: `${room}/${nick}`,
  nick,
  timestamp: extra.timestamp ?? T0,
  delayed: extra.delayed ?? false,
  ...(extra.stanzaId !== undefined ? { stanzaId: extra.stanzaId } : { stanzaId: `s${++counter}` }),
  ...(extra.originId !== undefined ? { originId: extra.originId } : {}),
  ...(extra.id !== undefined ? { id: extra.id } : {}),
});

/** Scripted events, as the protocol layer would produce them from the server's stanzas. */
export const ev = {
  invitation: (room: string, at = T0, reason?: string): LiveEvent => ({
    type: 'invitation', conversation: room, from: room, room, mediated: true, timestamp: at, delayed: false, ...(reason ? { reason } : {}),
  }),
  transcript: (room: string, customerId: string, at = T0): LiveEvent => ({
    ...envelope(room, CUSTOMER_NICK, { timestamp: at, originId: 'transcript-c1', id: 'transcript-c1' }),
    type: 'message',
    text: `Conversación previa — Repuestos Motos\nCliente: ${customerId}\nPágina: /\n\n[10:00] ${customerId}: hola`,
    markable: true,
  }),
  message: (room: string, nick: string, text: string, extra: Envelope & { assistant?: boolean } = {}): LiveEvent => ({
    ...envelope(room, nick, extra),
    type: 'message',
    text,
    markable: true,
    ...(extra.assistant ? { assistant: true } : {}),
  }),
  subject: (room: string, nick: string, subject: string): LiveEvent => ({ ...envelope(room, nick, { stanzaId: '' }), stanzaId: undefined, type: 'subject', subject } as LiveEvent),
  correction: (room: string, nick: string, targetId: string, text: string): LiveEvent => ({ ...envelope(room, nick, {}), type: 'correction', targetId, text }),
  retraction: (room: string, nick: string, targetId: string): LiveEvent => ({ ...envelope(room, nick, {}), type: 'retraction', targetId }),
  reaction: (room: string, nick: string, targetId: string, emojis: string[]): LiveEvent => ({ ...envelope(room, nick, {}), type: 'reaction', targetId, emojis }),
  displayed: (room: string, nick: string, targetId: string): LiveEvent => ({ ...envelope(room, nick, {}), type: 'receipt', receipt: 'displayed', targetId }),
  typing: (room: string, nick: string, state: 'composing' | 'active'): LiveEvent => ({ ...envelope(room, nick, {}), stanzaId: undefined, type: 'chat-state', state } as LiveEvent),
};

/** A connection that records what is sent, serves scripted archives and lets the test speak for the server. */
export function fakeConnection(archives: { account?: LiveEvent[]; rooms?: Record<string, LiveEvent[]> } = {}) {
  const events = createEvents<XmppConnectionEvents>();
  const sent: XmlElement[] = [];
  const joined: Array<{ room: string; nick: string }> = [];
  const state = { status: 'connected' as XmppConnection['status'] };
  const connection: XmppConnection = {
    get status() {
      return state.status;
    },
    jid: 'ana@staff.tienda.test/r',
    on: events.on,
    connect: async () => ({ resumed: false }),
    disconnect: async () => undefined,
    enableStreamManagement: () => undefined,
    reconnectNow: () => undefined,
    send: (stanza) => void sent.push(stanza),
    request: () => Promise.reject(new Error('no requests in these tests')),
    joinRoom: async (room, nick) => {
      joined.push({ room, nick });
      return { created: false };
    },
    openConversationRoom: async () => ({ created: false }),
    invite: () => undefined,
    queryArchive: async () => ({ events: [], fin: { complete: true } }),
    fetchArchive: async (request) => {
      const all = request.archive ? (archives.rooms?.[request.archive] ?? []) : (archives.account ?? []);
      const from = request.after ? all.findIndex((event) => event.stanzaId === request.after) + 1 : 0;
      return all.slice(from);
    },
  };
  return { connection, state, sent, joined, deliver: (event: LiveEvent) => events.emit('event', event), emitStatus: (status: XmppConnectionEvents['status']) => events.emit('status', status) };
}
