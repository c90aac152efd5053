import type { Clock } from '../../core/clock';
import { withLock } from '../../core/locks';
import type { Collection } from '../../storage';
import { buildRecord, toShowOptions, type ShowOptions } from './build';
import { FIRED_MARK_TTL_MS, PUSH_KV, PUSH_LOCK } from './constants';
import { decide, type Outcome } from './decide';
import { readPreferences, type Preferences } from './preferences';
import { quietHoursEnd, isQuietHours } from './quiet-hours';
import type { NotificationRecord, NotificationSource, QueuedRecord } from './records';
import { SendOptionsSchema, type SendOptions } from './schemas';
import { readSettings, type PushSettings } from './settings';
import { collapse, type Release } from './summary';

/** The read models the engine works on: the page's (loaded once) or the worker's (per wake). */
export interface PushStores {
  notifications: Collection<'notifications'>;
  scheduled: Collection<'scheduled'>;
  queue: Collection<'notificationQueue'>;
  kv: Collection<'kv'>;
  /** Resolves when every write so far is committed (claims are decided at commit time). */
  flush(): Promise<void>;
}

/** Where notifications appear: `registration.showNotification` on the page and in the worker. */
export interface Display {
  permission(): NotificationPermission | 'unsupported';
  show(title: string, options: ShowOptions): Promise<void>;
}

export interface NotifierHooks {
  outcome?(record: NotificationRecord, outcome: Outcome): void;
  released?(releases: Release[]): void;
  error?(error: unknown): void;
}

export interface NotifierOptions {
  stores: PushStores;
  clock: Clock;
  display: Display;
  /** Who fires (tab id or 'sw'), kept on the fired mark. */
  actor: string;
  locks?: Pick<LockManager, 'request'> | undefined;
  hooks?: NotifierHooks;
}

export interface Delivery {
  record: NotificationRecord;
  outcome: Outcome;
  /** Settles once the notification is on screen (or failed: then `record.status` is `failed`). */
  displayed: Promise<NotificationRecord>;
}

export interface DeliverExtra {
  id?: string;
  scheduledId?: string;
  data?: Record<string, unknown>;
}

/**
 * The delivery rules shared by the page and the service worker: record in the notification
 * center, show / queue / suppress by preferences, fire due scheduled notifications exactly once,
 * release the quiet-hours queue with summaries.
 * @example
 * const engine = createNotifier({ stores, clock, display, actor: channel.tabId });
 * engine.deliver('Pedido enviado', { category: 'orders' }, 'page');
 * await engine.wake(); // fire what is due, release what quiet hours held
 */
export interface Notifier {
  preferences(): Preferences;
  settings(): PushSettings;
  deliver(title: string, options: SendOptions, source: NotificationSource, extra?: DeliverExtra): Delivery;
  /**
   * Delivers a notification with a sender id at most once: `undefined` when a notification with
   * this id is already in the center (recorded by this or another context, even one committing
   * at the same moment). Rejects when storage fails, before showing anything.
   */
  deliverOnce(title: string, options: SendOptions, source: NotificationSource, extra: DeliverExtra & { id: string }): Promise<Delivery | undefined>;
  /** Fires due scheduled notifications and releases the queue when quiet hours are over. */
  wake(): Promise<{ fired: NotificationRecord[]; released: number }>;
  /** The next time `wake` has work: the earliest pending schedule, or the end of quiet hours. */
  nextWakeAt(): number | undefined;
  markRead(id: string): NotificationRecord | undefined;
}

/** The record a summary is shown from (not stored: its notifications are in the center already). */
function summaryRecord(release: Extract<Release, { kind: 'summary' }>): NotificationRecord {
  const { image: _image, tag: _tag, ...latest } = release.records[release.records.length - 1]!;
  return { ...latest, id: `summary_${release.category}`, title: release.title, body: release.body, url: release.url, tag: release.tag, actions: [], actionUrls: {}, priority: 'normal' };
}

/** Remembers the result for the last input (compared by identity). */
function lastParsed<I, T>(parse: (record: I) => T): (record: I) => T {
  let last: { input: I; output: T } | undefined;
  return (record) => {
    if (!last || record !== last.input) last = { input: record, output: parse(record) };
    return last.output;
  };
}

export function createNotifier(options: NotifierOptions): Notifier {
  const { stores, clock, display, hooks = {} } = options;
  // Parsed once per stored record, not per delivery: the kv read model hands out a new object on
  // every change, so the record's identity says when to parse again.
  const readPreferencesOnce = lastParsed(readPreferences);
  const readSettingsOnce = lastParsed(readSettings);
  const preferences = (): Preferences => readPreferencesOnce(stores.kv.get(PUSH_KV.preferences));
  const settings = (): PushSettings => readSettingsOnce(stores.kv.get(PUSH_KV.settings));

  const setStatus = (id: string, patch: Partial<NotificationRecord>): void => {
    if (!stores.notifications.has(id)) return;
    stores.notifications.update(id, (current) => (current ? { ...current, ...patch } : undefined));
  };

  const show = async (record: NotificationRecord, prefs: Preferences, extraIds?: string[]): Promise<void> => {
    const showOptions = toShowOptions(record, prefs);
    if (extraIds) showOptions.data.ids = extraIds;
    await display.show(record.title, showOptions);
  };

  const prune = (): void => {
    const max = settings().maxNotifications;
    if (stores.notifications.size <= max) return;
    // Read ones go first, oldest first: an unread notification is the last thing to lose.
    const sorted = [...stores.notifications.values()].sort((a, b) => Number(b.read) - Number(a.read) || a.createdAt - b.createdAt);
    for (const record of sorted.slice(0, stores.notifications.size - max)) stores.notifications.delete(record.id);
  };

  /** The record and what to do with it, before anything is written or shown. */
  const prepare = (title: string, sendOptions: SendOptions, source: NotificationSource, extra: DeliverExtra): { record: NotificationRecord; outcome: Outcome; prefs: Preferences; now: number } => {
    const now = clock.now();
    const prefs = preferences();
    const record = buildRecord(title, extra.data ? { ...sendOptions, data: { ...sendOptions.data, ...extra.data } } : sendOptions, {
      settings: settings(),
      now,
      source,
      ...(extra.id ? { id: extra.id } : {}),
    });
    if (extra.scheduledId) record.scheduledId = extra.scheduledId;
    const outcome = decide({ preferences: prefs, category: record.category, priority: record.priority, now, permission: display.permission() });
    record.status = outcome === 'show' ? 'shown' : outcome === 'queue' ? 'queued' : outcome;
    // Written once, as shown: a refusal by the browser (rare) is the only later write.
    if (outcome === 'show') record.shownAt = now;
    return { record, outcome, prefs, now };
  };

  /** Queues, prunes and shows a prepared record whose notification-center entry is written. */
  const settle = ({ record, outcome, prefs, now }: ReturnType<typeof prepare>): Delivery => {
    if (outcome === 'queue') stores.queue.put({ id: record.id, category: record.category, queuedAt: now, notification: record });
    if (outcome !== 'dropped') prune();
    hooks.outcome?.(record, outcome);
    const displayed =
      outcome !== 'show'
        ? Promise.resolve(record)
        : show(record, prefs).then(
            () => record,
            (error: unknown) => {
              record.status = 'failed';
              delete record.shownAt;
              setStatus(record.id, { status: 'failed', shownAt: undefined });
              hooks.error?.(error);
              return record;
            },
          );
    return { record, outcome, displayed };
  };

  const deliver: Notifier['deliver'] = (title, sendOptions, source, extra = {}) => {
    const prepared = prepare(title, sendOptions, source, extra);
    if (prepared.outcome !== 'dropped') stores.notifications.put(prepared.record);
    return settle(prepared);
  };

  const deliverOnce: Notifier['deliverOnce'] = async (title, sendOptions, source, extra) => {
    const prepared = prepare(title, sendOptions, source, extra);
    if (prepared.outcome === 'dropped') return settle(prepared);
    // The notification-center record is the claim, decided at commit time against the committed
    // store: of two deliveries of one id (two wakes of the worker, back to back) only the first
    // context to commit writes it, and only that one shows it.
    let won = false;
    stores.notifications.update(extra.id, (current) => {
      won = current === undefined;
      return current ?? prepared.record;
    });
    await stores.flush();
    return won ? settle(prepared) : undefined;
  };

  /** Marks a schedule fired at commit time; true only for the one context whose mark won. */
  const claimSchedule = async (id: string, notificationId: string): Promise<boolean> => {
    let won = false;
    stores.scheduled.update(id, (current) => {
      won = current?.status === 'pending';
      return won && current ? { ...current, status: 'fired', firedAt: clock.now(), firedBy: options.actor, notificationId } : current;
    });
    await stores.flush();
    return won;
  };

  const fireDue = async (): Promise<NotificationRecord[]> => {
    const now = clock.now();
    const due = [...stores.scheduled.values()].filter((s) => s.status === 'pending' && s.at <= now).sort((a, b) => a.at - b.at);
    const fired: NotificationRecord[] = [];
    for (const schedule of due) {
      const notificationId = `ntf_sched_${schedule.id}`;
      if (!(await claimSchedule(schedule.id, notificationId))) continue;
      const parsed = SendOptionsSchema.safeParse(schedule.options);
      const delivery = deliver(schedule.title, parsed.success ? parsed.data : {}, 'schedule', {
        id: notificationId,
        scheduledId: schedule.id,
        data: { scheduledFor: schedule.at, late: now - schedule.at > 60_000 },
      });
      fired.push(await delivery.displayed);
    }
    for (const schedule of [...stores.scheduled.values()]) {
      if (schedule.status === 'fired' && (schedule.firedAt ?? 0) < now - FIRED_MARK_TTL_MS) stores.scheduled.delete(schedule.id);
    }
    return fired;
  };

  const releaseQueue = async (): Promise<number> => {
    const prefs = preferences();
    const now = clock.now();
    if (stores.queue.size === 0 || isQuietHours(prefs.quietHours, now)) return 0;
    const claimed = new Map<string, QueuedRecord>();
    for (const entry of [...stores.queue.values()]) {
      stores.queue.update(entry.id, (current) => {
        // Deleting the entry is the claim: only the context that saw it in the committed store shows it.
        if (current) claimed.set(entry.id, current);
        else claimed.delete(entry.id);
        return undefined;
      });
    }
    await stores.flush();
    const showable: NotificationRecord[] = [];
    for (const entry of claimed.values()) {
      const record: NotificationRecord = { ...entry.notification, ...stores.notifications.get(entry.id) };
      if (record.read) continue; // already seen in the page: nothing to interrupt for
      const outcome = decide({ preferences: prefs, category: record.category, priority: 'urgent', now, permission: display.permission() });
      if (outcome === 'show') showable.push(record);
      else setStatus(record.id, { status: outcome === 'queue' ? 'queued' : outcome });
    }
    const { language, routes } = settings();
    const releases = collapse(showable, language, routes.home);
    for (const release of releases) {
      try {
        if (release.kind === 'single') {
          await show(release.record, prefs);
          setStatus(release.record.id, { status: 'shown', shownAt: clock.now() });
        } else {
          await show(summaryRecord(release), prefs, release.records.map((r) => r.id));
          for (const record of release.records) setStatus(record.id, { status: 'summarized', shownAt: clock.now() });
        }
      } catch (error) {
        hooks.error?.(error);
      }
    }
    if (releases.length > 0) hooks.released?.(releases);
    return showable.length;
  };

  return {
    preferences,
    settings,
    deliver,
    deliverOnce,
    async wake() {
      const result = await withLock(PUSH_LOCK, async () => ({ fired: await fireDue(), released: await releaseQueue() }), { manager: options.locks });
      await stores.flush();
      return result;
    },
    nextWakeAt() {
      let next: number | undefined;
      for (const schedule of stores.scheduled.values()) {
        if (schedule.status === 'pending' && (next === undefined || schedule.at < next)) next = schedule.at;
      }
      if (stores.queue.size > 0) {
        const now = clock.now();
        const end = quietHoursEnd(preferences().quietHours, now) ?? now;
        if (next === undefined || end < next) next = end;
      }
      return next;
    },
    markRead(id) {
      return stores.notifications.update(id, (current) => (current && !current.read ? { ...current, read: true, readAt: clock.now() } : current));
    },
  };
}
