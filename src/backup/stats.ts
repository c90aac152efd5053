import { formatBytes } from '../core/format';
import type { BackupRecord, BackupType } from './records';

/** The seed's `getStats()` shape. */
export interface BackupStats {
  totalBackups: number;
  /** Bytes stored, formatted ('125.5 MB'); a payload shared by two backups counts once. */
  totalSize: string;
  avgSize: string;
  /** ISO 8601, null when there is none. */
  lastBackup: string | null;
  oldestBackup: string | null;
  autoBackupEnabled: boolean;
  backupsByType: Record<BackupType, number>;
}

/** @example computeStats(records, true).totalSize // '125.5 MB' */
export function computeStats(records: readonly BackupRecord[], autoBackupEnabled: boolean): BackupStats {
  const byType: Record<BackupType, number> = { manual: 0, auto: 0, scheduled: 0 };
  const payloads = new Map<string, number>();
  let newest = -Infinity;
  let oldest = Infinity;
  for (const record of records) {
    byType[record.type]++;
    payloads.set(record.payloadId, record.compressedSize);
    newest = Math.max(newest, record.createdAt);
    oldest = Math.min(oldest, record.createdAt);
  }
  let total = 0;
  for (const size of payloads.values()) total += size;
  return {
    totalBackups: records.length,
    totalSize: formatBytes(total),
    avgSize: formatBytes(records.length > 0 ? total / records.length : 0),
    lastBackup: records.length > 0 ? new Date(newest).toISOString() : null,
    oldestBackup: records.length > 0 ? new Date(oldest).toISOString() : null,
    autoBackupEnabled,
    backupsByType: byType,
  };
}
