import * as z from 'zod/mini';
import { mergeDeep } from '../core/config';
import { ChatbotError, isChatbotError } from '../core/errors';
import { unreadable, validate } from '../core/validate';
import { INCLUDED_DATA } from './selection';

const Count = z.int().check(z.minimum(0), z.maximum(100_000));
const Keys = z.array(z.string().check(z.minLength(1), z.maxLength(200)));
const HttpUrl = z.string().check(z.minLength(1), z.maxLength(2000), z.regex(/^(https?:\/\/|\/)/, 'must be an http(s) URL or start with /'));

const CloudConfigSchema = z.strictObject({
  /** Where each backup file goes; `{id}` is replaced by the backup id (one object per backup). */
  url: HttpUrl,
  method: z._default(z.enum(['PUT', 'POST']), 'PUT'),
  headers: z._default(z.record(z.string().check(z.minLength(1)), z.string()), {}),
  /** First retry delay after a failed upload, doubled each time up to `retryMaxMs`. */
  retryBaseMs: z._default(z.int().check(z.minimum(10)), 5_000),
  retryMaxMs: z._default(z.int().check(z.minimum(10)), 15 * 60_000),
});

// Sections absent from the config parse their defaults (z._default over a parse, not z.prefault:
// prefault would be its only user, and zod's core is on every page's start-up path).
const AutoBackup = z.strictObject({
  enabled: z._default(z.boolean(), true),
  /** ms between automatic backups (default 1 h). */
  interval: z._default(z.int().check(z.minimum(1_000)), 3_600_000),
  /** restic's --keep-last for auto and scheduled backups. */
  maxBackups: z._default(Count, 10),
  compressionEnabled: z._default(z.boolean(), true),
  /** Delay after start before an overdue backup runs (let the page load first). */
  startDelay: z._default(z.int().check(z.minimum(0)), 10_000),
});
const Retention = z.strictObject({
  hourly: z._default(Count, 24),
  daily: z._default(Count, 7),
  weekly: z._default(Count, 4),
  monthly: z._default(Count, 12),
  /** Calendar periods in the browser's local time (restic's choice) or UTC. */
  calendar: z._default(z.enum(['local', 'utc']), 'local'),
});
const DataKeys = z.strictObject({
  cart: z._default(Keys, ['repuestos-motos:cart']),
  wishlist: z._default(Keys, ['repuestos-motos:wishlist']),
  orders: z._default(Keys, ['repuestos-motos:orders']),
});

/**
 * The backup module's configuration (the `backupSystem` section of the widget config, then
 * `updateConfig`). Every field has a default.
 */
export const BackupConfigSchema = z.strictObject({
  autoBackup: z._default(AutoBackup, () => AutoBackup.parse({})),
  retention: z._default(Retention, () => Retention.parse({})),
  includedData: z._default(z.array(z.enum(INCLUDED_DATA)), [...INCLUDED_DATA]),
  /** The store page's localStorage keys behind `cart`, `wishlist` and `orders`. */
  dataKeys: z._default(DataKeys, () => DataKeys.parse({})),
  cloud: z.optional(z.nullable(CloudConfigSchema)),
});

export type BackupConfig = z.output<typeof BackupConfigSchema>;
export type BackupConfigInput = z.input<typeof BackupConfigSchema>;
export type CloudConfig = z.output<typeof CloudConfigSchema>;

/** @example parseBackupConfig({ autoBackup: { interval: 60_000 } }).retention.daily // 7 */
export function parseBackupConfig(input: unknown, what = 'backupSystem config'): BackupConfig {
  return validate(BackupConfigSchema, input ?? {}, what);
}

/** Validates `patch` merged over `current`; throws VALIDATION and changes nothing on bad input. */
export function mergeBackupConfig(current: BackupConfig, patch: unknown): BackupConfig {
  let merged: unknown;
  try {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new ChatbotError('VALIDATION', 'updateConfig expects an object');
    merged = mergeDeep(current, patch);
  } catch (error) {
    throw isChatbotError(error) ? error : unreadable('updateConfig', error);
  }
  return parseBackupConfig(merged, 'updateConfig');
}

function freeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) freeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * The seed writes `backupSystem.config.autoBackup.compressionEnabled = true`: `config` is a view
 * whose assignments go through `updateConfig` (validated, persisted). Arrays are read-only: assign
 * a new array instead.
 */
export function createConfigView(read: () => BackupConfig, update: (patch: Record<string, unknown>) => void): BackupConfig {
  const at = (path: readonly string[]): object => {
    let value: unknown = read();
    for (const part of path) value = typeof value === 'object' && value !== null ? Reflect.get(value, part) : undefined;
    return typeof value === 'object' && value !== null ? value : {};
  };
  const handler = <T extends object>(path: string[]): ProxyHandler<T> => ({
    get(_target, key) {
      const inner: unknown = Reflect.get(at(path), key);
      if (typeof inner === 'object' && inner !== null && !Array.isArray(inner) && typeof key === 'string') return view([...path, key]);
      return Array.isArray(inner) ? freeze([...inner]) : inner;
    },
    set(_target, key, value) {
      if (typeof key !== 'string') return false;
      let patch: Record<string, unknown> = { [key]: value };
      for (const part of [...path].reverse()) patch = { [part]: patch };
      update(patch);
      return true;
    },
    has: (_target, key) => key in at(path),
    ownKeys: () => Reflect.ownKeys(at(path)),
    getOwnPropertyDescriptor: (_target, key) => {
      const inner: unknown = Reflect.get(at(path), key);
      return inner === undefined ? undefined : { value: inner, enumerable: true, configurable: true, writable: true };
    },
  });
  const view = (path: string[]): object => new Proxy({}, handler(path));
  // The root's target is a copy of the config only so that the view has the config's type: the
  // traps answer every access from the current config.
  return new Proxy(structuredClone(read()), handler<BackupConfig>([]));
}
