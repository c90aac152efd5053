export { createBackupSystem } from './backup-system';
export type {
  BackupSystem, BackupSystemOptions, BackupEvents, BackupFilter, CreateBackupOptions, RestoreOptions, RestoreResult, PointInTimeResult,
} from './types';
export type { Backup, BackupType } from './records';
export { BACKUP_TYPES } from './records';
export type { BackupConfig, BackupConfigInput, CloudConfig } from './config';
export { BackupConfigSchema } from './config';
export type { BackupStats } from './stats';
export type { BackupSource, IncludedData } from './selection';
export { INCLUDED_DATA } from './selection';
export { selectRetained, isoWeek } from './retention';
export type { RetentionPolicy, RetainableBackup } from './retention';
export type { BackupInsights, RestorableRanges, RestorableRange, PointInTimeCheck, RetentionExplanation, RetentionEntry, CloudStatus } from './insights';
export type { StorageReport, StorageLevel, StorageManagerLike } from './storage-health';
export { STORAGE_THRESHOLDS } from './storage-health';
export type { UnreachableReason } from './restorable-ranges';
export { UNREACHABLE_REASONS } from './restorable-ranges';
export { explainRetained } from './retention';
export type { RetentionReason, RetentionRule, RetentionVerdict, RetentionCalendar } from './retention';
