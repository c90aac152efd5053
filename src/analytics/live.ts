import type { Clock } from '../core/clock';
import { createId } from '../core/ids';
import { validate } from '../core/validate';
import type { Collector } from './collector';
import type { AnalyticsConfig } from './config';
import { activeUsersSince, computeOverview, formatOverview, type Overview, type TopEvent, type TopPage } from './metrics';
import * as Q from './query-schemas';
import * as S from './schemas';
import { EVENT_NAMES, type AnalyticsEvent } from './types';

export type EventFilter = ((event: AnalyticsEvent) => boolean) | string | string[];
export type EventCallback = (eventType: string, data: AnalyticsEvent) => void;

export interface DashboardData {
  overview: Overview;
  topPages: TopPage[];
  topEvents: TopEvent[];
  recentEvents: AnalyticsEvent[];
  eventStream: AnalyticsEvent[];
}

/**
 * The live side: subscriptions and the figures read from the in-memory window.
 * @example const id = realtimeAnalytics.subscribe((type, data) => console.log(type, data.properties), 'purchase');
 */
export interface LiveQueries {
  /** Calls `callback(eventType, event)` for every new event (this tab's and the other tabs') passing `filter`. */
  subscribe(callback: EventCallback, filter?: EventFilter): string;
  unsubscribe(subscriptionId: string): boolean;
  /** Events of the last `ms` (default one minute), oldest first. */
  getEventStream(ms?: number): AnalyticsEvent[];
  /** The newest `n` events (default 50), newest first. */
  getRecentEvents(n?: number): AnalyticsEvent[];
  /** Distinct users active in the last `activeWindowMs` (5 min) across this browser's tabs. */
  getActiveUsers(): number;
  /** Page views in the last `activeWindowMs` (5 min). */
  getCurrentPageViews(): number;
  /** Most viewed pages in the overview period (default 24 h). */
  getTopPages(n?: number): TopPage[];
  /** Most frequent events in the overview period. */
  getTopEvents(n?: number): TopEvent[];
  /** The seed's dashboard object: formatted overview, top pages/events, recent events, last minute. */
  getDashboardData(): DashboardData;
  dispose(): void;
}

const toFilter = (filter: EventFilter | undefined): ((event: AnalyticsEvent) => boolean) => {
  if (filter === undefined) return () => true;
  if (typeof filter === 'function') return filter;
  const names = new Set(typeof filter === 'string' ? [filter] : filter);
  return (event) => names.has(event.event);
};

export function createLiveQueries(
  collector: Collector,
  config: AnalyticsConfig,
  clock: Clock,
  presenceUsers: () => Array<{ anonymousId: string; userId: string | null }>,
): LiveQueries {
  const buffer = collector.buffer;
  const subscriptions = new Map<string, { callback: EventCallback; filter: (event: AnalyticsEvent) => boolean }>();

  const stop = collector.onEvent((event) => {
    for (const { callback, filter } of subscriptions.values()) {
      try {
        if (filter(event)) callback(event.event, event);
      } catch (error) {
        // A subscriber's bug is the host page's: surface it like the browser would, keep tracking.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  });

  const activeUsers = (): number => activeUsersSince(buffer, clock.now() - config.activeWindowMs, presenceUsers());

  const queries: LiveQueries = {
    subscribe(callback, filter) {
      const cb = validate(Q.CallbackSchema, callback, 'subscribe callback');
      const f = validate(Q.FilterSchema, filter, 'subscribe filter');
      const id = createId('sub');
      subscriptions.set(id, { callback: cb, filter: toFilter(f) });
      return id;
    },
    unsubscribe(subscriptionId) {
      const id = validate(S.EventNameSchema, subscriptionId, 'unsubscribe subscriptionId');
      return subscriptions.delete(id);
    },
    getEventStream(ms = 60_000) {
      const span = validate(Q.DurationSchema, ms, 'getEventStream ms');
      return buffer.since(clock.now() - span);
    },
    getRecentEvents(n = 50) {
      return buffer.newest(validate(Q.CountSchema, n, 'getRecentEvents n'));
    },
    getActiveUsers: activeUsers,
    getCurrentPageViews() {
      let count = 0;
      buffer.forEachSince(clock.now() - config.activeWindowMs, (e) => {
        if (e.event === EVENT_NAMES.pageView) count++;
      });
      return count;
    },
    getTopPages(n = 10) {
      const top = validate(Q.CountSchema, n, 'getTopPages n');
      return computeOverview(buffer, clock.now() - config.overviewWindowMs, config.conversionEvent, top).topPages;
    },
    getTopEvents(n = 10) {
      const top = validate(Q.CountSchema, n, 'getTopEvents n');
      return computeOverview(buffer, clock.now() - config.overviewWindowMs, config.conversionEvent, top).topEvents;
    },
    getDashboardData() {
      const now = clock.now();
      const figures = computeOverview(buffer, now - config.overviewWindowMs, config.conversionEvent, 10);
      return {
        overview: formatOverview(figures, activeUsers()),
        topPages: figures.topPages,
        topEvents: figures.topEvents,
        recentEvents: buffer.newest(20),
        eventStream: buffer.since(now - 60_000),
      };
    },
    dispose() {
      stop();
      subscriptions.clear();
    },
  };
  return queries;
}
