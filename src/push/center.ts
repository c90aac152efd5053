import * as z from 'zod/mini';
import type { Collection } from '../storage';
import { CATEGORIES, type Category } from './shared/constants';
import type { NotificationRecord } from './shared/records';
import { DateSchema } from '../core/date-schema';

const DAY = 24 * 3600 * 1000;

/** @example getNotifications({ unread: true, category: 'orders', since: new Date(Date.now() - 86400000), limit: 20 }) */
export const FilterSchema = z._default(
  z.strictObject({
    unread: z.optional(z.boolean()),
    category: z.optional(z.enum(CATEGORIES)),
    since: z.optional(z.union([DateSchema, z.number().check(z.minimum(0))])),
    limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(10_000))),
  }),
  {},
);
export type NotificationFilter = z.input<typeof FilterSchema>;

export const CategoryArgSchema = z.optional(z.enum(CATEGORIES));
export const IdSchema = z.string().check(z.minLength(1), z.maxLength(200));

/**
 * The seed's `getStats()` shape.
 * @example pushNotifications.getStats() // { total: 100, unread: 5, last24h: 20, last7d: 50, byCategory: { orders: 30, … }, scheduled: 3, queued: 0 }
 */
export interface NotificationStats {
  total: number;
  unread: number;
  last24h: number;
  last7d: number;
  byCategory: Record<Category, number>;
  scheduled: number;
  queued: number;
}

/** Newest first, filtered; records are copies (the read model is never handed out). */
export function queryNotifications(all: Iterable<NotificationRecord>, filter: z.output<typeof FilterSchema>): NotificationRecord[] {
  const since = filter.since instanceof Date ? filter.since.getTime() : filter.since;
  const out: NotificationRecord[] = [];
  for (const record of all) {
    if (filter.unread === true && record.read) continue;
    if (filter.unread === false && !record.read) continue;
    if (filter.category && record.category !== filter.category) continue;
    if (since !== undefined && record.createdAt < since) continue;
    out.push(record);
  }
  out.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  return (filter.limit ? out.slice(0, filter.limit) : out).map(copyRecord);
}

export function copyRecord(record: NotificationRecord): NotificationRecord {
  return structuredClone(record);
}

export function computeStats(
  notifications: Collection<'notifications'>,
  scheduled: Collection<'scheduled'>,
  queue: Collection<'notificationQueue'>,
  now: number,
): NotificationStats {
  const byCategory: Record<Category, number> = { orders: 0, messages: 0, promotions: 0, reviews: 0, system: 0 };
  const stats: NotificationStats = { total: 0, unread: 0, last24h: 0, last7d: 0, byCategory, scheduled: 0, queued: queue.size };
  for (const record of notifications.values()) {
    stats.total++;
    if (!record.read) stats.unread++;
    if (record.createdAt >= now - DAY) stats.last24h++;
    if (record.createdAt >= now - 7 * DAY) stats.last7d++;
    byCategory[record.category] = (byCategory[record.category] ?? 0) + 1;
  }
  for (const schedule of scheduled.values()) if (schedule.status === 'pending') stats.scheduled++;
  return stats;
}
