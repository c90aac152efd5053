import type { SegmentThresholds } from './config';
import { userKeyOf, type AnalyticsEvent } from './types';

export const SEGMENT_NAMES = ['new', 'active', 'high-value', 'at-risk'] as const;
export type SegmentName = (typeof SEGMENT_NAMES)[number];

export interface UserRfm {
  userId: string;
  segment: SegmentName;
  firstSeen: number;
  lastSeen: number;
  /** Days since the last event (recency). */
  recencyDays: number;
  /** Distinct sessions (frequency). */
  sessions: number;
  purchases: number;
  /** Total purchase value (monetary). */
  revenue: number;
}

export type Segments = Record<SegmentName, { count: number; users: UserRfm[] }>;

const DAY = 86_400_000;

/**
 * RFM segments, first match wins: `at-risk` (not seen for `atRiskAfterDays`), `high-value`
 * (revenue or purchases over the thresholds), `new` (first seen within `newUserDays`), else `active`.
 * @example computeSegments(events, 'purchase', thresholds, Date.now())['high-value'].count
 */
export function computeSegments(events: Iterable<AnalyticsEvent>, conversionEvent: string, thresholds: SegmentThresholds, now: number): Segments {
  const users = new Map<string, { firstSeen: number; lastSeen: number; sessions: Set<string>; purchases: number; revenue: number }>();
  for (const event of events) {
    const key = userKeyOf(event);
    let user = users.get(key);
    if (!user) users.set(key, (user = { firstSeen: event.time, lastSeen: event.time, sessions: new Set(), purchases: 0, revenue: 0 }));
    if (event.time < user.firstSeen) user.firstSeen = event.time;
    if (event.time > user.lastSeen) user.lastSeen = event.time;
    user.sessions.add(event.sessionId);
    if (event.event === conversionEvent) {
      user.purchases++;
      const value = Number(event.properties.value ?? event.properties.revenue ?? 0);
      if (Number.isFinite(value)) user.revenue += value;
    }
  }
  const out = emptySegments();
  for (const [userId, user] of users) {
    const rfm = classifyUser({ userId, firstSeen: user.firstSeen, lastSeen: user.lastSeen, sessions: user.sessions.size, purchases: user.purchases, revenue: user.revenue }, thresholds, now);
    out[rfm.segment].count++;
    out[rfm.segment].users.push(rfm);
  }
  sortSegmentUsers(out);
  return out;
}

/** The four segments, empty. */
export function emptySegments(): Segments {
  return Object.fromEntries(SEGMENT_NAMES.map((name) => [name, { count: 0, users: [] as UserRfm[] }])) as Segments;
}

/** Most recently seen first, in every segment. */
export function sortSegmentUsers(segments: Segments): void {
  for (const name of SEGMENT_NAMES) segments[name].users.sort((a, b) => b.lastSeen - a.lastSeen);
}

/**
 * One user's RFM row and segment from their figures (first rule that matches wins).
 * @example classifyUser({ userId: 'u1', firstSeen, lastSeen, sessions: 3, purchases: 0, revenue: 0 }, thresholds, Date.now()).segment
 */
export function classifyUser(figures: Omit<UserRfm, 'segment' | 'recencyDays'>, t: SegmentThresholds, now: number): UserRfm {
  const recencyDays = Math.max(0, (now - figures.lastSeen) / DAY);
  const base = { ...figures, recencyDays: Math.floor(recencyDays) };
  let segment: SegmentName;
  if (recencyDays >= t.atRiskAfterDays) segment = 'at-risk';
  else if (figures.revenue >= t.highValueMinRevenue || figures.purchases >= t.highValueMinPurchases) segment = 'high-value';
  else if (now - figures.firstSeen < t.newUserDays * DAY) segment = 'new';
  else segment = 'active';
  return { userId: base.userId, segment, firstSeen: base.firstSeen, lastSeen: base.lastSeen, recencyDays: base.recencyDays, sessions: base.sessions, purchases: base.purchases, revenue: base.revenue };
}
