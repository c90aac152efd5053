import type { EventTable } from './event-columns';
import { isBounce, sessionFigures, type OverviewFigures, type TopEvent } from './metrics';
import { EVENT_NAMES, NON_INTERACTION_EVENTS } from './types';

const DAY = 86_400_000;
const TOP = 10;
const ERRORS_SHOWN = 50;
const HISTOGRAM_BUCKETS = 12;

/** Inclusive bounds in epoch ms; `offsetMs` places day boundaries (the store's UTC offset). */
export interface TableRange {
  since: number;
  until: number;
  offsetMs: number;
}

export interface DailyFigures {
  /** `YYYY-MM-DD` in the configured offset. */
  day: string;
  pageViews: number;
  /** Distinct browsers (anonymous ids) with an event that day. */
  visitors: number;
  events: number;
}

export interface VitalSummary {
  metric: string;
  /** Measurements of the metric in the range. */
  count: number;
  good: number;
  needsImprovement: number;
  poor: number;
  /** 75th percentile (what Google's Core Web Vitals assess), null without measurements. */
  p75: number | null;
  /** [good up to, poor above] (web.dev thresholds; ms, CLS unitless). */
  thresholds: [number, number];
  /** Equal-width buckets up to 1.5× the poor threshold; the last one is open (`to: null`). */
  histogram: Array<{ from: number; to: number | null; count: number }>;
}

export interface ErrorSummary {
  /** "Name: message". */
  message: string;
  count: number;
  /** Distinct users who met it. */
  users: number;
  lastSeen: number;
}

/**
 * The figures the analytics dashboard shows for a date range, over every stored event: the
 * overview of `getDashboardData()` (same definitions, see `computeOverview`) and more.
 */
export interface StoredFigures extends OverviewFigures {
  since: number;
  until: number;
  totalEvents: number;
  /** Every event name present in the range with its count, most frequent first (the funnel's step choices). */
  eventNames: TopEvent[];
  daily: DailyFigures[];
  webVitals: VitalSummary[];
  errors: ErrorSummary[];
}

/**
 * web.dev's Core Web Vitals thresholds: [good ≤, poor >].
 * @example WEB_VITAL_THRESHOLDS.LCP // [2500, 4000]
 */
export const WEB_VITAL_THRESHOLDS: Readonly<Record<string, [number, number]>> = {
  LCP: [2500, 4000],
  INP: [200, 500],
  CLS: [0.1, 0.25],
  FCP: [1800, 3000],
  TTFB: [800, 1800],
};

/**
 * `YYYY-MM-DD` of a day index (days since the epoch in local time).
 * @example dayLabel(20103) // '2025-01-15'
 */
export const dayLabel = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
/** @example dayIndex(Date.parse('2025-01-15T10:00:00Z'), 0) // 20103 */
export const dayIndex = (time: number, offsetMs: number): number => Math.floor((time + offsetMs) / DAY);

const rank = <T>(map: Map<number, T>, score: (value: T) => number, label: (id: number) => string): Array<[number, T]> =>
  [...map.entries()].sort((a, b) => score(b[1]) - score(a[1]) || label(a[0]).localeCompare(label(b[0])));

/**
 * One pass over the table's events in the range: the overview (same definitions as
 * `getDashboardData()`), top pages and events, page views and visitors per day, Web Vitals and errors.
 * @example computeStoredFigures(table, { since, until, offsetMs: -5 * 3_600_000 }, 'purchase').daily
 */
export function computeStoredFigures(table: EventTable, range: TableRange, conversionEvent: string, top = TOP): StoredFigures {
  const { since, until, offsetMs } = range;
  const words = table.strings;
  const size = words.length;
  const n = table.length;
  const { event, anonymousId: anon, sessionId: session, page, title, time, value, label, user } = table;
  const pageView = table.idOf(EVENT_NAMES.pageView);
  const vital = table.idOf(EVENT_NAMES.webVital);
  const error = table.idOf(EVENT_NAMES.error);
  const conversion = table.idOf(conversionEvent);
  const passive = new Uint8Array(size);
  for (const name of NON_INTERACTION_EVENTS) {
    const id = table.idOf(name);
    if (id >= 0) passive[id] = 1;
  }

  // Session accumulators indexed by dictionary id: typed arrays instead of a Map of objects.
  const first = new Float64Array(size).fill(Infinity);
  const last = new Float64Array(size).fill(-Infinity);
  const views = new Int32Array(size);
  const flags = new Uint8Array(size); // 1 interactive, 2 converted, 4 seen
  const visitorSeen = new Uint8Array(size);
  const eventCounts = new Map<number, number>();
  const pages = new Map<number, { title: number; views: number; visitors: Set<number> }>();
  const firstDay = dayIndex(since, offsetMs);
  const dayCount = Math.max(0, dayIndex(until, offsetMs) - firstDay + 1);
  const dayViews = new Int32Array(dayCount);
  const dayEvents = new Int32Array(dayCount);
  const dayVisitors = new Set<number>();
  const vitals = new Map<number, number[]>();
  const errors = new Map<number, { count: number; users: Set<number>; lastSeen: number }>();
  let total = 0;
  let pageViews = 0;
  let visitors = 0;

  for (let i = 0; i < n; i++) {
    const t = time[i]!;
    if (t < since || t > until) continue;
    total++;
    const name = event[i]!;
    const a = anon[i]!;
    const s = session[i]!;
    eventCounts.set(name, (eventCounts.get(name) ?? 0) + 1);
    if (!visitorSeen[a]) {
      visitorSeen[a] = 1;
      visitors++;
    }
    const d = dayIndex(t, offsetMs) - firstDay;
    dayEvents[d]!++;
    dayVisitors.add(a * dayCount + d);
    flags[s]! |= 4;
    if (t < first[s]!) first[s] = t;
    if (t > last[s]!) last[s] = t;
    if (name === pageView) {
      pageViews++;
      views[s]!++;
      dayViews[d]!++;
      const p = page[i]!;
      let entry = pages.get(p);
      if (!entry) pages.set(p, (entry = { title: title[i]!, views: 0, visitors: new Set() }));
      entry.views++;
      entry.visitors.add(a);
    } else if (!passive[name]) flags[s]! |= 1;
    if (name === conversion) flags[s]! |= 2;
    if (name === vital && label[i]! >= 0 && !Number.isNaN(value[i]!)) {
      let list = vitals.get(label[i]!);
      if (!list) vitals.set(label[i]!, (list = []));
      list.push(value[i]!);
    } else if (name === error && label[i]! >= 0) {
      let entry = errors.get(label[i]!);
      if (!entry) errors.set(label[i]!, (entry = { count: 0, users: new Set(), lastSeen: -Infinity }));
      entry.count++;
      entry.users.add(user[i]!);
      if (t > entry.lastSeen) entry.lastSeen = t;
    }
  }

  let sessions = 0;
  let duration = 0;
  let bounces = 0;
  let conversions = 0;
  for (let s = 0; s < size; s++) {
    if (!(flags[s]! & 4)) continue;
    sessions++;
    duration += last[s]! - first[s]!;
    if (isBounce(views[s]!, (flags[s]! & 1) !== 0)) bounces++;
    if (flags[s]! & 2) conversions++;
  }
  const visitorsPerDay = new Int32Array(dayCount);
  for (const key of dayVisitors) visitorsPerDay[key % dayCount]!++;

  const word = (id: number): string => words[id] ?? '';
  const eventNames = rank(eventCounts, (c) => c, word).map(([id, count]) => ({ event: word(id), count }));
  return {
    since,
    until,
    totalEvents: total,
    pageViews,
    uniqueVisitors: visitors,
    ...sessionFigures(sessions, duration, bounces, conversions),
    topPages: rank(pages, (p) => p.views, word)
      .slice(0, top)
      .map(([id, p]) => ({ path: word(id), title: word(p.title), views: p.views, visitors: p.visitors.size })),
    topEvents: eventNames.slice(0, top),
    eventNames,
    daily: Array.from({ length: dayCount }, (_, d) => ({ day: dayLabel(firstDay + d), pageViews: dayViews[d]!, visitors: visitorsPerDay[d]!, events: dayEvents[d]! })),
    webVitals: [...vitals.entries()].map(([id, values]) => summarizeVital(word(id), values)).sort((a, b) => a.metric.localeCompare(b.metric)),
    errors: rank(errors, (e) => e.count, word)
      .slice(0, ERRORS_SHOWN)
      .map(([id, e]) => ({ message: word(id), count: e.count, users: e.users.size, lastSeen: e.lastSeen })),
  };
}

/**
 * Good / needs improvement / poor counts, the 75th percentile and a histogram of one metric.
 * @example summarizeVital('LCP', [1200, 3100, 5000]).poor // 1
 */
export function summarizeVital(metric: string, values: number[]): VitalSummary {
  const thresholds = WEB_VITAL_THRESHOLDS[metric] ?? [Infinity, Infinity];
  const sorted = Float64Array.from(values).sort();
  let good = 0;
  let poor = 0;
  for (const v of sorted) {
    if (v <= thresholds[0]) good++;
    else if (v > thresholds[1]) poor++;
  }
  const count = sorted.length;
  // Nearest-rank 75th percentile.
  const p75 = count === 0 ? null : sorted[Math.ceil(0.75 * count) - 1]!;
  const top = Number.isFinite(thresholds[1]) ? thresholds[1] * 1.5 : (sorted[count - 1] ?? 1);
  const width = top / HISTOGRAM_BUCKETS;
  const histogram = Array.from({ length: HISTOGRAM_BUCKETS }, (_, b) => ({ from: b * width, to: b === HISTOGRAM_BUCKETS - 1 ? null : (b + 1) * width, count: 0 }));
  for (const v of sorted) histogram[Math.min(HISTOGRAM_BUCKETS - 1, Math.max(0, Math.floor(v / width)))]!.count++;
  return { metric, count, good, needsImprovement: count - good - poor, poor, p75, thresholds, histogram };
}
