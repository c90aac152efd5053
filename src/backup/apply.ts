import * as z from 'zod/mini';
import type { OriginDatabase, OriginWrite, StoreSchema } from '../storage';
import { decodeValue } from './codec';
import { PayloadFormatError, readPayload } from './payload-reader';
import { StoreSchemaSchema } from './records';
import { OWN_KV_PREFIX } from './selection';
import { PAYLOAD_FORMAT, PAYLOAD_VERSION, type BackupEnv } from './snapshot';

export interface ApplyOptions {
  clearExisting: boolean;
  restoreSession: boolean;
}

export interface ApplyResult {
  records: number;
  /** Stores the backup has but the current database (a newer version of it) no longer has. */
  skipped: string[];
  /** Databases that did not exist and were created (a rollback deletes them). */
  createdDatabases: string[];
}

/**
 * Clears a store; in the widget's database, except the backup module's own kv records (its config
 * and schedule are settings of this browser, not data to roll back).
 */
export function clearStore(store: string, widget: boolean): OriginWrite {
  return widget && store === 'kv' ? { op: 'clear', store, keep: OWN_KV_PREFIX } : { op: 'clear', store };
}

const StoresSchema = z.array(StoreSchemaSchema);

interface Target {
  db: OriginDatabase;
  widget: boolean;
  stores: Map<string, StoreSchema>;
}

async function openTarget(env: BackupEnv, line: Record<string, unknown>, existing: Set<string>, result: ApplyResult): Promise<Target> {
  const name = String(line.name);
  const version = Number(line.version);
  const parsed = StoresSchema.safeParse(line.stores);
  if (!parsed.success || !Number.isSafeInteger(version) || version < 1) throw new PayloadFormatError(`bad database line for "${name}"`);
  const stores: StoreSchema[] = parsed.data;
  const byName = new Map(stores.map((store) => [store.name, store]));
  const { databases } = env;
  if (name === databases.widgetName) {
    const db = await databases.open(name);
    for (const store of stores) {
      // The widget's schema only grows; a store we do not know means a backup of a newer widget.
      if (!db.hasStore(store.name)) throw new PayloadFormatError(`the widget database has no store "${store.name}"`);
    }
    return { db, widget: true, stores: byName };
  }
  const upgrade = { version, create: stores };
  let db: OriginDatabase;
  if (existing.has(name)) {
    // An empty database (opened without a version by someone, never migrated) holds nothing to
    // keep: recreate it at the backup's version with its schema.
    const probe = await databases.open(name);
    const empty = probe.describe().stores.length === 0;
    probe.close();
    if (empty) {
      await databases.delete(name);
      existing.delete(name);
    }
  }
  if (!existing.has(name)) {
    db = await databases.open(name, upgrade);
    result.createdDatabases.push(name);
  } else {
    db = await databases.open(name);
    if (db.version < version) {
      // The page's own code would migrate to this version too; create what the backup needs.
      db.close();
      db = await databases.open(name, upgrade);
    }
  }
  for (const store of stores) {
    // A newer version of the page's database dropped this store: never bump its version.
    if (!db.hasStore(store.name)) {
      byName.delete(store.name);
      result.skipped.push(`indexedDB:${name}/${store.name}`);
    }
  }
  return { db, widget: false, stores: byName };
}

function clearWebStorage(env: BackupEnv, scope: unknown, restoreSession: boolean): void {
  const local = typeof scope === 'object' && scope !== null && 'localStorage' in scope ? scope.localStorage : undefined;
  const session = typeof scope === 'object' && scope !== null && 'sessionStorage' in scope ? scope.sessionStorage : undefined;
  if (local === 'all') env.localStorage?.clear();
  else if (Array.isArray(local)) for (const key of local) env.localStorage?.removeItem(String(key));
  else if (local !== null && local !== undefined) throw new PayloadFormatError('bad localStorage scope');
  if (session === true && restoreSession) env.sessionStorage?.clear();
}

/**
 * Writes a payload into the origin's storage, one transaction per chunk. Not atomic by itself:
 * restore.ts takes a safety backup first and applies it back when this throws.
 * @example await applySnapshot(env, blob, true, { clearExisting: true, restoreSession: false });
 */
export async function applySnapshot(
  env: BackupEnv,
  blob: Blob,
  compressed: boolean,
  options: ApplyOptions,
): Promise<ApplyResult> {
  const result: ApplyResult = { records: 0, skipped: [], createdDatabases: [] };
  const existing = new Set((await env.databases.list()).map((info) => info.name));
  const targets = new Map<string, Target>();
  let ended = false;
  let first = true;

  try {
    for await (const { line, binary } of readPayload(blob, compressed)) {
      if (first) {
        if (line.t !== 'h' || line.format !== PAYLOAD_FORMAT) throw new PayloadFormatError('not a backup payload');
        if (line.version !== PAYLOAD_VERSION) throw new PayloadFormatError(`payload version ${String(line.version)} is not supported`);
        if (options.clearExisting) clearWebStorage(env, line.scope, options.restoreSession);
        first = false;
        continue;
      }
      if (ended) throw new PayloadFormatError('data after the end of the payload');
      switch (line.t) {
        case 'ls':
        case 'ss': {
          const storage = line.t === 'ls' ? env.localStorage : options.restoreSession ? env.sessionStorage : undefined;
          if (!storage) break;
          for (const [key, value] of pairs(line.entries)) storage.setItem(String(key), String(value));
          break;
        }
        case 'db': {
          const target = await openTarget(env, line, existing, result);
          targets.set(String(line.name), target);
          if (options.clearExisting) await target.db.write([...target.stores.keys()].map((store) => clearStore(store, target.widget)));
          break;
        }
        case 'r': {
          const target = targets.get(String(line.db));
          const schema = target?.stores.get(String(line.store));
          const rows = pairs(line.rows, 'bad record chunk');
          result.records += rows.length;
          if (!target || !schema) break; // skipped store
          const store = schema.name;
          await target.db.write(rows.map(([key, value]): OriginWrite =>
            schema.keyPath === null
              ? { op: 'put', store, value: decodeValue(value, binary), key: decodeValue(key, binary) }
              : { op: 'put', store, value: decodeValue(value, binary) }));
          break;
        }
        case 'end':
          if (line.records !== result.records) throw new PayloadFormatError(`the payload holds ${result.records} records, its trailer says ${String(line.records)}`);
          ended = true;
          break;
        default:
          throw new PayloadFormatError(`unknown line type ${String(line.t)}`);
      }
    }
    if (first || !ended) throw new PayloadFormatError('the payload is truncated');
  } finally {
    for (const target of targets.values()) target.db.close();
  }
  return result;
}

/** The `[a, b]` pairs of a payload line (Web Storage entries, record rows). */
function pairs(value: unknown, what = 'bad Web Storage entries'): Array<[unknown, unknown]> {
  if (!Array.isArray(value) || !value.every(isPair)) throw new PayloadFormatError(what);
  return value;
}
const isPair = (value: unknown): value is [unknown, unknown] => Array.isArray(value) && value.length === 2;

/** Deletes databases a failed restore created (the rollback's last step). */
export async function dropDatabases(env: BackupEnv, names: readonly string[]): Promise<void> {
  for (const name of names) await env.databases.delete(name);
}
