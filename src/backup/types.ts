import type { ModuleLifecycle } from '../core/module';
import type { BackupConfig, BackupConfigInput } from './config';
import type { BackupInsights } from './insights';
import type { Backup, BackupType } from './records';
import type { RetentionPolicy } from './retention';
import type { IncludedData } from './selection';
import type { StorageManagerLike } from './storage-health';
import type { BackupStats } from './stats';

export type BackupEvents = {
  backup_created: Backup;
  /** `remote` when the restore ran in another tab (this tab's read models are stale too). */
  backup_restored: { backupId: string; timestamp: string; remote?: boolean };
  backup_deleted: { backupId: string };
};

export interface RestoreOptions {
  /** Clear each restored source before writing (default true); false merges over what exists. */
  clearExisting?: boolean;
  /** Restore sessionStorage too (default false). */
  restoreSession?: boolean;
  /** Reload the page (and the other open tabs) afterwards (default false). */
  reload?: boolean;
  /** For an encrypted backup. */
  passphrase?: string;
}

export interface RestoreResult {
  backupId: string;
  /** ISO 8601 */
  timestamp: string;
  records: number;
  /** Stores the backup holds that a newer version of their database no longer has. */
  skipped: string[];
  /** The backup taken just before (undo = restore it). */
  safetyBackupId: string;
}

export interface PointInTimeResult extends RestoreResult {
  backupCreatedAt: string;
  pointInTime: string;
  replayedEntries: number;
  /** Sources restored exactly as they were at `pointInTime` (the widget's journaled stores). */
  exact: string[];
  /** Sources restored as they were when the base backup was taken (no journal: host page data). */
  atBackupTime: string[];
}

export interface CreateBackupOptions {
  /** Encrypt with AES-GCM under a PBKDF2 key of this passphrase (min 8 characters). */
  passphrase?: string;
  /** Overrides `config.includedData` for this backup. */
  includedData?: IncludedData[];
}

export interface BackupFilter {
  type?: BackupType;
  since?: Date | string | number;
  before?: Date | string | number;
}

/**
 * `CHATBOT_SYSTEM.backupSystem` / `window.backupSystem`: the seed's API, plus point-in-time
 * recovery, a retention preview, encryption and cloud sync.
 * @example
 * const backup = await backupSystem.createBackup('manual', { trigger: 'user_request' });
 * await backupSystem.restoreBackup(backup.id, { clearExisting: true, restoreSession: false, reload: true });
 */
export interface BackupSystem extends ModuleLifecycle, BackupInsights {
  createBackup(type?: BackupType, metadata?: Record<string, unknown>, options?: CreateBackupOptions): Promise<Backup>;
  restoreBackup(id: string, options?: RestoreOptions): Promise<RestoreResult>;
  /** The newest backup completed at or before `date`, then the journal replayed up to `date`. */
  restoreToPointInTime(date: Date | string | number, options?: RestoreOptions): Promise<PointInTimeResult>;
  /** Newest first. */
  listBackups(filter?: BackupFilter): Backup[];
  getBackup(id: string): Backup | null;
  deleteBackup(id: string): boolean;
  /** Deletes every backup (manual ones too); returns how many. */
  deleteAllBackups(): number;
  /** Downloads the backup file (in a page) and returns it. */
  exportBackup(id: string, format?: 'json'): Promise<Blob>;
  /** Validates a backup file completely and adds it, or throws CORRUPT_BACKUP and changes nothing. */
  importBackup(file: Blob): Promise<Backup>;
  updateConfig(partial: BackupConfigInput): BackupConfig;
  /** The current config; assigning a field (`config.autoBackup.interval = 60000`) goes through updateConfig. */
  readonly config: BackupConfig;
  getStats(): BackupStats;
  /** Which auto/scheduled backups retention keeps and drops now (optionally under another policy). */
  previewRetention(policy?: Partial<RetentionPolicy>): { keep: Backup[]; drop: Backup[] };
  /** Encrypts automatic backups (and safety backups) from now on; kept in memory only. */
  setPassphrase(passphrase: string | null): void;
  /** ISO time of the next automatic backup planned by this tab, null when off. */
  readonly nextAutoBackup: string | null;
  /** Uploads queued backup files now (cloud sync). */
  syncNow(): Promise<void>;
  pendingUploads(): Promise<number>;
  on<K extends keyof BackupEvents>(type: K, handler: (payload: BackupEvents[K]) => void): () => void;
  off<K extends keyof BackupEvents>(type: K, handler?: (payload: BackupEvents[K]) => void): void;
}

export interface BackupSystemOptions {
  /** IndexedDB factory of the origin (tests pass fake-indexeddb's). */
  indexedDB?: IDBFactory;
  /** Web Storage to back up where there is no window (tests). */
  localStorage?: globalThis.Storage;
  sessionStorage?: globalThis.Storage;
  /** Where `getStorageEstimate()` asks (the page's `navigator.storage` by default; tests pass a fake). */
  storageManager?: StorageManagerLike;
}
