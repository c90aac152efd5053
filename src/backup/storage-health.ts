/** How close the origin is to its storage quota. */
export type StorageLevel = 'ok' | 'warning' | 'critical' | 'unknown';

/** `getStorageEstimate()`: the origin's storage use against its quota, and what backups take. */
export interface StorageReport {
  /** False where the browser has no `navigator.storage.estimate()`. */
  supported: boolean;
  /** Bytes the origin uses (all its storage, not only the widget's), null when unknown. */
  usage: number | null;
  /** Bytes the browser lets the origin use, null when unknown. */
  quota: number | null;
  /** usage / quota (0–1), null when unknown. */
  ratio: number | null;
  /** Bytes the stored backups take (a payload shared by two backups counts once). */
  backupBytes: number;
  /** What the next backup is expected to take: the newest backup's stored size. */
  nextBackupBytes: number;
  /** `warning` from 80 % of the quota or less room than three more backups; `critical` from 95 % or less room than one. */
  level: StorageLevel;
  /** Whether the browser marked the origin's storage persistent (not evicted under pressure), null when unknown. */
  persisted: boolean | null;
}

export const STORAGE_THRESHOLDS = { warning: 0.8, critical: 0.95, warningBackups: 3 } as const;

/** The part of `navigator.storage` the report reads. */
export interface StorageManagerLike {
  estimate?(): Promise<{ usage?: number; quota?: number }>;
  persisted?(): Promise<boolean>;
}

/**
 * Rates an estimate: a backup that would not fit is the trouble to warn about before it happens.
 * @example storageLevel(900, 1000, 50) // 'warning'
 */
export function storageLevel(usage: number | null, quota: number | null, nextBackupBytes: number): StorageLevel {
  if (usage === null || quota === null || quota <= 0) return 'unknown';
  const free = quota - usage;
  const ratio = usage / quota;
  if (ratio >= STORAGE_THRESHOLDS.critical || free < nextBackupBytes) return 'critical';
  if (ratio >= STORAGE_THRESHOLDS.warning || free < STORAGE_THRESHOLDS.warningBackups * nextBackupBytes) return 'warning';
  return 'ok';
}

const finite = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null);

/**
 * Reads the browser's estimate (never throws: a browser that refuses reports `unknown`).
 * @example await readStorageReport(navigator.storage, 12_000, 3_000)
 */
export async function readStorageReport(manager: StorageManagerLike | undefined, backupBytes: number, nextBackupBytes: number): Promise<StorageReport> {
  const supported = typeof manager?.estimate === 'function';
  let usage: number | null = null;
  let quota: number | null = null;
  let persisted: boolean | null = null;
  if (supported) {
    try {
      const estimate = await manager.estimate!();
      usage = finite(estimate.usage);
      quota = finite(estimate.quota);
    } catch {
      // Some browsers refuse in private windows: the report says unknown instead of failing.
    }
  }
  if (typeof manager?.persisted === 'function') {
    try {
      persisted = await manager.persisted();
    } catch {
      persisted = null;
    }
  }
  return {
    supported,
    usage,
    quota,
    ratio: usage !== null && quota ? usage / quota : null,
    backupBytes,
    nextBackupBytes,
    level: storageLevel(usage, quota, nextBackupBytes),
    persisted,
  };
}
