import type { LockManagerLike } from '../core/locks';

/**
 * Holds the Web Lock `name` for as long as this page lives (or until released): the one tab of
 * the browser that owns something (the live chat's connection). Tabs that ask later wait in the
 * browser's queue; when the owner closes or crashes the browser hands the lock to the next one at
 * once, so another tab takes over within milliseconds. Without Web Locks this page owns it alone.
 * @example const release = holdLock('chatbot-live:connection', navigator.locks, () => connect(), () => disconnect());
 */
export function holdLock(name: string, manager: LockManagerLike | undefined, onAcquired: () => void, onLost?: () => void): () => void {
  let release: (() => void) | undefined;
  let released = false;
  if (!manager) {
    queueMicrotask(() => {
      if (!released) onAcquired();
    });
    return () => {
      released = true;
    };
  }
  const controller = new AbortController();
  manager
    .request(name, { signal: controller.signal }, () => {
      if (released) return undefined;
      onAcquired();
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    })
    // An abort before the grant rejects: that is the release of a page that never owned it.
    .catch(() => undefined);
  return () => {
    if (released) return;
    released = true;
    if (release) {
      release();
      onLost?.();
    } else controller.abort();
  };
}
