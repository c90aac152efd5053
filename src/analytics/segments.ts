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
  const out = Object.fromEntries(SEGMENT_NAMES.map((name) => [name, { count: 0, users: [] as UserRfm[] }])) as Segments;
  for (const [userId, user] of users) {
    const recencyDays = Math.max(0, (now - user.lastSeen) / DAY);
    const rfm: Omit<UserRfm, 'segment'> = {
      userId,
      firstSeen: user.firstSeen,
      lastSeen: user.lastSeen,
      recencyDays: Math.floor(recencyDays),
      sessions: user.sessions.size,
      purchases: user.purchases,
      revenue: user.revenue,
    };
    const segment = classify(rfm, recencyDays, thresholds, now);
    out[segment].count++;
    out[segment].users.push({ ...rfm, segment });
  }
  for (const name of SEGMENT_NAMES) out[name].users.sort((a, b) => b.lastSeen - a.lastSeen);
  return out;
}

function classify(user: Omit<UserRfm, 'segment'>, recencyDays: number, t: SegmentThresholds, now: number): SegmentName {
  if (recencyDays >= t.atRiskAfterDays) return 'at-risk';
  if (user.revenue >= t.highValueMinRevenue || user.purchases >= t.highValueMinPurchases) return 'high-value';
  if (now - user.firstSeen < t.newUserDays * DAY) return 'new';
  return 'active';
}
