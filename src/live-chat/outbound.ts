import type { LiveConversationRecord } from '../storage';
import { REMOTE_ID_PREFIX } from './inbound';
import { partBase } from './long-text';
import type { LiveMessage, LiveMessagingPort, LiveParticipants } from './ports';
import { buildCorrection, buildDisplayed, buildReactions, buildRetraction, buildTextMessage } from './protocol/message-builders';
import { NS } from './protocol/namespaces';
import { xml, type XmlElement } from './protocol/xml';

/**
 * What waits in the outbox: ids only. What is sent is read when it goes (an edit made while
 * offline goes with the message; a message deleted before it left is not sent at all).
 */
export type LiveOp =
  | { op: 'message'; conversationId: string; messageId: string }
  | { op: 'edit'; conversationId: string; messageId: string; editedAt: number }
  | { op: 'retract'; conversationId: string; messageId: string }
  | { op: 'react'; conversationId: string; messageId: string }
  | { op: 'displayed'; conversationId: string; messageId: string };

const OPS: ReadonlySet<string> = new Set(['message', 'edit', 'retract', 'react', 'displayed']);

/** Checks an outbox payload read back from IndexedDB. */
export function isLiveOp(value: unknown): value is LiveOp {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<string, unknown>;
  return typeof fields.op === 'string' && OPS.has(fields.op) && typeof fields.conversationId === 'string' && typeof fields.messageId === 'string';
}

/** The outbox id of an op: the same change queued twice is one item. */
export function opId(op: LiveOp, now: number): string {
  switch (op.op) {
    case 'message':
      return `m:${op.messageId}`;
    case 'edit':
      return `e:${op.messageId}:${op.editedAt}`;
    case 'retract':
      return `d:${op.messageId}`;
    default:
      return `${op.op[0]}:${op.messageId}:${now}`;
  }
}

/**
 * The room's name for a local message: its stanza-id once known, else the id it was sent with.
 * A part of a long staff message (`xmpp_<id>~2`) is named as the message it belongs to.
 */
export function roomIdOf(record: LiveConversationRecord, messageId: string): string {
  const known = record.ids[messageId];
  if (known) return known;
  const id = messageId.startsWith(REMOTE_ID_PREFIX) ? partBase(messageId) : messageId;
  return record.ids[id] ?? (id.startsWith(REMOTE_ID_PREFIX) ? id.slice(REMOTE_ID_PREFIX.length) : id);
}

export interface StanzaContext {
  port: LiveMessagingPort;
  participants: LiveParticipants;
  record: LiveConversationRecord;
  /** Ids of stanzas other than messages (corrections, reactions…). */
  newId(): string;
}

/** An attachment as it goes to the room: its shared URL once uploaded, or only its name. */
export interface SentFile {
  name: string;
  url?: string;
}

/**
 * A message as the room gets it: its text (with the reply), then one message per file whose body
 * is the file's URL (what XMPP clients show inline, XEP-0363 §6). The first stanza carries the
 * message's own id (its origin-id), the files `<id>~a<n>`: a retry sends the same ids. A file that
 * could not be uploaded is named in the text instead.
 */
export function messageStanzas(message: LiveMessage, files: readonly SentFile[], context: Omit<StanzaContext, 'newId'>): XmlElement[] {
  const { port, record, participants } = context;
  const to = record.room;
  const missing = files.filter((file) => !file.url).map((file) => `📎 ${file.name}`);
  const text = [message.content.text, ...missing].filter(Boolean).join('\n');
  const parent = message.replyTo ? port.getMessage(message.replyTo) : undefined;
  const mark = (stanza: XmlElement): XmlElement =>
    message.senderId === participants.botId ? { ...stanza, children: [...stanza.children, xml('assistant', NS.assistant)] } : stanza;
  const stanzas: XmlElement[] = [];
  if (text) {
    stanzas.push(mark(buildTextMessage({
      to,
      type: 'groupchat',
      id: message.id,
      text,
      ...(parent ? { replyTo: { id: roomIdOf(record, parent.id), to, quote: parent.content.text.slice(0, 200) } } : {}),
    })));
  }
  files.forEach((file, index) => {
    if (!file.url) return;
    const id = stanzas.length === 0 ? message.id : `${message.id}~a${index}`;
    stanzas.push(mark(buildTextMessage({ to, type: 'groupchat', id, text: file.url, attachment: { url: file.url, description: file.name } })));
  });
  return stanzas;
}

/**
 * The stanza for a change to a message (messages themselves: {@link messageStanzas}), or
 * `undefined` when there is nothing to send any more (the message is gone, or was deleted).
 */
export function stanzaFor(op: Exclude<LiveOp, { op: 'message' }>, context: StanzaContext): XmlElement | undefined {
  const { port, record, participants } = context;
  const to = record.room;
  const message = port.getMessage(op.messageId);
  switch (op.op) {
    case 'edit':
      if (!message || message.deleted || !message.content.text) return undefined;
      return buildCorrection({ to, type: 'groupchat', id: context.newId(), targetId: message.id, text: message.content.text });
    case 'retract':
      return buildRetraction({ to, type: 'groupchat', id: context.newId(), targetId: roomIdOf(record, op.messageId) });
    case 'react': {
      if (!message) return undefined;
      const customer = participants.customerId();
      const emojis = Object.entries(port.getReactionsSummary(op.messageId)).filter(([, entry]) => customer !== undefined && entry.users.includes(customer)).map(([emoji]) => emoji);
      return buildReactions({ to, type: 'groupchat', id: context.newId(), targetId: roomIdOf(record, op.messageId), emojis });
    }
    case 'displayed':
      return buildDisplayed({ to, type: 'groupchat', id: context.newId(), targetId: roomIdOf(record, op.messageId) });
  }
}
