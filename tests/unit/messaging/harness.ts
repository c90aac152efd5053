import { createManualClock, type ManualClock } from '../../../src/core/manual-clock';
import { parseConfig } from '../../../src/core/config';
import type { ChatbotError } from '../../../src/core/errors';
import { createTabChannel, type TabChannel } from '../../../src/core/tabs';
import { createMessaging, type MessagingSystem } from '../../../src/messaging';
import { createStorage, type ChatbotStorage } from '../../../src/storage';
import { createTestBackground, uniqueChannelName } from '../helpers';

export const START = Date.parse('2025-01-15T10:30:00Z');

export interface Tab {
  messaging: MessagingSystem;
  storage: ChatbotStorage;
  channel: TabChannel;
  errors: ChatbotError[];
}

export interface Harness extends Tab {
  clock: ManualClock;
  /** Another tab (or a reload) over the same database and channel. */
  open(options?: { section?: Record<string, unknown>; config?: Record<string, unknown> }): Promise<Tab>;
  close(): Promise<void>;
}

/** A messaging module over fake IndexedDB, a manual clock and a private tab channel. */
export async function createHarness(
  options: { section?: Record<string, unknown>; config?: Record<string, unknown>; user?: string | null; clock?: ManualClock } = {},
): Promise<Harness> {
  const clock = options.clock ?? createManualClock(START);
  const channelName = uniqueChannelName();
  const tabs: Tab[] = [];
  const open = async (opts: { section?: Record<string, unknown>; config?: Record<string, unknown> } = {}): Promise<Tab> => {
    const channel = createTabChannel(channelName);
    const storage = createStorage({ clock, channel });
    const errors: ChatbotError[] = [];
    storage.onError((error) => errors.push(error));
    const messaging = createMessaging({
      clock,
      channel,
      config: parseConfig(opts.config ?? {}),
      section: opts.section ?? {},
      reportError: (error) => errors.push(error),
      background: createTestBackground(storage, (error) => errors.push(error)).run,
      storage,
    });
    await messaging.ready;
    const tab = { messaging, storage, channel, errors };
    tabs.push(tab);
    return tab;
  };
  const section = { timeZone: 'UTC', ...(options.user === null ? {} : { currentUser: options.user ?? 'juan' }), ...options.section };
  const first = await open({ section, ...(options.config ? { config: options.config } : {}) });
  return {
    ...first,
    clock,
    open,
    async close() {
      for (const tab of tabs) {
        tab.messaging.dispose();
        await tab.storage.close();
        tab.channel.close();
      }
    },
  };
}

/** Runs `fn` and returns the ChatbotError it threw (fails if it did not throw). */
export function errorOf(fn: () => unknown): ChatbotError {
  try {
    fn();
  } catch (error) {
    return error as ChatbotError;
  }
  throw new Error('expected a ChatbotError, nothing was thrown');
}
