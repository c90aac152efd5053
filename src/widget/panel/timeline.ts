import type { MessagingSystem } from '../../messaging';
import { h } from './dom';
import { messageView, type MessageViewDeps } from './message-view';

/** How many timeline entries (thread roots) the panel draws at first, and per "earlier" step. */
const HISTORY_PAGE = 200;
/**
 * Entries kept drawn while the customer reads the newest: every new message lays the list out
 * again (to scroll to it), at a cost per entry drawn. Past it the oldest go, back behind "earlier".
 */
const MAX_DRAWN = 2 * HISTORY_PAGE;
const KEPT_AFTER_TRIM = MAX_DRAWN - HISTORY_PAGE / 4;

export interface TimelineDeps {
  /** The panel's shadow root (where keyboard focus is read). */
  root: ShadowRoot;
  log: HTMLOListElement;
  messaging: Pick<MessagingSystem, 'getMessages' | 'getMessage' | 'getThread'>;
  view: Omit<MessageViewDeps, 'attachmentUrl' | 'sharedImageUrl'>;
  conversationId(): string | undefined;
}

/**
 * The message list: one entry per thread root, its replies inside. `renderAll` draws the newest
 * `HISTORY_PAGE` entries in one pass (one `getMessages`, replies from messaging's thread index),
 * with an "earlier messages" button at the top while older ones exist: each press draws one more
 * page above, keeping what the customer was reading in place. `renderEntry` redraws one entry
 * after a change, keeping keyboard focus where it was.
 * @example const timeline = createTimeline(deps); timeline.renderAll(); timeline.renderEntry(message.threadId ?? message.id);
 */
export function createTimeline(deps: TimelineDeps) {
  const { root, log, messaging } = deps;
  const nodes = new Map<string, HTMLLIElement>();
  const urls = new Map<string, Promise<string>>();

  const view: MessageViewDeps = {
    ...deps.view,
    attachmentUrl(id) {
      let url = urls.get(id);
      if (!url) {
        urls.set(id, (url = deps.view.messaging.getAttachment(id).then((blob) => URL.createObjectURL(blob))));
        // A failed read is tried again on the next render instead of staying broken.
        url.catch(() => urls.delete(id));
      }
      return url;
    },
    sharedImageUrl(href) {
      let url = urls.get(href);
      if (!url) {
        // Store pages allow pictures from themselves only; the chat server's files come by fetch.
        const fetched = deps.view.host.fetch(href, { referrerPolicy: 'no-referrer' }).then((response) => (response.ok ? response.blob() : Promise.reject(new Error(`HTTP ${response.status}`))));
        urls.set(href, (url = fetched.then((blob) => URL.createObjectURL(blob))));
        url.catch(() => urls.delete(href));
      }
      return url;
    },
  };

  const latestRootId = (): string | undefined => {
    const id = deps.conversationId();
    return id ? messaging.getMessages(id, { limit: 1, includeReplies: false })[0]?.id : undefined;
  };

  const { doc, i18n } = deps.view;
  const earlier = h(doc, 'li', { class: 'earlier' });
  const earlierButton = h(doc, 'button', { type: 'button', class: 'chip', onclick: () => showEarlier() }, i18n.t('message.earlier'));
  earlier.append(earlierButton);

  /**
   * Up to a page and one of the roots before the oldest drawn one. `before` is a time, so the
   * query starts after the oldest drawn millisecond and skips the drawn messages of that moment.
   */
  const olderPage = (conversationId: string, oldest: { id: string; createdAt: number }): string[] => {
    let sameMoment = 0;
    for (let node = nodes.get(oldest.id) as Element | null; node; node = node.nextElementSibling) {
      const id = node.getAttribute('data-id');
      if (!id || messaging.getMessage(id)?.createdAt !== oldest.createdAt) break;
      sameMoment++;
    }
    return messaging.getMessages(conversationId, { limit: Math.min(1000, HISTORY_PAGE + 1 + sameMoment), includeReplies: false, before: oldest.createdAt + 1 })
      .map((message) => message.id)
      .filter((id) => !nodes.has(id));
  };

  const offerEarlier = (more: boolean): void => {
    if (more) log.prepend(earlier);
    else earlier.remove();
  };

  const firstDrawn = (): { id: string; createdAt: number } | undefined => {
    const id = earlier.nextElementSibling?.getAttribute('data-id') ?? log.firstElementChild?.getAttribute('data-id');
    return id ? messaging.getMessage(id) : undefined;
  };

  /** Draws one entry (a root with its thread); `latestId` is the newest root, when known. */
  const renderEntry = (rootId: string, latestId: string | undefined = latestRootId()): void => {
    const message = messaging.getMessage(rootId);
    const old = nodes.get(rootId);
    if (!message) {
      old?.remove();
      nodes.delete(rootId);
      return;
    }
    // A change to a message above the drawn pages (a reaction from another tab) waits for "earlier".
    if (!old && earlier.isConnected && message.createdAt < (firstDrawn()?.createdAt ?? -Infinity)) return;
    const active = root.activeElement as HTMLElement | null;
    const focusKey = active && old?.contains(active) ? { id: active.closest('[data-id]')?.getAttribute('data-id'), key: active.getAttribute('data-focus') } : undefined;
    const node = messageView(view, message, { replies: messaging.getThread(rootId).replies, latest: message.id === latestId });
    if (old) old.replaceWith(node);
    else {
      if (nodes.size >= MAX_DRAWN && atEnd()) trimOldest();
      log.append(node);
    }
    nodes.set(rootId, node);
    if (focusKey?.key) node.querySelector<HTMLElement>(`[data-id="${focusKey.id}"] [data-focus="${focusKey.key}"]`)?.focus({ preventScroll: true });
  };

  /** The customer is at the newest message (not reading back through history). */
  const atEnd = (): boolean => log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  const trimOldest = (): void => {
    for (let node = earlier.isConnected ? earlier.nextElementSibling : log.firstElementChild; node && nodes.size > KEPT_AFTER_TRIM; ) {
      const next = node.nextElementSibling;
      const id = node.getAttribute('data-id');
      if (id && nodes.get(id) === node) {
        nodes.delete(id);
        node.remove();
      }
      node = next;
    }
    offerEarlier(true);
  };

  const scrollToEnd = (): void => {
    log.scrollTop = log.scrollHeight;
  };

  function showEarlier(): void {
    const conversationId = deps.conversationId();
    const oldest = firstDrawn();
    if (!conversationId || !oldest) return;
    const ids = olderPage(conversationId, oldest);
    const page = ids.slice(-HISTORY_PAGE);
    const fromBottom = log.scrollHeight - log.scrollTop;
    const views = page.flatMap((id) => {
      const message = messaging.getMessage(id);
      if (!message) return [];
      const node = messageView(view, message, { replies: messaging.getThread(id).replies });
      nodes.set(id, node);
      return [node];
    });
    earlier.after(...views);
    offerEarlier(ids.length > HISTORY_PAGE);
    if (!earlier.isConnected) views[0]?.querySelector<HTMLElement>('button, [tabindex]')?.focus({ preventScroll: true });
    // The message the customer was reading stays where it was on screen.
    log.scrollTop = log.scrollHeight - fromBottom;
  }

  return {
    renderEntry,
    renderAll(): void {
      log.replaceChildren();
      nodes.clear();
      const id = deps.conversationId();
      if (!id) return;
      // One more than drawn: whether earlier messages exist comes with the same read.
      const fetched = messaging.getMessages(id, { limit: HISTORY_PAGE + 1, includeReplies: false });
      const entries = fetched.slice(-HISTORY_PAGE);
      const latestId = entries[entries.length - 1]?.id;
      for (const message of entries) renderEntry(message.id, latestId);
      offerEarlier(fetched.length > entries.length);
      scrollToEnd();
    },
    /** Shows the newest entry; over the drawn limit, the oldest go behind "earlier". */
    scrollToEnd(): void {
      scrollToEnd();
      // A burst appended within one frame was not at the end yet when drawn.
      if (nodes.size <= MAX_DRAWN) return;
      trimOldest();
      scrollToEnd();
    },
    node: (rootId: string): HTMLLIElement | undefined => nodes.get(rootId),
    /** Releases the attachment previews' object URLs (the next render reads them again). */
    revokeUrls(): void {
      for (const url of urls.values()) void url.then((u) => URL.revokeObjectURL(u), () => undefined);
      urls.clear();
    },
  };
}

export type Timeline = ReturnType<typeof createTimeline>;
