/*
 * The event and session records are defined with the database schema in storage (events are
 * stored in batches and queued for the endpoint as they are).
 */
export type { EventType, PageContext, EventContext, Properties, AnalyticsEvent, SessionRecord } from '../storage';
import type { AnalyticsEvent } from '../storage';

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
