import type { OverviewFigures, TopEvent } from './metrics';

const DAY = 86_400_000;
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

/**
 * Good / needs improvement / poor counts, the 75th percentile and a histogram of one metric.
 * @example summarizeVital('LCP', [1200, 3100, 5000]).poor // 1
 */
export function summarizeVital(metric: string, values: number[]): VitalSummary {
  return summarizeSortedVital(metric, Float64Array.from(values).sort());
}

/**
 * `summarizeVital` over values already in ascending order (the live figures keep them sorted).
 * @example summarizeSortedVital('LCP', Float64Array.of(1200, 3100, 5000)).p75 // 5000
 */
export function summarizeSortedVital(metric: string, sorted: Float64Array): VitalSummary {
  const thresholds = WEB_VITAL_THRESHOLDS[metric] ?? [Infinity, Infinity];
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
