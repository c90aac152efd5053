import type * as z from 'zod/mini';
import { ChatbotError, isChatbotError } from '../core/errors';
import { createEvents } from '../core/events';
import type { Config } from '../core/config';
import { ConfigSchema } from '../core/config-schema';
import type { ModuleContext, ModuleLifecycle } from '../core/module';
import { validate } from '../core/validate';
import { WAKE_KEYS, wakeRecorder, type ChatbotStorage } from '../storage';
import { copyRecord } from './center';
import { createCenterApi } from './center-api';
import { createPageDisplay, listenToWorker } from './page-bridge';
import { createBrowserPlatform, type PushPlatform } from './platform';
import { armTimer, type Timer } from './timer';
import { PUSH_KV } from './shared/constants';
import { createNotifier, type PushStores } from './shared/notifier';
import { mergePreferences, PreferencesPatchSchema, PreferencesSchema, type Preferences } from './shared/preferences';
import type { NotificationRecord } from './shared/records';
import { createPushStores, disposePushStores, loadPushStores } from './shared/stores';
import { SendOptionsSchema, TitleSchema, type SendOptions } from './shared/schemas';
import { PushConfigSchema, pushSettingsFor, type PushConfig, type PushSettings } from './shared/settings';
import {
  MessageInputSchema, OrderInputSchema, PromotionInputSchema, ReviewInputSchema,
  messageNotification, orderNotification, promotionNotification, reviewNotification, type TypedNotification,
} from './shared/typed';
import * as subscription from './subscription';
import { createScheduleApi } from './schedule-api';
import type { PushEvents, PushNotifications } from './types';

/** The module as system.ts holds it: the public API plus the lifecycle hooks. */
export type PushModule = PushNotifications & ModuleLifecycle & {
  /** After a backup restore: reload every read model from IndexedDB. */
  reloadState(): Promise<void>;
  /**
   * Follows `CHATBOT_SYSTEM.configure()`: new notifications (and those the service worker shows)
   * use the new language, store name and `pushNotifications` section. The browser seam keeps the
   * timeout it started with.
   */
  configure(config: Readonly<Config>): void;
};

export interface PushDeps {
  /** The browser seam (tests pass a fake); defaults to the page's window, or none without a host. */
  platform?: PushPlatform;
}

/**
 * The push notifications module: permission and Web Push subscription, sending with
 * preferences, quiet hours and a queue, scheduling, and the notification center.
 * @example
 * const push = createPushNotifications(ctx);
 * await push.ready;
 * await push.sendOrderNotification({ id: '1234', status: 'enviado' });
 */
export function createPushNotifications(ctx: ModuleContext<ChatbotStorage>, deps: PushDeps = {}): PushModule {
  // A bad section must not stop the widget: it is reported and the previous one (at first, the defaults) is kept.
  const readSection = (section: unknown, previous: PushConfig): PushConfig => {
    const parsed = PushConfigSchema.safeParse(section ?? {});
    if (parsed.success) return parsed.data;
    ctx.reportError(new ChatbotError('VALIDATION', 'pushNotifications config is invalid and was not applied', { details: parsed.error.issues }));
    return previous;
  };
  let widget: Readonly<Config> = ctx.config;
  let config = readSection(ctx.section, PushConfigSchema.parse({}));
  const platform = deps.platform ?? (ctx.host ? createBrowserPlatform(ctx.host, config.timeoutMs) : undefined);
  const { clock, storage } = ctx;
  const events = createEvents<PushEvents>();
  // One object for the module's lifetime: the engine and the center read its fields at call time,
  // so `reloadState` can swap in freshly loaded read models.
  const stores: PushStores = createPushStores(storage);
  let settings: PushSettings = pushSettingsFor(widget, config);
  // The browser refusing to show: Chromium rejects with a TypeError when permission is missing,
  // which here is the browser's answer, not a bug of ours. Storage failures arrive as ChatbotErrors.
  const displayFailed = (error: unknown): void => {
    const denied = /permission/i.test(String(error)) || (error instanceof DOMException && error.name === 'NotAllowedError');
    ctx.reportError(isChatbotError(error) ? error : new ChatbotError(denied ? 'PERMISSION_DENIED' : 'UNSUPPORTED', `the browser did not show the notification: ${String(error)}`, { cause: error }));
  };
  // Fires due schedules and releases the quiet-hours queue, in the background.
  const wake = (): Promise<unknown> => {
    const woken = engine.wake();
    ctx.background(woken, 'STORAGE_FAILED', 'firing due notifications');
    return woken.catch(() => undefined);
  };
  const display = createPageDisplay(platform, (id, action) => onClicked({ id, ids: [id], action, url: null }));
  const engine = createNotifier({
    stores,
    clock,
    display,
    actor: ctx.channel.tabId,
    locks: platform?.locks,
    hooks: {
      outcome(record, outcome) {
        const event = outcome === 'queue' ? 'notification_queued' : outcome === 'dropped' || outcome === 'suppressed' ? 'notification_suppressed' : 'notification_sent';
        events.emit(event, copyRecord(record));
      },
      released: (releases) => events.emit('queue_released', { count: releases.reduce((n, r) => n + (r.kind === 'single' ? 1 : r.records.length), 0), releases }),
      error: displayFailed,
    },
  });
  let lastPermission = platform?.permission() ?? 'unsupported';
  const checkPermission = (): void => {
    const now = platform?.permission() ?? 'unsupported';
    if (now !== lastPermission) {
      lastPermission = now;
      events.emit('permission_changed', { permission: now });
    }
  };

  const stopWatchingPermission = platform?.watchPermission?.(() => checkPermission()) ?? (() => undefined);
  let disposed = false;
  // The next due time is recorded too: a later page's start-up runtime loads the system for it.
  const recordWake = wakeRecorder(storage, WAKE_KEYS.push);
  const timer: Timer = armTimer(clock, () => {
    const at = engine.nextWakeAt();
    recordWake(at);
    return at;
  }, async () => {
    if (!disposed) await wake();
  });

  const onClicked = (click: PushEvents['notification_clicked']): void => {
    const record = stores.notifications.get(click.id);
    if (record && !record.read) engine.markRead(click.id);
    events.emit('notification_clicked', { ...click, ...(record ? { notification: copyRecord(stores.notifications.get(click.id) ?? record) } : {}) });
  };

  const knownPushIds = new Set<string>();
  const listen = (): (() => void) => listenToWorker(ctx.channel, stores, {
    clicked: onClicked,
    closed: (id) => events.emit('notification_closed', { id }),
    subscription: (json) => events.emit('subscription_changed', { subscription: json }),
    received(record) {
      if (knownPushIds.has(record.id)) return;
      knownPushIds.add(record.id);
      events.emit('notification_received', copyRecord(record));
    },
    changed: () => timer.rearm(),
    failed: (error) => ctx.reportError(error),
  });
  let stopListening = listen();
  const rememberPushIds = (): void => {
    for (const record of stores.notifications.values()) if (record.source === 'push') knownPushIds.add(record.id);
  };

  const writeSettings = (): void => {
    const current = stores.kv.get(PUSH_KV.settings);
    if (current && JSON.stringify(current.value) === JSON.stringify(settings)) return;
    stores.kv.put({ id: PUSH_KV.settings, value: settings, updatedAt: clock.now() });
  };

  const ready = loadPushStores(stores).then(() => {
    rememberPushIds();
    writeSettings();
    // A schedule missed while no page was open fires now, late, once. Not awaited: showing may
    // wait for the service worker to register, and the API must not wait for that.
    void wake().then(() => timer.rearm());
  });

  const subscriptionDeps = (): subscription.SubscriptionDeps => {
    if (!platform) throw new ChatbotError('UNSUPPORTED', 'push notifications need a browser window');
    return {
      platform,
      timeoutMs: config.timeoutMs,
      vapidPublicKey: config.vapidPublicKey,
      subscriptionEndpoint: config.subscriptionEndpoint,
      describe: () => ({ language: widget.language, ...(widget.userId ? { userId: widget.userId } : {}) }),
    };
  };

  const deliver = async (title: string, options: SendOptions, id?: string): Promise<NotificationRecord> => {
    checkPermission();
    storage.admit();
    const delivery = engine.deliver(title, options, 'page', id ? { id } : {});
    timer.rearm();
    return copyRecord(await delivery.displayed);
  };
  const typed = <T>(schema: z.ZodMiniType<T>, what: string, build: (input: T, s: PushSettings) => TypedNotification, idOf?: (input: T) => string) => (input: unknown) => {
    try {
      const valid = validate(schema, input, what) as T;
      // One notification per source message: every open tab hears `message_sent` from a remote
      // message, and they must not record it once each.
      const id = idOf?.(valid);
      const existing = id ? stores.notifications.get(id) : undefined;
      if (existing) return Promise.resolve(copyRecord(existing));
      const built = build(valid, settings);
      return deliver(built.title, built.options, id);
    } catch (error) {
      return Promise.reject(error);
    }
  };

  const center = createCenterApi({ stores, engine, display, clock, rearm: () => timer.rearm(), admit: storage.admit });
  const scheduling = createScheduleApi({ stores, clock, display, events, rearm: () => timer.rearm(), admit: storage.admit });

  const api: PushModule = {
    ready,
    get permission() {
      return platform?.permission() ?? 'unsupported';
    },
    isSupported: () => Boolean(platform?.pushSupported()),
    async requestPermission() {
      const granted = platform ? await subscription.requestPermission(subscriptionDeps()) : false;
      checkPermission();
      return granted;
    },
    async subscribe() {
      const json = await subscription.subscribe(subscriptionDeps()).finally(checkPermission);
      stores.kv.put({ id: PUSH_KV.subscription, value: json, updatedAt: clock.now() });
      events.emit('subscription_changed', { subscription: json });
      return json;
    },
    async unsubscribe() {
      const forget = (): void => {
        if (stores.kv.has(PUSH_KV.subscription)) stores.kv.delete(PUSH_KV.subscription);
      };
      const removed = await subscription.unsubscribe(subscriptionDeps(), () => {
        forget();
        events.emit('subscription_changed', { subscription: null });
      });
      forget(); // a stored subscription the browser no longer has is stale
      return removed;
    },
    getSubscription: () => stores.kv.get(PUSH_KV.subscription)?.value ?? null,
    send(title, options = {}) {
      try {
        return deliver(validate(TitleSchema, title, 'send title'), validate(SendOptionsSchema, options, 'send options'));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    sendOrderNotification: typed(OrderInputSchema, 'sendOrderNotification order', orderNotification),
    sendMessageNotification: typed(MessageInputSchema, 'sendMessageNotification message', messageNotification, (m) => `ntf_msg_${m.id}`),
    sendPromotionNotification: typed(PromotionInputSchema, 'sendPromotionNotification promotion', promotionNotification),
    sendReviewNotification: typed(ReviewInputSchema, 'sendReviewNotification review', reviewNotification),
    ...scheduling,
    setPreferences(patch) {
      const valid = validate(PreferencesPatchSchema, patch, 'setPreferences preferences');
      const merged = validate(PreferencesSchema, mergePreferences(engine.preferences(), valid), 'setPreferences preferences');
      storage.admit();
      stores.kv.update(PUSH_KV.preferences, (current) => {
        // Merged again at commit time, so two tabs changing different fields both win.
        const base = PreferencesSchema.safeParse(current?.value);
        return { id: PUSH_KV.preferences, value: mergePreferences(base.success ? base.data : merged, valid), updatedAt: clock.now() };
      });
      events.emit('preferences_changed', structuredClone(merged));
      timer.rearm();
      return structuredClone(merged);
    },
    getPreferences: (): Preferences => structuredClone(engine.preferences()),
    ...center,
    async processDue() {
      const result = await engine.wake();
      timer.rearm();
      return { fired: result.fired.map(copyRecord), released: result.released };
    },
    on: events.on,
    off: events.off,
    configure(next) {
      // Reachable as window.pushNotifications.configure: a caller's value is validated like any other.
      widget = validate(ConfigSchema, next, 'pushNotifications.configure config');
      config = readSection(next.pushNotifications, config);
      settings = pushSettingsFor(widget, config);
      writeSettings();
    },
    async reloadState() {
      const fresh = createPushStores(storage);
      try {
        await loadPushStores(fresh);
      } catch (error) {
        disposePushStores(fresh);
        throw error;
      }
      stopListening();
      disposePushStores(stores);
      Object.assign(stores, fresh);
      stopListening = listen();
      rememberPushIds();
      writeSettings();
      recordWake.forget(); // the restore rewrote the stored wake-up too
      timer.rearm();
    },
    dispose() {
      disposed = true;
      timer.stop();
      stopListening();
      stopWatchingPermission();
      disposePushStores(stores);
    },
  };
  return api;
}
