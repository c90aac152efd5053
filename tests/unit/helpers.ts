import { createTabChannel, type TabChannel } from '../../src/core/tabs';
import { createStorage, type Storage, type StorageOptions } from '../../src/storage';

let counter = 0;

/** A channel name private to one test, so tests never hear each other. */
export function uniqueChannelName(): string {
  return `test-${process.pid}-${++counter}-${Math.random().toString(36).slice(2)}`;
}

/** Two or more "tabs": storages over one IndexedDB, talking over one BroadcastChannel name. */
export function createTabs(count: number, options: StorageOptions = {}): { storages: Storage[]; channels: TabChannel[]; close(): Promise<void> } {
  const name = uniqueChannelName();
  const channels = Array.from({ length: count }, () => createTabChannel(name));
  const storages = channels.map((channel) => createStorage({ ...options, channel }));
  return {
    storages,
    channels,
    async close() {
      for (const storage of storages) await storage.close();
      for (const channel of channels) channel.close();
    },
  };
}

/** Waits until `check` passes or the time runs out (for cross-tab delivery). */
export async function eventually(check: () => void, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() - start > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

/**
 * A stand-in for `navigator.locks` shared by the "tabs" of one test (Node has no Web Locks):
 * exclusive locks granted in request order, and `ifAvailable`.
 */
export function createFakeLocks(): Pick<LockManager, 'request'> {
  const tails = new Map<string, Promise<unknown>>();
  const held = new Set<string>();
  const request = (name: string, optionsOrCallback: LockOptions | LockGrantedCallback<unknown>, maybeCallback?: LockGrantedCallback<unknown>): Promise<unknown> => {
    const options = typeof optionsOrCallback === 'function' ? {} : optionsOrCallback;
    const callback = typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback!;
    if (options.ifAvailable && held.has(name)) return Promise.resolve().then(() => callback(null));
    const run = (tails.get(name) ?? Promise.resolve()).then(async () => {
      held.add(name);
      try {
        return await callback({ name, mode: 'exclusive' });
      } finally {
        held.delete(name);
      }
    });
    tails.set(name, run.catch(() => undefined));
    return run;
  };
  return { request: request as LockManager['request'] };
}
