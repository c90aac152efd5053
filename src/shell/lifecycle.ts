const PERSIST_ASKED_KEY = 'chatbot:persist-asked';

/** The page's last moments, as the runtime owns them; modules register here instead of listening themselves. */
export interface PageLifecycle {
  /**
   * Runs `listener` when the page may go away: `pagehide`, or the tab becoming hidden (a mobile
   * browser may discard a hidden tab without `pagehide`). Listeners run in the order they
   * registered, then pending writes start committing. Returns the removal.
   */
  onPageHide(listener: () => void): () => void;
  dispose(): void;
}

/**
 * Wires the page's lifecycle once: pagehide / hidden-tab listeners of the modules (analytics
 * hands its unsent batches to a beacon), then `commit` (the last moments a page reliably gets);
 * and asks once for persistent storage so the browser does not evict data.
 * @example
 * const lifecycle = createPageLifecycle(window, () => storage.commitNow());
 * const off = lifecycle.onPageHide(() => collector.flushPending());
 */
export function createPageLifecycle(host: Window, commit: () => void): PageLifecycle {
  const listeners = new Set<() => void>();
  const hide = (): void => {
    let failure: unknown;
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch (error) {
        failure ??= error;
      }
    }
    // One listener's bug must not cost the page its pending writes.
    commit();
    if (failure !== undefined) throw failure;
  };
  const onVisibility = (): void => {
    if (host.document.visibilityState === 'hidden') hide();
  };
  host.addEventListener('pagehide', hide);
  host.document.addEventListener('visibilitychange', onVisibility);
  void askPersistOnce(host);
  return {
    onPageHide(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      listeners.clear();
      host.removeEventListener('pagehide', hide);
      host.document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}

async function askPersistOnce(host: Window): Promise<void> {
  const storage = host.navigator.storage;
  if (!storage?.persist || !storage.persisted) return;
  try {
    if (host.localStorage.getItem(PERSIST_ASKED_KEY)) return;
    host.localStorage.setItem(PERSIST_ASKED_KEY, String(Date.now()));
    if (!(await storage.persisted())) await storage.persist();
  } catch {
    // Storage access can be blocked (third-party iframe, privacy mode): persistence is a bonus.
  }
}
