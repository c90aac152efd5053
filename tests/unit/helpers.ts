import { createBackground, type Background } from '../../src/core/background';
import type { ChatbotError } from '../../src/core/errors';
import { createTabChannel, type TabChannel } from '../../src/core/tabs';
import { createStorage, type ChatbotStorage, type StorageOptions } from '../../src/storage';

let counter = 0;

/** A channel name private to one test, so tests never hear each other. */
export function uniqueChannelName(): string {
  return `test-${process.pid}-${++counter}-${Math.random().toString(36).slice(2)}`;
}

/** Two or more "tabs": storages over one IndexedDB, talking over one BroadcastChannel name. */
export function createTabs(count: number, options: StorageOptions = {}): { storages: ChatbotStorage[]; channels: TabChannel[]; close(): Promise<void> } {
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

/**
 * A module's `background` as the runtime gives it, and the runtime's `idle()` over one storage:
 * for harnesses that build a module without the whole system.
 * @example const background = createTestBackground(storage, (e) => errors.push(e)); … await background.idle();
 */
export function createTestBackground(storage: ChatbotStorage, report: (error: ChatbotError) => void): { run: Background['run']; idle(): Promise<void> } {
  const background = createBackground({ report });
  return {
    run: background.run,
    async idle() {
      do {
        await background.idle();
        await storage.idle();
      } while (background.busy);
    },
  };
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
