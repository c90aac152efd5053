import type { AnalyticsEvent } from '../../analytics';

const DAY = 86_400_000;
const CATEGORIES = ['orders', 'messages', 'promotions', 'reviews', 'system'] as const;

/** What the notification center's records say about one notification (a subset of its record). */
export interface CountedNotification {
  id: string;
  category: string;
  createdAt: number;
  status: string;
  shownAt?: number;
}

interface Measures {
  sent: number;
  shown: number;
  clicked: number;
  dismissed: number;
}

export interface NotificationCounts {
  categories: Array<{ category: string } & Measures>;
  /** `YYYY-MM-DD` in the given offset, oldest first, every day of the range. */
  days: Array<{ day: string } & Measures>;
}

const zero = (): Measures => ({ sent: 0, shown: 0, clicked: 0, dismissed: 0 });

/**
 * Sent (recorded, not dropped), shown, opened and dismissed notifications per category and per
 * day. Opened and dismissed count distinct notifications (every open tab records the worker's
 * click, so one notification may have several events), on the day of the first one.
 * @example countNotifications(push.getNotifications(), events, { since, until, offsetMs: 0 }).categories
 */
export function countNotifications(records: CountedNotification[], interactions: AnalyticsEvent[], range: { since: number; until: number; offsetMs: number }): NotificationCounts {
  const dayOf = (time: number): number => Math.floor((time + range.offsetMs) / DAY);
  const firstDay = dayOf(range.since);
  const dayCount = Math.max(0, dayOf(range.until) - firstDay + 1);
  const byCategory = new Map<string, Measures>(CATEGORIES.map((c) => [c, zero()]));
  const byDay = Array.from({ length: dayCount }, zero);
  const add = (category: string, time: number, measure: keyof Measures): void => {
    let entry = byCategory.get(category);
    if (!entry) byCategory.set(category, (entry = zero()));
    entry[measure]++;
    const d = dayOf(time) - firstDay;
    if (d >= 0 && d < dayCount) byDay[d]![measure]++;
  };
  for (const record of records) {
    if (record.createdAt < range.since || record.createdAt > range.until || record.status === 'dropped') continue;
    add(record.category, record.createdAt, 'sent');
    if (record.status === 'shown') add(record.category, record.shownAt ?? record.createdAt, 'shown');
  }
  const first = new Map<string, AnalyticsEvent>();
  for (const event of interactions) {
    const id = event.properties.notificationId;
    if (typeof id !== 'string') continue;
    const key = `${event.event}|${id}`;
    const seen = first.get(key);
    if (!seen || event.time < seen.time) first.set(key, event);
  }
  for (const event of first.values()) {
    if (event.time < range.since || event.time > range.until) continue;
    const category = typeof event.properties.category === 'string' ? event.properties.category : 'system';
    add(category, event.time, event.event === 'notification_clicked' ? 'clicked' : 'dismissed');
  }
  return {
    categories: [...byCategory.entries()].map(([category, m]) => ({ category, ...m })),
    days: byDay.map((m, d) => ({ day: new Date((firstDay + d) * DAY).toISOString().slice(0, 10), ...m })),
  };
}
