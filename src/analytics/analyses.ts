import type { Clock } from '../core/clock';
import { ChatbotError } from '../core/errors';
import { validate } from '../core/validate';
import type { ChatbotStorage } from '../storage';
import type { EventBuffer } from './buffer';
import { computeCohorts, type CohortData } from './cohorts';
import type { AnalyticsConfig } from './config';
import { loadBatches, loadEventsBetween } from './event-log';
import { toCsv, toJson } from './export';
import { computeFunnel, type FunnelResult } from './funnel';
import * as Q from './query-schemas';
import * as S from './schemas';
import { computeSegments, type SegmentName, type Segments } from './segments';
import type { AnalyticsEvent } from './types';

export type TimeInput = number | Date | string;
export interface Range {
  since?: TimeInput;
  until?: TimeInput;
}

/**
 * Analyses over the in-memory window (the newest `bufferSize` events), synchronous as the seed
 * calls them; `exportStoredData` reads every stored event from IndexedDB instead.
 * @example realtimeAnalytics.analyzeFunnel(['page_view', 'add_to_cart', 'purchase'], { by: 'user', windowMs: 86_400_000 })
 */
export interface Analyses {
  analyzeFunnel(steps: string[], options?: { by?: 'session' | 'user'; windowMs?: number } & Range): FunnelResult;
  getCohortData(eventName: string, period?: 'day' | 'week' | 'month'): CohortData;
  getSegments(): Segments;
  /** The RFM segment of a user (identified id or anonymous id), or null if unseen. Default: the current user. */
  getUserSegment(userId?: string): SegmentName | null;
  exportData(format?: 'json' | 'csv', range?: Range): string;
  exportStoredData(format?: 'json' | 'csv', range?: Range): Promise<string>;
  /**
   * Every stored event in the range (default: all), oldest first, only those named in `names` when given.
   * @example const clicks = await realtimeAnalytics.getStoredEvents({ since: '2025-01-01' }, ['notification_clicked']);
   */
  getStoredEvents(range?: Range, names?: string[]): Promise<AnalyticsEvent[]>;
}

const range = (value: unknown, what: string): { since?: number; until?: number } => {
  const parsed = validate(Q.RangeSchema, value, what) ?? {};
  const since = Q.toTime(parsed.since);
  const until = Q.toTime(parsed.until);
  if (Number.isNaN(since) || Number.isNaN(until)) throw new ChatbotError('VALIDATION', `${what}: since/until must be dates`);
  return { ...(since !== undefined ? { since } : {}), ...(until !== undefined ? { until } : {}) };
};

export function createAnalyses(
  buffer: EventBuffer, storage: ChatbotStorage, config: AnalyticsConfig, clock: Clock, currentUser: () => string,
  findBatches?: (names: string[], since: number, until: number) => Promise<string[]>,
): Analyses {
  const offsetMs = (): number => (config.utcOffsetMinutes ?? -new Date(clock.now()).getTimezoneOffset()) * 60_000;
  const inRange = (events: AnalyticsEvent[], r: { since?: number; until?: number }): AnalyticsEvent[] =>
    events.filter((e) => (r.since === undefined || e.time >= r.since) && (r.until === undefined || e.time <= r.until));
  const segments = (): Segments => computeSegments(buffer.toArray(), config.conversionEvent, config.segments, clock.now());

  return {
    analyzeFunnel(steps, options) {
      const list = validate(Q.FunnelStepsSchema, steps, 'analyzeFunnel steps');
      const opts = validate(Q.FunnelOptionsSchema, options, 'analyzeFunnel options') ?? {};
      const r = range({ since: opts.since, until: opts.until }, 'analyzeFunnel options');
      return computeFunnel(buffer.toArray(), list, { by: opts.by ?? 'session', ...(opts.windowMs !== undefined ? { windowMs: opts.windowMs } : {}), ...r });
    },
    getCohortData(eventName, period) {
      const name = validate(S.EventNameSchema, eventName, 'getCohortData eventName');
      const p = validate(Q.CohortPeriodSchema, period, 'getCohortData period');
      return computeCohorts(buffer.toArray(), name, p, offsetMs());
    },
    getSegments: segments,
    getUserSegment(userId) {
      const id = userId === undefined ? currentUser() : validate(S.UserIdSchema, userId, 'getUserSegment userId');
      for (const [name, segment] of Object.entries(segments()) as Array<[SegmentName, Segments[SegmentName]]>) {
        if (segment.users.some((u) => u.userId === id)) return name;
      }
      return null;
    },
    exportData(format, r) {
      const f = validate(Q.ExportFormatSchema, format, 'exportData format');
      const bounds = range(r, 'exportData range');
      const events = inRange(buffer.toArray(), bounds);
      return f === 'csv' ? toCsv(events) : toJson(events, clock.now(), bounds.since, bounds.until);
    },
    async exportStoredData(format, r) {
      const f = validate(Q.ExportFormatSchema, format, 'exportStoredData format');
      const bounds = range(r, 'exportStoredData range');
      const events = await loadEventsBetween(storage, bounds.since ?? 0, bounds.until ?? Number.MAX_SAFE_INTEGER);
      return f === 'csv' ? toCsv(events) : toJson(events, clock.now(), bounds.since, bounds.until);
    },
    async getStoredEvents(r, names) {
      const bounds = range(r, 'getStoredEvents range');
      const since = bounds.since ?? 0;
      const until = bounds.until ?? Number.MAX_SAFE_INTEGER;
      if (names === undefined) return loadEventsBetween(storage, since, until);
      const only = new Set(validate(Q.EventNamesSchema, names, 'getStoredEvents names'));
      // The columnar copies say which batches hold these names: only those are read whole.
      const ids = findBatches ? await findBatches([...only], since, until) : null;
      const events = ids ? await loadBatches(storage, ids) : await loadEventsBetween(storage, since, until);
      return events.filter((e) => only.has(e.event) && e.time >= since && e.time <= until);
    },
  };
}
