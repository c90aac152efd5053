import { createId } from '../core/ids';
import type { BackupRecord, ChatbotStorage, OriginWrite, RestoringRecord } from '../storage';
import { applySnapshot } from './apply';
import { restoreEndWrite } from './restore-ends';
import type { BackupEnv } from './snapshot';

/**
 * Finishes an interrupted restore whose data before cannot be put back (its copy gone or
 * unreadable): the backup it was restoring is applied again, whole. Only a restore that replaces
 * the data with an unencrypted backup can be finished so (a merge lands on unknown data, a
 * point-in-time restore needs its journal replay, an encrypted backup its passphrase). Returns the
 * writes that end the restore, as a finished restore ends, or `undefined` when it cannot.
 * @example const forward = await rollForward(storage, env, marker, clock.now());
 */
export async function rollForward(
  storage: ChatbotStorage,
  env: BackupEnv,
  marker: RestoringRecord,
  now: number,
): Promise<{ writes: OriginWrite[]; afterId: string } | undefined> {
  if (marker.restore !== 'replace') return undefined;
  const db = await storage.database();
  const target = await db.get('backups', marker.backupId);
  if (!target || target.encrypted) return undefined;
  const payload = await db.get('backupBlobs', target.payloadId);
  if (!payload) return undefined;
  try {
    await applySnapshot(env, payload.blob, target.compression === 'gzip', { clearExisting: true, restoreSession: marker.restoreSession });
  } catch {
    return undefined;
  }
  const { imported: _imported, uploadedAt: _uploaded, ...rest } = target;
  const after: BackupRecord = { ...rest, id: createId('bkp', now), type: 'auto', createdAt: now, completedAt: now, metadata: { trigger: 'after_restore', restoredFrom: target.id, rolledForward: true } };
  const writes: OriginWrite[] = [{ op: 'delete', store: 'kv', key: marker.id }, await restoreEndWrite(storage, now), { op: 'put', store: 'backups', value: after }];
  if (marker.undoPayloadId.endsWith(':undo')) writes.push({ op: 'delete', store: 'backupBlobs', key: marker.undoPayloadId });
  return { writes, afterId: after.id };
}
