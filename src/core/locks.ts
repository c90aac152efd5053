/** What `withLock` needs of the Web Locks API (tests pass a fake one). */
export type LockManagerLike = Pick<LockManager, 'request'>;

export interface LockOptions {
  /** Resolve `undefined` at once, without running `fn`, when another tab holds the lock. */
  ifAvailable?: boolean;
  /** Defaults to `navigator.locks`. */
  manager?: LockManagerLike | undefined;
}

function defaultManager(): LockManagerLike | undefined {
  // Old browsers and Node (unit tests over fake-indexeddb) have no Web Locks.
  return typeof navigator === 'undefined' ? undefined : navigator.locks ?? undefined;
}

/**
 * Runs `fn` holding the exclusive Web Lock `name`, so that one tab (or the service worker) of the
 * origin does the work at a time: a backup, the push queue, an outbox's sending. Where the
 * browser has no Web Locks the work runs in this context alone.
 * @example
 * await withLock('chatbot-backup:data', () => restore());
 * const ran = await withLock('chatbot-backup:auto', () => backUp(), { ifAvailable: true }); // undefined: another tab has it
 */
export function withLock<T>(name: string, fn: () => Promise<T>, options?: LockOptions & { ifAvailable?: false }): Promise<T>;
export function withLock<T>(name: string, fn: () => Promise<T>, options: LockOptions & { ifAvailable: true }): Promise<T | undefined>;
export function withLock<T>(name: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T | undefined> {
  const manager = options.manager ?? defaultManager();
  if (!manager) return fn();
  if (options.ifAvailable) return manager.request(name, { ifAvailable: true }, (lock) => (lock ? fn() : undefined));
  return manager.request(name, () => fn());
}
