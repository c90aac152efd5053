import { decodeValue } from './codec';
import { deleteDatabaseRaw, listDatabases, openDatabaseRaw, transactionDone, type StoreSchema } from './idb-raw';
import { PayloadFormatError, readPayload } from './payload-reader';
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
 * Clears a store of the widget's database except the backup module's own kv records (its config
 * and schedule are settings of this browser, not data to roll back).
 */
export function clearStore(store: IDBObjectStore, widget: boolean): void {
  if (widget && store.name === 'kv') {
    store.delete(IDBKeyRange.upperBound(OWN_KV_PREFIX, true));
    store.delete(IDBKeyRange.lowerBound(`${OWN_KV_PREFIX}\uffff`));
  } else {
    store.clear();
  }
}

interface Target {
  db: IDBDatabase;
  widget: boolean;
  stores: Map<string, StoreSchema>;
}

async function openTarget(env: BackupEnv, line: Record<string, unknown>, existing: Set<string>, result: ApplyResult): Promise<Target> {
  const name = String(line.name);
  const version = Number(line.version);
  const stores = line.stores as StoreSchema[];
  if (!Array.isArray(stores) || !Number.isSafeInteger(version) || version < 1) throw new PayloadFormatError(`bad database line for "${name}"`);
  const byName = new Map(stores.map((store) => [store.name, store]));
  if (name === env.widgetName) {
    const db = await env.widgetDb();
    for (const store of stores) {
      // The widget's schema only grows; a store we do not know means a backup of a newer widget.
      if (!db.objectStoreNames.contains(store.name)) throw new PayloadFormatError(`the widget database has no store "${store.name}"`);
    }
    return { db, widget: true, stores: byName };
  }
  const createMissing = (db: IDBDatabase, tx: IDBTransaction): void => {
    for (const store of stores) {
      const objectStore = db.objectStoreNames.contains(store.name)
        ? tx.objectStore(store.name)
        : db.createObjectStore(store.name, { keyPath: store.keyPath, autoIncrement: store.autoIncrement });
      for (const index of store.indexes) {
        if (!objectStore.indexNames.contains(index.name)) objectStore.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
      }
    }
  };
  let db: IDBDatabase;
  if (existing.has(name)) {
    // An empty database (opened without a version by someone, never migrated) holds nothing to
    // keep: recreate it at the backup's version with its schema.
    const probe = await openDatabaseRaw(env.factory, name);
    const empty = probe.objectStoreNames.length === 0;
    probe.close();
    if (empty) {
      await deleteDatabaseRaw(env.factory, name);
      existing.delete(name);
    }
  }
  if (!existing.has(name)) {
    db = await openDatabaseRaw(env.factory, name, version, createMissing);
    result.createdDatabases.push(name);
  } else {
    db = await openDatabaseRaw(env.factory, name);
    if (db.version < version) {
      // The page's own code would migrate to this version too; create what the backup needs.
      db.close();
      db = await openDatabaseRaw(env.factory, name, version, createMissing);
    }
  }
  for (const store of stores) {
    // A newer version of the page's database dropped this store: never bump its version.
    if (!db.objectStoreNames.contains(store.name)) {
      byName.delete(store.name);
      result.skipped.push(`indexedDB:${name}/${store.name}`);
    }
  }
  return { db, widget: false, stores: byName };
}

function clearWebStorage(env: BackupEnv, scope: unknown, restoreSession: boolean): void {
  const { localStorage: local, sessionStorage: session } = (scope ?? {}) as { localStorage?: unknown; sessionStorage?: unknown };
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
  const existing = new Set((await listDatabases(env.factory)).map((info) => info.name));
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
          for (const [key, value] of line.entries as Array<[string, string]>) storage.setItem(String(key), String(value));
          break;
        }
        case 'db': {
          const target = await openTarget(env, line, existing, result);
          targets.set(String(line.name), target);
          if (options.clearExisting && target.stores.size > 0) {
            const tx = target.db.transaction([...target.stores.keys()], 'readwrite');
            for (const store of target.stores.keys()) clearStore(tx.objectStore(store), target.widget);
            await transactionDone(tx);
          }
          break;
        }
        case 'r': {
          const target = targets.get(String(line.db));
          const schema = target?.stores.get(String(line.store));
          const rows = line.rows as Array<[unknown, unknown]>;
          if (!Array.isArray(rows)) throw new PayloadFormatError('bad record chunk');
          result.records += rows.length;
          if (!target || !schema) break; // skipped store
          const tx = target.db.transaction(schema.name, 'readwrite');
          const done = transactionDone(tx);
          const store = tx.objectStore(schema.name);
          try {
            for (const [key, value] of rows) {
              const decoded = decodeValue(value, binary);
              if (schema.keyPath === null) store.put(decoded, decodeValue(key, binary) as IDBValidKey);
              else store.put(decoded);
            }
          } catch (error) {
            // A synchronous DataError/DataCloneError leaves the transaction open: abort it.
            tx.abort();
            await done.catch(() => undefined);
            throw error;
          }
          await done;
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
    for (const target of targets.values()) if (!target.widget) target.db.close();
  }
  return result;
}

/** Deletes databases a failed restore created (the rollback's last step). */
export async function dropDatabases(env: BackupEnv, names: readonly string[]): Promise<void> {
  for (const name of names) await deleteDatabaseRaw(env.factory, name);
}
