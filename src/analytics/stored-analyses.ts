import type { Clock } from '../core/clock';
import { ChatbotError } from '../core/errors';
import { validate } from '../core/validate';
import type { Range } from './analyses';
import type { CohortData } from './cohorts';
import type { AnalyticsConfig } from './config';
import type { FunnelResult } from './funnel';
import type { TopEvent, TopPage } from './metrics';
import * as Q from './query-schemas';
import * as S from './schemas';
import type { Segments } from './segments';
import { computeStoredFigures, createFiguresAccumulator, type FiguresAccumulator } from './figures-accumulator';
import type { StoredFigures } from './stored-figures';
import type { StoredEvents } from './stored-events';
import { computeTableCohorts, computeTableFunnel, computeTableSegments } from './table-analyses';

const DAY = 86_400_000;
const DEFAULT_DAYS = 30;
/** Day-by-day figures beyond ten years would be a mistake in the range, not a question. */
const MAX_FIGURES_SPAN_MS = 3660 * DAY;

/**
 * The analyses over every stored event (not only the in-memory window), async: they read the
 * columnar copy of the store (`createStoredEvents`). Ranges are inclusive; since/until accept
 * epoch ms, a Date or an ISO string.
 * @example
 * const funnel = await realtimeAnalytics.analyzeStoredFunnel(['page_view', 'add_to_cart', 'purchase'], { since: '2025-01-01' });
 * const figures = await realtimeAnalytics.getStoredDashboardData({ since: Date.now() - 90 * 86_400_000 });
 */
export interface StoredAnalyses {
  analyzeStoredFunnel(steps: string[], options?: { by?: 'session' | 'user'; windowMs?: number } & Range): Promise<FunnelResult>;
  getStoredCohortData(eventName: string, period?: 'day' | 'week' | 'month', range?: Range): Promise<CohortData>;
  getStoredSegments(range?: Range): Promise<Segments>;
  /** Most viewed pages over everything stored in the range (default: all). */
  getStoredTopPages(n?: number, range?: Range): Promise<TopPage[]>;
  getStoredTopEvents(n?: number, range?: Range): Promise<TopEvent[]>;
  /** Overview, top pages/events, every event name, per-day figures, Web Vitals, errors. Default range: the last 30 days. */
  getStoredDashboardData(range?: Range): Promise<StoredFigures>;
  /**
   * `getStoredDashboardData` kept up to date: each `current()` takes in only the events recorded
   * since the previous call (this tab's and the other tabs'), so a live view pays for the new
   * events, not for the range. Without `until` the range follows the clock (its end is the later
   * of now and the newest event). `current()` equals `getStoredDashboardData` of its since/until.
   * @example
   * const watch = await realtimeAnalytics.watchStoredDashboardData({ since: Date.now() - 30 * 86_400_000 });
   * realtimeAnalytics.subscribe(() => draw(watch.current()));
   */
  watchStoredDashboardData(range?: Range): Promise<StoredFiguresWatch>;
}

/** The live figures of `watchStoredDashboardData`. */
export interface StoredFiguresWatch {
  /**
   * The figures with every event recorded so far: O(events since the last call). Parts no new
   * event changed (daily, top pages, Web Vitals, errors…) are the same objects as last time.
   */
  current(): StoredFigures;
}

const bounds = (value: unknown, what: string): { since: number; until: number } => {
  const parsed = validate(Q.RangeSchema, value, what) ?? {};
  const since = Q.toTime(parsed.since) ?? -Infinity;
  const until = Q.toTime(parsed.until) ?? Infinity;
  if (Number.isNaN(since) || Number.isNaN(until)) throw new ChatbotError('VALIDATION', `${what}: since/until must be dates`);
  if (since > until) throw new ChatbotError('VALIDATION', `${what}: since is after until`);
  return { since, until };
};

export function createStoredAnalyses(stored: StoredEvents, config: AnalyticsConfig, clock: Clock): StoredAnalyses {
  const offsetMs = (): number => (config.utcOffsetMinutes ?? -new Date(clock.now()).getTimezoneOffset()) * 60_000;
  const figures = async (r: { since: number; until: number }, top?: number): Promise<StoredFigures> => {
    const table = await stored.table();
    let { since, until } = r;
    if (!Number.isFinite(since) || !Number.isFinite(until)) {
      // "Everything stored": the days span the events actually there.
      let first = Infinity;
      let last = -Infinity;
      for (let i = 0; i < table.length; i++) {
        const t = table.time[i]!;
        if (t < since || t > until) continue;
        if (t < first) first = t;
        if (t > last) last = t;
      }
      since = Number.isFinite(first) ? first : clock.now();
      until = Number.isFinite(last) ? last : since;
    }
    return computeStoredFigures(table, { since, until, offsetMs: offsetMs() }, config.conversionEvent, top);
  };
  const dashboardRange = (value: unknown, what: string): { since: number; until: number } => {
    const r = bounds(value, what);
    const until = Number.isFinite(r.until) ? r.until : clock.now();
    const since = Number.isFinite(r.since) ? r.since : until - DEFAULT_DAYS * DAY;
    if (until - since > MAX_FIGURES_SPAN_MS) throw new ChatbotError('VALIDATION', `${what}: at most 3660 days`);
    return { since, until };
  };

  return {
    async analyzeStoredFunnel(steps, options) {
      const list = validate(Q.FunnelStepsSchema, steps, 'analyzeStoredFunnel steps');
      const opts = validate(Q.FunnelOptionsSchema, options, 'analyzeStoredFunnel options') ?? {};
      const r = bounds({ since: opts.since, until: opts.until }, 'analyzeStoredFunnel options');
      const table = await stored.table();
      return computeTableFunnel(table, list, { by: opts.by ?? 'session', ...(opts.windowMs !== undefined ? { windowMs: opts.windowMs } : {}), ...r });
    },
    async getStoredCohortData(eventName, period, range) {
      const name = validate(S.EventNameSchema, eventName, 'getStoredCohortData eventName');
      const p = validate(Q.CohortPeriodSchema, period, 'getStoredCohortData period');
      const r = bounds(range, 'getStoredCohortData range');
      return computeTableCohorts(await stored.table(), name, p, offsetMs(), r.since, r.until);
    },
    async getStoredSegments(range) {
      const r = bounds(range, 'getStoredSegments range');
      return computeTableSegments(await stored.table(), config.conversionEvent, config.segments, clock.now(), r.since, r.until);
    },
    async getStoredTopPages(n = 10, range) {
      const top = validate(Q.CountSchema, n, 'getStoredTopPages n');
      return (await figures(bounds(range, 'getStoredTopPages range'), top)).topPages;
    },
    async getStoredTopEvents(n = 10, range) {
      const top = validate(Q.CountSchema, n, 'getStoredTopEvents n');
      return (await figures(bounds(range, 'getStoredTopEvents range'), top)).topEvents;
    },
    async getStoredDashboardData(range) {
      return figures(dashboardRange(range, 'getStoredDashboardData range'));
    },
    async watchStoredDashboardData(range) {
      const follow = !Number.isFinite(bounds(range, 'watchStoredDashboardData range').until);
      const r = dashboardRange(range, 'watchStoredDashboardData range');
      const table = await stored.table();
      let accumulator: FiguresAccumulator | undefined;
      let counted = 0;
      let generation = -1;
      return {
        current() {
          if (table.generation !== generation) {
            // Rows were replaced (the table re-read from the store): count them all again.
            accumulator = createFiguresAccumulator(table, { since: r.since, until: accumulator?.until ?? r.until, offsetMs: offsetMs() }, config.conversionEvent);
            generation = table.generation;
            counted = 0;
          }
          const n = table.length;
          if (follow) {
            let end = clock.now();
            for (let i = counted; i < n; i++) if (table.time[i]! > end) end = table.time[i]!;
            accumulator!.extendUntil(end);
          }
          accumulator!.add(counted, n);
          counted = n;
          return accumulator!.figures();
        },
      };
    },
  };
}
