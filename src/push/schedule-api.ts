import * as z from 'zod/mini';
import type { Clock } from '../core/clock';
import { ChatbotError } from '../core/errors';
import type { Events } from '../core/events';
import { createId } from '../core/ids';
import { validate } from '../core/validate';
import { IdSchema } from './center';
import type { PageDisplay } from './page-bridge';
import type { PushStores } from './shared/notifier';
import type { ScheduledRecord } from './shared/records';
import { SendOptionsSchema, TitleSchema, type SendOptions } from './shared/schemas';
import type { PushEvents, PushNotifications, ScheduledNotification } from './types';
import { DateSchema as ValidDate } from '../core/date-schema';

type ScheduleApi = Pick<PushNotifications, 'schedule' | 'cancelScheduled' | 'getScheduled'>;

export interface ScheduleDeps {
  stores: PushStores;
  clock: Clock;
  display: PageDisplay;
  events: Events<PushEvents>;
  /** The schedules changed: recompute the next wake-up. */
  rearm(): void;
  /** Back-pressure: throws BUSY while this tab's write queue is full (ChatbotStorage.admit). */
  admit(): void;
}

const MAX_SCHEDULE_AHEAD_MS = 366 * 24 * 3600 * 1000;
const DateSchema = z.union([
  ValidDate,
  z.number().check(z.int(), z.minimum(0)),
]);

function toScheduled(record: ScheduledRecord): ScheduledNotification {
  return { id: record.id, title: record.title, options: structuredClone(record.options) as SendOptions, at: record.at, date: new Date(record.at), createdAt: record.createdAt, status: record.status };
}

/**
 * The scheduling half of the public API. A schedule is a durable record: the page's timer, or
 * the service worker on its next wake-up, fires it once (see the engine's `claimSchedule`).
 * @example const api = createScheduleApi({ stores, clock, display, events, rearm, admit: storage.admit }); api.schedule('Recordatorio', {}, Date.now() + 3_600_000);
 */
export function createScheduleApi({ stores, clock, display, events, rearm, admit }: ScheduleDeps): ScheduleApi {
  return {
    schedule(title, options, date) {
      const validTitle = validate(TitleSchema, title, 'schedule title');
      const validOptions = validate(SendOptionsSchema, options ?? {}, 'schedule options');
      const due = validate(DateSchema, date, 'schedule date');
      const at = due instanceof Date ? due.getTime() : due;
      const now = clock.now();
      if (at > now + MAX_SCHEDULE_AHEAD_MS) throw new ChatbotError('VALIDATION', 'schedule date: at most one year ahead');
      admit();
      const record: ScheduledRecord = { id: createId('sched', now), title: validTitle, options: validOptions, at, createdAt: now, status: 'pending' };
      stores.scheduled.put(record);
      rearm();
      void display.requestWakeUps();
      const scheduled = toScheduled(record);
      events.emit('notification_scheduled', scheduled);
      return scheduled;
    },
    cancelScheduled(id) {
      const validId = validate(IdSchema, id, 'cancelScheduled id');
      if (stores.scheduled.get(validId)?.status !== 'pending') return false;
      admit();
      // Deleting is safe against a concurrent firing: the fired mark is claimed against the committed record.
      stores.scheduled.delete(validId);
      rearm();
      events.emit('scheduled_cancelled', { id: validId });
      return true;
    },
    getScheduled: () => [...stores.scheduled.values()].filter((s) => s.status === 'pending').sort((a, b) => a.at - b.at).map(toScheduled),
  };
}
