import type { ChatState } from './live-event';
import { NS } from './namespaces';
import { productElements } from './product-element';
import { xml, type XmlElement } from './xml';

// Outbound messages, one builder per XEP. Builders are pure: the caller supplies every id (its
// outbox keeps them), so sending the same message again produces the same stanza and the same
// XEP-0359 origin-id, and receivers can drop the duplicate.

export type MessageType = 'groupchat' | 'chat';

export interface Addressed {
  /** The room (groupchat) or account (chat). */
  to: string;
  type: MessageType;
  /** Stanza id, reused as the XEP-0359 origin-id. */
  id: string;
}

const hint = (name: 'store' | 'no-store') => xml(name, NS.hints);
const originId = (id: string) => xml('origin-id', NS.sid, { id });

function message(target: Addressed, children: Array<XmlElement | undefined | false>): XmlElement {
  return xml('message', NS.client, { to: target.to, type: target.type, id: target.id }, [...children, originId(target.id)]);
}

export interface TextMessage extends Addressed {
  text: string;
  /** XEP-0461: answer to this message (the room's stanza-id of it in a room), quoting it for clients without replies. */
  replyTo?: { id: string; to: string; quote?: string };
  /** XEP-0066: an attachment URL (from an XEP-0363 upload). */
  attachment?: { url: string; description?: string };
  /** Catalog skus shown as product cards (the text should end with their `productFallbackText` lines). */
  products?: readonly string[];
}

/**
 * A text message, markable (XEP-0333), with a delivery receipt request in direct chats
 * (XEP-0184: rooms use markers), an optional reply with its XEP-0428 fallback quote, and an
 * optional attachment link.
 * @example buildTextMessage({ to: room, type: 'groupchat', id: 'm1', text: 'hola' })
 */
export function buildTextMessage(input: TextMessage): XmlElement {
  const reply = input.replyTo;
  const quote = reply?.quote ? `> ${reply.quote.replace(/\n/g, '\n> ')}\n` : '';
  const body = quote + input.text;
  // XEP-0426: fallback offsets count Unicode code points.
  const quoteLength = [...quote].length;
  return message(input, [
    xml('body', NS.client, {}, [body]),
    xml('markable', NS.markers),
    input.type === 'chat' && xml('request', NS.receipts),
    reply && xml('reply', NS.reply, { id: reply.id, to: reply.to }),
    quoteLength > 0 && xml('fallback', NS.fallback, { for: NS.reply }, [xml('body', NS.fallback, { start: '0', end: String(quoteLength) })]),
    input.attachment &&
      xml('x', NS.oob, {}, [xml('url', NS.oob, {}, [input.attachment.url]), input.attachment.description !== undefined && xml('desc', NS.oob, {}, [input.attachment.description])]),
    ...productElements(input.products ?? []),
  ]);
}

/** XEP-0308: replaces the text of `targetId` (the original stanza's id). */
export function buildCorrection(target: Addressed & { targetId: string; text: string }): XmlElement {
  return message(target, [xml('body', NS.client, {}, [target.text]), xml('replace', NS.correction, { id: target.targetId })]);
}

/**
 * XEP-0424: retracts `targetId` (the origin-id in a direct chat, the room's stanza-id in a room),
 * with the fallback body and store hint the XEP asks for, so the archive keeps the retraction.
 */
export function buildRetraction(target: Addressed & { targetId: string }): XmlElement {
  return message(target, [
    xml('retract', NS.retract, { id: target.targetId }),
    xml('fallback', NS.fallback, { for: NS.retract }),
    xml('body', NS.client, {}, ['This person attempted to retract a previous message, but it\'s unsupported by your client.']),
    hint('store'),
  ]);
}

/** XEP-0444: the sender's whole set of reactions to `targetId` (empty removes them all). */
export function buildReactions(target: Addressed & { targetId: string; emojis: readonly string[] }): XmlElement {
  return message(target, [
    xml('reactions', NS.reactions, { id: target.targetId }, [...new Set(target.emojis)].map((emoji) => xml('reaction', NS.reactions, {}, [emoji]))),
    hint('store'),
  ]);
}

/** XEP-0085: typing and presence in the conversation; never archived. */
export function buildChatState(target: Omit<Addressed, 'id'> & { id?: string; state: ChatState }): XmlElement {
  return xml('message', NS.client, { to: target.to, type: target.type, id: target.id }, [xml(target.state, NS.chatStates), hint('no-store')]);
}

/** XEP-0333 `displayed` (read) for `targetId`, archived so other devices learn it. */
export function buildDisplayed(target: Addressed & { targetId: string }): XmlElement {
  return message(target, [xml('displayed', NS.markers, { id: target.targetId }), hint('store')]);
}

/** Delivered: XEP-0184 receipt in a direct chat, XEP-0333 `received` marker in a room. */
export function buildReceived(target: Addressed & { targetId: string }): XmlElement {
  const receipt = target.type === 'chat' ? xml('received', NS.receipts, { id: target.targetId }) : xml('received', NS.markers, { id: target.targetId });
  return message(target, [receipt]);
}
