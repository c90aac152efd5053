import { describe, expect, it } from 'vitest';
import { isoWeek, selectRetained, type RetentionPolicy } from '../../../src/backup/retention';

const none: RetentionPolicy = { hourly: 0, daily: 0, weekly: 0, monthly: 0 };
const at = (iso: string) => ({ id: iso, createdAt: iso });
const keep = (isos: string[], policy: Partial<RetentionPolicy>) =>
  selectRetained(isos.map(at), { ...none, ...policy }, 'utc').sort();

describe('selectRetained (restic forget semantics)', () => {
  it('keeps the newest backup of each of the last N hours that have one', () => {
    const kept = keep(
      ['2025-03-10T10:05:00Z', '2025-03-10T10:55:00Z', '2025-03-10T11:00:00Z', '2025-03-10T11:59:59Z', '2025-03-10T13:30:00Z'],
      { hourly: 2 },
    );
    // 13:xx and 11:xx are the last two hours with backups (12:xx had none); 10:xx falls out.
    expect(kept).toEqual(['2025-03-10T11:59:59Z', '2025-03-10T13:30:00Z']);
  });

  it('splits days at midnight, not 24 hours apart', () => {
    const kept = keep(['2025-03-09T23:59:59Z', '2025-03-10T00:00:00Z', '2025-03-10T08:00:00Z'], { daily: 2 });
    expect(kept).toEqual(['2025-03-09T23:59:59Z', '2025-03-10T08:00:00Z']);
  });

  it('uses ISO weeks that start on Monday', () => {
    // Sunday 2025-03-09 ends week 10; Monday 2025-03-10 starts week 11.
    const kept = keep(['2025-03-08T12:00:00Z', '2025-03-09T23:00:00Z', '2025-03-10T01:00:00Z'], { weekly: 2 });
    expect(kept).toEqual(['2025-03-09T23:00:00Z', '2025-03-10T01:00:00Z']);
  });

  it('counts the ISO week across the year boundary (2024-12-30 is in 2025-W01)', () => {
    expect(isoWeek(2024, 11, 30)).toBe('2025-W01');
    expect(isoWeek(2025, 0, 5)).toBe('2025-W01');
    expect(isoWeek(2021, 0, 3)).toBe('2020-W53');
    expect(isoWeek(2026, 11, 31)).toBe('2026-W53');
    const kept = keep(['2024-12-28T10:00:00Z', '2024-12-30T10:00:00Z', '2025-01-02T10:00:00Z'], { weekly: 5 });
    // Dec 30 and Jan 2 share 2025-W01: only the newer one stays; Dec 28 is 2024-W52.
    expect(kept).toEqual(['2024-12-28T10:00:00Z', '2025-01-02T10:00:00Z']);
  });

  it('splits months on the calendar month', () => {
    const kept = keep(['2025-01-31T23:00:00Z', '2025-02-01T00:30:00Z', '2025-02-28T09:00:00Z', '2024-12-15T00:00:00Z'], { monthly: 2 });
    expect(kept).toEqual(['2025-01-31T23:00:00Z', '2025-02-28T09:00:00Z']);
  });

  it('keeps the union of every rule', () => {
    const backups = [
      '2025-01-10T09:00:00Z', '2025-02-10T09:00:00Z', '2025-03-01T09:00:00Z',
      '2025-03-09T10:00:00Z', '2025-03-10T09:00:00Z', '2025-03-10T10:00:00Z', '2025-03-10T10:30:00Z',
    ];
    const kept = keep(backups, { hourly: 1, daily: 2, monthly: 3 });
    expect(kept).toEqual([
      '2025-01-10T09:00:00Z', // monthly (January)
      '2025-02-10T09:00:00Z', // monthly (February)
      '2025-03-09T10:00:00Z', // daily (yesterday)
      '2025-03-10T10:30:00Z', // hourly, daily, monthly (March)
    ]);
  });

  it('keeps the newest N with `last` (keep-last), whatever their period', () => {
    const backups = ['2025-03-10T10:01:00Z', '2025-03-10T10:02:00Z', '2025-03-10T10:03:00Z', '2025-03-10T10:04:00Z'];
    expect(keep(backups, { last: 2 })).toEqual(['2025-03-10T10:03:00Z', '2025-03-10T10:04:00Z']);
    expect(keep(backups, { last: 2, hourly: 5 })).toEqual(['2025-03-10T10:03:00Z', '2025-03-10T10:04:00Z']);
    expect(keep(backups, { last: 1, daily: 1 })).toEqual(['2025-03-10T10:04:00Z']);
  });

  it('never drops everything when the policy keeps nothing', () => {
    expect(keep(['2025-03-10T10:01:00Z', '2025-03-11T10:01:00Z'], {})).toHaveLength(2);
  });

  it('does not depend on the input order and accepts numbers and Dates', () => {
    const backups = [
      { id: 'a', createdAt: Date.parse('2025-03-10T10:00:00Z') },
      { id: 'b', createdAt: new Date('2025-03-11T10:00:00Z') },
      { id: 'c', createdAt: '2025-03-12T10:00:00Z' },
    ];
    const forward = selectRetained(backups, { ...none, daily: 2 }, 'utc');
    const backward = selectRetained([...backups].reverse(), { ...none, daily: 2 }, 'utc');
    expect(forward).toEqual(['c', 'b']);
    expect(backward).toEqual(forward);
  });

  it('keeps the seed policy (24 hourly, 7 daily, 4 weekly, 12 monthly) over a year of hourly backups', () => {
    const start = Date.parse('2024-01-01T00:00:00Z');
    const backups = Array.from({ length: 366 * 24 }, (_, i) => ({ id: String(i), createdAt: start + i * 3_600_000 }));
    const kept = selectRetained(backups, { last: 10, hourly: 24, daily: 7, weekly: 4, monthly: 12 }, 'utc');
    // 24 hourly (covering the 10 newest) + 6 more days + 3 more weeks + 11 more months, minus overlaps.
    expect(kept.length).toBeGreaterThanOrEqual(24 + 6 + 2 + 10);
    expect(kept.length).toBeLessThanOrEqual(24 + 7 + 4 + 12);
    expect(kept).toContain(String(backups.length - 1));
  });
});
