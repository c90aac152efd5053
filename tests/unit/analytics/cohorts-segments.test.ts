import { describe, expect, it } from 'vitest';
import { computeCohorts, computeSegments, parseAnalyticsConfig } from '../../../src/analytics';
import { ev, T0 } from './harness';

const DAY = 86_400_000;
const user = (id: string) => ({ userId: id });

describe('computeCohorts', () => {
  it('builds a daily retention matrix from each user first day', () => {
    const events = [
      ev('page_view', T0, 'a1', user('ana')), ev('page_view', T0 + DAY, 'a2', user('ana')), ev('page_view', T0 + 2 * DAY, 'a3', user('ana')),
      ev('page_view', T0 + 3600_000, 'b1', user('beto')), ev('page_view', T0 + 2 * DAY, 'b2', user('beto')),
      ev('page_view', T0 + DAY, 'c1', user('caro')),
    ];
    const data = computeCohorts(events, 'page_view', 'day');
    expect(data.cohorts).toEqual([
      { cohort: '2025-01-15', size: 2, counts: [2, 1, 2], retention: [1, 0.5, 1] },
      { cohort: '2025-01-16', size: 1, counts: [1, 0], retention: [1, 0] },
    ]);
  });

  it('counts only the chosen event for retention, but any event defines the cohort', () => {
    const events = [ev('click', T0, 'a', user('ana')), ev('purchase', T0 + 8 * DAY, 'b', user('ana'))];
    const data = computeCohorts(events, 'purchase', 'week');
    expect(data.cohorts).toEqual([{ cohort: '2025-01-13', size: 1, counts: [0, 1], retention: [0, 1] }]);
  });

  it('uses calendar months and the configured UTC offset', () => {
    // 2025-01-31 23:00 in Bogotá is already February in UTC.
    const lateJanuary = Date.parse('2025-02-01T04:00:00Z');
    const events = [ev('page_view', lateJanuary, 'a', user('ana')), ev('page_view', lateJanuary + 2 * DAY, 'b', user('ana'))];
    expect(computeCohorts(events, 'page_view', 'month', -5 * 3600_000).cohorts[0]).toMatchObject({ cohort: '2025-01-01', counts: [1, 1] });
    expect(computeCohorts(events, 'page_view', 'month', 0).cohorts[0]).toMatchObject({ cohort: '2025-02-01', counts: [1] });
  });
});

describe('computeSegments (RFM)', () => {
  const thresholds = parseAnalyticsConfig({}).segments;
  const now = T0 + 60 * DAY;

  it('puts each user in new, active, high-value or at-risk', () => {
    const events = [
      ev('page_view', now - 2 * DAY, 'n1', user('nueva')),
      ev('page_view', now - 40 * DAY, 'a1', user('activo')), ev('page_view', now - DAY, 'a2', user('activo')),
      ev('purchase', now - 3 * DAY, 'h1', { ...user('vip'), properties: { value: 450_000 } }),
      ev('purchase', now - 50 * DAY, 'r1', { ...user('dormido'), properties: { value: 900_000 } }),
      ev('page_view', now - 20 * DAY, 'r2', user('dormido')),
    ];
    const segments = computeSegments(events, 'purchase', thresholds, now);
    expect(segments.new.users.map((u) => u.userId)).toEqual(['nueva']);
    expect(segments.active.users.map((u) => u.userId)).toEqual(['activo']);
    expect(segments['high-value'].users.map((u) => u.userId)).toEqual(['vip']);
    expect(segments['at-risk'].users.map((u) => u.userId)).toEqual(['dormido']);
    expect(segments['high-value'].users[0]).toMatchObject({ purchases: 1, revenue: 450_000, sessions: 1, recencyDays: 3 });
    expect(segments.active.users[0]).toMatchObject({ sessions: 2, recencyDays: 1 });
  });

  it('makes frequent buyers high-value by purchase count', () => {
    const events = [1, 2, 3].map((d) => ev('purchase', now - d * DAY, `s${d}`, { ...user('fiel'), properties: { value: 10_000 } }));
    expect(computeSegments(events, 'purchase', thresholds, now)['high-value'].count).toBe(1);
  });
});
