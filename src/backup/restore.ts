import { ChatbotError, isProgrammingError, toChatbotError } from '../core/errors';
import type { JournalEntry, OriginWrite } from '../storage';
import { applySnapshot, clearStore, dropDatabases, type ApplyOptions, type ApplyResult } from './apply';
import { decryptBlob, sha256Hex } from './crypto';
import { readField } from '../core/read-field';
import { formatIssues } from '../core/validate';
import { decodeValue } from './codec';
import { PayloadFormatError, readPayload } from './payload-reader';
import { MAX_RECORD_DEPTH, nestedDeeperThan, RESTORED_RECORD_SCHEMAS } from './record-schemas';
import type { BackupRecord } from './records';
import { EXCLUDED_WIDGET_STORES, OWN_KV_PREFIX } from './selection';
import type { BackupEnv } from './snapshot';

/**
 * Checks the stored bytes against the checksum, then decrypts: nothing is touched before both
 * passed. Returns the payload ready for `applySnapshot` (compressed, plain).
 */
export async function openPayload(record: BackupRecord, stored: Blob | undefined, passphrase: string | undefined): Promise<Blob> {
  if (!stored) throw new ChatbotError('CORRUPT_BACKUP', `the payload of backup ${record.id} is missing`);
  if (stored.size !== record.compressedSize || (await sha256Hex(stored)) !== record.checksum) {
    throw new ChatbotError('CORRUPT_BACKUP', `checksum mismatch: backup ${record.id} was changed or damaged`);
  }
  if (!record.encrypted) return stored;
  if (!record.encryption) throw new ChatbotError('CORRUPT_BACKUP', 'encrypted backup without encryption parameters');
  return decryptBlob(stored, passphrase, record.encryption);
}

/** A backup of a newer widget (stores this version does not have) is refused up front. */
export async function checkCompatible(env: BackupEnv, record: BackupRecord): Promise<void> {
  const { widgetName } = env.databases;
  const widget = record.sources.find((source) => source.kind === 'indexedDB' && source.database === widgetName);
  if (widget?.kind !== 'indexedDB') return;
  const db = await env.databases.open(widgetName);
  const missing = widget.stores.filter((store) => !db.hasStore(store.name)).map((store) => store.name);
  if (missing.length > 0) throw new ChatbotError('CORRUPT_BACKUP', `made by a newer widget: unknown stores ${missing.join(', ')}`);
}

/**
 * Reads the whole payload and checks every record of the widget's own stores against its store's
 * schema (record-schemas.ts), and every line of the payload against a nesting bound, before
 * anything is written: a bad record refuses the whole backup (CORRUPT_BACKUP), never a
 * half-applied one. Records of stores a backup never holds (the backups themselves, the
 * journal, the outbox) refuse it too.
 */
export async function checkRecords(env: BackupEnv, record: BackupRecord, payload: Blob): Promise<void> {
  let problem: string | undefined;
  try {
    for await (const { line, binary } of readPayload(payload, record.compression === 'gzip')) {
      // Every line, of every database: a record sits 3 levels down (line, rows, [key, value]).
      if (nestedDeeperThan(line, MAX_RECORD_DEPTH + 3)) {
        problem = `a ${line.t === 'r' ? `record of ${String(line.store)}` : 'line'} is nested deeper than ${MAX_RECORD_DEPTH} levels`;
        break;
      }
      if (line.t !== 'r' || line.db !== env.databases.widgetName) continue;
      const store = String(line.store);
      const schema = RESTORED_RECORD_SCHEMAS[store];
      if (!schema) {
        problem = `a backup never holds records of ${store}`;
        break;
      }
      const rows = Array.isArray(line.rows) ? (line.rows as unknown[]) : [];
      for (const row of rows) {
        const value = Array.isArray(row) ? decodeValue(row[1], binary) : undefined;
        const result = schema.safeParse(value);
        if (!result.success) {
          const id = readField(value, 'id');
          problem = `record ${typeof id === 'string' ? `"${id.slice(0, 100)}" ` : ''}of ${store} is malformed: ${formatIssues(result.error.issues)}`;
          break;
        }
      }
      if (problem) break;
    }
  } catch (error) {
    throw new ChatbotError('CORRUPT_BACKUP', `the payload cannot be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (problem) throw new ChatbotError('CORRUPT_BACKUP', `backup ${record.id}: ${problem}; nothing was restored`);
}

export interface Safety {
  id: string;
  payload: Blob;
  compressed: boolean;
  record: BackupRecord;
}

/**
 * Applies `payload` (and then `after`, e.g. a journal replay) all-or-nothing: on any failure the
 * safety backup taken before is applied back over the same sources and databases the restore
 * created are deleted. The thrown error says whether the rollback worked.
 */
export async function applyAtomically(
  env: BackupEnv,
  record: BackupRecord,
  payload: Blob,
  options: ApplyOptions,
  safety: Safety,
  after?: () => Promise<void>,
): Promise<ApplyResult> {
  const before = new Set((await env.databases.list()).map((info) => info.name));
  try {
    const result = await applySnapshot(env, payload, record.compression === 'gzip', options);
    await after?.();
    return result;
  } catch (error) {
    // A bug (no failure to report) is rethrown as it is, but only once the data is put back.
    const failure = isProgrammingError(error) ? undefined : error instanceof PayloadFormatError
      ? new ChatbotError('CORRUPT_BACKUP', error.message, { cause: error })
      : toChatbotError(error, 'STORAGE_FAILED');
    try {
      await applySnapshot(env, safety.payload, safety.compressed, { clearExisting: true, restoreSession: options.restoreSession });
      const created = record.sources.flatMap((source) => (source.kind === 'indexedDB' && !before.has(source.database) && source.database !== env.databases.widgetName ? [source.database] : []));
      await dropDatabases(env, created);
    } catch (rollbackError) {
      throw new ChatbotError('STORAGE_FAILED', `restore failed (${failure?.message ?? String(error)}) and so did putting the data back; safety backup ${safety.id} holds the previous state`, {
        cause: rollbackError,
        details: { rolledBack: false, safetyBackupId: safety.id, failure: failure ?? error },
      });
    }
    if (!failure) throw error;
    throw new ChatbotError(failure.code, `restore failed and nothing was changed: ${failure.message}`, {
      cause: failure,
      details: { rolledBack: true, safetyBackupId: safety.id },
    });
  }
}

const REPLAY_CHUNK = 500;

/**
 * Replays journal entries (already filtered to the backup's widget stores) onto the widget
 * database, in commit order, a few hundred per transaction.
 */
export async function replayJournal(env: BackupEnv, entries: readonly JournalEntry[], stores: ReadonlySet<string>): Promise<number> {
  const relevant = entries.filter((entry) =>
    stores.has(entry.store) && !EXCLUDED_WIDGET_STORES.has(entry.store) && !(entry.store === 'kv' && entry.key?.startsWith(OWN_KV_PREFIX)));
  const db = await env.databases.open(env.databases.widgetName);
  for (let i = 0; i < relevant.length; i += REPLAY_CHUNK) {
    await db.write(relevant.slice(i, i + REPLAY_CHUNK).flatMap((entry): OriginWrite[] => {
      if (entry.op === 'put' && entry.value) return [{ op: 'put', store: entry.store, value: entry.value }];
      if (entry.op === 'delete' && entry.key !== undefined) return [{ op: 'delete', store: entry.store, key: entry.key }];
      return entry.op === 'clear' ? [clearStore(entry.store, true)] : [];
    }));
  }
  return relevant.length;
}
