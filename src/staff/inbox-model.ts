import { createEvents } from '../core/events';
import type { LiveEvent, LiveEventOf } from '../live-chat/protocol/live-event';
import { normalizeText } from '../messaging/text';
import { parseRoomSubject, type RoomSubject } from './room-subject';
import { transcriptContextOf } from './transcript-context';

import type { ConversationStatus, InboxConversation, InboxMessage, InboxModel, InboxModelEvents, InboxModelOptions, MessageRole } from './inbox-types';

export { CLAIM_PREFIX, claimOf } from './room-subject';
export type { ConversationStatus, InboxConversation, InboxMessage, InboxModel, InboxModelEvents, InboxModelOptions, MessageRole };

/** The id the customer's widget gives the transcript message: `transcript-<conversationId>`. */
const TRANSCRIPT_PREFIX = 'transcript-';

/** The customer id in a transcript header (its second line, `Cliente: anon_…` in any language). */
export function customerIdOf(transcript: string): string | undefined {
  const line = transcript.split('\n', 3)[1] ?? '';
  const colon = line.indexOf(': ');
  const id = colon === -1 ? '' : line.slice(colon + 2).trim();
  return id && id.length <= 200 ? id : undefined;
}

interface MutableMessage extends Omit<InboxMessage, 'role' | 'own' | 'reactions'> {
  assistant: boolean;
  reactions: Record<string, readonly string[]>;
}

interface Room {
  room: string;
  invitedAt: number;
  reason?: string;
  customerNick?: string;
  customerId?: string;
  bike?: string;
  pages: string[];
  subject: RoomSubject;
  messages: MutableMessage[];
  byId: Map<string, MutableMessage>;
  /** Key of the newest message this account marked displayed. */
  readKey?: string;
  typing: Set<string>;
  lastArchiveId?: string;
  /** Folded search text, rebuilt on the first search after a change. */
  searchText?: string;
  /** The inbox line, rebuilt on the first read after a change: a redraw recomputes only the rooms that changed. */
  summary?: InboxConversation;
  /** Staff nicks of the room (messages, claim, close), rebuilt on the first read after a change. */
  agents?: readonly string[];
  /** Counts the room's changes: a view redraws only what moved since it last drew it. */
  version: number;
}

const domainOf = (jid: string): string => jid.slice(jid.indexOf('@') + 1);

/**
 * The staff inbox as data: the rooms this account was invited to and what happened in each,
 * built only from {@link LiveEvent}s (live, from the account's archive, from each room's archive,
 * in any order and with duplicates). Who is who comes from the room: the sender of the transcript
 * is the customer, messages marked as the assistant's are the assistant's, anyone else is staff.
 * @example
 * const model = createInboxModel({ nick: 'Ana', roomsDomain: 'rooms.tienda.co' });
 * connection.on('event', model.apply);
 * model.list(); // newest activity first
 */
export function createInboxModel(options: InboxModelOptions): InboxModel {
  const events = createEvents<InboxModelEvents>();
  const rooms = new Map<string, Room>();
  const changed = (room: Room): void => {
    room.version++;
    room.searchText = undefined;
    room.summary = undefined;
    room.agents = undefined;
    events.emit('change', { room: room.room });
  };

  const roleOf = (room: Room, message: MutableMessage): MessageRole => {
    if (message.nick === options.nick) return 'staff';
    if (message.assistant) return 'assistant';
    if (room.customerNick !== undefined) return message.nick === room.customerNick ? 'customer' : 'staff';
    return 'customer';
  };
  const view = (room: Room, message: MutableMessage): InboxMessage => {
    const { assistant: _assistant, ...rest } = message;
    return { ...rest, reactions: { ...message.reactions }, role: roleOf(room, message), own: message.nick === options.nick };
  };
  const lookup = (room: Room, anyId: string): MutableMessage | undefined => room.byId.get(anyId);
  const index = (room: Room, message: MutableMessage): void => {
    for (const id of [message.stanzaId, message.originId, message.id]) if (id !== undefined && !room.byId.has(id)) room.byId.set(id, message);
  };

  function addRoom(room: string, at: number, reason?: string, live = false): boolean {
    if (rooms.has(room)) return false;
    if (options.roomsDomain !== undefined && domainOf(room) !== options.roomsDomain) return false;
    const added: Room = { room, invitedAt: at, ...(reason ? { reason } : {}), pages: [], subject: { kind: 'none' }, messages: [], byId: new Map(), typing: new Set(), version: 0 };
    rooms.set(room, added);
    events.emit('invited', { room, live });
    changed(added);
    return true;
  }

  /** True when the message is new to the room (not a duplicate). */
  function onMessage(room: Room, event: LiveEventOf<'message'>): boolean {
    const nick = event.nick ?? '';
    const existing = (event.stanzaId && lookup(room, event.stanzaId)) || (event.originId && lookup(room, event.originId)) || (event.id && lookup(room, event.id));
    if (existing && existing.nick === nick) {
      // The same message again (our echo, or archive and live overlapping): learn its room id.
      if (event.stanzaId && !existing.stanzaId) {
        existing.stanzaId = event.stanzaId;
        existing.key = event.stanzaId;
        existing.version++;
        index(room, existing);
      }
      return false;
    }
    const transcript = [event.originId, event.id].some((id) => id?.startsWith(TRANSCRIPT_PREFIX));
    const message: MutableMessage = {
      key: event.stanzaId ?? event.originId ?? event.id ?? `${nick}:${event.timestamp}:${room.messages.length}`,
      ...(event.stanzaId ? { stanzaId: event.stanzaId } : {}),
      ...(event.originId ? { originId: event.originId } : {}),
      ...(event.id ? { id: event.id } : {}),
      nick,
      assistant: event.assistant === true,
      text: event.text,
      timestamp: event.timestamp,
      edited: false,
      retracted: false,
      transcript,
      ...(event.attachment ? { attachment: event.attachment } : {}),
      ...(event.replyTo ? { replyTo: event.replyTo.id } : {}),
      reactions: {},
      seenByCustomer: false,
      version: 0,
    };
    if (transcript && room.customerNick === undefined) {
      room.customerNick = nick;
      const customerId = customerIdOf(event.text);
      if (customerId) room.customerId = customerId;
      const context = transcriptContextOf(event.text);
      if (context.bike) room.bike = context.bike;
      room.pages = context.pages;
    }
    // Archive pages and live messages interleave: keep the list in time order. Archive stamps
    // have whole seconds (Prosody), live ones milliseconds: within one second, arrival order.
    const second = Math.floor(message.timestamp / 1000);
    let at = room.messages.length;
    while (at > 0 && Math.floor(room.messages[at - 1]!.timestamp / 1000) > second) at--;
    room.messages.splice(at, 0, message);
    index(room, message);
    room.typing.delete(nick);
    return true;
  }

  function applyToRoom(room: Room, event: LiveEvent): void {
    const nick = event.nick ?? '';
    let incoming: string | undefined;
    switch (event.type) {
      case 'message':
        if (onMessage(room, event) && !event.delayed && nick !== options.nick) incoming = (room.byId.get(event.stanzaId ?? event.originId ?? event.id ?? '') ?? room.messages.at(-1))?.key;
        break;
      case 'subject':
        room.subject = parseRoomSubject(event.subject);
        break;
      case 'chat-state':
        if (nick === options.nick) return;
        if (event.state === 'composing') room.typing.add(nick);
        else room.typing.delete(nick);
        break;
      case 'correction': {
        const target = lookup(room, event.targetId);
        if (!target || target.nick !== nick || target.retracted) return;
        target.text = event.text;
        target.edited = true;
        target.version++;
        break;
      }
      case 'retraction': {
        const target = lookup(room, event.targetId);
        if (!target || target.nick !== nick) return;
        target.retracted = true;
        target.text = '';
        target.version++;
        break;
      }
      case 'reaction': {
        const target = lookup(room, event.targetId);
        if (!target) return;
        if (event.emojis.length === 0) delete target.reactions[nick];
        else target.reactions[nick] = event.emojis;
        target.version++;
        break;
      }
      case 'receipt': {
        if (event.receipt !== 'displayed') return;
        const target = lookup(room, event.targetId);
        if (!target) return;
        if (nick === options.nick) {
          const current = room.readKey ? lookup(room, room.readKey) : undefined;
          if (!current || room.messages.indexOf(target) > room.messages.indexOf(current)) room.readKey = target.key;
        } else if (room.customerNick === undefined || nick === room.customerNick) {
          const upTo = room.messages.indexOf(target);
          for (const message of room.messages.slice(0, upTo + 1)) {
            if (message.nick === nick || message.seenByCustomer) continue;
            message.seenByCustomer = true;
            message.version++;
          }
        }
        break;
      }
      default:
        return;
    }
    if (event.stanzaId) room.lastArchiveId = event.stanzaId;
    changed(room);
    if (incoming !== undefined) events.emit('incoming', { room: room.room, key: incoming });
  }

  /** Closed, unless the customer wrote after the message the closing agent had seen last. */
  function statusOf(room: Room): Pick<InboxConversation, 'status' | 'claimedBy' | 'closedBy' | 'reopened'> {
    const subject = room.subject;
    if (subject.kind === 'claimed') return { status: 'claimed', claimedBy: subject.nick, reopened: false };
    if (subject.kind === 'none') return { status: 'new', reopened: false };
    const after = subject.after ? lookup(room, subject.after) : undefined;
    const from = after ? room.messages.indexOf(after) + 1 : room.messages.length;
    const wroteAgain = room.messages.slice(from).some((m) => !m.transcript && !m.retracted && roleOf(room, m) === 'customer');
    return wroteAgain ? { status: 'new', reopened: true } : { status: 'closed', closedBy: subject.nick, reopened: false };
  }

  function agentsOf(room: Room): string[] {
    const nicks = new Set<string>();
    if (room.subject.kind !== 'none') nicks.add(room.subject.nick);
    for (const message of room.messages) if (roleOf(room, message) === 'staff') nicks.add(message.nick);
    return [...nicks];
  }

  const summary = (room: Room): InboxConversation => (room.summary ??= summarize(room));
  function summarize(room: Room): InboxConversation {
    const visible = room.messages.filter((m) => !m.retracted);
    const last = visible.at(-1);
    let waitingSince: number | undefined;
    for (let i = visible.length - 1; i >= 0; i--) {
      const role = roleOf(room, visible[i]!);
      if (role === 'staff') break;
      if (role === 'customer' && !visible[i]!.transcript) waitingSince = visible[i]!.timestamp;
    }
    // A conversation just handed over waits since its handoff.
    if (waitingSince === undefined && visible.every((m) => roleOf(room, m) !== 'staff') && last) waitingSince = last.timestamp;
    const readAt = room.readKey ? room.messages.indexOf(lookup(room, room.readKey)!) : -1;
    const unread = room.messages.filter((m, i) => i > readAt && !m.retracted && m.nick !== options.nick && roleOf(room, m) !== 'staff').length;
    return {
      room: room.room,
      version: room.version,
      ...statusOf(room),
      ...(room.customerId ? { customerId: room.customerId } : {}),
      ...(room.bike ? { bike: room.bike } : {}),
      pages: [...room.pages],
      ...(room.customerNick ? { customerNick: room.customerNick } : {}),
      ...(last ? { lastMessage: view(room, last) } : {}),
      lastActivity: Math.max(room.invitedAt, last?.timestamp ?? 0),
      ...(waitingSince !== undefined ? { waitingSince } : {}),
      unread,
      typing: [...room.typing],
      ...(room.reason ? { reason: room.reason } : {}),
    };
  }

  return {
    nick: options.nick,
    on: events.on,
    apply(event) {
      if (event.type === 'invitation') {
        addRoom(event.room, event.timestamp, event.reason, !event.delayed);
        return;
      }
      const room = rooms.get(event.conversation);
      if (room) applyToRoom(room, event);
    },
    addRoom,
    has: (room) => rooms.has(room),
    rooms: () => [...rooms.keys()],
    list: () => [...rooms.values()].map(summary).sort((a, b) => b.lastActivity - a.lastActivity || (a.room < b.room ? -1 : a.room > b.room ? 1 : 0)),
    summary(room) {
      const found = rooms.get(room);
      return found && summary(found);
    },
    messages(room) {
      const found = rooms.get(room);
      return found ? found.messages.map((m) => view(found, m)) : [];
    },
    find(room, anyId) {
      const found = rooms.get(room);
      const message = found && lookup(found, anyId);
      return found && message ? view(found, message) : undefined;
    },
    lastIncoming(room) {
      const found = rooms.get(room);
      const message = found?.messages.findLast((m) => m.nick !== options.nick && !m.retracted);
      return found && message ? view(found, message) : undefined;
    },
    lastArchiveId: (room) => rooms.get(room)?.lastArchiveId,
    agents() {
      const nicks = new Set([options.nick]);
      for (const room of rooms.values()) for (const nick of (room.agents ??= agentsOf(room))) nicks.add(nick);
      return [...nicks].filter(Boolean).sort(); // code-unit order: a collator costs ~20 ms to create on first use
    },
    searchText(room) {
      const found = rooms.get(room);
      if (!found) return '';
      found.searchText ??= normalizeText([found.customerId, found.bike, ...found.pages, found.reason, ...found.messages.map((m) => (m.retracted ? '' : m.text))].filter(Boolean).join('\n'));
      return found.searchText;
    },
  };
}
