import type * as z from 'zod/mini';
import { boolean, check, number, object, optional, record, string, withDefault, type Guard } from '../core/guards';
import type { AnalyticsConfigSchema, SegmentThresholdsSchema } from './config-schema';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The `realtimeAnalytics` config section, as `AnalyticsConfigSchema` (./config-schema.ts) gives it. */
export type AnalyticsConfig = z.output<typeof AnalyticsConfigSchema>;
export type AnalyticsConfigInput = z.input<typeof AnalyticsConfigSchema>;
export type SegmentThresholds = z.output<typeof SegmentThresholdsSchema>;

const positiveInt = (min: number, max: number): Guard<number> => number({ int: true, min, max });

// AnalyticsConfigSchema, checked by hand: the tracker reads its config on every page.
const autoTrack = object({
  pageViews: withDefault(boolean, true),
  clicks: withDefault(boolean, true),
  forms: withDefault(boolean, true),
  scroll: withDefault(boolean, true),
  performance: withDefault(boolean, true),
  errors: withDefault(boolean, true),
});
const segments = object({
  newUserDays: withDefault(positiveInt(1, 365), 7),
  atRiskAfterDays: withDefault(positiveInt(1, 3650), 14),
  highValueMinRevenue: withDefault(number({ min: 0 }), 300_000),
  highValueMinPurchases: withDefault(positiveInt(1, 10_000), 3),
});
const AnalyticsConfigGuard: Guard<AnalyticsConfig> = object({
  enabled: withDefault(boolean, true),
  bufferSize: withDefault(positiveInt(100, 1_000_000), 20_000),
  autoTrack: withDefault(autoTrack, autoTrack({}, [], [])),
  sessionTimeoutMs: withDefault(positiveInt(MINUTE, DAY), 30 * MINUTE),
  sessionMaxMs: withDefault(positiveInt(MINUTE, 7 * DAY), DAY),
  activeWindowMs: withDefault(positiveInt(10_000, DAY), 5 * MINUTE),
  overviewWindowMs: withDefault(positiveInt(MINUTE, 365 * DAY), DAY),
  maxStoredEvents: withDefault(positiveInt(1000, 5_000_000), 200_000),
  maxEventAgeDays: withDefault(positiveInt(1, 3650), 90),
  flushIntervalMs: withDefault(positiveInt(50, MINUTE), 1000),
  flushAt: withDefault(positiveInt(1, 10_000), 200),
  slowResourceMs: withDefault(positiveInt(1, 120_000), 1000),
  respectDoNotTrack: withDefault(boolean, true),
  conversionEvent: withDefault(string({ min: 1, max: 100 }), 'purchase'),
  currency: withDefault(string({ pattern: /^[A-Z]{3}$/ }), 'COP'),
  utcOffsetMinutes: optional(number({ int: true, min: -840, max: 840 })),
  segments: withDefault(segments, segments({}, [], [])),
  endpoint: optional(string({ min: 1, max: 2000, pattern: /^(\/(?!\/)|https?:\/\/)/ })),
  endpointHeaders: withDefault(record(string()), {}),
  sendIntervalMs: withDefault(positiveInt(100, 10 * MINUTE), 5000),
  sendAt: withDefault(positiveInt(1, 10_000), 100),
  maxBatchEvents: withDefault(positiveInt(1, 10_000), 500),
  retryBaseMs: withDefault(positiveInt(10, 10 * MINUTE), 2000),
  retryMaxMs: withDefault(positiveInt(100, DAY), 10 * MINUTE),
});

/**
 * Validates the `realtimeAnalytics` section as `AnalyticsConfigSchema` does (defaults filled in),
 * or throws a `VALIDATION` ChatbotError naming what is wrong.
 * @example parseAnalyticsConfig({ bufferSize: 5000 }).sessionTimeoutMs // 1_800_000
 */
export function parseAnalyticsConfig(section: unknown): AnalyticsConfig {
  return check(AnalyticsConfigGuard, section ?? {}, 'realtimeAnalytics config');
}

export const TIME = { MINUTE, DAY } as const;
