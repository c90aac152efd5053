/**
 * Events follow the Segment spec (https://segment.com/docs/connections/spec/common/) so a batch
 * can go to Segment, RudderStack or any compatible collector unchanged, plus `sessionId` and a
 * numeric `time` (ms) that the in-browser analyses read without parsing dates.
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

/** A session as stored in the `sessions` store. */
export interface SessionRecord {
  [field: string]: unknown;
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
 * Names of the events the module produces itself.
 * @example realtimeAnalytics.analyzeFunnel([EVENT_NAMES.pageView, EVENT_NAMES.addToCart, 'purchase'])
 */
export const EVENT_NAMES = {
  pageView: 'page_view',
  click: 'click',
  formSubmit: 'form_submit',
  scroll: 'scroll_depth',
  webVital: 'web_vital',
  slowResource: 'slow_resource',
  pageLoad: 'page_load',
  error: 'error',
  sessionStart: 'session_start',
  sessionEnd: 'session_end',
  identify: 'identify',
  search: 'search',
  productView: 'product_view',
  addToCart: 'add_to_cart',
  removeFromCart: 'remove_from_cart',
} as const;

/**
 * Events that are not a visitor's interaction: a session with one page view and only these
 * is a bounce (Plausible and GA4 likewise ignore scroll and technical events).
 */
export const NON_INTERACTION_EVENTS: ReadonlySet<string> = new Set([
  EVENT_NAMES.pageView,
  EVENT_NAMES.scroll,
  EVENT_NAMES.webVital,
  EVENT_NAMES.slowResource,
  EVENT_NAMES.pageLoad,
  EVENT_NAMES.error,
  EVENT_NAMES.sessionStart,
  EVENT_NAMES.sessionEnd,
  EVENT_NAMES.identify,
]);

/**
 * The user an event belongs to: the identified user, else the browser's anonymous id.
 * @example userKeyOf({ userId: null, anonymousId: 'a1' }) // 'a1'
 */
export function userKeyOf(event: Pick<AnalyticsEvent, 'userId' | 'anonymousId'>): string {
  return event.userId ?? event.anonymousId;
}
