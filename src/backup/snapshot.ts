import { encodeValue, type BinaryPart } from './codec';
import { ChatbotError } from '../core/errors';
import type { ChunkSizing, OriginDatabase, OriginDatabases } from '../storage';
import { createPayloadWriter } from './payload-writer';
import { EXCLUDED_WIDGET_STORES, OWN_KV_PREFIX, type BackupSource, type Selection } from './selection';

/** Where the data lives: the origin's IndexedDB databases (the widget's among them), Web Storage. */
export interface BackupEnv {
  databases: OriginDatabases;
  localStorage?: globalThis.Storage | undefined;
  sessionStorage?: globalThis.Storage | undefined;
}

export const PAYLOAD_FORMAT = 'chatbot-backup-payload';
export const PAYLOAD_VERSION = 1;

/**
 * Chunks aim at ~96 KB of JSON: the heap holds little more than one chunk in flight (its strings
 * stay under V8's 128 KB large-object threshold), and one readonly transaction per chunk costs
 * little next to encoding and gzip (see the bench).
 */
const TARGET_CHUNK_BYTES = 96 * 1024;
const MIN_CHUNK = 16;
const MAX_CHUNK = 20_000;

export interface Snapshot {
  blob: Blob;
  /** Uncompressed payload bytes. */
  size: number;
  sources: BackupSource[];
}

function webStorageEntries(storage: globalThis.Storage, only: readonly string[] | 'all'): Array<[string, string]> {
  const keys = only === 'all' ? Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter((k): k is string => k !== null) : only;
  const entries: Array<[string, string]> = [];
  for (const key of [...keys].sort()) {
    const value = storage.getItem(key);
    if (value !== null) entries.push([key, value]);
  }
  return entries;
}

/**
 * Reads the selected sources store by store, chunk by chunk, and streams them into a compressed
 * payload Blob. Lines: header, `ls`/`ss` entries, per database a `db` schema line then `r` record
 * chunks, and an `end` trailer with the counts (a truncated payload is detected without it).
 * @example const { blob, sources } = await writeSnapshot(env, selection, { compress: true, createdAt: Date.now() });
 */
export async function writeSnapshot(env: BackupEnv, selection: Selection, options: { compress: boolean; createdAt: number }): Promise<Snapshot> {
  const writer = createPayloadWriter({ compress: options.compress });
  const sources: BackupSource[] = [];
  let lines = 0;
  let records = 0;
  const write = async (line: Record<string, unknown>, binary?: BinaryPart[]): Promise<void> => {
    lines++;
    await writer.write(line, binary);
  };
  try {
    // The header says which Web Storage keys the backup covers (inside the checksum and the
    // encryption, unlike the record's metadata): a restore clears exactly that scope.
    const scope = {
      localStorage: env.localStorage ? selection.localStorage : null,
      sessionStorage: Boolean(env.sessionStorage) && selection.sessionStorage,
    };
    await write({ t: 'h', format: PAYLOAD_FORMAT, version: PAYLOAD_VERSION, createdAt: options.createdAt, scope });
    for (const kind of ['localStorage', 'sessionStorage'] as const) {
      const scope = kind === 'localStorage' ? selection.localStorage : selection.sessionStorage ? 'all' : null;
      const storage = env[kind];
      if (scope === null || !storage) continue;
      const entries = webStorageEntries(storage, scope);
      for (let i = 0; i < entries.length; i += 500) await write({ t: kind === 'localStorage' ? 'ls' : 'ss', entries: entries.slice(i, i + 500) });
      sources.push(kind === 'localStorage' && scope !== 'all' ? { kind, keys: entries.length, only: [...scope] } : { kind, keys: entries.length });
    }

    const all = selection.indexedDB === 'all';
    const wantedByDb = new Map(selection.indexedDB === 'all' ? [] : selection.indexedDB.map((entry) => [entry.database, entry.stores]));
    const { widgetName } = env.databases;
    const existing = (await env.databases.list()).map((info) => info.name);
    const databases = all ? existing : existing.filter((name) => wantedByDb.has(name));
    if (!databases.includes(widgetName) && (all || wantedByDb.has(widgetName))) databases.push(widgetName);
    for (const name of databases) {
      const widget = name === widgetName;
      const db = widget ? await env.databases.open(name) : await env.databases.open(name).catch(() => undefined);
      if (!db) continue; // deleted meanwhile, or blocked by an upgrade: nothing to read
      try {
        const schema = db.describe();
        const wanted = wantedByDb.get(name);
        const wantedSet = wanted === undefined || wanted === 'all' ? undefined : new Set(wanted);
        const stores = schema.stores.filter((store) => !(widget && EXCLUDED_WIDGET_STORES.has(store.name)) && (!wantedSet || wantedSet.has(store.name)));
        if (stores.length === 0 && widget && !all) continue;
        await write({ t: 'db', name, version: schema.version, widget, stores });
        const counted: Array<(typeof stores)[number] & { records: number }> = [];
        for (const store of stores) {
          let count = 0;
          const sizing: ChunkSizing = { count: 256 };
          const inlineKeys = store.keyPath !== null;
          for await (const rows of db.readChunks(store.name, sizing)) {
            const binary: BinaryPart[] = [];
            const encoded: unknown[] = [];
            for (const [key, value] of rows) {
              if (widget && store.name === 'kv' && typeof key === 'string' && key.startsWith(OWN_KV_PREFIX)) continue;
              // In-line keys are inside the value: storing them again would only cost space.
              encoded.push(inlineKeys ? [0, encodeValue(value, binary)] : [encodeValue(key, binary), encodeValue(value, binary)]);
            }
            if (encoded.length === 0) continue;
            const line = { t: 'r', db: name, store: store.name, rows: encoded };
            await write(line, binary);
            count += encoded.length;
            tune(sizing, encoded, binary);
          }
          records += count;
          counted.push({ ...store, records: count });
        }
        sources.push({ kind: 'indexedDB', database: name, version: schema.version, widget, stores: counted });
      } finally {
        db.close();
      }
    }
    await write({ t: 'end', lines: lines + 1, records });
    const { blob, size } = await writer.close();
    return { blob, size, sources };
  } catch (error) {
    await writer.abort(error);
    throw error;
  }
}

/** Adapts the next chunk's record count so a chunk stays near TARGET_CHUNK_BYTES. */
function tune(sizing: ChunkSizing, encoded: unknown[], binary: BinaryPart[]): void {
  // A cheap estimate: a sample record's JSON length, plus the binary bytes.
  const sample = encoded[encoded.length >> 1];
  const sampleBytes = sample === undefined ? 0 : JSON.stringify(sample).length;
  let binaryBytes = 0;
  for (const part of binary) binaryBytes += part instanceof Blob ? part.size : part.byteLength;
  const perRecord = Math.max(1, sampleBytes + binaryBytes / Math.max(1, encoded.length));
  sizing.count = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, Math.round(TARGET_CHUNK_BYTES / perRecord)));
}

/**
 * Stores a payload Blob in `backupBlobs`, in its own transaction, now: a backup too big for the
 * quota fails here with QUOTA_EXCEEDED instead of sitting in the write queue, which retries.
 */
export async function writePayload(db: OriginDatabase, id: string, blob: Blob): Promise<void> {
  try {
    await db.write([{ op: 'put', store: 'backupBlobs', value: { id, blob } }]);
  } catch (error) {
    const quota = error instanceof Error && (error.name === 'QuotaExceededError' || /quota/i.test(error.message));
    throw new ChatbotError(quota ? 'QUOTA_EXCEEDED' : 'STORAGE_FAILED', `cannot store the backup (${blob.size} bytes)`, { cause: error });
  }
}
