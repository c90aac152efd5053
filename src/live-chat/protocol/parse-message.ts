import { formatIssues } from '../../core/validate';
import { CHAT_STATES, LIVE_EVENT_SCHEMAS, LiveEventSchema, type LiveEvent } from './live-event';
import { parseStanzaError } from './iq-stanzas';
import { NS } from './namespaces';
import { productSkusOf } from './product-element';
import { childOf, childrenOf, textOf, type XmlElement } from './xml';

/** What the parser needs to know besides the stanza. */
export interface ParseContext {
  /** Now, in epoch ms (the injected clock): the time of a live stanza without a delay stamp. */
  now: number;
  /** Our own bare JID: the only `by` trusted on a stanza-id of a direct message. */
  self?: string;
}

/** When and under which archive id a stanza was stored (from a MAM result or offline delivery). */
export interface Archived {
  timestamp?: number;
  archiveId?: string;
}

/** The events of one stanza, or why it was rejected (a rejected stanza yields no event at all). */
export type ParseResult = { ok: true; events: LiveEvent[] } | { ok: false; reason: string };

const bareOf = (jid: string): string => jid.split('/')[0] ?? jid;
const resourceOf = (jid: string): string | undefined => {
  const slash = jid.indexOf('/');
  return slash === -1 ? undefined : jid.slice(slash + 1);
};

function delayOf(message: XmlElement): number | undefined {
  const stamp = childOf(message, 'delay', NS.delay)?.attrs.stamp;
  const time = stamp === undefined ? NaN : Date.parse(stamp);
  return Number.isFinite(time) ? time : undefined;
}

/** The body without the part another client shows as a quote (XEP-0461 + XEP-0428). */
function withoutReplyFallback(message: XmlElement, body: string): string {
  for (const fallback of childrenOf(message, NS.fallback, 'fallback')) {
    if (fallback.attrs.for !== NS.reply) continue;
    const range = childOf(fallback, 'body', NS.fallback);
    const start = Number(range?.attrs.start);
    const end = Number(range?.attrs.end);
    const points = [...body];
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > points.length) return body;
    return points.slice(0, start).join('') + points.slice(end).join('');
  }
  return body;
}

function invitationOf(message: XmlElement, from: string): Record<string, unknown> | undefined {
  const mediated = childOf(message, 'x', NS.mucUser);
  const invite = mediated && childOf(mediated, 'invite', NS.mucUser);
  if (invite) {
    return {
      type: 'invitation',
      room: bareOf(from),
      inviter: invite.attrs.from,
      reason: textOf(childOf(invite, 'reason', NS.mucUser)),
      password: textOf(childOf(mediated, 'password', NS.mucUser)),
      mediated: true,
    };
  }
  const direct = childOf(message, 'x', NS.conference);
  if (!direct) return undefined;
  return { type: 'invitation', room: direct.attrs.jid, inviter: from, reason: direct.attrs.reason, password: direct.attrs.password, mediated: false };
}

/** The facts a message stanza carries, before validation. */
function candidatesOf(message: XmlElement, type: string, from: string): Array<Record<string, unknown>> {
  const invitation = invitationOf(message, from);
  if (invitation) return [invitation];

  const out: Array<Record<string, unknown>> = [];
  const body = textOf(childOf(message, 'body', NS.client));
  const subject = childOf(message, 'subject', NS.client);
  const retract = childOf(message, 'retract', NS.retract);
  const replace = childOf(message, 'replace', NS.correction);
  const reactions = childOf(message, 'reactions', NS.reactions);

  if (type === 'groupchat' && subject && body === undefined) out.push({ type: 'subject', subject: textOf(subject) ?? '' });
  else if (retract) out.push({ type: 'retraction', targetId: retract.attrs.id });
  else if (replace && body !== undefined) out.push({ type: 'correction', targetId: replace.attrs.id, text: body });
  else if (reactions) {
    const emojis = childrenOf(reactions, NS.reactions, 'reaction').map((r) => textOf(r) ?? '');
    out.push({ type: 'reaction', targetId: reactions.attrs.id, emojis: [...new Set(emojis)] });
  } else {
    const oob = childOf(message, 'x', NS.oob);
    const url = textOf(oob && childOf(oob, 'url', NS.oob));
    if (body !== undefined || url !== undefined) {
      const reply = childOf(message, 'reply', NS.reply);
      const products = productSkusOf(message);
      out.push({
        type: 'message',
        text: body === undefined ? '' : reply ? withoutReplyFallback(message, body) : body,
        replyTo: reply ? { id: reply.attrs.id, to: reply.attrs.to } : undefined,
        attachment: url !== undefined ? { url, description: textOf(oob && childOf(oob, 'desc', NS.oob)) } : undefined,
        markable: !!childOf(message, 'markable', NS.markers),
        ...(childOf(message, 'assistant', NS.assistant) ? { assistant: true } : {}),
        ...(products ? { products } : {}),
      });
    }
  }

  for (const marker of childrenOf(message, NS.markers)) {
    if (marker.name === 'displayed' || marker.name === 'received') out.push({ type: 'receipt', receipt: marker.name, targetId: marker.attrs.id });
  }
  const receipt = childOf(message, 'received', NS.receipts);
  if (receipt) out.push({ type: 'receipt', receipt: 'received', targetId: receipt.attrs.id });
  const state = childrenOf(message, NS.chatStates).find((s) => (CHAT_STATES as readonly string[]).includes(s.name));
  if (state) out.push({ type: 'chat-state', state: state.name });
  return out;
}

/**
 * Turns an inbound `<message>` into {@link LiveEvent}s: a text message, a correction, a
 * retraction, reactions, receipts, a chat state, an invitation or a room subject. Every event is
 * validated; if one fails the whole stanza is rejected with the reason, and yields nothing.
 * Text stays text: nothing here ever interprets it as markup.
 * @example
 * const result = parseMessage(stanza, { now: clock.now() });
 * if (result.ok) for (const event of result.events) handle(event); else report(result.reason);
 */
export function parseMessage(message: XmlElement, context: ParseContext, archived: Archived = {}): ParseResult {
  if (message.name !== 'message' || message.ns !== NS.client) return { ok: false, reason: `not a message: <${message.name}>` };
  const from = message.attrs.from;
  if (!from) return { ok: false, reason: 'message without a sender' };
  const type = message.attrs.type ?? 'normal';
  const conversation = bareOf(from);
  const delay = archived.timestamp ?? delayOf(message);
  // A stanza-id is trusted only from the conversation that assigned it (XEP-0359 §4): a room
  // for room messages, our own account for direct ones.
  const trustedBy = type === 'groupchat' ? conversation : context.self;
  const stanzaId = archived.archiveId ?? childrenOf(message, NS.sid, 'stanza-id').find((s) => trustedBy !== undefined && s.attrs.by === trustedBy)?.attrs.id;
  const envelope = {
    conversation,
    from,
    nick: type === 'groupchat' ? resourceOf(from) : undefined,
    occupantId: type === 'groupchat' ? childOf(message, 'occupant-id', NS.occupantId)?.attrs.id : undefined,
    id: message.attrs.id,
    originId: childOf(message, 'origin-id', NS.sid)?.attrs.id,
    stanzaId,
    timestamp: Math.round(delay ?? context.now),
    delayed: delay !== undefined,
  };

  const error = parseStanzaError(message);
  const candidates = error ? [{ type: 'error', targetId: message.attrs.id, condition: error.condition, text: error.text }] : candidatesOf(message, type, from);
  const events: LiveEvent[] = [];
  for (const candidate of candidates) {
    const type = String(candidate.type);
    const schema = Object.hasOwn(LIVE_EVENT_SCHEMAS, type) ? LIVE_EVENT_SCHEMAS[type as keyof typeof LIVE_EVENT_SCHEMAS] : LiveEventSchema;
    const result = schema.safeParse({ ...envelope, ...candidate });
    if (!result.success) return { ok: false, reason: `${String(candidate.type)}: ${formatIssues(result.error.issues as Parameters<typeof formatIssues>[0])}` };
    events.push(result.data);
  }
  return { ok: true, events };
}
