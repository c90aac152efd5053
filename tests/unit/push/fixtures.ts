import { vi, afterEach } from 'vitest';
import { createManualClock, type ManualClock } from '../../../src/core/manual-clock';
import { parseConfig } from '../../../src/core/config';
import type { ChatbotError } from '../../../src/core/errors';
import { createTabChannel, type TabChannel } from '../../../src/core/tabs';
import { createPushNotifications } from '../../../src/push';
import type { PushPlatform } from '../../../src/push/platform';
import { createStorage, type ChatbotStorage } from '../../../src/storage';
import { createTestBackground, uniqueChannelName } from '../helpers';

export interface Shown {
  title: string;
  options: Record<string, unknown> & { data: { id: string; ids?: string[] } };
}

export interface FakeBrowser {
  platform: PushPlatform;
  shown: Shown[];
  state: { permission: NotificationPermission; online: boolean; subscribe: () => Promise<PushSubscription> };
  fetch: ReturnType<typeof vi.fn>;
}

export function fakeSubscription(endpoint = 'https://push.example/abc'): PushSubscription {
  const json = { endpoint, expirationTime: null, keys: { p256dh: 'p256', auth: 'auth' } };
  return { endpoint, options: { applicationServerKey: null, userVisibleOnly: true }, toJSON: () => json, unsubscribe: async () => true } as unknown as PushSubscription;
}

/** A browser seam that records shown notifications and lets a test set permission / network. */
export function fakeBrowser(overrides: Partial<PushPlatform> = {}): FakeBrowser {
  const shown: Shown[] = [];
  let current: PushSubscription | null = null;
  const state = {
    permission: 'granted' as NotificationPermission,
    online: true,
    subscribe: async () => fakeSubscription(),
  };
  const registration = {
    showNotification: async (title: string, options: Shown['options']) => {
      shown.push({ title, options });
    },
    getNotifications: async () => [],
    pushManager: {
      getSubscription: async () => current,
      subscribe: async () => (current = await state.subscribe()),
    },
  } as unknown as ServiceWorkerRegistration;
  const fetch = vi.fn(async () => new Response(null, { status: 201 }));
  const platform: PushPlatform = {
    origin: 'https://tienda.example',
    permission: () => state.permission,
    requestPermission: async () => state.permission,
    registration: async () => registration,
    pushSupported: () => true,
    online: () => state.online,
    fetch,
    ...overrides,
  };
  return { platform, shown, state, fetch };
}

export const VAPID = 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U';

export interface Harness {
  push: ReturnType<typeof createPushNotifications>;
  browser: FakeBrowser;
  clock: ManualClock;
  storage: ChatbotStorage;
  channel: TabChannel;
  errors: ChatbotError[];
  /** Resolves once the module's background work (wake-ups, showing) and its writes are done. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  clock?: ManualClock;
  section?: Record<string, unknown>;
  channelName?: string;
  browser?: FakeBrowser;
  language?: 'es' | 'en' | 'pt' | 'fr';
}

/** One "tab": storage + push module over the test's fresh IndexedDB. */
export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = options.clock ?? createManualClock(new Date(2025, 0, 15, 12, 0).getTime());
  const channel = createTabChannel(options.channelName ?? uniqueChannelName());
  const storage = createStorage({ clock, channel });
  const browser = options.browser ?? fakeBrowser();
  const errors: ChatbotError[] = [];
  const background = createTestBackground(storage, (e) => errors.push(e));
  const push = createPushNotifications(
    {
      clock,
      channel,
      config: parseConfig({ language: options.language ?? 'es' }),
      section: options.section ?? { vapidPublicKey: VAPID },
      reportError: (e) => errors.push(e),
      background: background.run,
      storage,
    },
    { platform: browser.platform },
  );
  await push.ready;
  return {
    push,
    browser,
    clock,
    storage,
    channel,
    errors,
    idle: background.idle,
    async close() {
      push.dispose();
      await storage.close();
      channel.close();
    },
  };
}

/** Local wall-clock time on the test's day (quiet hours are local time). */
export const at = (hour: number, minute = 0, day = 15): number => new Date(2025, 0, day, hour, minute).getTime();

/**
 * A per-test `open()` for harnesses that are all closed after each test.
 * @example const open = useHarnesses(); const h = await open({ preferences });
 */
export function useHarnesses(): (...args: Parameters<typeof createHarness>) => Promise<Harness> {
  let harnesses: Harness[] = [];
  afterEach(async () => {
    for (const h of harnesses) await h.close();
    harnesses = [];
  });
  return async (...args) => {
    const h = await createHarness(...args);
    // A test may close a harness itself (a "reload"): closing twice must be harmless.
    let closing: Promise<void> | undefined;
    const close = h.close.bind(h);
    h.close = () => (closing ??= close());
    harnesses.push(h);
    return h;
  };
}
