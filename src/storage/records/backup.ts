import type { StoreSchema } from '../origin-databases';

/**
 * What the backup module stores: the backups (`backups`), their payloads (`backupBlobs`), queued
 * cloud uploads (`outbox`) and its own settings in kv.
 */

export const BACKUP_TYPES = ['manual', 'auto', 'scheduled'] as const;
export type BackupType = (typeof BACKUP_TYPES)[number];

/** One source held by a backup, as listed in its `sources`. */
export type BackupSource =
  | { kind: 'localStorage'; keys: number; only?: string[] }
  | { kind: 'sessionStorage'; keys: number }
  | {
      kind: 'indexedDB';
      database: string;
      version: number;
      /** True for the widget's own database (journaled: point-in-time recovery is exact). */
      widget: boolean;
      stores: Array<StoreSchema & { records: number }>;
    };

export interface EncryptionParams {
  algorithm: 'AES-GCM';
  kdf: 'PBKDF2-SHA256';
  iterations: number;
  /** base64 */
  salt: string;
  /** base64 */
  iv: string;
}

/** What the `backups` store holds per backup (the payload Blob is in `backupBlobs`). */
export interface BackupRecord {
  id: string;
  type: BackupType;
  /** When reading started (ms): journal entries from here on are replayed by point-in-time recovery. */
  createdAt: number;
  /** When reading finished (ms): point-in-time recovery bases on backups complete by the target. */
  completedAt?: number;
  /** Imported from a file: kept, restorable, but never the base of this browser's point-in-time recovery. */
  imported?: boolean;
  size: number;
  compressedSize: number;
  sources: BackupSource[];
  /** SHA-256 (hex) of the stored payload bytes (compressed, then encrypted when encrypted). */
  checksum: string;
  encrypted: boolean;
  encryption?: EncryptionParams;
  compression: 'gzip' | 'none';
  metadata: Record<string, unknown>;
  /** The `backupBlobs` record holding the payload (several backups may share one). */
  payloadId: string;
  uploadedAt?: number;
}

/** A backup's payload bytes (store `backupBlobs`); several backups may share one. */
export interface BackupBlobRecord {
  id: string;
  blob: Blob;
}

/** An upload of a backup file to the cloud endpoint, waiting or retrying (store `outbox`). */
export interface BackupUploadRecord {
  id: `backup-upload:${string}`;
  kind: 'backup-upload';
  backupId: string;
  createdAt: number;
  attempts: number;
  nextAt: number;
  lastError?: string;
}

/**
 * kv keys of the backup module. Every one starts with `backup:`: these are settings of this
 * browser, never part of a backup nor touched by a restore.
 */
export const BACKUP_KV = {
  prefix: 'backup:',
  /** The changes made with `updateConfig`. */
  config: 'backup:config',
  /** When the last automatic backup ran. */
  auto: 'backup:auto',
  /** A restore in progress: present from before it touches anything until it is over. */
  restoring: 'backup:restoring',
  /** Journal entries dropped before their age (a full store): written by the storage journal. */
  journalGap: 'backup:journal-gap',
  /** When the last restores ended: journal entries from before one were undone by it. */
  restoreEnds: 'backup:restore-ends',
} as const;

export interface BackupConfigRecord {
  id: typeof BACKUP_KV.config;
  overrides: Record<string, unknown>;
}

export interface AutoBackupRecord {
  id: typeof BACKUP_KV.auto;
  lastAt: number;
}

/**
 * Written (durably) before a restore touches anything, deleted once it is over: found at a start,
 * it means the restore was interrupted (the tab closed, the browser crashed), and the data it
 * may have half written is put back from `undoPayloadId` before anything reads it.
 */
export interface RestoringRecord {
  id: typeof BACKUP_KV.restoring;
  /** The backup being restored (the base backup of a point-in-time restore). */
  backupId: string;
  /** The safety backup taken just before: the state to put back. */
  safetyBackupId: string;
  /** Its plain (unencrypted) payload in `backupBlobs`: the safety backup's own one when it is not encrypted. */
  undoPayloadId: string;
  compressed: boolean;
  restoreSession: boolean;
  /** Databases of the origin the restore may create (absent before it): putting back deletes them. */
  created: string[];
  startedAt: number;
  /**
   * What the restore does: `replace` (clears, then applies the backup) can be finished from the
   * backup alone; a merge or a point-in-time restore (a journal replay too) cannot. Absent in
   * records of older versions.
   */
  restore?: 'replace' | 'merge' | 'pointInTime';
}

/**
 * The journal may lack entries made at or before `until` (ms): some were dropped before their age,
 * to make room on a full store, or never written. Point-in-time recovery is exact only from a
 * base backup started after it.
 */
export interface JournalGapRecord {
  id: typeof BACKUP_KV.journalGap;
  until: number;
}

/**
 * When restores ended (ms, oldest first, those within the journal's age): a restore replaces the
 * data wholesale without journaling it, so the journal entries made before its end describe
 * changes it undid. A point-in-time replay over a later backup never starts before one.
 */
export interface RestoreEndsRecord {
  id: typeof BACKUP_KV.restoreEnds;
  ends: number[];
}

export type BackupKvRecord = BackupConfigRecord | AutoBackupRecord | RestoringRecord | JournalGapRecord | RestoreEndsRecord;
