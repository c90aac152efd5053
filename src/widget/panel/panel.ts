import { createDisposables } from '../../core/disposables';
import { isChatbotError } from '../../core/errors';
import { loadI18n } from '../../i18n';
import type { Message } from '../../messaging';
import { createComposer } from './composer';
import { downloadTranscript, slugOf, wireInstall, wireUpdate } from './extras';
import type { PanelHandle, WidgetContext } from './context';
import { h, ICONS, svgIcon } from './dom';
import { senderName, visibleText, type MessageViewDeps } from './message-view';
import { wireModal } from './modal';
import { createNotificationBell } from './notification-bell';
import { PANEL_CSS } from './panel-styles';
import { createLiveStatusLine } from './live-status';
import { createSearch } from './search';
import { createStaffProducts } from './staff-products';
import { createTimeline } from './timeline';

let sheet: CSSStyleSheet | undefined;

/**
 * The chat panel (its own chunk): the customer's conversation with the store, the assistant's
 * answers with product cards, threads, reactions, images, search, transcript, install and update.
 * It acts as the customer (never changing messaging's current user). A `CHATBOT_SYSTEM.configure()`
 * that changes the language, the store name or the side builds it again, open and focused if it
 * was (a draft being typed is lost). `dispose()` removes it and every listener it added.
 * @example const panel = await createPanel(context); panel.open(); panel.dispose();
 */
export async function createPanel(ctx: WidgetContext): Promise<PanelHandle> {
  const { system } = ctx;
  let built = system.config;
  let current = await buildPanel(ctx);
  let disposed = false;
  const stop = system.on('config_changed', (next) => {
    if (next.language === built.language && next.storeName === built.storeName && next.position === built.position) return;
    built = next;
    const wasOpen = current.isOpen;
    current.dispose();
    if (wasOpen) ctx.setExpanded(false);
    buildPanel(ctx).then((fresh) => {
      // Only the newest build stays (configure() may run again while the dictionary loads).
      if (disposed || built !== next) return fresh.dispose();
      current = fresh;
      if (wasOpen) fresh.open();
    }, (error: unknown) => ctx.host.reportError(error));
  });
  return {
    get isOpen() {
      return current.isOpen;
    },
    open: () => current.open(),
    close: () => current.close(),
    toggle: () => current.toggle(),
    dispose() {
      disposed = true;
      stop();
      current.dispose();
    },
  };
}

/** One build of the panel, in the config's language at the time. */
async function buildPanel(ctx: WidgetContext): Promise<PanelHandle> {
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
  // A panel built again (a new language) finds its sheet already adopted.
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  void bot.prepare();

  const owned = createDisposables();
  const customerId = bot.customerId ?? messaging.currentUser;
  const customer = messaging.actAs(customerId);
  let conversationId: string | undefined;
  let isOpen = false;

  // ── header, banners ────────────────────────────────────────────────────────
  const titleId = 'chatbot-panel-title';
  const installButton = h(doc, 'button', { type: 'button', class: 'icon-button', 'aria-label': t('panel.install'), title: t('panel.install'), hidden: true, onclick: () => void install().catch((error: unknown) => host.reportError(error)) }, svgIcon(doc, ICONS.install));
  const searchButton = h(doc, 'button', { type: 'button', class: 'icon-button', 'aria-label': t('panel.search'), title: t('panel.search'), 'aria-expanded': 'false', onclick: () => search.toggle() }, svgIcon(doc, ICONS.search));
  const downloadButton = h(doc, 'button', { type: 'button', class: 'icon-button', 'aria-label': t('panel.download'), title: t('panel.download'), onclick: () => download() }, svgIcon(doc, ICONS.download));
  const closeButton = h(doc, 'button', { type: 'button', class: 'icon-button', 'aria-label': t('panel.close'), title: t('panel.close'), onclick: () => handle.close() }, svgIcon(doc, ICONS.close));
  const offline = h(doc, 'p', { class: 'banner offline', role: 'status', hidden: host.navigator.onLine }, t('panel.offline'));
  const update = h(doc, 'p', { class: 'banner update', hidden: true }, h(doc, 'span', { text: t('panel.update') }));
  const liveLine = createLiveStatusLine({ doc, i18n, liveChat: system.liveChat, conversationId: () => conversationId });
  owned.add(liveLine);
  const log = h(doc, 'ol', { class: 'log', 'aria-label': t('panel.log'), tabindex: 0 });
  const typing = h(doc, 'p', { class: 'typing', 'aria-hidden': 'true' });
  const announcer = h(doc, 'div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });

  const composer = createComposer({
    doc, host, i18n,
    send: (input, replyTo) => customer.sendMessage(ensureConversation(), input, replyTo ? { replyTo } : {}),
    typing: (active) => {
      if (!conversationId) return;
      if (active) customer.startTyping(conversationId);
      else customer.stopTyping(conversationId);
    },
    announce: (text) => announce(text),
  });
  owned.add(composer);
  const search = createSearch({
    doc, i18n, toggleButton: searchButton,
    find: (query) => (conversationId ? messaging.searchMessages(query, { conversationId, limit: 30 }) : []),
    label: (message) => `${senderName(viewDeps, message.senderId)}: ${message.content.text.split('\n')[0]!.slice(0, 90)}`,
    show: (messageId) => reveal(messageId),
  });
  owned.add(search);

  const bell = createNotificationBell({ doc, host, root, i18n, push: system.pushNotifications, announce: (text) => announce(text), showConversation: () => log.focus() });
  owned.add(bell);

  const panel = h(doc, 'section', { class: `panel ${config.position}`, role: 'dialog', 'aria-labelledby': titleId, hidden: true },
    h(doc, 'header', { class: 'header' },
      h(doc, 'div', { class: 'header-text' },
        h(doc, 'h2', { class: 'title', id: titleId, text: t('panel.title', { store: config.storeName }) }),
        h(doc, 'p', { class: 'subtitle', text: t('panel.subtitle') }),
      ),
      bell.button, installButton, searchButton, downloadButton, closeButton,
    ),
    bell.slot, liveLine.element, offline, update, search.element, log, typing, composer.element, announcer,
  );
  root.append(panel);
  // Listeners on the panel's own elements go with them.
  owned.add(() => panel.remove());
  // The panel never scrolls as a whole (only its message list does), whatever focus() asks.
  panel.addEventListener('scroll', () => {
    panel.scrollTop = 0;
  });

  // ── rendering ───────────────────────────────────────────────────────────────
  const viewDeps: Omit<MessageViewDeps, 'attachmentUrl' | 'sharedImageUrl'> = {
    doc, host, i18n, messaging, bot, customerId, staffIds: config.staffIds,
    onReply: (message) => composer.replyTo(message.id, `${senderName(viewDeps, message.senderId)}: ${visibleText(message, false).split('\n')[0]}`),
    onChip: (text) => composer.submitText(text),
    onAdded: (name) => announce(t('card.added', { name })),
    onReact: (message, emoji) => customer.addReaction(message.id, emoji),
    staffCards: (message) => staffProducts.of(message),
  };
  // A staff member's product cards are drawn once the store's catalog has them.
  const staffProducts = createStaffProducts(bot, (messageId) => {
    const message = messaging.getMessage(messageId);
    if (!owned.disposed && message && mine(message.conversationId)) renderEntry(message.threadId ?? message.id);
  });
  const timeline = createTimeline({ root, log, messaging, view: viewDeps, conversationId: () => conversationId });
  owned.add(() => timeline.revokeUrls());
  const renderEntry = (rootId: string): void => timeline.renderEntry(rootId);

  // A burst (staff writing several lines, a catch-up after a reconnect) is announced once, by its
  // last message, not queued line after line in the screen reader.
  let announcing: number | undefined;
  const announce = (text: string): void => {
    announcer.textContent = '';
    if (announcing !== undefined) host.clearTimeout(announcing);
    // A fresh text node makes screen readers announce the same words twice in a row too.
    announcing = host.setTimeout(() => {
      announcing = undefined;
      announcer.textContent = text;
    }, 50);
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
    if (customer.getUnreadCount(conversationId) > 0) customer.markAsRead(conversationId);
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
  // Events fire inside the sending call (before the assistant stored its cards): render after it,
  // unless the panel went away meanwhile.
  const later = (fn: () => void): void => queueMicrotask(() => owned.disposed || fn());
  // Scrolling needs a layout and reading marks the conversation read: once a frame, for the
  // newest message, not once per message of a burst (a catch-up brings hundreds in a second).
  let settling: { frame: number; message: Message } | undefined;
  const settle = (message: Message): void => {
    if (settling) {
      settling.message = message;
      return;
    }
    settling = {
      message,
      frame: host.requestAnimationFrame(() => {
        const newest = settling?.message;
        settling = undefined;
        if (!newest || owned.disposed) return;
        // A long answer (product cards) is read from its start, not its end.
        const node = timeline.node(newest.threadId ?? newest.id);
        if (node && !newest.threadId && newest.senderId !== customerId && node.offsetHeight > log.clientHeight - 40) {
          log.scrollTop = node.offsetTop - log.offsetTop - 8;
        } else timeline.scrollToEnd();
        markRead();
      }),
    };
  };
  owned.add(() => settling && host.cancelAnimationFrame(settling.frame));
  owned.add(messaging.on('message_sent', (message) => {
    if (!mine(message.conversationId)) return;
    later(() => {
      liveLine.refresh();
      renderEntry(message.threadId ?? message.id);
      // The previous answer's quick replies go away once the conversation moves on.
      const previous = timeline.node(message.threadId ?? message.id)?.previousElementSibling?.getAttribute('data-id');
      if (previous && !message.threadId) renderEntry(previous);
      if (message.senderId !== customerId) {
        const details = bot.getReplyDetails(message.id);
        const names = details?.products.map((p) => p.name).join(', ');
        announce(t('message.announce', { name: senderName(viewDeps, message.senderId), text: `${visibleText(message, !!details?.products.length || !!message.products?.length)}${names ? ` ${names}` : ''}` }));
      }
      settle(message);
    });
  }));
  for (const type of ['message_edited', 'message_status_changed'] as const) {
    owned.add(messaging.on(type, (message) => {
      if (mine(message.conversationId)) later(() => renderEntry(message.threadId ?? message.id));
    }));
  }
  owned.add(messaging.on('message_deleted', ({ conversationId: id, message, messageId }) => {
    if (mine(id)) later(() => renderEntry(message?.threadId ?? messageId));
  }));
  for (const type of ['reaction_added', 'reaction_removed'] as const) {
    owned.add(messaging.on(type, ({ messageId, conversationId: id }) => {
      if (!mine(id)) return;
      const message = messaging.getMessage(messageId);
      later(() => renderEntry(message?.threadId ?? messageId));
    }));
  }
  owned.add(messaging.on('typing_started', ({ conversationId: id }) => mine(id) && updateTyping()));
  owned.add(messaging.on('typing_stopped', ({ conversationId: id }) => mine(id) && updateTyping()));
  owned.add(bot.on('details_changed', ({ messageId }) => {
    const message = messaging.getMessage(messageId);
    if (message && mine(message.conversationId)) later(() => renderEntry(message.threadId ?? message.id));
  }));
  const onConnectivity = (): void => {
    offline.hidden = host.navigator.onLine;
  };
  owned.listen(host, 'online', onConnectivity);
  owned.listen(host, 'offline', onConnectivity);
  owned.listen(doc, 'visibilitychange', markRead);
  wireModal(host, panel, root, () => handle.close(), owned);
  // The page may be going away for good: let go of the previews now (a page restored from the
  // back/forward cache reads them again on its next render).
  owned.listen(host, 'pagehide', () => {
    timeline.revokeUrls();
    composer.dispose();
  });

  const download = (): void => downloadTranscript(host, root, messaging.exportConversation(ensureConversation(), 'text'), t('panel.transcriptFile', { store: slugOf(config.storeName) }));
  const install = wireInstall(ctx, installButton, owned);
  wireUpdate(doc, update, t('panel.updateNow'), owned);

  const handle: PanelHandle = {
    get isOpen() {
      return isOpen;
    },
    open() {
      if (isOpen || owned.disposed) return;
      isOpen = true;
      try {
        ensureConversation();
      } catch (error) {
        composer.showError(isChatbotError(error) ? error.message : String(error));
      }
      panel.hidden = false;
      ctx.setExpanded(true);
      timeline.renderAll();
      liveLine.refresh();
      updateTyping();
      markRead();
      composer.focus();
    },
    close() {
      if (!isOpen) return;
      isOpen = false;
      panel.hidden = true;
      ctx.setExpanded(false);
      if (conversationId) customer.stopTyping(conversationId);
      ctx.launcher.focus();
    },
    toggle() {
      if (isOpen) handle.close();
      else handle.open();
    },
    dispose() {
      if (owned.disposed) return;
      // Other tabs stop showing the customer as typing here.
      if (conversationId) customer.stopTyping(conversationId);
      isOpen = false;
      owned.dispose();
    },
  };
  return handle;
}
