/**
 * Web Locks where the browser has them (every current one), so that only one tab of the origin
 * runs a backup, a restore or the cloud queue at a time. Without them (old browsers, Node tests)
 * the work runs in this tab alone.
 */
export const LOCKS = {
  /** Backups and restores exclude each other across tabs. */
  data: 'chatbot-backup:data',
  /** Only one tab takes automatic backups. */
  auto: 'chatbot-backup:auto',
  /** Only one tab uploads. */
  cloud: 'chatbot-backup:cloud',
} as const;

function lockManager(): LockManager | undefined {
  return (globalThis.navigator as Navigator | undefined)?.locks;
}

/** Runs `fn` holding the exclusive lock `name`, waiting for it. */
export function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const locks = lockManager();
  if (!locks) return fn();
  return locks.request(name, () => fn());
}

/** Runs `fn` if the lock is free right now; resolves `undefined` (without running) when another tab holds it. */
export async function ifLockFree<T>(name: string, fn: () => Promise<T>): Promise<T | undefined> {
  const locks = lockManager();
  if (!locks) return fn();
  return locks.request(name, { ifAvailable: true }, (lock) => (lock ? fn() : undefined));
}
