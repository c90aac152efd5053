import { systemClock, type Clock } from './core/clock';
import { mergeDeep, parseConfig, type Config, type ConfigInput } from './core/config';
import { ChatbotError } from './core/errors';
import { createEvents, type Events } from './core/events';
import type { ModuleLifecycle } from './core/module';
import { createTabChannel, type TabChannel } from './core/tabs';
import { createStorage, type Storage } from './storage';

export const VERSION = '13.0' as const;

export interface SystemEvents {
  [key: string]: unknown;
  [key: symbol]: unknown;
  error: ChatbotError;
  config_changed: Config;
}

export interface SystemDeps {
  clock?: Clock;
  channel?: TabChannel;
  /** IndexedDB factory (tests pass fake-indexeddb's). */
  indexedDB?: IDBFactory;
  dbName?: string;
  /** The page's window; without it no DOM integration is wired (tests, workers). */
  host?: Window;
}

/**
 * The object installed as `window.CHATBOT_SYSTEM`.
 * @example
 * await CHATBOT_SYSTEM.ready;
 * CHATBOT_SYSTEM.configure({ language: 'en' });
 * await CHATBOT_SYSTEM.flush(); // every change so far is on disk
 */
export interface ChatbotSystem {
  readonly version: typeof VERSION;
  /** How many systems this build carries (the modules below). */
  readonly totalSystems: number;
  /** Resolves once every module has loaded its state from IndexedDB. */
  readonly ready: Promise<void>;
  readonly config: Readonly<Config>;
  /** Resolves once every mutation made so far is committed to IndexedDB. */
  flush(): Promise<void>;
  /** Validates and merges a partial config; throws VALIDATION and changes nothing on bad input. */
  configure(partial: Partial<ConfigInput>): Readonly<Config>;
  on: Events<SystemEvents>['on'];
  off: Events<SystemEvents>['off'];
  /** Commits what is pending, stops timers and listeners, closes the database. */
  destroy(): Promise<void>;
  /** @internal the storage core, for the widget shell (pagehide flush) and tests. */
  readonly storage: Storage;
}

/**
 * Builds the whole system over one database. The seed's "Integración" rules live here.
 * @example const system = createSystem({ storeName: 'Motos Don Pepe' }, { host: window });
 */
export function createSystem(input: unknown = {}, deps: SystemDeps = {}): ChatbotSystem {
  let config = parseConfig(input);
  const clock = deps.clock ?? systemClock;
  const channel = deps.channel ?? createTabChannel();
  const events = createEvents<SystemEvents>();
  const reportError = (error: ChatbotError): void => {
    if (events.listenerCount('error') === 0) console.error('[chatbot]', error);
    events.emit('error', error);
  };
  const storage = createStorage({
    clock,
    channel,
    ...(deps.dbName ? { dbName: deps.dbName } : {}),
    ...(deps.indexedDB ? { factory: deps.indexedDB } : {}),
  });
  storage.onError(reportError);

  const modules: Record<string, ModuleLifecycle> = {};

  const ready = Promise.all([storage.ready, ...Object.values(modules).map((m) => m.ready)]).then(() => undefined);
  ready.catch((error: unknown) => reportError(error instanceof ChatbotError ? error : new ChatbotError('STORAGE_FAILED', String(error), { cause: error })));

  const system: ChatbotSystem = {
    version: VERSION,
    totalSystems: Object.keys(modules).length,
    ready,
    get config() {
      return config;
    },
    flush: () => storage.flush(),
    configure(partial) {
      if (typeof partial !== 'object' || partial === null || Array.isArray(partial)) {
        throw new ChatbotError('VALIDATION', 'configure expects an object');
      }
      config = parseConfig(mergeDeep(config as Record<string, unknown>, partial as Record<string, unknown>));
      events.emit('config_changed', config);
      return config;
    },
    on: events.on,
    off: events.off,
    async destroy() {
      for (const module of Object.values(modules)) module.dispose();
      await storage.close();
      channel.close();
    },
    storage,
  };
  return Object.assign(system, modules);
}
