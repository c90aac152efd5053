import { createBackground, type Background } from './core/background';
import { callAt, systemClock, type Clock } from './core/clock';
import { parseConfig, type Config } from './core/config';
import { toChatbotError, type ChatbotError } from './core/errors';
import { createEvents, type Events } from './core/events';
import { createTabChannel, type TabChannel } from './core/tabs';
import { BACKUP_KV, createStorage, planFirstBackupLook, readWakes, WAKE_KEYS, type ChatbotStorage } from './storage';
import { createPageLifecycle } from './shell/lifecycle';
import { createAnalyticsCore, type AnalyticsCore } from './analytics/core';
import { STORE_EVENTS, type StoreEventType } from './loader/stub-protocol';

export type SystemEvents = {
  error: ChatbotError;
  config_changed: Config;
};

export interface SystemDeps {
  clock?: Clock;
  channel?: TabChannel;
  /** IndexedDB factory (tests pass fake-indexeddb's). */
  indexedDB?: IDBFactory;
  dbName?: string;
  /** The page's window; without it no DOM integration is wired (tests, workers). */
  host?: Window;
}

/** What the runtime needs of the full system when the page asks for more than tracking. */
export interface SystemPort {
  pushNotifications: { sendOrderNotification(order: unknown): Promise<unknown> };
}

export interface StartupDeps extends SystemDeps {
  /** Store events fired before the runtime listened (the script-tag stub keeps them). */
  earlier?: Array<{ type: StoreEventType; detail: unknown }>;
  /** Loads (once) and returns the full system: push, messaging, backup, the assistant. */
  loadSystem(): Promise<SystemPort>;
}

/**
 * What runs on every page from the start: the storage core, the analytics tracker (page views,
 * sessions, auto-tracking, the store's cart and order events) and the wake-ups other modules asked
 * for. The full system (`createSystem`) is built over it when something needs it.
 */
export interface Startup {
  readonly config: Readonly<Config>;
  readonly clock: Clock;
  readonly channel: TabChannel;
  readonly events: Events<SystemEvents>;
  readonly storage: ChatbotStorage;
  readonly analytics: AnalyticsCore;
  readonly host: Window | undefined;
  /** The IndexedDB factory storage uses (backups read every database of the origin). */
  readonly indexedDB: IDBFactory | undefined;
  reportError(error: ChatbotError): void;
  /** Tracks work nobody awaits, for `idle()` (see ModuleContext.background). */
  background: Background['run'];
  /**
   * Resolves once the background work started so far (wake-ups, pruning, automatic backups, the
   * assistant's answers…), the work it started meanwhile, and the writes they queued are done.
   * Failures are reported on the `error` event, not thrown here.
   */
  idle(): Promise<void>;
  /**
   * The one pagehide hook: `listener` runs when the page may go away (pagehide, hidden tab), then
   * pending writes commit. Returns the removal.
   */
  onPageHide(listener: () => void): () => void;
  /** Called by the full system when it starts: its modules keep their own timers from then on. */
  systemStarted(): void;
  /** Resolves once storage is open and the tracker has loaded its state. */
  readonly ready: Promise<void>;
  /** Commits what is pending, stops the tracker, timers and listeners, closes the database. */
  destroy(): Promise<void>;
}

// A wake-up missed while no page was open runs shortly after this page started, not during it.
const LATE_WAKE_DELAY_MS = 5000;
// But a conversation with staff connects as soon as the page is idle: their replies arrive live on
// every page the customer opens, not seconds after each navigation.
const LIVE_WAKE_DELAY_MS = 0;
// The seed's automatic backup interval: when a browser that never ran backups first looks.
const FIRST_BACKUP_LOOK_MS = 3_600_000;

/**
 * Builds the start-up runtime.
 * @example const runtime = createStartup(config, { host: window, loadSystem: () => import('./system').then(...) });
 */
export function createStartup(input: unknown, deps: StartupDeps): Startup {
  const config = parseConfig(input);
  const clock = deps.clock ?? systemClock;
  const channel = deps.channel ?? createTabChannel();
  const events = createEvents<SystemEvents>();
  const host = deps.host;
  const reportError = (error: ChatbotError): void => {
    if (events.listenerCount('error') === 0) console.error('[chatbot]', error);
    events.emit('error', error);
  };
  const background = createBackground({ report: reportError });
  const storage = createStorage({
    clock,
    channel,
    ...(deps.dbName ? { dbName: deps.dbName } : {}),
    ...(deps.indexedDB ? { factory: deps.indexedDB } : {}),
  });
  // A restore interrupted by a closed tab or a crash is put back before anything reads the data;
  // the code that does it loads only when its record is there.
  const putBack = async (): Promise<void> => {
    if (!(await (await storage.database()).get('kv', BACKUP_KV.restoring))) return;
    const { putBackInterruptedRestore } = await import('./backup/interrupted-restore');
    await putBackInterruptedRestore({ storage, clock, channel, host, indexedDB: deps.indexedDB, reportError });
  };
  const recovered = putBack();
  storage.hold(recovered);
  const cleanups: Array<() => void> = [storage.onError(reportError)];
  const lifecycle = host ? createPageLifecycle(host, () => storage.commitNow()) : undefined;
  if (lifecycle) cleanups.push(() => lifecycle.dispose());
  const onPageHide = (listener: () => void): (() => void) => lifecycle?.onPageHide(listener) ?? (() => undefined);

  const analytics = createAnalyticsCore({ clock, channel, config, section: config.realtimeAnalytics, reportError, background: background.run, host, storage, onPageHide });
  const tracker = analytics.tracker;
  const needSystem = (): Promise<SystemPort> => {
    const loading = deps.loadSystem();
    background.run(loading, 'LOAD_FAILED', 'the chat system could not load');
    return loading;
  };

  // Integración — Analytics + E-commerce and Caso 2: the store page's cart and order events are
  // tracked from the start; an order status change also notifies, which loads the system.
  const storeEvents: Record<StoreEventType, (detail: Record<string, unknown>) => void> = {
    cart_item_added: (detail) => tracker.trackCart('add', detail),
    order_completed: (detail) => tracker.trackConversion('purchase', detail.total as number, {
      orderId: detail.id,
      items: Array.isArray(detail.items) ? detail.items.length : 0,
    }),
    order_status_changed: (detail) => {
      tracker.track('order_status_changed', { orderId: detail.id, status: detail.status });
      // A system that could not load is reported by needSystem, once.
      const sent = needSystem().then((system) => system.pushNotifications.sendOrderNotification(detail), () => undefined);
      background.run(sent, 'UNSUPPORTED', 'the order notification could not be shown');
    },
  };
  const onStoreEvent = (type: StoreEventType, detail: unknown): void => {
    try {
      storeEvents[type]((detail ?? {}) as Record<string, unknown>);
    } catch (error) {
      reportError(toChatbotError(error, 'VALIDATION'));
    }
  };
  if (host) {
    for (const type of STORE_EVENTS) {
      const listener = (event: Event): void => onStoreEvent(type, (event as CustomEvent<unknown>).detail);
      host.addEventListener(type, listener);
      cleanups.push(() => host.removeEventListener(type, listener));
    }
  }
  for (const { type, detail } of deps.earlier ?? []) onStoreEvent(type, detail);

  // Scheduled notifications and automatic backups recorded when they next need a page.
  let cancelWake: (() => void) | undefined;
  let destroyed = false;
  let destroying: Promise<void> | undefined;
  const startedAt = clock.now();
  let systemRunning = false;
  let generation = 0;
  const armWake = async (): Promise<void> => {
    const mine = ++generation;
    const wakes = await readWakes(storage);
    const firstLook = wakes.recorded.has(WAKE_KEYS.backup) || systemRunning ? undefined : startedAt + FIRST_BACKUP_LOOK_MS;
    if (firstLook !== undefined) planFirstBackupLook(storage, firstLook);
    const at = wakes.next === undefined ? firstLook : Math.min(wakes.next, firstLook ?? Infinity);
    if (at === undefined || destroyed || systemRunning || mine !== generation) return;
    cancelWake?.();
    const late = wakes.waiting.has(WAKE_KEYS.live) ? LIVE_WAKE_DELAY_MS : LATE_WAKE_DELAY_MS;
    cancelWake = callAt(clock, Math.max(at, startedAt + late), () => {
      cancelWake = undefined;
      void needSystem();
    });
  };
  const stopWake = (): void => {
    cancelWake?.();
    cancelWake = undefined;
  };

  const rearmWake = (): void => {
    stopWake();
    background.run(armWake(), 'STORAGE_FAILED', 'reading the planned wake-ups');
  };
  // Another tab recorded a wake-up (a reminder scheduled in the chat tab, then closed): look again.
  cleanups.push(storage.subscribe('kv', (changes) => {
    if (systemRunning || destroyed) return;
    if (changes.some((change) => change.op === 'clear' || change.key.startsWith('wake:'))) rearmWake();
  }));
  // A backup restored in another tab: reload when asked to, else re-read what the tracker keeps.
  // (Once the system runs, its backup module does this.)
  cleanups.push(channel.subscribe('backup', (message) => {
    if (systemRunning || destroyed || message.type !== 'restored') return;
    if (message.reload && host) {
      host.location.reload();
      return;
    }
    background.run(tracker.reloadState(), 'STORAGE_FAILED', 're-reading analytics after a restore');
    rearmWake();
  }));

  background.run(recovered, 'STORAGE_FAILED', 'putting back the data of an interrupted restore');
  const ready = Promise.all([storage.ready, tracker.ready]).then(() => undefined);
  background.run(ready, 'STORAGE_FAILED', 'the start-up runtime could not load its state');
  // A runtime that could not load is reported just above, once.
  background.run(ready.then(armWake, () => undefined), 'STORAGE_FAILED', 'reading the planned wake-ups');

  return {
    config,
    clock,
    channel,
    events,
    storage,
    analytics,
    host,
    indexedDB: deps.indexedDB,
    reportError,
    background: background.run,
    async idle() {
      do {
        await background.idle();
        await storage.idle();
      } while (background.busy);
    },
    onPageHide,
    systemStarted() {
      systemRunning = true;
      stopWake();
    },
    ready,
    destroy() {
      destroying ??= (async () => {
        destroyed = true;
        stopWake();
        await ready.catch(() => undefined);
        for (const cleanup of cleanups.splice(0)) cleanup();
        tracker.dispose();
        await storage.close();
        channel.close();
      })();
      return destroying;
    },
  };
}
