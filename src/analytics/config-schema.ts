import * as z from 'zod/mini';
import { TIME } from './config';

const { MINUTE, DAY } = TIME;

const positiveInt = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));

/** Which automatic trackers run (each can be switched off). */
export const AutoTrackSchema = z.object({
  pageViews: z._default(z.boolean(), true),
  clicks: z._default(z.boolean(), true),
  forms: z._default(z.boolean(), true),
  scroll: z._default(z.boolean(), true),
  performance: z._default(z.boolean(), true),
  errors: z._default(z.boolean(), true),
});

/** RFM thresholds for `getSegments()`. */
export const SegmentThresholdsSchema = z.object({
  /** A user first seen less than this many days ago is `new`. */
  newUserDays: z._default(positiveInt(1, 365), 7),
  /** A user not seen for this many days is `at-risk`. */
  atRiskAfterDays: z._default(positiveInt(1, 3650), 14),
  /** Total purchase value (store currency) from which a user is `high-value`. */
  highValueMinRevenue: z._default(z.number().check(z.minimum(0)), 300_000),
  /** …or this many purchases. */
  highValueMinPurchases: z._default(positiveInt(1, 10_000), 3),
});

/**
 * The `realtimeAnalytics` config section. Every field has a default. The tracker reads it on
 * every page with `parseAnalyticsConfig` (the same rules by hand, keeping zod out of what every
 * page downloads; a unit test holds the two together).
 * @example createSystem({ realtimeAnalytics: { endpoint: '/collect', bufferSize: 5000 } })
 */
export const AnalyticsConfigSchema = z.object({
  enabled: z._default(z.boolean(), true),
  /** Events kept in memory for the live figures and the synchronous analyses. */
  bufferSize: z._default(positiveInt(100, 1_000_000), 20_000),
  autoTrack: z._default(AutoTrackSchema, AutoTrackSchema.parse({})),
  sessionTimeoutMs: z._default(positiveInt(MINUTE, DAY), 30 * MINUTE),
  sessionMaxMs: z._default(positiveInt(MINUTE, 7 * DAY), DAY),
  /** "Active now" and "current page views" look this far back. */
  activeWindowMs: z._default(positiveInt(10_000, DAY), 5 * MINUTE),
  /** The dashboard overview covers this period. */
  overviewWindowMs: z._default(positiveInt(MINUTE, 365 * DAY), DAY),
  /** IndexedDB bounds: the oldest batches go first. */
  maxStoredEvents: z._default(positiveInt(1000, 5_000_000), 200_000),
  maxEventAgeDays: z._default(positiveInt(1, 3650), 90),
  /** Events are written in one IndexedDB record per batch: at most this often, or when this many wait. */
  flushIntervalMs: z._default(positiveInt(50, MINUTE), 1000),
  flushAt: z._default(positiveInt(1, 10_000), 200),
  /** Resources slower than this are tracked as `slow_resource`. */
  slowResourceMs: z._default(positiveInt(1, 120_000), 1000),
  respectDoNotTrack: z._default(z.boolean(), true),
  conversionEvent: z._default(z.string().check(z.minLength(1), z.maxLength(100)), 'purchase'),
  currency: z._default(z.string().check(z.regex(/^[A-Z]{3}$/)), 'COP'),
  /** Offset from UTC used for cohort periods (Colombia: -300). Defaults to the browser's. */
  utcOffsetMinutes: z.optional(z.int().check(z.minimum(-840), z.maximum(840))),
  segments: z._default(SegmentThresholdsSchema, SegmentThresholdsSchema.parse({})),
  /** Optional Segment-compatible collector (`POST { batch, sentAt }`). Same-origin or absolute http(s). */
  endpoint: z.optional(z.string().check(z.minLength(1), z.maxLength(2000), z.regex(/^(\/(?!\/)|https?:\/\/)/))),
  /** Extra headers for the endpoint (e.g. Authorization for a write key). */
  endpointHeaders: z._default(z.record(z.string(), z.string()), {}),
  sendIntervalMs: z._default(positiveInt(100, 10 * MINUTE), 5000),
  sendAt: z._default(positiveInt(1, 10_000), 100),
  /** Most events in one request (Segment accepts ~500 KB per batch). */
  maxBatchEvents: z._default(positiveInt(1, 10_000), 500),
  retryBaseMs: z._default(positiveInt(10, 10 * MINUTE), 2000),
  retryMaxMs: z._default(positiveInt(100, DAY), 10 * MINUTE),
});
