import { userKeyOf, type AnalyticsEvent } from './types';

export type CohortPeriod = 'day' | 'week' | 'month';

export interface CohortRow {
  /** Start of the cohort's period, `YYYY-MM-DD` in the configured offset. */
  cohort: string;
  /** Users whose first event falls in this period. */
  size: number;
  /** counts[k] = cohort users doing the event k periods later. */
  counts: number[];
  /** retention[k] = counts[k] / size (0–1). */
  retention: number[];
}

export interface CohortData {
  eventName: string;
  period: CohortPeriod;
  cohorts: CohortRow[];
}

const DAY = 86_400_000;

/**
 * The index of the period holding `time` (days, ISO weeks from Monday, or calendar months),
 * in local time at `offsetMs` from UTC.
 */
export function periodIndex(time: number, period: CohortPeriod, offsetMs: number): number {
  const local = time + offsetMs;
  const day = Math.floor(local / DAY);
  if (period === 'day') return day;
  // 1970-01-01 was a Thursday: shift so weeks start on Monday.
  if (period === 'week') return Math.floor((day + 3) / 7);
  const date = new Date(local);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

export function periodLabel(index: number, period: CohortPeriod): string {
  if (period === 'month') return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
  const day = period === 'day' ? index : index * 7 - 3;
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/**
 * Retention matrix: a user's cohort is the period of their first event (any event); cell k is the
 * share of the cohort doing `eventName` k periods after the cohort period.
 * @example computeCohorts(events, 'page_view', 'week', -5 * 3_600_000).cohorts[0].retention // [1, 0.4, 0.25]
 */
export function computeCohorts(events: Iterable<AnalyticsEvent>, eventName: string, period: CohortPeriod, offsetMs = 0): CohortData {
  const first = new Map<string, number>();
  const active = new Map<string, Set<number>>();
  for (const event of events) {
    const user = userKeyOf(event);
    const index = periodIndex(event.time, period, offsetMs);
    const seen = first.get(user);
    if (seen === undefined || index < seen) first.set(user, index);
    if (event.event === eventName) {
      let set = active.get(user);
      if (!set) active.set(user, (set = new Set()));
      set.add(index);
    }
  }
  return cohortsOf(first, active, eventName, period);
}

/**
 * The retention matrix from each user's first period and the periods they did the event in
 * (users keyed by anything: ids here, dictionary ids over the stored columns).
 */
export function cohortsOf<K>(first: Map<K, number>, active: Map<K, Set<number>>, eventName: string, period: CohortPeriod): CohortData {
  const rows = new Map<number, { size: number; counts: number[] }>();
  let latest = -Infinity;
  for (const [user, cohort] of first) {
    latest = Math.max(latest, cohort);
    let row = rows.get(cohort);
    if (!row) rows.set(cohort, (row = { size: 0, counts: [] }));
    row.size++;
    for (const index of active.get(user) ?? []) {
      const k = index - cohort;
      row.counts[k] = (row.counts[k] ?? 0) + 1;
    }
  }
  for (const [, set] of active) latest = Math.max(latest, ...set);
  const cohorts = [...rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([index, row]): CohortRow => {
      // Every period up to the latest one observed has a cell (0 when nobody came back).
      const width = Math.max(1, latest - index + 1);
      const counts = Array.from({ length: width }, (_, k) => row.counts[k] ?? 0);
      return { cohort: periodLabel(index, period), size: row.size, counts, retention: counts.map((c) => c / row.size) };
    });
  return { eventName, period, cohorts };
}
