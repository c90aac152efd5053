import type { MessagingSystem } from '../../messaging';
import { messageView, type MessageViewDeps } from './message-view';

/** How many timeline entries (thread roots) the panel shows. */
const HISTORY_LIMIT = 200;

export interface TimelineDeps {
  /** The panel's shadow root (where keyboard focus is read). */
  root: ShadowRoot;
  log: HTMLOListElement;
  messaging: Pick<MessagingSystem, 'getMessages' | 'getMessage' | 'getThread'>;
  view: Omit<MessageViewDeps, 'attachmentUrl'>;
  conversationId(): string | undefined;
}

/**
 * The message list: one entry per thread root, its replies inside. `renderAll` draws the newest
 * `HISTORY_LIMIT` entries in one pass (one `getMessages`, replies from messaging's thread index);
 * `renderEntry` redraws one entry after a change, keeping keyboard focus where it was.
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
  };

  const latestRootId = (): string | undefined => {
    const id = deps.conversationId();
    return id ? messaging.getMessages(id, { limit: 1, includeReplies: false })[0]?.id : undefined;
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
    const active = root.activeElement as HTMLElement | null;
    const focusKey = active && old?.contains(active) ? { id: active.closest('[data-id]')?.getAttribute('data-id'), key: active.getAttribute('data-focus') } : undefined;
    const node = messageView(view, message, { replies: messaging.getThread(rootId).replies, latest: message.id === latestId });
    if (old) old.replaceWith(node);
    else log.append(node);
    nodes.set(rootId, node);
    if (focusKey?.key) node.querySelector<HTMLElement>(`[data-id="${focusKey.id}"] [data-focus="${focusKey.key}"]`)?.focus({ preventScroll: true });
  };

  const scrollToEnd = (): void => {
    log.scrollTop = log.scrollHeight;
  };

  return {
    renderEntry,
    renderAll(): void {
      log.replaceChildren();
      nodes.clear();
      const id = deps.conversationId();
      if (!id) return;
      const entries = messaging.getMessages(id, { limit: HISTORY_LIMIT, includeReplies: false });
      const latestId = entries[entries.length - 1]?.id;
      for (const message of entries) renderEntry(message.id, latestId);
      scrollToEnd();
    },
    scrollToEnd,
    node: (rootId: string): HTMLLIElement | undefined => nodes.get(rootId),
    /** Releases the attachment previews' object URLs (the next render reads them again). */
    revokeUrls(): void {
      for (const url of urls.values()) void url.then((u) => URL.revokeObjectURL(u), () => undefined);
      urls.clear();
    },
  };
}

export type Timeline = ReturnType<typeof createTimeline>;
