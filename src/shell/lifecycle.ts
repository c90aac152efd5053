const PERSIST_ASKED_KEY = 'chatbot:persist-asked';

/**
 * Commits pending writes when the page may go away (`pagehide`, hidden tab: the last moments a
 * page reliably gets) and asks once for persistent storage so the browser does not evict data.
 * @example const unwire = wireLifecycle(window, () => storage.commitNow()); … unwire();
 */
export function wireLifecycle(host: Window, commit: () => void): () => void {
  const onVisibility = (): void => {
    if (host.document.visibilityState === 'hidden') commit();
  };
  host.addEventListener('pagehide', commit);
  host.document.addEventListener('visibilitychange', onVisibility);
  void askPersistOnce(host);
  return () => {
    host.removeEventListener('pagehide', commit);
    host.document.removeEventListener('visibilitychange', onVisibility);
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
