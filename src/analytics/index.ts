/**
 * Real-time analytics: Segment-shaped events, sessions, auto-tracking, live figures, funnels,
 * cohorts, RFM segments and exports, all in the browser (see docs/analytics.md).
 * @example
 * const analytics = createRealtimeAnalytics(ctx);
 * await analytics.ready;
 * analytics.trackConversion('purchase', 100000, { orderId: '1234', items: 3 });
 */
export { createRealtimeAnalytics } from './analytics';
export type { RealtimeAnalytics } from './analytics';
export type { Analyses, Range, TimeInput } from './analyses';
export type { StoredAnalyses, StoredFiguresWatch } from './stored-analyses';
export { summarizeVital, WEB_VITAL_THRESHOLDS } from './stored-figures';
export { computeStoredFigures, createFiguresAccumulator, type FiguresAccumulator } from './figures-accumulator';
export type { StoredFigures, DailyFigures, VitalSummary, ErrorSummary } from './stored-figures';
export { createEventTable, columnsOfBatch } from './event-columns';
export type { EventTable } from './event-columns';
export { computeTableFunnel, computeTableCohorts, computeTableSegments } from './table-analyses';
export type { LiveQueries, DashboardData, EventCallback, EventFilter } from './live';
export { parseAnalyticsConfig } from './config';
export { AnalyticsConfigSchema } from './config-schema';
export type { AnalyticsConfig, AnalyticsConfigInput } from './config';
export { computeFunnel } from './funnel';
export type { FunnelOptions, FunnelResult, FunnelStepResult, FunnelEventInput } from './funnel';
export { computeCohorts } from './cohorts';
export type { CohortData, CohortRow, CohortPeriod } from './cohorts';
export { computeSegments, SEGMENT_NAMES } from './segments';
export type { SegmentName, Segments, UserRfm } from './segments';
export { csvCell, toCsv } from './export';
export type { Overview, TopPage, TopEvent } from './metrics';
export { EVENT_NAMES } from './types';
export type { AnalyticsEvent, EventContext, PageContext, Properties, SessionRecord } from './types';
export { createAnalyticsCore } from './core';
export type { AnalyticsCore, AnalyticsTracker } from './core';
