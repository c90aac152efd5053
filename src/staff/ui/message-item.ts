import type { InboxMessage } from '../inbox-model';
import { el, isImageUrl, safeHttpUrl } from './dom';
import { fill, type StaffStrings } from './staff-strings';

/** What an agent can do to a message from its row: each button carries one as `data-action` (one listener on the list handles them all). */
export const MESSAGE_ACTIONS = ['reply', 'like', 'edit', 'remove'] as const;
export type MessageAction = (typeof MESSAGE_ACTIONS)[number];

export interface MessageItemContext {
  doc: Document;
  t: StaffStrings;
  nick: string;
  /** Who wrote it, as the agent reads it (You, Customer, Assistant, a colleague's nick). */
  nameOf(message: InboxMessage): string;
  /** The message answered, when known. */
  parentOf(message: InboxMessage): InboxMessage | undefined;
}

export const LIKE = '👍';
const QUOTE_LENGTH = 80;

const clip = (text: string): string => (text.length > QUOTE_LENGTH ? `${text.slice(0, QUOTE_LENGTH - 1)}…` : text);

/** The attachment as a link (an image inline in it), only for http(s) URLs; anything else as plain text. */
function attachmentOf(doc: Document, t: StaffStrings, attachment: NonNullable<InboxMessage['attachment']>): HTMLElement {
  const url = safeHttpUrl(attachment.url);
  const label = attachment.description || (url ? decodeURIComponent(url.pathname.split('/').pop() || url.host) : attachment.url);
  if (!url) return el(doc, 'span', { className: 'attachment meta', text: `${t.attachment}: ${label}` });
  const link = el(doc, 'a', { className: 'attachment', text: `📎 ${label}`, attrs: { href: url.href, target: '_blank', rel: 'noopener noreferrer nofollow' } });
  if (isImageUrl(url)) link.append(el(doc, 'img', { attrs: { src: url.href, alt: label, loading: 'lazy', referrerpolicy: 'no-referrer' } }));
  return link;
}

/**
 * One message of the open conversation: who, the message it answers (quoted), its text (as text),
 * its attachment, edited / seen / reactions, and buttons to reply, like, and edit or delete it
 * when it is the agent's own.
 */
export function renderMessageItem(context: MessageItemContext, message: InboxMessage): HTMLLIElement {
  const { doc, t } = context;
  const item = el(doc, 'li', { className: message.role, attrs: { 'data-key': message.key } }, [
    el(doc, 'span', { className: 'who', text: message.transcript ? t.transcript : context.nameOf(message) }),
  ]);
  const parent = message.replyTo !== undefined ? context.parentOf(message) : undefined;
  if (parent) item.append(el(doc, 'blockquote', { text: fill(t.inReplyTo, { name: context.nameOf(parent), text: clip(parent.retracted ? t.deleted : parent.text) }) }));
  // A file's message is its URL (what any XMPP client shows): the link below says it better.
  const fileOnly = message.attachment !== undefined && message.text === message.attachment.url;
  if (!fileOnly || message.retracted) item.append(el(doc, 'span', { className: 'text', text: message.retracted ? t.deleted : message.text }));
  if (message.retracted) return item;
  if (message.attachment) item.append(attachmentOf(doc, t, message.attachment));
  const notes = [message.edited ? t.edited : '', message.own && message.seenByCustomer ? t.seen : '', Object.values(message.reactions).flat().join(' ')].filter(Boolean);
  if (notes.length) item.append(el(doc, 'span', { className: 'meta', text: notes.join(' · ') }));
  if (message.transcript) return item;
  const liked = context.nick in message.reactions && message.reactions[context.nick]!.includes(LIKE);
  const action = (name: MessageAction, text: string, attrs: Record<string, string> = {}) => el(doc, 'button', { text, attrs: { type: 'button', 'data-action': name, ...attrs } });
  const actions = [
    action('reply', t.reply),
    action('like', `${LIKE} ${t.like}`, { 'aria-pressed': String(liked) }),
    ...(message.own ? [action('edit', t.edit), action('remove', t.remove)] : []),
  ];
  item.append(el(doc, 'span', { className: 'actions' }, actions));
  return item;
}
