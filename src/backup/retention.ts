import { toEpochMs } from '../core/time';

/**
 * Retention with restic's `forget` semantics, as one pure function.
 *
 * Backups are walked newest first. For each rule (last, hourly, daily, weekly, monthly) a backup
 * is kept when it is the newest one of a calendar period not seen yet for that rule and the rule
 * still has budget. A backup kept by any rule is kept (the rules are a union). `last` is restic's
 * `--keep-last`: the newest N, whatever their period.
 */
export interface RetentionPolicy {
  /** Keep the newest N backups (`autoBackup.maxBackups`). */
  last?: number;
  hourly: number;
  daily: number;
  weekly: number;
  monthly: number;
}

export interface RetainableBackup {
  id: string;
  createdAt: number | string | Date;
}

/** Calendar periods are counted in the browser's local time (as restic does) or in UTC. */
export type RetentionCalendar = 'local' | 'utc';

type Bucket = (date: Date, calendar: RetentionCalendar) => string;

const parts = (date: Date, calendar: RetentionCalendar) =>
  calendar === 'utc'
    ? { y: date.getUTCFullYear(), m: date.getUTCMonth(), d: date.getUTCDate(), h: date.getUTCHours() }
    : { y: date.getFullYear(), m: date.getMonth(), d: date.getDate(), h: date.getHours() };

/**
 * ISO 8601 week of a calendar date: weeks start on Monday and week 1 holds the year's first
 * Thursday, so 2024-12-30 is in 2025-W01 and 2021-01-03 is in 2020-W53.
 * @example isoWeek(2025, 0, 1) // '2025-W01'
 */
export function isoWeek(year: number, month: number, day: number): string {
  // Work on a UTC date so daylight-saving shifts never move a day.
  const date = new Date(Date.UTC(year, month, day));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday = 0
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the Thursday of this week decides the year
  const weekYear = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(weekYear, 0, 4));
  const firstWeekday = (firstThursday.getUTCDay() + 6) % 7;
  firstThursday.setUTCDate(firstThursday.getUTCDate() - firstWeekday + 3);
  const week = 1 + Math.round((date.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

const BUCKETS: ReadonlyArray<[keyof Omit<RetentionPolicy, 'last'>, Bucket]> = [
  ['hourly', (date, cal) => { const p = parts(date, cal); return `${p.y}-${p.m}-${p.d}T${p.h}`; }],
  ['daily', (date, cal) => { const p = parts(date, cal); return `${p.y}-${p.m}-${p.d}`; }],
  ['weekly', (date, cal) => { const p = parts(date, cal); return isoWeek(p.y, p.m, p.d); }],
  ['monthly', (date, cal) => { const p = parts(date, cal); return `${p.y}-${p.m}`; }],
];


/** The rules of a policy, and why else a backup is kept (`all`: the policy keeps nothing, so nothing is dropped; `undated`: no valid time). */
export type RetentionRule = 'last' | keyof Omit<RetentionPolicy, 'last'>;
export type RetentionReason = RetentionRule | 'all' | 'undated';

/** One backup's fate under a policy: kept (and by which rules) or dropped. */
export interface RetentionVerdict {
  id: string;
  keep: boolean;
  /** Every rule that keeps it (empty when dropped). */
  rules: RetentionReason[];
}

/**
 * The retention walk with its reasons: for each backup (newest first, undated last), whether the
 * policy keeps it and which rules do. `selectRetained` is this, keeping the ids.
 * @example explainRetained(backups, { last: 2, hourly: 0, daily: 7, weekly: 0, monthly: 0 })[0] // { id, keep: true, rules: ['last', 'daily'] }
 */
export function explainRetained(
  backups: readonly RetainableBackup[],
  policy: RetentionPolicy,
  calendar: RetentionCalendar = 'local',
): RetentionVerdict[] {
  const sorted = backups
    .map((backup) => ({ id: backup.id, time: toEpochMs(backup.createdAt) }))
    .filter((backup) => Number.isFinite(backup.time))
    // Newest first; ties broken by id so the result does not depend on input order.
    .sort((a, b) => b.time - a.time || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const budgets = BUCKETS.map(([rule, bucket]) => ({ rule, bucket, left: Math.max(0, Math.floor(policy[rule])), last: '' }));
  let lastLeft = Math.max(0, Math.floor(policy.last ?? 0));
  // Backups without a valid time are never dropped: we cannot tell which period they belong to.
  const undated = backups.filter((backup) => !Number.isFinite(toEpochMs(backup.createdAt))).map((backup): RetentionVerdict => ({ id: backup.id, keep: true, rules: ['undated'] }));
  if (lastLeft === 0 && budgets.every((b) => b.left === 0)) return [...sorted.map((b): RetentionVerdict => ({ id: b.id, keep: true, rules: ['all'] })), ...undated];

  const verdicts: RetentionVerdict[] = [];
  for (const backup of sorted) {
    const rules: RetentionReason[] = [];
    if (lastLeft > 0) {
      lastLeft--;
      rules.push('last');
    }
    const date = new Date(backup.time);
    for (const budget of budgets) {
      if (budget.left === 0) continue;
      const period = budget.bucket(date, calendar);
      if (period !== budget.last) {
        budget.last = period;
        budget.left--;
        rules.push(budget.rule);
      }
    }
    verdicts.push({ id: backup.id, keep: rules.length > 0, rules });
  }
  return [...verdicts, ...undated];
}

/**
 * Returns the ids of the backups the policy keeps (newest first). A policy that keeps nothing at
 * all (every count 0, no `last`) keeps everything: a retention run never empties the history.
 * @example
 * selectRetained(backups, { last: 10, hourly: 24, daily: 7, weekly: 4, monthly: 12 });
 * // → ['bkp_…', …] — delete the others
 */
export function selectRetained(
  backups: readonly RetainableBackup[],
  policy: RetentionPolicy,
  calendar: RetentionCalendar = 'local',
): string[] {
  return explainRetained(backups, policy, calendar).filter((verdict) => verdict.keep).map((verdict) => verdict.id);
}
