import * as z from 'zod/mini';
import type { BackupRecord, BackupSource, BackupType } from '../storage';

export { BACKUP_TYPES } from '../storage';
export type { BackupRecord, BackupType } from '../storage';

const KeyPath = z.union([z.string(), z.array(z.string())]);
const Name = z.string().check(z.minLength(1), z.maxLength(1000));
const Size = z.int().check(z.minimum(0));

/** A store's schema as a backup holds it (`StoreSchema`). */
export const StoreSchemaSchema = z.object({
  name: Name,
  keyPath: z.nullable(KeyPath),
  autoIncrement: z.boolean(),
  indexes: z.array(z.object({ name: Name, keyPath: KeyPath, unique: z.boolean(), multiEntry: z.boolean() })),
});

export const BackupSourceSchema = z.union([
  z.object({ kind: z.literal('localStorage'), keys: Size, only: z.optional(z.array(z.string())) }),
  z.object({ kind: z.literal('sessionStorage'), keys: Size }),
  z.object({
    kind: z.literal('indexedDB'),
    database: Name,
    version: z.int().check(z.minimum(1)),
    widget: z.boolean(),
    stores: z.array(
      z.object({
        ...StoreSchemaSchema.shape,
        records: Size,
      }),
    ),
  }),
]);

export const EncryptionParamsSchema = z.object({
  algorithm: z.literal('AES-GCM'),
  kdf: z.literal('PBKDF2-SHA256'),
  iterations: z.int().check(z.minimum(1), z.maximum(10_000_000)),
  salt: z.string().check(z.regex(/^[A-Za-z0-9+/]+={0,2}$/)),
  iv: z.string().check(z.regex(/^[A-Za-z0-9+/]+={0,2}$/)),
});

export const ChecksumSchema = z.string().check(z.regex(/^[0-9a-f]{64}$/));

/** A backup as the public API returns it. */
export interface Backup {
  id: string;
  type: BackupType;
  /** ISO 8601 */
  createdAt: string;
  /** Uncompressed bytes. */
  size: number;
  /** Bytes stored (compressed, encrypted). */
  compressedSize: number;
  sources: BackupSource[];
  checksum: string;
  encrypted: boolean;
  compression: 'gzip' | 'none';
  metadata: Record<string, unknown>;
  /** ISO 8601 time the file reached the cloud endpoint, when cloud sync is on. */
  uploadedAt?: string;
}

export function toPublic(record: BackupRecord): Backup {
  const backup: Backup = {
    id: record.id,
    type: record.type,
    createdAt: new Date(record.createdAt).toISOString(),
    size: record.size,
    compressedSize: record.compressedSize,
    sources: structuredClone(record.sources),
    checksum: record.checksum,
    encrypted: record.encrypted,
    compression: record.compression,
    metadata: structuredClone(record.metadata),
  };
  if (record.uploadedAt !== undefined) backup.uploadedAt = new Date(record.uploadedAt).toISOString();
  return backup;
}
