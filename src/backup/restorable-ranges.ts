import type { JournalLimits } from '../storage';

/**
 * Journal entries are replayed from this long before a base backup's start (recovery.ts,
 * JOURNAL_OVERLAP_MS): a base is exact only when the journal still reaches that far back.
 */
export const JOURNAL_OVERLAP_MS = 5_000;

/** What point-in-time recovery needs of a backup record. */
export interface RangeSource {
  id: string;
  createdAt: number;
  completedAt?: number | undefined;
  imported?: boolean | undefined;
}

/**
 * A span of moments `restoreToPointInTime` restores exactly: every moment from `from` up to
 * `to` (both included, epoch ms) is reached from the same base backup plus the journal.
 */
export interface RestorableSpan {
  from: number;
  to: number;
  backupId: string;
}

/** Why a moment cannot be restored exactly. */
export const UNREACHABLE_REASONS = ['INVALID_DATE', 'IN_FUTURE', 'NO_BACKUP', 'BEFORE_FIRST_BACKUP', 'JOURNAL_EXPIRED'] as const;
export type UnreachableReason = (typeof UNREACHABLE_REASONS)[number];

export type SpanCheck =
  | { reachable: true; at: number; span: RestorableSpan }
  | { reachable: false; at: number | null; reason: UnreachableReason; nearest: number | null };

/** The newest base `restoreToPointInTime` would pick for `target` (its own rule, recovery.ts). */
function baseFor(newestFirst: readonly RangeSource[], target: number): RangeSource | undefined {
  return newestFirst.find((r) => !r.imported && (r.completedAt ?? r.createdAt) <= target);
}

/**
 * From when the journal holds every entry: its age limit, or just after a gap (entries shed to make
 * room on a full store, or deletions stored without their entries), whichever is later.
 * @example journalCoveredSince(Date.now(), storage.journal.limits, storage.journal.gapUntil)
 */
export function journalCoveredSince(now: number, limits: Pick<JournalLimits, 'maxAgeMs'>, gapUntil: number | undefined): number {
  return Math.max(now - limits.maxAgeMs, gapUntil === undefined ? -Infinity : gapUntil + 1);
}

/**
 * The spans of moments restorable exactly at `now`, oldest first. Between two backups' completion
 * times the base restoreToPointInTime picks does not change; a base is exact when the journal
 * (kept `limits.maxAgeMs`, less any gap) still holds everything from its start. Imported backups never serve.
 * @example computeRestorableSpans(records, Date.now(), storage.journal.limits, storage.journal.gapUntil) // [{ from, to, backupId }]
 */
export function computeRestorableSpans(records: readonly RangeSource[], now: number, limits: Pick<JournalLimits, 'maxAgeMs'>, gapUntil?: number): RestorableSpan[] {
  const newestFirst = [...records].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  const coveredSince = journalCoveredSince(now, limits, gapUntil);
  const starts = [...new Set(newestFirst.filter((r) => !r.imported).map((r) => r.completedAt ?? r.createdAt))]
    .filter((time) => time <= now)
    .sort((a, b) => a - b);
  const spans: RestorableSpan[] = [];
  starts.forEach((from, index) => {
    const base = baseFor(newestFirst, from);
    if (!base || base.createdAt - JOURNAL_OVERLAP_MS < coveredSince) return;
    const next = starts[index + 1];
    const to = next === undefined ? now : next - 1;
    const last = spans[spans.length - 1];
    // The rule may keep an older base past a newer completion (backups that overlapped): one span.
    if (last && last.backupId === base.id && last.to === from - 1) last.to = to;
    else spans.push({ from, to, backupId: base.id });
  });
  return spans;
}

/**
 * Whether `at` (epoch ms) can be restored exactly, and if not, why and the nearest moment that can.
 * @example checkSpan(spans, Date.parse('2025-03-10T10:42:00Z'), Date.now(), hasBaseBefore)
 */
export function checkSpan(spans: readonly RestorableSpan[], at: number, now: number, anyBase: { first: number | undefined }): SpanCheck {
  if (!Number.isFinite(at)) return { reachable: false, at: null, reason: 'INVALID_DATE', nearest: null };
  const nearest = nearestMoment(spans, at);
  if (at > now) return { reachable: false, at, reason: 'IN_FUTURE', nearest };
  const span = spans.find((s) => s.from <= at && at <= s.to);
  if (span) return { reachable: true, at, span };
  if (anyBase.first === undefined) return { reachable: false, at, reason: 'NO_BACKUP', nearest };
  if (at < anyBase.first) return { reachable: false, at, reason: 'BEFORE_FIRST_BACKUP', nearest };
  return { reachable: false, at, reason: 'JOURNAL_EXPIRED', nearest };
}

function nearestMoment(spans: readonly RestorableSpan[], at: number): number | null {
  let best: number | null = null;
  for (const span of spans) {
    const candidate = Math.min(Math.max(at, span.from), span.to);
    if (best === null || Math.abs(candidate - at) < Math.abs(best - at)) best = candidate;
  }
  return best;
}
