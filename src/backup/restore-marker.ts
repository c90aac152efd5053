import { BACKUP_KV, type OriginWrite, type RestoringRecord } from '../storage';
import type { BackupRecord } from './records';
import type { Safety } from './restore';
import type { BackupEnv } from './snapshot';

/**
 * Records, durably and before anything is touched, that a restore starts: the start-up runtime
 * puts the safety backup back when it finds this record (the tab closed or the browser crashed
 * mid-restore). The data to put back is stored plain: an encrypted safety backup could not be
 * opened at the next start (its passphrase lives in memory only), and the same data is plain in
 * IndexedDB anyway until the restore replaces it.
 * @example const marker = await beginRestore(env, record, safety, { restoreSession: false, now: clock.now(), restore: 'replace' });
 */
export async function beginRestore(
  env: BackupEnv,
  record: BackupRecord,
  safety: Safety,
  options: { restoreSession: boolean; now: number; restore: NonNullable<RestoringRecord['restore']> },
): Promise<RestoringRecord> {
  const { databases } = env;
  const existing = new Set((await databases.list()).map((info) => info.name));
  const marker: RestoringRecord = {
    id: BACKUP_KV.restoring,
    backupId: record.id,
    safetyBackupId: safety.id,
    undoPayloadId: safety.record.encrypted ? `${safety.record.payloadId}:undo` : safety.record.payloadId,
    compressed: safety.compressed,
    restoreSession: options.restoreSession,
    created: record.sources.flatMap((source) =>
      source.kind === 'indexedDB' && !existing.has(source.database) && source.database !== databases.widgetName ? [source.database] : []),
    startedAt: options.now,
    restore: options.restore,
  };
  const writes: OriginWrite[] = [{ op: 'put', store: 'kv', value: marker }];
  if (safety.record.encrypted) writes.unshift({ op: 'put', store: 'backupBlobs', value: { id: marker.undoPayloadId, blob: safety.payload } });
  // Its own transaction, committed before the restore's first write (not the write queue).
  await (await databases.open(databases.widgetName)).write(writes);
  return marker;
}

/**
 * Records that the restore is over (done, or rolled back): `also` commits in the same
 * transaction, so the state after the restore and its bookkeeping land together.
 * @example await endRestore(env, marker, [{ op: 'put', store: 'backups', value: afterRestore }]);
 */
export async function endRestore(env: BackupEnv, marker: RestoringRecord, also: readonly OriginWrite[] = []): Promise<void> {
  const writes: OriginWrite[] = [{ op: 'delete', store: 'kv', key: marker.id }, ...also];
  if (marker.undoPayloadId.endsWith(':undo')) writes.push({ op: 'delete', store: 'backupBlobs', key: marker.undoPayloadId });
  await (await env.databases.open(env.databases.widgetName)).write(writes);
}
