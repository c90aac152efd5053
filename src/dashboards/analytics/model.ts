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

/**
 * Events per minute over the last hour, kept from the events as they arrive (O(1) each) instead
 * of re-reading the hour's events from the window at every burst.
 * @example const minutes = createMinuteCounts(eventsPerMinute(analytics, Date.now())); minutes.add(event.time);
 */
export interface MinuteCounts {
  add(time: number): void;
  /** The last hour's minutes as `now` sees them (older minutes are forgotten). */
  read(now: number, activeUsers: number): ShownModel['live'];
}

export function createMinuteCounts(start: ShownModel['live']): MinuteCounts {
  // A ring of the last hour's minutes: slot m % 60 holds minute m (epoch minutes) and its count.
  const slotMinute = new Float64Array(LIVE_MINUTES).fill(-1);
  const slotCount = new Int32Array(LIVE_MINUTES);
  let minutes: number[] = [];
  const add = (minute: number, count: number): void => {
    const slot = minute % LIVE_MINUTES;
    if (minute < slotMinute[slot]!) return;
    if (minute > slotMinute[slot]!) {
      slotMinute[slot] = minute;
      slotCount[slot] = 0;
    }
    slotCount[slot]! += count;
  };
  start.minutes.forEach((at, i) => add(Math.floor(at / MINUTE), start.counts[i] ?? 0));
  return {
    add(time) {
      add(Math.floor(time / MINUTE), 1);
    },
    read(now, activeUsers) {
      const first = Math.floor(now / MINUTE) - (LIVE_MINUTES - 1);
      // The same minutes, the same array (a view compares it to skip relabelling).
      if (minutes[0] !== first * MINUTE) minutes = Array.from({ length: LIVE_MINUTES }, (_, i) => (first + i) * MINUTE);
      const counts = new Array<number>(LIVE_MINUTES);
      for (let i = 0; i < LIVE_MINUTES; i++) {
        const minute = first + i;
        const slot = minute % LIVE_MINUTES;
        counts[i] = slotMinute[slot] === minute ? slotCount[slot]! : 0;
      }
      return { minutes, counts, activeUsers };
    },
  };
}

export interface Query {
  since: number;
  until: number;
  steps: string[];
  cohortEvent: string;
  period: 'day' | 'week' | 'month';
}

/** The analyses that read every event of the range (the rest of the model follows events one by one). */
export type HeavyPart = 'funnel' | 'cohorts' | 'segments';
export const HEAVY_PARTS: readonly HeavyPart[] = ['funnel', 'cohorts', 'segments'];

/**
 * Asks the module's async analyses (over every stored event) for the given heavy parts of the model.
 * @example const { funnel } = await loadHeavy(realtimeAnalytics, query, ['funnel']);
 */
export async function loadHeavy(analytics: RealtimeAnalytics, query: Query, parts: readonly HeavyPart[]): Promise<Partial<Pick<ShownModel, HeavyPart>>> {
  const range = { since: query.since, until: query.until };
  const out: Partial<Pick<ShownModel, HeavyPart>> = {};
  await Promise.all(parts.map(async (part) => {
    if (part === 'funnel') out.funnel = await analytics.analyzeStoredFunnel(query.steps.length > 0 ? query.steps : ['page_view'], range);
    else if (part === 'cohorts') out.cohorts = await analytics.getStoredCohortData(query.cohortEvent, query.period, range);
    else {
      const segments = await analytics.getStoredSegments(range);
      out.segments = (Object.keys(segments) as SegmentName[]).map((segment) => ({
        segment,
        count: segments[segment].count,
        users: segments[segment].users.slice(0, SEGMENT_USERS_SHOWN),
      }));
    }
  }));
  return out;
}

/**
 * Asks the module's async analyses (over every stored event) for what the panel shows.
 * @example const model = await loadModel(realtimeAnalytics, query, Date.now());
 */
export async function loadModel(analytics: RealtimeAnalytics, query: Query, now: number, known?: StoredFigures): Promise<ShownModel> {
  const figures = known ?? (await analytics.getStoredDashboardData({ since: query.since, until: query.until }));
  const { funnel, cohorts, segments } = await loadHeavy(analytics, { ...query, steps: query.steps.length > 0 ? query.steps : [figures.eventNames[0]?.event ?? 'page_view'] }, HEAVY_PARTS);
  return { generatedAt: now, range: { since: query.since, until: query.until }, live: eventsPerMinute(analytics, now), figures, funnel: funnel!, cohorts: cohorts!, segments: segments! };
}

/** The default funnel: the seed's shopping steps that occur in the range, in order. */
export function defaultSteps(names: readonly string[]): string[] {
  const present = new Set(names);
  const steps = ['page_view', 'product_view', 'add_to_cart', 'checkout_step_1', 'purchase'].filter((s) => present.has(s));
  return steps.length >= 2 ? steps : names.slice(0, 3);
}
