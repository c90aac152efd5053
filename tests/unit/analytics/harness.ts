import { createManualClock, type ManualClock } from '../../../src/core/manual-clock';
import { parseConfig } from '../../../src/core/config';
import type { ChatbotError } from '../../../src/core/errors';
import { createTabChannel, type TabChannel } from '../../../src/core/tabs';
import { createRealtimeAnalytics, type AnalyticsEvent, type RealtimeAnalytics } from '../../../src/analytics';
import { createStorage, type ChatbotStorage } from '../../../src/storage';
import { createTestBackground, uniqueChannelName } from '../helpers';

export const T0 = Date.parse('2025-01-15T10:00:00Z');
export const MIN = 60_000;

export interface Harness {
  clock: ManualClock;
  storage: ChatbotStorage;
  channel: TabChannel;
  analytics: RealtimeAnalytics;
  errors: ChatbotError[];
  /** Resolves once the module's background work (pruning…) and its writes are done. */
  idle(): Promise<void>;
  /** A new module instance over the same database: what a reload does. */
  reload(section?: Record<string, unknown>): Promise<Harness>;
  close(): Promise<void>;
}

export async function createHarness(section: Record<string, unknown> = {}, options: { clock?: ManualClock; channelName?: string; host?: Window } = {}): Promise<Harness> {
  const clock = options.clock ?? createManualClock(T0);
  const channelName = options.channelName ?? uniqueChannelName();
  const channel = createTabChannel(channelName);
  const storage = createStorage({ clock, channel });
  const errors: ChatbotError[] = [];
  const background = createTestBackground(storage, (error) => errors.push(error));
  const analytics = createRealtimeAnalytics({
    clock,
    channel,
    config: parseConfig({}),
    section: { autoTrack: { performance: false }, ...section },
    reportError: (error) => errors.push(error),
    background: background.run,
    storage,
    ...(options.host ? { host: options.host } : {}),
  });
  await analytics.ready;
  const harness: Harness = {
    clock,
    storage,
    channel,
    analytics,
    errors,
    idle: background.idle,
    async reload(next = section) {
      await harness.close();
      return createHarness(next, { clock, channelName });
    },
    async close() {
      await analytics.flush();
      analytics.dispose();
      await storage.close();
      channel.close();
    },
  };
  return harness;
}

/** A bare event for the pure functions. */
export function ev(event: string, time: number, sessionId = 's1', extra: Partial<AnalyticsEvent> = {}): AnalyticsEvent {
  return {
    type: event === 'page_view' ? 'page' : 'track',
    event,
    name: event,
    properties: {},
    userId: null,
    anonymousId: 'anon-1',
    messageId: `${event}-${time}-${Math.random()}`,
    timestamp: new Date(time).toISOString(),
    time,
    sessionId,
    context: { page: { path: '/', url: 'https://shop.test/', title: 'Inicio', referrer: '', search: '' }, userAgent: 'test', locale: 'es-CO', library: { name: 'test', version: '0' } },
    ...extra,
  };
}

/** The little of a window the module reads when auto-tracking is off (Node has no DOM). */
export function fakeHost(navigator: Record<string, unknown> = {}): Window {
  const noop = (): void => undefined;
  return {
    navigator: { userAgent: 'test', language: 'es-CO', onLine: true, ...navigator },
    location: { pathname: '/', href: 'https://shop.test/', search: '' },
    document: { title: 'Tienda', referrer: '', visibilityState: 'visible', addEventListener: noop, removeEventListener: noop },
    addEventListener: noop,
    removeEventListener: noop,
  } as unknown as Window;
}
