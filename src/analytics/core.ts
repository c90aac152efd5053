import { createUuid } from '../core/ids';
import type { ModuleContext, ModuleLifecycle } from '../core/module';
import { check } from '../core/guards';
import type { ChatbotStorage } from '../storage';
import { startAutoTracking, type AutoTrackSink } from './autotrack';
import { createCollector, type Collector } from './collector';
import { TIME, parseAnalyticsConfig, type AnalyticsConfig } from './config';
import { loadRecentEvents, pruneEvents } from './event-log';
import { createIdentityStore } from './identity';
import { createTrackingApi, type TrackingApi } from './tracking';
import { describeError, errorFingerprint, isDoNotTrack, readContext } from './page-context';
import { sanitizeProperties } from './sanitize';
import * as G from './tracker-guards';
import { createSessionTracker } from './sessions';
import type { Transport } from './transport';
import { EVENT_NAMES, type AnalyticsEvent, type EventType, type Properties, type SessionRecord } from './types';

const PRESENCE_EVERY_MS = 30_000;
const PRUNE_EVERY_MS = 3_600_000;
const MAX_DISTINCT_ERRORS = 200;
const SESSION_WRITE_EVERY_MS = 5000;

/**
 * The part of `CHATBOT_SYSTEM.realtimeAnalytics` that runs from the start of every page: tracking,
 * sessions, identity and auto-tracking. The live figures and analyses (`createRealtimeAnalytics`)
 * are built over it when the full system loads, so a storefront page never downloads funnels.
 * @example
 * realtimeAnalytics.track('button_clicked', { buttonId: 'checkout', page: '/cart' });
 */
export interface AnalyticsTracker extends ModuleLifecycle, TrackingApi {
  /** Events kept in memory (the seed: `realtimeAnalytics.bufferSize = 5000`). */
  bufferSize: number;
  readonly config: Readonly<AnalyticsConfig>;
  /** Forgets the user: new anonymous id, no user id, a new session (logout). */
  reset(): void;
  getAnonymousId(): string;
  getUserId(): string | null;
  getSessionId(): string | null;
  optOut(): void;
  optIn(): void;
  /** False when opted out, disabled or Do Not Track applies. */
  isTracking(): boolean;
  /** Writes pending events to IndexedDB; resolves once they are durable. */
  flush(): Promise<void>;
  /** Re-reads events, identity and session from IndexedDB (system.ts calls it after a backup restore). */
  reloadState(): Promise<void>;
}

/** The tracker plus what the live figures and analyses read. */
export interface AnalyticsCore {
  tracker: AnalyticsTracker;
  collector: Collector;
  /** Other tabs' users seen within the active window. */
  presenceUsers(): Array<{ anonymousId: string; userId: string | null }>;
  /** The user id, or the anonymous id. */
  currentUser(): string;
}

/**
 * Builds the tracker over the shared storage (the start-up runtime does this; tests pass a manual clock).
 * @example
 * const core = createAnalyticsCore({ clock, channel, config, section: { bufferSize: 5000 }, reportError, storage, host: window });
 * await core.tracker.ready;
 */
export function createAnalyticsCore(ctx: ModuleContext<ChatbotStorage>): AnalyticsCore {
  const config = parseAnalyticsConfig(ctx.section);
  const { clock, storage, host, channel } = ctx;
  const identity = createIdentityStore(storage);
  const dnt = config.respectDoNotTrack && isDoNotTrack(host);
  let loaded = false;
  let disposed = false;
  let context = readContext(host);
  const errorsSeen = new Set<string>();
  /** Other tabs' users seen recently, keyed by `anonymousId|userId`. */
  const presence = new Map<string, { anonymousId: string; userId: string | null; at: number }>();
  let lastPresence = -Infinity;
  const stops: Array<() => void> = [];
  let transport: Transport | undefined;
  let lastSessionWrite = -Infinity;

  const collecting = (): boolean => loaded && !disposed && config.enabled && !dnt && !identity.optedOut;

  const sessions = createSessionTracker({
    clock,
    storage,
    timeoutMs: config.sessionTimeoutMs,
    maxMs: config.sessionMaxMs,
    identity: () => identity.value,
    onStart: (session) => {
      emit('track', EVENT_NAMES.sessionStart, { sessionId: session.id });
    },
    onEnd: (session: SessionRecord) => {
      if (!collecting()) return;
      const who = identity.value;
      // The session's last event may carry a sub-millisecond ordering step: end just after it.
      const time = Math.max(session.lastActivityAt, collector.lastTime);
      collector.recordAt({
        type: 'track',
        event: EVENT_NAMES.sessionEnd,
        name: EVENT_NAMES.sessionEnd,
        properties: { durationMs: session.durationMs, reason: session.endReason },
        userId: who.userId,
        anonymousId: who.anonymousId,
        messageId: createUuid(),
        timestamp: new Date(Math.floor(time)).toISOString(),
        time,
        sessionId: session.id,
        context,
      });
    },
  });

  const collector = createCollector({
    clock,
    storage,
    bufferSize: config.bufferSize,
    flushIntervalMs: config.flushIntervalMs,
    flushAt: config.flushAt,
    onBatch: (batch) => transport?.enqueue(batch),
    // The session pointer is journaled kv data: refreshed with the events, at most every few seconds
    // (pagehide, flush() and dispose() write it at once).
    onFlush: () => {
      if (clock.now() - lastSessionWrite < SESSION_WRITE_EVERY_MS) return;
      lastSessionWrite = clock.now();
      sessions.persist();
    },
  });

  function emit(type: EventType, name: string, properties: Properties, traits?: Properties): AnalyticsEvent | null {
    if (!collecting()) return null;
    const now = clock.now();
    const sessionId = sessions.touch(now);
    const who = identity.value;
    const event = collector.record(type, name, properties, who, sessionId, context, now, traits);
    if (now - lastPresence >= PRESENCE_EVERY_MS) {
      lastPresence = now;
      channel.post({ kind: 'analytics-presence', anonymousId: who.anonymousId, userId: who.userId, at: now });
    }
    return event;
  }

  // Calls made before the stored state is loaded wait for it (the script-tag stub already queues;
  // this covers integrators calling createSystem() directly).
  const early: Array<() => void> = [];
  const whenLoaded = (run: () => AnalyticsEvent | null): AnalyticsEvent | null => {
    if (loaded || disposed) return run();
    early.push(() => void run());
    return null;
  };

  const props = (value: unknown, what: string): Properties =>
    sanitizeProperties(value === undefined ? {} : G.isPlainRecord(value) ? value : (check(G.Properties, value, what) ?? {}), what);

  const recordError = (error: unknown, source: 'manual' | 'error' | 'unhandledrejection', extra: Properties): AnalyticsEvent | null => {
    const info = describeError(error);
    const fingerprint = errorFingerprint(info);
    if (errorsSeen.has(fingerprint) || errorsSeen.size >= MAX_DISTINCT_ERRORS) return null;
    errorsSeen.add(fingerprint);
    return emit('track', EVENT_NAMES.error, { ...extra, ...info, source });
  };

  const pageView = (name?: string, extra: Properties = {}): AnalyticsEvent | null => {
    const previous = context.page.url;
    context = readContext(host, loaded && previous && previous !== host?.location.href ? previous : undefined);
    errorsSeen.clear();
    const { path, url, title, referrer, search } = context.page;
    return emit('page', EVENT_NAMES.pageView, { ...extra, path, url, title, referrer, search, ...(name ? { pageName: name } : {}) });
  };

  const sink: AutoTrackSink = {
    clock,
    capture: (name, properties) => void emit('track', name, properties),
    pageView: () => void pageView(),
    captureError: (error, source) => void recordError(error, source, {}),
  };

  const onChannel = channel.subscribe('analytics-presence', ({ anonymousId, userId, at }) => {
    presence.set(`${anonymousId}|${userId ?? ''}`, { anonymousId, userId, at });
  });
  stops.push(onChannel);

  let pruning = false;
  const prune = (): void => {
    if (pruning || disposed) return;
    pruning = true;
    const pruned = pruneEvents(storage, clock.now(), { maxEvents: config.maxStoredEvents, maxAgeMs: config.maxEventAgeDays * TIME.DAY }).finally(() => {
      pruning = false;
    });
    ctx.background(pruned, 'STORAGE_FAILED', 'pruning analytics events failed');
  };
  let pruneTimer: unknown;
  const schedulePrune = (delay: number): void => {
    pruneTimer = clock.setTimeout(() => {
      prune();
      schedulePrune(PRUNE_EVERY_MS);
    }, delay);
  };

  const ready = (async () => {
    await storage.ready;
    const [stored] = await Promise.all([loadRecentEvents(storage, config.bufferSize), identity.load()]);
    collector.seed(stored.events, stored.batchCounts);
    await sessions.load();
    // Only stores that send events to a collector download the sender, before collecting starts
    // so that no batch is made without it.
    const sender = config.endpoint ? await import('./transport') : undefined;
    if (disposed) return;
    loaded = true;
    if (config.endpoint && sender) {
      transport = sender.createTransport({
        storage,
        clock,
        endpoint: config.endpoint,
        headers: config.endpointHeaders,
        sendIntervalMs: config.sendIntervalMs,
        sendAt: config.sendAt,
        maxBatchEvents: config.maxBatchEvents,
        retryBaseMs: config.retryBaseMs,
        retryMaxMs: config.retryMaxMs,
        reportError: ctx.reportError,
        paused: () => identity.optedOut || dnt || !config.enabled,
        ...(host
          ? {
              fetch: host.fetch.bind(host),
              sendBeacon: (url: string, body: Blob) => host.navigator.sendBeacon?.(url, body) ?? false,
              host,
              ...(host.navigator.locks ? { locks: host.navigator.locks } : {}),
            }
          : {}),
      });
    }
    if (host) wireHost(host);
    schedulePrune(10_000);
    for (const run of early.splice(0)) run();
  })();
  ready.catch(() => undefined);

  function wireHost(window: Window): void {
    // The runtime's pagehide hook commits the writes queued here right after.
    const offHide = ctx.onPageHide?.(() => {
      collector.flushPending();
      sessions.persist();
      transport?.flushOnHide();
    });
    if (offHide) stops.push(offHide);
    if (collecting()) startAuto(window);
  }

  let stopAuto: (() => void) | undefined;
  function startAuto(window: Window): void {
    if (stopAuto) return;
    stopAuto = startAutoTracking(window, sink, config.autoTrack, { slowResourceMs: config.slowResourceMs, ...(config.endpoint ? { ignoreUrl: config.endpoint } : {}) });
  }

  const tracking = createTrackingApi({
    config,
    props,
    whenLoaded,
    emit,
    recordError,
    pageView,
    identify: (userId, traits) => {
      storage.admit();
      identity.identify(userId, traits);
      lastPresence = -Infinity; // tell the other tabs who this is now
      return identity.value.traits;
    },
  });

  const api: AnalyticsTracker = {
    ready,
    config,
    get bufferSize() {
      return collector.buffer.capacity;
    },
    set bufferSize(value: number) {
      collector.buffer.capacity = check(G.BufferSize, value, 'bufferSize');
    },
    ...tracking,
    reset() {
      storage.admit();
      collector.flushPending();
      identity.reset();
      sessions.expireIfDue(Infinity);
    },
    getAnonymousId: () => identity.value.anonymousId,
    getUserId: () => identity.value.userId,
    getSessionId: () => sessions.current?.sessionId ?? null,
    optOut() {
      storage.admit();
      identity.setOptedOut(true);
      collector.flushPending();
      stopAuto?.();
      stopAuto = undefined;
    },
    optIn() {
      storage.admit();
      identity.setOptedOut(false);
      if (host && loaded && collecting()) startAuto(host);
      void transport?.pump();
    },
    isTracking: () => config.enabled && !dnt && !identity.optedOut,
    async flush() {
      await ready.catch(() => undefined);
      collector.flushPending();
      sessions.persist();
      await storage.flush();
    },
    async reloadState() {
      await ready;
      const stored = await loadRecentEvents(storage, collector.buffer.capacity);
      collector.replaceAll(stored.events);
      await identity.load();
      await sessions.load();
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      stopAuto?.();
      for (const stop of stops.splice(0)) stop();
      sessions.persist();
      if (pruneTimer !== undefined) clock.clearTimeout(pruneTimer);
      collector.dispose();
      sessions.dispose();
      identity.dispose();
      transport?.dispose();
    },
  };
  return {
    tracker: api,
    collector,
    presenceUsers: () => [...presence.values()].filter((p) => p.at >= clock.now() - config.activeWindowMs),
    currentUser: () => identity.value.userId ?? identity.value.anonymousId,
  };
}
