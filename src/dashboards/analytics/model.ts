import type { CohortData, FunnelResult, RealtimeAnalytics, SegmentName, Segments, StoredFigures } from '../../analytics';

const MINUTE = 60_000;
const LIVE_MINUTES = 60;
const SEGMENT_USERS_SHOWN = 10;

/** Everything the analytics panel shows, as numbers: what the charts draw and the export writes. */
export interface ShownModel {
  generatedAt: number;
  range: { since: number; until: number };
  /** Events per minute, oldest first; `minutes[i]` is the start of minute i (epoch ms). */
  live: { minutes: number[]; counts: number[]; activeUsers: number };
  figures: StoredFigures;
  funnel: FunnelResult;
  cohorts: CohortData;
  segments: Array<{ segment: SegmentName; count: number; users: Segments[SegmentName]['users'] }>;
}

/**
 * Events per minute over the last hour and the users active now, from the live window in memory (no store read).
 * @example eventsPerMinute(analytics, Date.now()).counts.length // 60
 */
export function eventsPerMinute(analytics: Pick<RealtimeAnalytics, 'getEventStream' | 'getActiveUsers'>, now: number): ShownModel['live'] {
  const end = Math.floor(now / MINUTE) * MINUTE;
  const first = end - (LIVE_MINUTES - 1) * MINUTE;
  const counts = new Array<number>(LIVE_MINUTES).fill(0);
  for (const event of analytics.getEventStream(now - first)) {
    const slot = Math.floor((event.time - first) / MINUTE);
    if (slot >= 0 && slot < LIVE_MINUTES) counts[slot]!++;
  }
  return { minutes: Array.from({ length: LIVE_MINUTES }, (_, i) => first + i * MINUTE), counts, activeUsers: analytics.getActiveUsers() };
}

export interface Query {
  since: number;
  until: number;
  steps: string[];
  cohortEvent: string;
  period: 'day' | 'week' | 'month';
}

/**
 * Asks the module's async analyses (over every stored event) for what the panel shows.
 * @example const model = await loadModel(realtimeAnalytics, query, Date.now());
 */
export async function loadModel(analytics: RealtimeAnalytics, query: Query, now: number, known?: StoredFigures): Promise<ShownModel> {
  const range = { since: query.since, until: query.until };
  const figures = known ?? (await analytics.getStoredDashboardData(range));
  const steps = query.steps.length > 0 ? query.steps : [figures.eventNames[0]?.event ?? 'page_view'];
  const [funnel, cohorts, segments] = await Promise.all([
    analytics.analyzeStoredFunnel(steps, range),
    analytics.getStoredCohortData(query.cohortEvent, query.period, range),
    analytics.getStoredSegments(range),
  ]);
  return {
    generatedAt: now,
    range,
    live: eventsPerMinute(analytics, now),
    figures,
    funnel,
    cohorts,
    segments: (Object.keys(segments) as SegmentName[]).map((segment) => ({
      segment,
      count: segments[segment].count,
      users: segments[segment].users.slice(0, SEGMENT_USERS_SHOWN),
    })),
  };
}

/** The default funnel: the seed's shopping steps that occur in the range, in order. */
export function defaultSteps(names: readonly string[]): string[] {
  const present = new Set(names);
  const steps = ['page_view', 'product_view', 'add_to_cart', 'checkout_step_1', 'purchase'].filter((s) => present.has(s));
  return steps.length >= 2 ? steps : names.slice(0, 3);
}
