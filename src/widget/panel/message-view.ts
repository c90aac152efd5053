import type { Bot, ProductCard } from '../../bot';
import type { I18n } from '../../i18n';
import type { Message, MessagingSystem } from '../../messaging';
import { h } from './dom';
import { productCard } from './product-card';

const QUICK_REACTIONS = ['👍', '❤️', '🙏'] as const;

// Building an Intl formatter is costly and a re-render formats every message: one per locale.
const timeFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormat = (locale: string): Intl.DateTimeFormat => {
  let format = timeFormats.get(locale);
  if (!format) timeFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' })));
  return format;
};

export interface MessageViewDeps {
  doc: Document;
  host: Window;
  i18n: I18n;
  /** What a bubble reads: the quoted parent and the reactions. */
  messaging: Pick<MessagingSystem, 'getMessage' | 'getReactionsSummary' | 'getAttachment'>;
  bot: Bot;
  customerId: string;
  staffIds: readonly string[];
  /** Object URLs of attachment previews, revoked when the panel is destroyed. */
  attachmentUrl(attachmentId: string): Promise<string>;
  /** An object URL of a picture staff shared by link (an upload of the chat server), fetched once. */
  sharedImageUrl(url: string): Promise<string>;
  onReply(message: Message): void;
  onChip(text: string): void;
  onAdded(name: string): void;
  /** The store catalog's cards for a staff message's product skus (empty until known). */
  staffCards?(message: Message): readonly ProductCard[];
  /** Toggles the customer's reaction. */
  onReact(message: Message, emoji: string): void;
}

export interface MessageViewOptions {
  /** The thread's replies (for a thread root). */
  replies?: readonly Message[];
  /** The newest entry of the timeline: its quick replies are shown. */
  latest?: boolean;
}

/**
 * Who wrote it, in the customer's words.
 * @example senderName(deps, 'asistente') // 'Asistente'
 */
export function senderName(deps: Pick<MessageViewDeps, 'i18n' | 'bot' | 'customerId' | 'staffIds'>, senderId: string): string {
  if (senderId === deps.customerId) return deps.i18n.t('message.you');
  if (senderId === deps.bot.botId) return deps.i18n.t('message.assistant');
  if (deps.staffIds.includes(senderId)) return deps.i18n.t('message.staff');
  return senderId;
}

/**
 * The text the bubble shows: for an answer with cards, its lines without the product list.
 * @example visibleText(answer, true) // 'Encontré 2 opciones para tu Boxer CT100:' (the • lines are cards)
 */
export function visibleText(message: Message, hasCards: boolean): string {
  const text = message.content.text;
  return hasCards ? text.split('\n').filter((line) => !line.startsWith('• ')).join('\n') : text;
}

function statusView(deps: MessageViewDeps, message: Message): HTMLElement | null {
  const { doc, i18n } = deps;
  if (message.senderId !== deps.customerId) return null;
  if (deps.bot.isPendingForStaff(message.id)) {
    return h(doc, 'span', { class: 'pending' }, '🕓 ', i18n.t('message.status.pending'));
  }
  const marks = message.status === 'sent' ? '✓' : '✓✓';
  return h(doc, 'span', { class: `tick ${message.status}`, title: i18n.t(`message.status.${message.status}`) },
    h(doc, 'span', { 'aria-hidden': 'true', text: marks }),
    h(doc, 'span', { class: 'sr-only', text: i18n.t(`message.status.${message.status}`) }),
  );
}

const SHARED_LINK = /^https?:\/\/\S+$/;
const IMAGE_PATH = /\.(?:png|jpe?g|gif|webp|avif)$/i;

/**
 * The files a staff member shared in a message: the lines that are only an http(s) URL (what an
 * XEP-0363 upload sends), as links, with the picture when it is an image.
 */
function sharedFiles(deps: MessageViewDeps, text: string): { text: string; files: HTMLElement | null } {
  const { doc, i18n } = deps;
  const kept: string[] = [];
  const links: HTMLElement[] = [];
  for (const line of text.split('\n')) {
    let url: URL | undefined;
    try {
      url = SHARED_LINK.test(line.trim()) ? new URL(line.trim()) : undefined;
    } catch {
      url = undefined;
    }
    if (!url) {
      kept.push(line);
      continue;
    }
    const name = decodeURIComponent(url.pathname.split('/').pop() || url.host);
    const link = h(doc, 'a', { href: url.href, target: '_blank', rel: 'noopener noreferrer', text: `📎 ${name}` });
    if (IMAGE_PATH.test(url.pathname)) {
      const img = h(doc, 'img', { alt: i18n.t('message.image', { name }), width: 140, height: 105 });
      deps.sharedImageUrl(url.href).then((src) => (img.src = src), () => (img.alt = `${img.alt} ✕`));
      link.append(img);
    }
    links.push(link);
  }
  return { text: kept.join('\n').trim(), files: links.length ? h(doc, 'div', { class: 'attachments' }, ...links) : null };
}

/**
 * One message as a list item: sender, quoted parent, text, image attachments, product cards,
 * quick replies, time and ticks, reactions, actions, and (for a thread root) its replies.
 * @example log.append(messageView(deps, message, { replies, latest: true }));
 */
export function messageView(deps: MessageViewDeps, message: Message, options: MessageViewOptions = {}): HTMLLIElement {
  const replies = options.replies ?? [];
  const { doc, i18n, messaging } = deps;
  const mine = message.senderId === deps.customerId;
  const details = deps.bot.getReplyDetails(message.id);
  const cards = details?.products ?? deps.staffCards?.(message) ?? [];
  const name = senderName(deps, message.senderId);
  const time = timeFormat(i18n.locale).format(message.createdAt);

  const bubble = h(doc, 'div', { class: 'bubble' });
  const parent = message.replyTo && message.replyTo !== message.threadId ? messaging.getMessage(message.replyTo) : undefined;
  if (parent) bubble.append(h(doc, 'p', { class: 'quote', text: `${senderName(deps, parent.senderId)}: ${parent.content.text.slice(0, 80)}` }));
  if (message.deleted) bubble.append(h(doc, 'p', { class: 'deleted', text: i18n.t('message.deleted') }));
  else {
    const shared = deps.staffIds.includes(message.senderId) ? sharedFiles(deps, visibleText(message, cards.length > 0)) : { text: visibleText(message, cards.length > 0), files: null };
    if (shared.text) bubble.append(h(doc, 'p', { text: shared.text }));
    if (shared.files) bubble.append(shared.files);
    const images = message.content.attachments.filter((a) => a.mimeType.startsWith('image/'));
    if (images.length) {
      const box = h(doc, 'div', { class: 'attachments' });
      for (const attachment of images) {
        const img = h(doc, 'img', { alt: i18n.t('message.image', { name: attachment.name }), width: 140, height: 105 });
        deps.attachmentUrl(attachment.id).then((url) => (img.src = url), () => (img.alt = `${img.alt} ✕`));
        box.append(img);
      }
      bubble.append(box);
    }
    if (cards.length) {
      bubble.append(h(doc, 'ul', { class: 'cards' }, ...cards.map((card) => productCard(doc, deps.host, i18n, card, (p) => deps.onAdded(p.name)))));
    }
    if (details?.suggestions.length && options.latest) {
      bubble.append(h(doc, 'ul', { class: 'chips', 'aria-label': i18n.t('chip.suggestions') },
        ...details.suggestions.map((text) => h(doc, 'li', {}, h(doc, 'button', { type: 'button', class: 'chip', onclick: () => deps.onChip(text) }, text)))));
    }
  }

  const summary = message.deleted ? {} : messaging.getReactionsSummary(message.id);
  const reactions = Object.entries(summary).map(([emoji, entry]) =>
    h(doc, 'button', {
      type: 'button', class: 'reaction', 'aria-pressed': String(entry.users.includes(deps.customerId)),
      'aria-label': `${i18n.t('message.reactWith', { emoji })} (${entry.count})`, 'data-focus': `reaction-${emoji}`,
      onclick: () => deps.onReact(message, emoji),
    }, i18n.t('message.reactions', { emoji, count: entry.count })),
  );

  const actions = message.deleted ? null : h(doc, 'div', { class: 'actions' },
    ...QUICK_REACTIONS.map((emoji) => h(doc, 'button', {
      type: 'button', 'aria-label': i18n.t('message.reactWith', { emoji }), 'data-focus': `react-${emoji}`,
      onclick: () => deps.onReact(message, emoji),
    }, emoji)),
    h(doc, 'button', { type: 'button', 'data-focus': 'reply', onclick: () => deps.onReply(message) }, i18n.t('message.reply')),
  );

  const item = h(doc, 'li', { class: `msg${mine ? ' mine' : ''}`, 'data-id': message.id, tabindex: -1 },
    h(doc, 'p', { class: mine ? 'who sr-only' : 'who', text: name }),
    bubble,
    reactions.length ? h(doc, 'div', { class: 'reactions' }, ...reactions) : null,
    h(doc, 'p', { class: 'meta' },
      h(doc, 'time', { datetime: new Date(message.createdAt).toISOString(), text: time }),
      message.editedAt && !message.deleted ? h(doc, 'span', { text: `· ${i18n.t('message.edited')}` }) : null,
      statusView(deps, message),
    ),
    actions,
  );
  if (replies.length) {
    item.append(
      h(doc, 'p', { class: 'thread-count', text: i18n.tn('message.replies', replies.filter((r) => !r.deleted).length) }),
      h(doc, 'ol', { class: 'thread' }, ...replies.map((reply) => messageView(deps, reply))),
    );
  }
  return item;
}
