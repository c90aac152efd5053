import { systemClock, type Clock } from './core/clock';
import { mergeDeep, parseConfig, type Config, type ConfigInput } from './core/config';
import { ChatbotError, toChatbotError } from './core/errors';
import { createEvents, type Events } from './core/events';
import type { ModuleLifecycle } from './core/module';
import { createTabChannel, type TabChannel } from './core/tabs';
import { createStorage, type Storage } from './storage';
import { wireLifecycle } from './shell/lifecycle';
import { createPushNotifications, type PushNotifications } from './push';
import { createMessaging, type MessagingSystem } from './messaging';
import { createRealtimeAnalytics, type RealtimeAnalytics } from './analytics';
import { createBackupSystem, type BackupSystem } from './backup';
import { createBot, type Bot } from './bot';

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
  /** Push notifications, scheduling, quiet hours and the notification center (`window.pushNotifications`). */
  readonly pushNotifications: PushNotifications;
  /** Conversations, messages, threads, reactions, receipts and search (`window.messagingSystem`). */
  readonly messaging: MessagingSystem;
  /** Events, sessions, auto-tracking, live figures, funnels, cohorts and segments (`window.realtimeAnalytics`). */
  readonly realtimeAnalytics: RealtimeAnalytics;
  /** Backups, restore, point-in-time recovery, retention, export/import, cloud sync (`window.backupSystem`). */
  readonly backupSystem: BackupSystem;
  /** The parts assistant: `ask(text)`, the customer's conversation, handoffs to staff. */
  readonly bot: Bot;
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
  const cleanups: Array<() => void> = [];
  if (deps.host) cleanups.push(wireLifecycle(deps.host, () => storage.commitNow()));

  const messaging = createMessaging({ clock, channel, config, section: config.messaging, reportError, host: deps.host, storage });
  modules.messaging = messaging;

  const pushNotifications = createPushNotifications({ clock, channel, config, section: config.pushNotifications, reportError, host: deps.host, storage });
  modules.pushNotifications = pushNotifications;

  // Integración — Mensajería + Notificaciones: a message from someone else notifies the user.
  // Not while they are looking at this page (the chat shows it; Chatwoot does the same). Every
  // open tab hears the event, but the notification's id derives from the message id (one record
  // in the center) and its tag from the conversation (one notification on screen).
  const isWatching = (): boolean => !!deps.host && deps.host.document.visibilityState === 'visible' && deps.host.document.hasFocus();
  cleanups.push(messaging.on('message_sent', (message) => {
    if (message.senderId === messaging.currentUser || isWatching()) return;
    pushNotifications
      .sendMessageNotification({ id: message.id, senderName: message.senderId, text: message.content.text ?? '', conversationId: message.conversationId })
      .catch((error: unknown) => reportError(toChatbotError(error, 'STORAGE_FAILED')));
  }));
  // Integración — Caso 2: the store page announces order changes with a window event.
  if (deps.host) {
    const host = deps.host;
    const onOrderStatus = (event: Event): void => {
      pushNotifications
        .sendOrderNotification((event as CustomEvent<unknown>).detail as never)
        .catch((error: unknown) => reportError(toChatbotError(error, 'STORAGE_FAILED')));
    };
    host.addEventListener('order_status_changed', onOrderStatus);
    cleanups.push(() => host.removeEventListener('order_status_changed', onOrderStatus));
  }

  // A configure() at runtime (language, store name, push section) reaches the push module too.
  cleanups.push(events.on('config_changed', (next) => pushNotifications.configure(next)));

  const realtimeAnalytics = createRealtimeAnalytics({ clock, channel, config, section: config.realtimeAnalytics, reportError, host: deps.host, storage });
  modules.realtimeAnalytics = realtimeAnalytics;

  // Integración — Analytics + E-commerce: the store page's cart and order events are tracked.
  if (deps.host) {
    const host = deps.host;
    const tracked = (handler: (detail: Record<string, unknown>) => void) => (event: Event): void => {
      try {
        handler(((event as CustomEvent<unknown>).detail ?? {}) as Record<string, unknown>);
      } catch (error) {
        reportError(toChatbotError(error, 'VALIDATION'));
      }
    };
    const listeners: Array<[string, (event: Event) => void]> = [
      ['cart_item_added', tracked((detail) => realtimeAnalytics.trackCart('add', detail))],
      ['order_completed', tracked((detail) => realtimeAnalytics.trackConversion('purchase', detail.total as number, {
        orderId: detail.id,
        items: Array.isArray(detail.items) ? detail.items.length : 0,
      }))],
      ['order_status_changed', tracked((detail) => realtimeAnalytics.track('order_status_changed', { orderId: detail.id, status: detail.status }))],
    ];
    for (const [type, listener] of listeners) {
      host.addEventListener(type, listener);
      cleanups.push(() => host.removeEventListener(type, listener));
    }
  }

  const backupSystem = createBackupSystem(
    { clock, channel, config, section: config.backupSystem, reportError, host: deps.host, storage },
    deps.indexedDB ? { indexedDB: deps.indexedDB } : {},
  );
  modules.backupSystem = backupSystem;

  // Integración — Backup: after a restore without `reload: true` (here or in another tab) the
  // modules' in-memory read models are stale; a module that can reload its state from IndexedDB
  // exposes `reloadState()` (the others show their old state until the page reloads).
  cleanups.push(backupSystem.on('backup_restored', () => {
    for (const [name, module] of Object.entries(modules)) {
      const reloadable = module as ModuleLifecycle & { reloadState?: () => Promise<void> };
      if (name === 'backupSystem' || typeof reloadable.reloadState !== 'function') continue;
      reloadable.reloadState().catch((error: unknown) => reportError(toChatbotError(error, 'STORAGE_FAILED')));
    }
  }));

  // The parts assistant answers the customer's messages in the tab they were written in; a
  // handoff to a person notifies staff through push notifications.
  // It is not one of the seed's systems, so it stays out of `modules` (and `totalSystems`).
  const bot = createBot({ clock, channel, config, section: config.bot, reportError, host: deps.host, storage });
  cleanups.push(() => bot.dispose());
  cleanups.push(backupSystem.on('backup_restored', () => {
    bot.reloadState().catch((error: unknown) => reportError(error instanceof ChatbotError ? error : new ChatbotError('STORAGE_FAILED', String(error), { cause: error })));
  }));
  cleanups.push(bot.connect(messaging, (request) =>
    pushNotifications.send(request.title, {
      body: request.body,
      category: 'messages',
      tag: `handoff-${request.conversationId}`,
      data: { conversationId: request.conversationId, messageId: request.messageId },
    }),
  ));

  const ready = Promise.all([storage.ready, bot.ready, ...Object.values(modules).map((m) => m.ready)]).then(() => undefined);
  ready.catch((error: unknown) => reportError(toChatbotError(error, 'STORAGE_FAILED')));

  const system: ChatbotSystem = {
    version: VERSION,
    totalSystems: Object.keys(modules).length,
    ready,
    get config() {
      return config;
    },
    // Analytics keeps events in a pending batch (one IndexedDB record per batch): hand it to the
    // queue first, then wait for the queue.
    async flush() {
      await realtimeAnalytics.flush();
      await storage.flush();
    },
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
      // Modules may still be loading their state: let that settle before the database closes.
      await ready.catch(() => undefined);
      for (const cleanup of cleanups) cleanup();
      for (const module of Object.values(modules)) module.dispose();
      await storage.close();
      channel.close();
    },
    storage,
    pushNotifications,
    messaging,
    realtimeAnalytics,
    backupSystem,
    bot,
  };
  return system;
}
