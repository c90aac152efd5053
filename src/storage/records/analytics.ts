/**
 * What the analytics module stores. Events follow the Segment spec
 * (https://segment.com/docs/connections/spec/common/) so a batch can go to Segment, RudderStack or
 * any compatible collector unchanged, plus `sessionId` and a numeric `time` (ms) that the
 * in-browser analyses read without parsing dates.
 */
export type EventType = 'track' | 'page' | 'identify';

export interface PageContext {
  path: string;
  url: string;
  title: string;
  referrer: string;
  search: string;
}

export interface EventContext {
  page: PageContext;
  userAgent: string;
  locale: string;
  library: { name: string; version: string };
}

export type Properties = Record<string, unknown>;

export interface AnalyticsEvent {
  type: EventType;
  /** The event name (`page_view` for page calls, `identify` for identify calls). */
  event: string;
  /** Same as `event`; the seed's subscribers read `data.name`. */
  name: string;
  properties: Properties;
  traits?: Properties;
  userId: string | null;
  anonymousId: string;
  messageId: string;
  /** ISO 8601, as Segment expects. */
  timestamp: string;
  /** `timestamp` in ms since the epoch. */
  time: number;
  sessionId: string;
  context: EventContext;
}

/** An event as a Segment-compatible endpoint receives it (without the numeric `time`). */
export type SegmentEvent = Omit<AnalyticsEvent, 'time'>;

/** A session (store `sessions`, index `byStarted`). */
export interface SessionRecord {
  id: string;
  anonymousId: string;
  userId: string | null;
  startedAt: number;
  lastActivityAt: number;
  endedAt: number | null;
  durationMs: number;
  endReason: 'inactivity' | 'max_duration' | null;
}

/**
 * Events on disk: one `events` record per flushed batch (per-record IndexedDB cost dominates:
 * ~1,000 single puts/s against ~370,000 events/s packed 100 per value), stored by column.
 * Objects with a dozen keys would store those keys again for every event. Columns store each
 * distinct string once (a table of strings plus Int32Array indexes), times as a Float64Array, and
 * each distinct `context` once. This makes batches about half the size and much faster to read
 * back.
 */
export interface EventBatchRecord {
  id: string;
  format: 2;
  firstAt: number;
  lastAt: number;
  count: number;
  contexts: EventContext[];
  /** Distinct strings of the columns below (types, names, user, anonymous and session ids). */
  strings: string[];
  type: Int32Array;
  event: Int32Array;
  /** -1 for no user id. */
  userId: Int32Array;
  anonymousId: Int32Array;
  sessionId: Int32Array;
  context: Int32Array;
  time: Float64Array;
  messageId: string[];
  timestamp: string[];
  properties: Properties[];
  /** Only identify events have traits: [event index, traits] pairs. */
  traits: Array<[number, Properties]>;
}

/**
 * The analyses' copy of one `events` batch (store `eventColumns`, same id): only the fields the
 * funnels, cohorts, segments and dashboard figures read, every one a typed array indexing one table
 * of distinct strings (names, users, sessions, pages). Reading it back clones typed arrays only,
 * never the batch's property objects, which is what makes analyses over every stored event fast.
 * Derived data: analytics rebuilds it from the batch whenever the two disagree.
 */
export interface EventColumnsRecord {
  id: string;
  format: 1;
  firstAt: number;
  lastAt: number;
  /** Events of the batch this copy was made from (a rewritten batch has more). */
  count: number;
  /** Distinct strings the columns below index. */
  strings: string[];
  event: Int32Array;
  /** The user an event counts for: the user id, else the anonymous id. */
  user: Int32Array;
  anonymousId: Int32Array;
  sessionId: Int32Array;
  /** The page's path and title (from the event's context). */
  page: Int32Array;
  title: Int32Array;
  time: Float64Array;
  /** `properties.value` (conversion value, Web Vital value), NaN when absent. */
  value: Float64Array;
  /** The Web Vital's metric, the error's "name: message", else -1. */
  label: Int32Array;
  /**
   * Set on a segment (id `seg_…`): the copies of several batches in one record, in order, as
   * [batch id, events]. One large record reads far faster than hundreds of small ones.
   */
  parts?: Array<[string, number]>;
  /**
   * Set on what stays under a batch's id once its copy is joined into that segment: no columns,
   * only the id, times and count (so that background copying sees the batch as copied).
   */
  joined?: string;
}

/** A batch of events waiting for the analytics endpoint (store `outbox`). */
export interface AnalyticsOutboxRecord {
  id: string;
  kind: 'analytics-batch';
  createdAt: number;
  endpoint: string;
  events: SegmentEvent[];
  attempts: number;
  nextAttemptAt: number;
}

/** kv keys of the analytics module. */
export const ANALYTICS_KV = {
  identity: 'analytics:identity',
  consent: 'analytics:consent',
  /** The session every tab shares now (merged with `update`, so two tabs converge on one). */
  session: 'analytics:session',
} as const;

/** Who the events belong to, the same in every tab. */
export interface IdentityRecord {
  id: typeof ANALYTICS_KV.identity;
  anonymousId: string;
  userId: string | null;
  traits: Properties;
}

export interface ConsentRecord {
  id: typeof ANALYTICS_KV.consent;
  optedOut: boolean;
}

export interface SessionPointerRecord {
  id: typeof ANALYTICS_KV.session;
  sessionId: string;
  startedAt: number;
  lastActivityAt: number;
}

export type AnalyticsKvRecord = IdentityRecord | ConsentRecord | SessionPointerRecord;
