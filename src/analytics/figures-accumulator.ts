import type { EventTable } from './event-columns';
import { isBounce, sessionFigures, type TopEvent, type TopPage } from './metrics';
import { dayIndex, dayLabel, summarizeSortedVital, type DailyFigures, type ErrorSummary, type StoredFigures, type TableRange, type VitalSummary } from './stored-figures';
import { EVENT_NAMES, NON_INTERACTION_EVENTS } from './types';

const TOP = 10;
const ERRORS_SHOWN = 50;
const FLAG_INTERACTIVE = 1;
const FLAG_CONVERTED = 2;
const FLAG_SEEN = 4;

/**
 * The dashboard figures of a range as running totals over the rows of an event table: `add`
 * takes rows in (O(rows)), `figures` reads the totals out. The one-pass `computeStoredFigures`
 * and the live dashboard's updates are the same code, so they cannot disagree. Rows are never
 * taken out: a table whose rows were replaced (`EventTable.generation`) needs a new accumulator.
 * @example
 * const acc = createFiguresAccumulator(table, { since, until, offsetMs: 0 }, 'purchase');
 * acc.add(0, table.length);
 * acc.figures().totalEvents;
 */
export interface FiguresAccumulator {
  /** Takes rows [from, to) of the table in; rows outside [since, until] are skipped. */
  add(from: number, to: number): void;
  /** Moves the range's end later (a range that follows the clock); earlier values are ignored. */
  extendUntil(until: number): void;
  readonly until: number;
  /**
   * The figures now. Parts that no row changed since the previous call are the same objects
   * (a view can skip redrawing them by identity).
   */
  figures(top?: number): StoredFigures;
}

/** A Float64Array that grows (doubling), for per-dictionary-id accumulators. */
const grown = <T extends Float64Array | Int32Array | Uint8Array>(array: T, size: number, make: (n: number) => T, fill?: number): T => {
  if (array.length >= size) return array;
  const next = make(Math.max(size, array.length * 2, 64));
  if (fill !== undefined) next.fill(fill);
  next.set(array);
  return next;
};

const rank = <T>(map: Map<number, T>, score: (value: T) => number, label: (id: number) => string): Array<[number, T]> =>
  [...map.entries()].sort((a, b) => score(b[1]) - score(a[1]) || label(a[0]).localeCompare(label(b[0])));

/** Inserts `value` into the first `count` (sorted) entries of `sorted`, growing it: the list stays sorted. */
function insertSorted(list: { values: Float64Array; count: number }, value: number): void {
  if (list.count === list.values.length) {
    const next = new Float64Array(Math.max(16, list.count * 2));
    next.set(list.values);
    list.values = next;
  }
  let lo = 0;
  let hi = list.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list.values[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  list.values.copyWithin(lo + 1, lo, list.count);
  list.values[lo] = value;
  list.count++;
}

export function createFiguresAccumulator(table: EventTable, range: TableRange, conversionEvent: string): FiguresAccumulator {
  const { since, offsetMs } = range;
  let until = range.until;
  const firstDay = dayIndex(since, offsetMs);
  // Per dictionary id (sessions and visitors are strings of the table's dictionary).
  let first = new Float64Array(0);
  let last = new Float64Array(0);
  let views = new Int32Array(0);
  let flags = new Uint8Array(0);
  let visitorSeen = new Uint8Array(0);
  let passive = new Uint8Array(0);
  let passiveKnown = 0;
  const eventCounts = new Map<number, number>();
  const pages = new Map<number, { title: number; views: number; visitors: Set<number> }>();
  const dayViews: number[] = [];
  const dayEvents: number[] = [];
  const dayVisitors: Array<Set<number>> = [];
  /** `YYYY-MM-DD` per day of the range, made once (a live view asks for the days at every burst). */
  const dayLabels: string[] = [];
  const vitals = new Map<number, { values: Float64Array; count: number }>();
  const errors = new Map<number, { count: number; users: Set<number>; lastSeen: number }>();
  let total = 0;
  let pageViews = 0;
  let visitors = 0;
  let sessions = 0;
  let duration = 0;
  let bounces = 0;
  let conversions = 0;

  // What changed since the last `figures()`: the parts nobody touched are handed out again.
  let eventsChanged = true;
  let pagesChanged = true;
  let daysChanged = true;
  let errorsChanged = true;
  const vitalsChanged = new Set<number>();
  let shown: { top: number; eventNames: TopEvent[]; topEvents: TopEvent[]; topPages: TopPage[]; daily: DailyFigures[]; vitals: Map<number, VitalSummary>; webVitals: VitalSummary[]; errors: ErrorSummary[] } | undefined;

  // Names resolve to ids once they appear in the dictionary (a live table gains names later).
  let pageView = -1;
  let vital = -1;
  let error = -1;
  let conversion = -1;
  const resolveNames = (): void => {
    if (pageView < 0) pageView = table.idOf(EVENT_NAMES.pageView);
    if (vital < 0) vital = table.idOf(EVENT_NAMES.webVital);
    if (error < 0) error = table.idOf(EVENT_NAMES.error);
    if (conversion < 0) conversion = table.idOf(conversionEvent);
    const size = table.strings.length;
    if (passiveKnown === size) return;
    passive = grown(passive, size, (n) => new Uint8Array(n));
    for (const name of NON_INTERACTION_EVENTS) {
      const id = table.idOf(name);
      if (id >= 0) passive[id] = 1;
    }
    passiveKnown = size;
  };
  const ensure = (size: number): void => {
    first = grown(first, size, (n) => new Float64Array(n), Infinity);
    last = grown(last, size, (n) => new Float64Array(n), -Infinity);
    views = grown(views, size, (n) => new Int32Array(n));
    flags = grown(flags, size, (n) => new Uint8Array(n));
    visitorSeen = grown(visitorSeen, size, (n) => new Uint8Array(n));
  };

  return {
    get until() {
      return until;
    },
    extendUntil(next) {
      if (next <= until) return;
      if (dayIndex(next, offsetMs) !== dayIndex(until, offsetMs)) daysChanged = true;
      until = next;
    },
    add(from, to) {
      if (to <= from) return;
      resolveNames();
      ensure(table.strings.length);
      const { event, anonymousId: anon, sessionId: session, page, title, time, value, label, user } = table;
      for (let i = from; i < to; i++) {
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
        while (dayEvents.length <= d) {
          dayEvents.push(0);
          dayViews.push(0);
          dayVisitors.push(new Set());
        }
        dayEvents[d]!++;
        dayVisitors[d]!.add(a);
        // The session's share of the totals before this event, then after it.
        const f = flags[s]!;
        const wasBounce = (f & FLAG_SEEN) !== 0 && isBounce(views[s]!, (f & FLAG_INTERACTIVE) !== 0);
        if (f & FLAG_SEEN) duration -= last[s]! - first[s]!;
        else sessions++;
        let g = f | FLAG_SEEN;
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
          pagesChanged = true;
        } else if (!passive[name]) g |= FLAG_INTERACTIVE;
        if (name === conversion && !(g & FLAG_CONVERTED)) {
          g |= FLAG_CONVERTED;
          conversions++;
        }
        flags[s] = g;
        duration += last[s]! - first[s]!;
        const isNowBounce = isBounce(views[s]!, (g & FLAG_INTERACTIVE) !== 0);
        if (isNowBounce && !wasBounce) bounces++;
        else if (wasBounce && !isNowBounce) bounces--;
        if (name === vital && label[i]! >= 0 && !Number.isNaN(value[i]!)) {
          let list = vitals.get(label[i]!);
          if (!list) vitals.set(label[i]!, (list = { values: new Float64Array(16), count: 0 }));
          insertSorted(list, value[i]!);
          vitalsChanged.add(label[i]!);
        } else if (name === error && label[i]! >= 0) {
          let entry = errors.get(label[i]!);
          if (!entry) errors.set(label[i]!, (entry = { count: 0, users: new Set(), lastSeen: -Infinity }));
          entry.count++;
          entry.users.add(user[i]!);
          if (t > entry.lastSeen) entry.lastSeen = t;
          errorsChanged = true;
        }
      }
      eventsChanged = true;
      daysChanged = true;
    },
    figures(top = TOP) {
      const words = table.strings;
      const word = (id: number): string => words[id] ?? '';
      const fresh = shown?.top !== top;
      const eventNames = fresh || eventsChanged ? rank(eventCounts, (c) => c, word).map(([id, count]) => ({ event: word(id), count })) : shown!.eventNames;
      const topEvents = eventNames === shown?.eventNames ? shown.topEvents : eventNames.slice(0, top);
      const topPages = fresh || pagesChanged
        ? rank(pages, (p) => p.views, word).slice(0, top).map(([id, p]) => ({ path: word(id), title: word(p.title), views: p.views, visitors: p.visitors.size }))
        : shown!.topPages;
      const dayCount = Math.max(0, dayIndex(until, offsetMs) - firstDay + 1);
      const daily = fresh || daysChanged
        ? Array.from({ length: dayCount }, (_, d) => ({ day: (dayLabels[d] ??= dayLabel(firstDay + d)), pageViews: dayViews[d] ?? 0, visitors: dayVisitors[d]?.size ?? 0, events: dayEvents[d] ?? 0 }))
        : shown!.daily;
      const summaries = shown?.vitals ?? new Map<number, VitalSummary>();
      for (const id of vitalsChanged) {
        const list = vitals.get(id)!;
        summaries.set(id, summarizeSortedVital(word(id), list.values.subarray(0, list.count)));
      }
      const webVitals = !shown || vitalsChanged.size > 0 ? [...summaries.values()].sort((a, b) => a.metric.localeCompare(b.metric)) : shown.webVitals;
      const errorList = fresh || errorsChanged
        ? rank(errors, (e) => e.count, word).slice(0, ERRORS_SHOWN).map(([id, e]) => ({ message: word(id), count: e.count, users: e.users.size, lastSeen: e.lastSeen }))
        : shown!.errors;
      shown = { top, eventNames, topEvents, topPages, daily, vitals: summaries, webVitals, errors: errorList };
      eventsChanged = pagesChanged = daysChanged = errorsChanged = false;
      vitalsChanged.clear();
      return {
        since,
        until,
        totalEvents: total,
        pageViews,
        uniqueVisitors: visitors,
        ...sessionFigures(sessions, duration, bounces, conversions),
        topPages,
        topEvents,
        eventNames,
        daily,
        webVitals,
        errors: errorList,
      };
    },
  };
}

/**
 * One pass over the table's events in the range: the overview (same definitions as
 * `getDashboardData()`), top pages and events, page views and visitors per day, Web Vitals and errors.
 * @example computeStoredFigures(table, { since, until, offsetMs: -5 * 3_600_000 }, 'purchase').daily
 */
export function computeStoredFigures(table: EventTable, range: TableRange, conversionEvent: string, top = TOP): StoredFigures {
  const accumulator = createFiguresAccumulator(table, range, conversionEvent);
  accumulator.add(0, table.length);
  return accumulator.figures(top);
}
