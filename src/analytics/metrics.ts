import { formatDuration, formatPercent } from '../core/format';
import type { EventBuffer } from './buffer';
import { EVENT_NAMES, NON_INTERACTION_EVENTS, type AnalyticsEvent } from './types';

export interface TopPage {
  path: string;
  title: string;
  views: number;
  visitors: number;
}

export interface TopEvent {
  event: string;
  count: number;
}

export interface Overview {
  activeUsers: number;
  pageViews: number;
  uniqueVisitors: number;
  avgSessionDuration: string;
  bounceRate: string;
  conversionRate: string;
}

/** The raw figures behind the overview (numbers, for tests and custom displays). */
export interface OverviewFigures {
  pageViews: number;
  uniqueVisitors: number;
  sessions: number;
  avgSessionDurationMs: number;
  bounces: number;
  bounceRate: number;
  conversions: number;
  conversionRate: number;
  topPages: TopPage[];
  topEvents: TopEvent[];
}

interface SessionAcc {
  first: number;
  last: number;
  pageViews: number;
  interactive: boolean;
  converted: boolean;
}

/** A bounce: a session with exactly one page view and no interaction event. */
export const isBounce = (pageViews: number, interactive: boolean): boolean => pageViews === 1 && !interactive;

/**
 * The overview's session figures from their counts (the in-memory and the stored analyses gather
 * the counts their own way, and share these definitions).
 * @example sessionFigures(10, 600_000, 4, 1).bounceRate // 0.4
 */
export function sessionFigures(sessions: number, durationMs: number, bounces: number, conversions: number): Pick<OverviewFigures, 'sessions' | 'avgSessionDurationMs' | 'bounces' | 'bounceRate' | 'conversions' | 'conversionRate'> {
  return {
    sessions,
    avgSessionDurationMs: sessions === 0 ? 0 : durationMs / sessions,
    bounces,
    bounceRate: sessions === 0 ? 0 : bounces / sessions,
    conversions,
    conversionRate: sessions === 0 ? 0 : conversions / sessions,
  };
}

/**
 * One pass over the events since `from`:
 * - bounce rate = sessions with exactly one page view and no interaction event / sessions;
 * - conversion rate = sessions with a `conversionEvent` / sessions;
 * - session duration = last event − first event of the session (within the period).
 * @example computeOverview(buffer, Date.now() - 86_400_000, 'purchase', 10).bounceRate
 */
export function computeOverview(buffer: EventBuffer, from: number, conversionEvent: string, top: number): OverviewFigures {
  let pageViews = 0;
  const visitors = new Set<string>();
  const sessions = new Map<string, SessionAcc>();
  const pages = new Map<string, { title: string; views: number; visitors: Set<string> }>();
  const events = new Map<string, { count: number }>();
  // Neighbouring events mostly share their session and visitor: skip those hash lookups.
  let lastSessionId: string | undefined;
  let session: SessionAcc | undefined;
  let lastVisitor: string | undefined;
  buffer.forEachSince(from, (e) => {
    if (e.anonymousId !== lastVisitor) {
      lastVisitor = e.anonymousId;
      visitors.add(lastVisitor);
    }
    const counter = events.get(e.event);
    if (counter) counter.count++;
    else events.set(e.event, { count: 1 });
    if (e.sessionId !== lastSessionId || !session) {
      lastSessionId = e.sessionId;
      session = sessions.get(e.sessionId);
      if (!session) sessions.set(e.sessionId, (session = { first: e.time, last: e.time, pageViews: 0, interactive: false, converted: false }));
    }
    if (e.time < session.first) session.first = e.time;
    if (e.time > session.last) session.last = e.time;
    if (e.event === EVENT_NAMES.pageView) {
      pageViews++;
      session.pageViews++;
      const path = e.context.page.path;
      let page = pages.get(path);
      if (!page) pages.set(path, (page = { title: e.context.page.title, views: 0, visitors: new Set() }));
      page.views++;
      page.visitors.add(e.anonymousId);
    } else if (!NON_INTERACTION_EVENTS.has(e.event)) {
      session.interactive = true;
    }
    if (e.event === conversionEvent) session.converted = true;
  });
  let duration = 0;
  let bounces = 0;
  let conversions = 0;
  for (const s of sessions.values()) {
    duration += s.last - s.first;
    if (isBounce(s.pageViews, s.interactive)) bounces++;
    if (s.converted) conversions++;
  }
  return {
    pageViews,
    uniqueVisitors: visitors.size,
    ...sessionFigures(sessions.size, duration, bounces, conversions),
    topPages: [...pages.entries()]
      .map(([path, p]) => ({ path, title: p.title, views: p.views, visitors: p.visitors.size }))
      .sort((a, b) => b.views - a.views || a.path.localeCompare(b.path))
      .slice(0, top),
    topEvents: [...events.entries()]
      .map(([event, n]) => ({ event, count: n.count }))
      .sort((a, b) => b.count - a.count || a.event.localeCompare(b.event))
      .slice(0, top),
  };
}

/** The overview in the seed's display formats ('3m 25s', '35.5%'). */
export function formatOverview(figures: OverviewFigures, activeUsers: number): Overview {
  return {
    activeUsers,
    pageViews: figures.pageViews,
    uniqueVisitors: figures.uniqueVisitors,
    avgSessionDuration: formatDuration(figures.avgSessionDurationMs),
    bounceRate: formatPercent(figures.bounceRate),
    conversionRate: formatPercent(figures.conversionRate),
  };
}

/**
 * Distinct users with an event since `from`, plus `extra` ones (other tabs' presence). An
 * anonymous id that was identified in the period counts as its user, not as one more person.
 */
export function activeUsersSince(buffer: EventBuffer, from: number, extra: Iterable<Pick<AnalyticsEvent, 'userId' | 'anonymousId'>> = []): number {
  const users = new Set<string>();
  const anonymous = new Set<string>();
  const identified = new Set<string>();
  const add = (e: Pick<AnalyticsEvent, 'userId' | 'anonymousId'>): void => {
    if (e.userId) {
      users.add(e.userId);
      identified.add(e.anonymousId);
    } else anonymous.add(e.anonymousId);
  };
  for (const e of extra) add(e);
  buffer.forEachSince(from, add);
  for (const id of anonymous) if (!identified.has(id)) users.add(id);
  return users.size;
}
