import type { AdminSection, MountedSection } from './admin/sections';
import { mergeDeep, parseConfig, type Config, type ConfigInput } from './core/config';
import { createDisposables, type Disposable } from './core/disposables';
import { ChatbotError } from './core/errors';
import type { Events } from './core/events';
import type { ModuleLifecycle } from './core/module';
import type { ChatbotStorage } from './storage';
import { createStartup, type Startup, type SystemDeps, type SystemEvents } from './startup';
import { createMessageBursts, createPushNotifications, type PushNotifications } from './push';
import { createMessaging, type MessagingModule } from './messaging';
import { createRealtimeAnalytics, type RealtimeAnalytics } from './analytics/analytics';
import { createBackupSystem, type BackupSystem } from './backup';
import { createBot, type Bot } from './bot';
import { createLiveChat, type LiveChat } from './live-chat';

export type { SystemDeps, SystemEvents } from './startup';

export const VERSION = '13.0' as const;

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
  /**
   * @internal For tests and integrations that must wait for the widget to be quiet: resolves once
   * the work the modules started in the background so far (wake-ups and scheduled
   * notifications, pruning, automatic backups, the assistant's answers…), the work it started
   * meanwhile, and the writes they queued are done. Their failures go to the `error` event; this
   * never rejects for them. Timers not yet due are not waited for: move the clock, then call it.
   * @example CHATBOT_SYSTEM.bot.ask(…); await CHATBOT_SYSTEM.idle();
   */
  idle(): Promise<void>;
  /** Validates and merges a partial config; throws VALIDATION and changes nothing on bad input. */
  configure(partial: Partial<ConfigInput>): Readonly<Config>;
  on: Events<SystemEvents>['on'];
  off: Events<SystemEvents>['off'];
  /**
   * Removes the launcher and the chat panel, commits what is pending, stops timers and listeners,
   * closes the database.
   */
  destroy(): Promise<void>;
  /** @internal Ties a piece of the page to the system (the launcher and its panel): `destroy()` disposes it. */
  own(piece: Disposable): void;
  /** @internal the storage core, for the widget shell (pagehide flush) and tests. */
  readonly storage: ChatbotStorage;
  /** Push notifications, scheduling, quiet hours and the notification center (`window.pushNotifications`). */
  readonly pushNotifications: PushNotifications;
  /** Conversations, messages, threads, reactions, receipts and search (`window.messagingSystem`). */
  readonly messaging: MessagingModule;
  /** Events, sessions, auto-tracking, live figures, funnels, cohorts and segments (`window.realtimeAnalytics`). */
  readonly realtimeAnalytics: RealtimeAnalytics;
  /** Backups, restore, point-in-time recovery, retention, export/import, cloud sync (`window.backupSystem`). */
  readonly backupSystem: BackupSystem;
  /** The parts assistant: `ask(text)`, the customer's conversation, handoffs to staff. */
  readonly bot: Bot;
  /** Live chat with the store's staff over its XMPP server (off unless `config.liveChat.server` is set). */
  readonly liveChat: LiveChat;
  /**
   * @internal admin.html's sections (inbox, dashboards) mounted in `within`. Loaded through the
   * system so the admin page shares the widget's chunks instead of splitting its start-up chunk.
   */
  mountAdminSection(host: Window, section: AdminSection, within: HTMLElement): Promise<MountedSection>;
}

/**
 * Builds the whole system over one database. The seed's "Integración" rules live here and in the
 * runtime (src/runtime.ts).
 * @example const system = createSystem({ storeName: 'Motos Don Pepe' }, { host: window });
 */
export function createSystem(input: unknown = {}, deps: SystemDeps = {}): ChatbotSystem {
  const built: { system?: ChatbotSystem } = {};
  const runtime = createStartup(input, {
    ...deps,
    // The runtime asks for the system only from events and timers, after this returned.
    loadSystem: () => (built.system ? Promise.resolve(built.system) : Promise.reject(new ChatbotError('UNSUPPORTED', 'the system is still being built'))),
  });
  built.system = buildSystem(runtime);
  return built.system;
}

/**
 * Builds the four modules and the assistant over a running start-up runtime (the script-tag build
 * does this when the page first needs more than tracking).
 * @example const system = buildSystem(runtime); await system.ready;
 */
export function buildSystem(runtime: Startup): ChatbotSystem {
  let config = runtime.config;
  const { clock, channel, events, storage, reportError, background } = runtime;
  const host = runtime.host;
  const modules: Record<string, ModuleLifecycle> = {};
  const cleanups: Array<() => void> = [];
  runtime.systemStarted();

  const messaging = createMessaging({ clock, channel, config, section: config.messaging, reportError, background, host, storage });
  modules.messaging = messaging;

  const pushNotifications = createPushNotifications({ clock, channel, config, section: config.pushNotifications, reportError, background, host, storage });
  modules.pushNotifications = pushNotifications;

  // Integración — Mensajería + Notificaciones: a message from someone else (staff, the assistant)
  // notifies the user. Not while they are looking at this page (the chat shows it; Chatwoot does the same). Every
  // open tab hears the event, but the notification's id derives from the message id (one record
  // in the center) and its tag from the conversation (one notification on screen). A burst (a
  // catch-up after a gap) notifies its first message, then once a second for the rest.
  const isWatching = (): boolean => !!host && host.document.visibilityState === 'visible' && host.document.hasFocus();
  const bursts = createMessageBursts(clock, (input) => background(pushNotifications.sendMessageNotification(input), 'UNSUPPORTED', 'the message notification could not be shown'), () => !isWatching());
  cleanups.push(() => bursts.dispose());
  cleanups.push(messaging.on('message_sent', (message) => {
    if (message.senderId === messaging.currentUser || isWatching()) return;
    bursts.notify({ id: message.id, senderName: message.senderId, text: message.content.text ?? '', conversationId: message.conversationId });
  }));

  // The tracker has been running since the page started; the live figures and analyses join it.
  const realtimeAnalytics = createRealtimeAnalytics({ clock, channel, config, section: config.realtimeAnalytics, reportError, background, host, storage }, runtime.analytics);
  modules.realtimeAnalytics = realtimeAnalytics;

  // Integración — Notificaciones + Analítica: what customers do with notifications is counted
  // (the notifications dashboard: opened and dismissed per category and day). Every open tab
  // hears the worker's click, so the dashboard counts distinct notification ids.
  const trackNotification = (name: string, id: string, category: string | undefined, action?: string): void => {
    const known = category ?? pushNotifications.getNotifications().find((n) => n.id === id)?.category ?? 'system';
    realtimeAnalytics.track(name, { notificationId: id, category: known, ...(action ? { action } : {}) });
  };
  cleanups.push(pushNotifications.on('notification_clicked', (click) => trackNotification('notification_clicked', click.id, click.notification?.category, click.action)));
  cleanups.push(pushNotifications.on('notification_closed', ({ id }) => trackNotification('notification_closed', id, undefined)));

  const backupSystem = createBackupSystem(
    { clock, channel, config, section: config.backupSystem, reportError, background, host, storage },
    runtime.indexedDB ? { indexedDB: runtime.indexedDB } : {},
  );
  modules.backupSystem = backupSystem;

  // The parts assistant answers the customer's messages in the tab they were written in; a
  // handoff to a person notifies staff through push notifications.
  // It is not one of the seed's systems, so it stays out of `modules` (and `totalSystems`).
  const bot = createBot({ clock, channel, config, section: config.bot, reportError, background, host, storage });
  // A customer who asks for a person talks with staff through the store's XMPP server when one
  // is configured: the conversation gets a room there, and every message flows both ways.
  const liveChat = createLiveChat({ clock, channel, config, section: config.liveChat, reportError, background, host, storage, onPageHide: runtime.onPageHide });
  cleanups.push(liveChat.connect(messaging, { botId: bot.botId, staffId: config.staffIds[0] ?? 'asesor', customerId: () => bot.customerId }));
  cleanups.push(bot.on('handoff_requested', (delivery) => liveChat.handOff(delivery.conversationId, delivery.text, delivery.bike)));
  // Every module and the assistant, driven alike: loaded, reloaded after a restore, disposed.
  const lifecycles: ModuleLifecycle[] = [...Object.values(modules), bot, liveChat];

  // Integración — Backup: after a restore without `reload: true` (here or in another tab) the
  // modules' in-memory read models are stale: each reloads what it keeps from IndexedDB.
  cleanups.push(backupSystem.on('backup_restored', () => {
    for (const module of lifecycles) background(module.reloadState(), 'STORAGE_FAILED', 'reloading after a restore');
  }));
  // A configure() at runtime (language, store name, push section) reaches every module that
  // speaks to the customer: tombstones and exports, notifications, the assistant's answers. The
  // launcher and the panel hear `config_changed` themselves.
  cleanups.push(events.on('config_changed', (next) => {
    pushNotifications.configure(next);
    messaging.configure(next);
    bot.configure(next);
    liveChat.configure(next);
  }));
  cleanups.push(bot.connect(messaging, (request) =>
    pushNotifications.send(request.title, {
      body: request.body,
      category: 'messages',
      tag: `handoff-${request.conversationId}`,
      data: { conversationId: request.conversationId, messageId: request.messageId },
    }),
  ));

  const ready = Promise.all([storage.ready, ...lifecycles.map((m) => m.ready)]).then(() => undefined);
  const owned = createDisposables();
  let destroying: Promise<void> | undefined;
  background(ready, 'STORAGE_FAILED', 'the modules could not load their state');

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
    idle: () => runtime.idle(),
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
    destroy() {
      destroying ??= (async () => {
        try {
          // The page's pieces go first: they listen to the modules.
          owned.dispose();
        } finally {
          // Modules may still be loading their state: let that settle before the database closes.
          await ready.catch(() => undefined);
          for (const cleanup of cleanups.splice(0)) cleanup();
          // Newest first: the assistant before the messaging it answers through.
          for (const module of [...lifecycles].reverse()) module.dispose();
          await runtime.destroy();
        }
      })();
      return destroying;
    },
    own: (piece) => owned.add(piece),
    storage,
    pushNotifications,
    messaging,
    realtimeAnalytics,
    backupSystem,
    bot,
    liveChat,
    mountAdminSection: (host, section, within) => import('./admin/mount-admin-section').then((m) => m.mountAdminSection(host, system, section, within)),
  };
  return system;
}
