import { isChatbotError } from '../../core/errors';
import { loadI18n } from '../../i18n';
import type { Message } from '../../messaging';
import { createComposer } from './composer';
import { downloadTranscript, slugOf, wireInstall, wireUpdate } from './extras';
import type { PanelHandle, WidgetContext } from './context';
import { h, ICONS, svgIcon } from './dom';
import { messageView, senderName, visibleText, type MessageViewDeps } from './message-view';
import { PANEL_CSS } from './panel-styles';
import { createSearch } from './search';

const HISTORY_LIMIT = 200;
let sheet: CSSStyleSheet | undefined;

/**
 * The chat panel (its own chunk): the customer's conversation with the store, the assistant's
 * answers with product cards, threads, reactions, images, search, transcript, install and update.
 * @example const panel = await createPanel(context); panel.open();
 */
export async function createPanel(ctx: WidgetContext): Promise<PanelHandle> {
  const { host, system, root } = ctx;
  const doc = host.document;
  const { messaging, bot } = system;
  const config = system.config;
  const i18n = await loadI18n(config.language);
  const t = i18n.t;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(PANEL_CSS);
  }
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  void bot.prepare();

  const customerId = bot.customerId ?? messaging.currentUser;
  let conversationId: string | undefined;
  let isOpen = false;
  const nodes = new Map<string, HTMLLIElement>();
  const urls = new Map<string, Promise<string>>();

  // ── header, banners ────────────────────────────────────────────────────────
  const titleId = 'chatbot-panel-title';
  const installButton = h(doc, 'button', { type: 'button', class: 'icon-button', 'aria-label': t('panel.install'), title: t('panel.install'), hidden: true, onclick: () => void install().catch((error: unknown) => host.reportError(error)) }, svgIcon(doc, ICONS.install));
  const searchButton = h(doc, 'button', { type: 'button', class: 'icon-button', 'aria-label': t('panel.search'), title: t('panel.search'), 'aria-expanded': 'false', onclick: () => search.toggle() }, svgIcon(doc, ICONS.search));
  const downloadButton = h(doc, 'button', { type: 'button', class: 'icon-button', 'aria-label': t('panel.download'), title: t('panel.download'), onclick: () => download() }, svgIcon(doc, ICONS.download));
  const closeButton = h(doc, 'button', { type: 'button', class: 'icon-button', 'aria-label': t('panel.close'), title: t('panel.close'), onclick: () => handle.close() }, svgIcon(doc, ICONS.close));
  const offline = h(doc, 'p', { class: 'banner offline', role: 'status', hidden: host.navigator.onLine }, t('panel.offline'));
  const update = h(doc, 'p', { class: 'banner update', hidden: true }, h(doc, 'span', { text: t('panel.update') }));
  const log = h(doc, 'ol', { class: 'log', 'aria-label': t('panel.log'), tabindex: 0 });
  const typing = h(doc, 'p', { class: 'typing', 'aria-hidden': 'true' });
  const announcer = h(doc, 'div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });

  const composer = createComposer({
    doc, host, i18n,
    send: (input, replyTo) => {
      const id = ensureConversation();
      if (messaging.currentUser !== customerId) messaging.setCurrentUser(customerId);
      return messaging.sendMessage(id, input, replyTo ? { replyTo } : {});
    },
    typing: (active) => {
      if (!conversationId) return;
      if (active) messaging.startTyping(conversationId);
      else messaging.stopTyping(conversationId);
    },
    announce: (text) => announce(text),
  });
  const search = createSearch({
    doc, i18n, toggleButton: searchButton,
    find: (query) => (conversationId ? messaging.searchMessages(query, { conversationId, limit: 30 }) : []),
    label: (message) => `${senderName(viewDeps, message.senderId)}: ${message.content.text.split('\n')[0]!.slice(0, 90)}`,
    show: (messageId) => reveal(messageId),
  });

  const panel = h(doc, 'section', { class: `panel ${config.position}`, role: 'dialog', 'aria-labelledby': titleId, hidden: true },
    h(doc, 'header', { class: 'header' },
      h(doc, 'div', { class: 'header-text' },
        h(doc, 'h2', { class: 'title', id: titleId, text: t('panel.title', { store: config.storeName }) }),
        h(doc, 'p', { class: 'subtitle', text: t('panel.subtitle') }),
      ),
      installButton, searchButton, downloadButton, closeButton,
    ),
    offline, update, search.element, log, typing, composer.element, announcer,
  );
  root.append(panel);
  // The panel never scrolls as a whole (only its message list does), whatever focus() asks.
  panel.addEventListener('scroll', () => {
    panel.scrollTop = 0;
  });

  // ── rendering ───────────────────────────────────────────────────────────────
  const viewDeps: MessageViewDeps = {
    doc, host, i18n, messaging, bot, customerId, staffIds: config.staffIds,
    attachmentUrl(id) {
      let url = urls.get(id);
      if (!url) {
        urls.set(id, (url = messaging.getAttachment(id).then((blob) => URL.createObjectURL(blob))));
        // A failed read is tried again on the next render instead of staying broken.
        url.catch(() => urls.delete(id));
      }
      return url;
    },
    onReply: (message) => composer.replyTo(message.id, `${senderName(viewDeps, message.senderId)}: ${visibleText(message, false).split('\n')[0]}`),
    onChip: (text) => composer.submitText(text),
    onAdded: (name) => announce(t('card.added', { name })),
    isLatest: (message) => {
      const last = conversationId ? messaging.getMessages(conversationId, { limit: 1, includeReplies: false })[0] : undefined;
      return last?.id === message.id;
    },
  };

  const repliesOf = (rootId: string): Message[] =>
    conversationId ? messaging.getMessages(conversationId, { limit: HISTORY_LIMIT }).filter((m) => m.threadId === rootId) : [];

  /** Re-renders one timeline entry (a root with its thread), keeping keyboard focus in place. */
  const renderEntry = (rootId: string): void => {
    const message = messaging.getMessage(rootId);
    const old = nodes.get(rootId);
    if (!message) {
      old?.remove();
      nodes.delete(rootId);
      return;
    }
    const active = root.activeElement as HTMLElement | null;
    const focusKey = active && old?.contains(active) ? { id: active.closest('[data-id]')?.getAttribute('data-id'), key: active.getAttribute('data-focus') } : undefined;
    const node = messageView(viewDeps, message, repliesOf(rootId));
    if (old) old.replaceWith(node);
    else log.append(node);
    nodes.set(rootId, node);
    if (focusKey?.key) node.querySelector<HTMLElement>(`[data-id="${focusKey.id}"] [data-focus="${focusKey.key}"]`)?.focus({ preventScroll: true });
  };

  const renderAll = (): void => {
    log.replaceChildren();
    nodes.clear();
    if (!conversationId) return;
    for (const message of messaging.getMessages(conversationId, { limit: HISTORY_LIMIT, includeReplies: false })) renderEntry(message.id);
    scrollToEnd();
  };

  const scrollToEnd = (): void => {
    log.scrollTop = log.scrollHeight;
  };
  const announce = (text: string): void => {
    announcer.textContent = '';
    // A fresh text node makes screen readers announce the same words twice in a row too.
    host.setTimeout(() => (announcer.textContent = text), 50);
  };
  const reveal = (messageId: string): void => {
    const message = messaging.getMessage(messageId);
    if (!message) return;
    const node = log.querySelector<HTMLElement>(`[data-id="${messageId}"]`);
    if (!node) return;
    // Not scrollIntoView: it would also scroll the panel itself and push the header out of view.
    log.scrollTop = node.offsetTop - log.offsetTop - (log.clientHeight - Math.min(node.offsetHeight, log.clientHeight)) / 2;
    node.classList.add('highlight');
    node.focus({ preventScroll: true });
    host.setTimeout(() => node.classList.remove('highlight'), 2000);
  };

  const markRead = (): void => {
    if (!isOpen || !conversationId || doc.visibilityState !== 'visible') return;
    if (messaging.getUnreadCount(conversationId) > 0) messaging.markAsRead(conversationId);
    ctx.setUnread(0);
  };

  const ensureConversation = (): string => {
    conversationId ??= bot.ensureConversation(config.greeting ?? t('bot.greeting', { store: config.storeName }), [
      t('chip.order'), t('chip.shipping'), t('chip.hours'), t('chip.advisor'),
    ]);
    return conversationId;
  };

  const updateTyping = (): void => {
    const others = conversationId ? messaging.getTypingUsers(conversationId).filter((id) => id !== customerId) : [];
    typing.textContent = others.length ? t('message.typing', { name: i18n.list(others.map((id) => senderName(viewDeps, id))) }) : '';
  };

  // ── events ─────────────────────────────────────────────────────────────────
  const mine = (conversation: string): boolean => conversation === conversationId;
  const offs: Array<() => void> = [];
  // Events fire inside the sending call (before the assistant stored its cards): render after it.
  const later = (fn: () => void): void => queueMicrotask(fn);
  offs.push(
    messaging.on('message_sent', (message) => {
      if (!mine(message.conversationId)) return;
      later(() => {
        renderEntry(message.threadId ?? message.id);
        // The previous answer's quick replies go away once the conversation moves on.
        const previous = nodes.get(message.threadId ?? message.id)?.previousElementSibling?.getAttribute('data-id');
        if (previous && !message.threadId) renderEntry(previous);
        if (message.senderId !== customerId) {
          const details = bot.getReplyDetails(message.id);
          const names = details?.products.map((p) => p.name).join(', ');
          announce(t('message.announce', { name: senderName(viewDeps, message.senderId), text: `${visibleText(message, !!details?.products.length)}${names ? ` ${names}` : ''}` }));
        }
        // A long answer (product cards) is read from its start, not its end.
        const node = nodes.get(message.threadId ?? message.id);
        if (node && !message.threadId && message.senderId !== customerId && node.offsetHeight > log.clientHeight - 40) {
          log.scrollTop = node.offsetTop - log.offsetTop - 8;
        } else scrollToEnd();
        markRead();
      });
    }),
    ...(['message_edited', 'message_status_changed'] as const).map((type) =>
      messaging.on(type, (message) => {
        if (mine(message.conversationId)) later(() => renderEntry(message.threadId ?? message.id));
      }),
    ),
    messaging.on('message_deleted', ({ conversationId: id, message, messageId }) => {
      if (mine(id)) later(() => renderEntry(message?.threadId ?? messageId));
    }),
    ...(['reaction_added', 'reaction_removed'] as const).map((type) =>
      messaging.on(type, ({ messageId, conversationId: id }) => {
        if (!mine(id)) return;
        const message = messaging.getMessage(messageId);
        later(() => renderEntry(message?.threadId ?? messageId));
      }),
    ),
    messaging.on('typing_started', ({ conversationId: id }) => mine(id) && updateTyping()),
    messaging.on('typing_stopped', ({ conversationId: id }) => mine(id) && updateTyping()),
    bot.on('details_changed', ({ messageId }) => {
      const message = messaging.getMessage(messageId);
      if (message && mine(message.conversationId)) later(() => renderEntry(message.threadId ?? message.id));
    }),
  );
  const onConnectivity = (): void => {
    offline.hidden = host.navigator.onLine;
  };
  host.addEventListener('online', onConnectivity);
  host.addEventListener('offline', onConnectivity);
  doc.addEventListener('visibilitychange', markRead);
  // Full screen on a phone the panel is modal: Tab cycles inside it instead of reaching the
  // page hidden underneath. The floating desktop panel leaves the page reachable.
  const phone = host.matchMedia('(max-width: 600px)');
  const syncModal = (): void => panel.setAttribute('aria-modal', String(phone.matches));
  phone.addEventListener('change', syncModal);
  syncModal();
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      handle.close();
    } else if (event.key === 'Tab' && phone.matches) {
      const focusable = [...panel.querySelectorAll<HTMLElement>('button, input:not([tabindex="-1"]), textarea, a[href], [tabindex="0"]')]
        .filter((el) => !el.closest('[hidden]') && !(el as HTMLButtonElement).disabled);
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && root.activeElement === first) {
        event.preventDefault();
        last?.focus();
      } else if (!event.shiftKey && root.activeElement === last) {
        event.preventDefault();
        first?.focus();
      }
    }
  });

  const download = (): void => downloadTranscript(host, root, messaging.exportConversation(ensureConversation(), 'text'), t('panel.transcriptFile', { store: slugOf(config.storeName) }));
  const install = wireInstall(ctx, installButton);
  wireUpdate(doc, update, t('panel.updateNow'));

  const handle: PanelHandle = {
    get isOpen() {
      return isOpen;
    },
    open() {
      if (isOpen) return;
      isOpen = true;
      try {
        if (messaging.currentUser !== customerId) messaging.setCurrentUser(customerId);
        ensureConversation();
      } catch (error) {
        composer.showError(isChatbotError(error) ? error.message : String(error));
      }
      panel.hidden = false;
      ctx.setExpanded(true);
      renderAll();
      updateTyping();
      markRead();
      composer.focus();
    },
    close() {
      if (!isOpen) return;
      isOpen = false;
      panel.hidden = true;
      ctx.setExpanded(false);
      if (conversationId) messaging.stopTyping(conversationId);
      ctx.launcher.focus();
    },
    toggle() {
      if (isOpen) handle.close();
      else handle.open();
    },
  };
  host.addEventListener('pagehide', () => {
    for (const url of urls.values()) void url.then((u) => URL.revokeObjectURL(u), () => undefined);
    composer.dispose();
  });
  return handle;
}
