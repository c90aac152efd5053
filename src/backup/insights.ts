import { ChatbotError } from '../core/errors';
import type { Clock } from '../core/clock';
import { toEpochMs } from '../core/time';
import { validate } from '../core/validate';
import type { JournalLimits } from '../storage';
import { toPublic, type Backup, type BackupRecord } from './records';
import { checkSpan, computeRestorableSpans, journalCoveredSince, type UnreachableReason } from './restorable-ranges';
import { explainRetained, type RetentionCalendar, type RetentionPolicy, type RetentionReason } from './retention';
import { PointInTimeSchema, RetentionPreviewSchema } from './schemas';
import { readStorageReport, type StorageManagerLike, type StorageReport } from './storage-health';
import type { CloudConfig } from './config';

/** A span of moments that `restoreToPointInTime` restores exactly, from one base backup. */
export interface RestorableRange {
  /** ISO 8601, included: the base backup's completion (or a newer base's). */
  from: string;
  /** ISO 8601, included. */
  to: string;
  backupId: string;
  backupCreatedAt: string;
}

/** `getRestorableRanges()`. */
export interface RestorableRanges {
  /** The moment the answer holds for (ISO 8601): later moments are in the future. */
  now: string;
  /** Oldest first; every moment inside one is restored exactly. */
  ranges: RestorableRange[];
  /** The journal reaches back to here (ISO 8601): a base backup started before it is no longer exact. */
  journalSince: string;
  /** Completion of the oldest backup of this browser (imported ones never count), null when none. */
  firstBackupAt: string | null;
}

/** `checkPointInTime(date)`: whether a moment is restored exactly, and if not, why. */
export type PointInTimeCheck =
  | { reachable: true; at: string; backupId: string; backupCreatedAt: string }
  | {
      reachable: false;
      at: string | null;
      /**
       * `INVALID_DATE`, `IN_FUTURE`, `NO_BACKUP` (none of this browser), `BEFORE_FIRST_BACKUP`,
       * `JOURNAL_EXPIRED` (the journal no longer reaches back to the base backup).
       */
      reason: UnreachableReason;
      /** The closest moment that is reachable, null when none is. */
      nearest: string | null;
    };

/** One backup in `explainRetention()`: manual and imported backups are kept by `manual`. */
export interface RetentionEntry {
  backup: Backup;
  keep: boolean;
  rules: Array<RetentionReason | 'manual'>;
}

/** `explainRetention(policy?)`: what the next retention run keeps and drops, and by which rule. */
export interface RetentionExplanation {
  policy: RetentionPolicy & { calendar: RetentionCalendar };
  /** Every backup, newest first. */
  entries: RetentionEntry[];
  kept: number;
  dropped: number;
}

/** `getCloudStatus()`: cloud sync's state, without the URL's secrets. */
export interface CloudStatus {
  configured: boolean;
  /** The endpoint's origin only: the path and query of a pre-signed URL are credentials. */
  endpoint: string | null;
  /** Uploads waiting or retrying. */
  pending: number;
  /** ISO 8601 of the newest upload, null when none. */
  lastUploadAt: string | null;
  lastUploadedBackupId: string | null;
  uploaded: number;
  notUploaded: number;
}

export interface BackupInsights {
  getRestorableRanges(): RestorableRanges;
  checkPointInTime(date: Date | string | number): PointInTimeCheck;
  explainRetention(policy?: Partial<RetentionPolicy>): RetentionExplanation;
  getStorageEstimate(): Promise<StorageReport>;
  getCloudStatus(): Promise<CloudStatus>;
}

export interface InsightDeps {
  clock: Clock;
  /** Newest first. */
  records(): BackupRecord[];
  policy(): RetentionPolicy;
  calendar(): RetentionCalendar;
  journalLimits: Pick<JournalLimits, 'maxAgeMs'>;
  /** The journal's gap (`storage.journal.gapUntil`): entries at or before it may be missing. */
  journalGap(): number | undefined;
  storageManager(): StorageManagerLike | undefined;
  cloud(): CloudConfig | null | undefined;
  pendingUploads(): Promise<number>;
}

const iso = (time: number): string => new Date(time).toISOString();
const MAX_DATE_MS = 8.64e15;

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url.startsWith('/') ? '/' : ''; // a same-origin path: the page's own server
  }
}

/**
 * The read-only questions the backup dashboard asks: which moments can be restored, what
 * retention would do, how full storage is, how cloud sync stands. None changes anything.
 * @example const insights = createBackupInsights(deps); insights.checkPointInTime(new Date()).reachable
 */
export function createBackupInsights(deps: InsightDeps): BackupInsights {
  const spansNow = () => {
    const now = deps.clock.now();
    const records = deps.records();
    const own = records.filter((r) => !r.imported).map((r) => r.completedAt ?? r.createdAt);
    return { now, records, spans: computeRestorableSpans(records, now, deps.journalLimits, deps.journalGap()), first: own.length ? Math.min(...own) : undefined };
  };
  const createdAtOf = (records: BackupRecord[], id: string): string => iso(records.find((r) => r.id === id)?.createdAt ?? Number.NaN);

  return {
    getRestorableRanges() {
      const { now, records, spans, first } = spansNow();
      return {
        now: iso(now),
        ranges: spans.map((span) => ({ from: iso(span.from), to: iso(span.to), backupId: span.backupId, backupCreatedAt: createdAtOf(records, span.backupId) })),
        journalSince: iso(journalCoveredSince(now, deps.journalLimits, deps.journalGap())),
        firstBackupAt: first === undefined ? null : iso(first),
      };
    },
    checkPointInTime(date) {
      const at = toEpochMs(validate(PointInTimeSchema, date, 'checkPointInTime date'));
      // Past ±8.64e15 ms there is no Date (Number.MAX_VALUE, Infinity): no moment to check.
      if (Math.abs(at) > MAX_DATE_MS) throw new ChatbotError('VALIDATION', 'checkPointInTime date: outside the range of dates');
      const { now, records, spans, first } = spansNow();
      const check = checkSpan(spans, at, now, { first });
      if (check.reachable) return { reachable: true, at: iso(check.at), backupId: check.span.backupId, backupCreatedAt: createdAtOf(records, check.span.backupId) };
      return { reachable: false, at: check.at === null ? null : iso(check.at), reason: check.reason, nearest: check.nearest === null ? null : iso(check.nearest) };
    },
    explainRetention(policy) {
      const rules: RetentionPolicy = { ...deps.policy(), ...(policy === undefined ? {} : validate(RetentionPreviewSchema, policy, 'explainRetention policy')) };
      const calendar = deps.calendar();
      const records = deps.records();
      // The same pool as the retention run: manual (and imported) backups are never its to drop.
      const pool = records.filter((r) => r.type !== 'manual');
      const verdicts = new Map(explainRetained(pool, rules, calendar).map((v) => [v.id, v]));
      const entries = records.map((record): RetentionEntry => {
        const verdict = verdicts.get(record.id);
        return verdict ? { backup: toPublic(record), keep: verdict.keep, rules: verdict.rules } : { backup: toPublic(record), keep: true, rules: ['manual'] };
      });
      const dropped = entries.filter((e) => !e.keep).length;
      return { policy: { ...rules, calendar }, entries, kept: entries.length - dropped, dropped };
    },
    async getStorageEstimate() {
      const records = deps.records();
      const payloads = new Map(records.map((r) => [r.payloadId, r.compressedSize]));
      let backupBytes = 0;
      for (const size of payloads.values()) backupBytes += size;
      return readStorageReport(deps.storageManager(), backupBytes, records[0]?.compressedSize ?? 0);
    },
    async getCloudStatus() {
      const config = deps.cloud();
      const records = deps.records();
      const uploaded = records.flatMap((r) => (r.uploadedAt === undefined ? [] : [{ id: r.id, at: r.uploadedAt }])).sort((a, b) => b.at - a.at);
      const last = uploaded[0];
      return {
        configured: !!config,
        endpoint: config ? originOf(config.url) : null,
        pending: await deps.pendingUploads(),
        lastUploadAt: last ? iso(last.at) : null,
        lastUploadedBackupId: last?.id ?? null,
        uploaded: uploaded.length,
        notUploaded: records.length - uploaded.length,
      };
    },
  };
}
