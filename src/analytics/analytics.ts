import type { ModuleContext } from '../core/module';
import type { ChatbotStorage } from '../storage';
import { createAnalyses, type Analyses } from './analyses';
import { createAnalyticsCore, type AnalyticsCore, type AnalyticsTracker } from './core';
import { createLiveQueries, type LiveQueries } from './live';
import { createStoredAnalyses, type StoredAnalyses } from './stored-analyses';
import { createStoredEvents } from './stored-events';

/**
 * `CHATBOT_SYSTEM.realtimeAnalytics` (and `window.realtimeAnalytics`): tracking, sessions,
 * auto-tracking, live figures and analyses, all in the browser.
 * @example
 * realtimeAnalytics.track('button_clicked', { buttonId: 'checkout', page: '/cart' });
 * realtimeAnalytics.getDashboardData().overview.bounceRate // '35.5%'
 */
export interface RealtimeAnalytics extends AnalyticsTracker, LiveQueries, Analyses, StoredAnalyses {
  dispose(): void;
}

/**
 * The whole module: the live figures and analyses built over a tracker. The script-tag build
 * passes the tracker the start-up runtime has been running since the page loaded; without one, a
 * new tracker is made (integrators calling createSystem(), tests).
 * @example
 * const analytics = createRealtimeAnalytics({ clock, channel, config, section: { bufferSize: 5000 }, reportError, storage, host: window });
 * await analytics.ready;
 */
export function createRealtimeAnalytics(ctx: ModuleContext<ChatbotStorage>, core: AnalyticsCore = createAnalyticsCore(ctx)): RealtimeAnalytics {
  const { tracker, collector } = core;
  const live = createLiveQueries(collector, tracker.config, ctx.clock, core.presenceUsers);
  const stored = createStoredEvents({
    storage: ctx.storage,
    collector,
    clock: ctx.clock,
    beforeSync: () => tracker.flush(),
    background: (work) => ctx.background(work, 'STORAGE_FAILED', 'copying analytics events for the analyses failed'),
  });
  const storedAnalyses = createStoredAnalyses(stored, tracker.config, ctx.clock);
  const analyses = createAnalyses(collector.buffer, ctx.storage, tracker.config, ctx.clock, core.currentUser, (names, since, until) => stored.batchesWith(names, since, until));
  // The tracker's accessors (bufferSize) stay accessors: copy descriptors, not values.
  const api = Object.defineProperties({}, {
    ...Object.getOwnPropertyDescriptors(tracker),
    ...Object.getOwnPropertyDescriptors(live),
    ...Object.getOwnPropertyDescriptors(analyses),
    ...Object.getOwnPropertyDescriptors(storedAnalyses),
  }) as RealtimeAnalytics;
  api.exportStoredData = async (format, range) => {
    await tracker.flush();
    return analyses.exportStoredData(format, range);
  };
  api.getStoredEvents = async (range, names) => {
    await tracker.flush();
    return analyses.getStoredEvents(range, names);
  };
  api.reloadState = async () => {
    await tracker.reloadState();
    stored.invalidate();
  };
  api.dispose = () => {
    tracker.dispose();
    live.dispose();
    stored.dispose();
  };
  return api;
}
