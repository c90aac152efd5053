import type { Clock } from '../core/clock';
import { ChatbotError } from '../core/errors';
import type { TabChannel } from '../core/tabs';
import { createId } from '../core/ids';
import { withLock } from '../core/locks';
import { BACKUP_KV, createOriginDatabases, type BackupRecord, type ChatbotStorage, type OriginWrite } from '../storage';
import { applySnapshot, dropDatabases } from './apply';
import { DATA_LOCK } from './data-lock';
import { restoreEndWrite } from './restore-ends';
import { rollForward } from './roll-forward';
import type { BackupEnv } from './snapshot';

export interface InterruptedRestoreOptions {
  clock: Clock;
  indexedDB?: IDBFactory | undefined;
  localStorage?: globalThis.Storage | undefined;
  sessionStorage?: globalThis.Storage | undefined;
}

/** What was put back: the restore that was interrupted, and the safety backup whose state the data is in now. */
export interface InterruptedRestore {
  backupId: string;
  safetyBackupId: string;
  /** The new `auto` backup record sharing the safety backup's payload: the starting point of later point-in-time recovery. */
  afterBackupId: string | undefined;
  /** The data before could not be put back (its copy gone or unreadable): the restore was finished instead. */
  rolledForward?: boolean;
}

/**
 * Puts back the data of a restore that was interrupted (its `backup:restoring` record is there:
 * the tab closed or the browser crashed mid-restore): the safety backup taken before it is
 * applied over the same sources, and databases the restore created are deleted; when that copy is
 * gone or unreadable, a restore that replaces the data is finished instead. It waits for the
 * backup lock, so a restore still running in another tab is never undone; it then looks again.
 * Runs at start-up, before anything reads the data (`storage.hold`). Loaded only when needed.
 * @example const outcome = await recoverInterruptedRestore(storage, { clock, localStorage });
 */
export async function recoverInterruptedRestore(storage: ChatbotStorage, options: InterruptedRestoreOptions): Promise<InterruptedRestore | undefined> {
  return withLock(DATA_LOCK, async () => {
    const db = await storage.database();
    // The raw connection (storage's reads wait for this very work): narrowed by its key.
    const found = await db.get('kv', BACKUP_KV.restoring);
    const marker = found?.id === BACKUP_KV.restoring ? found : undefined;
    if (!marker) return undefined; // finished, or put back by another tab meanwhile
    const env: BackupEnv = {
      databases: createOriginDatabases(storage, { factory: options.indexedDB }),
      localStorage: options.localStorage,
      sessionStorage: options.sessionStorage,
    };
    const widget = await env.databases.open(env.databases.widgetName);
    const undo = await db.get('backupBlobs', marker.undoPayloadId);
    let putBack: unknown;
    try {
      if (!undo) throw new Error('its copy is gone');
      await applySnapshot(env, undo.blob, marker.compressed, { clearExisting: true, restoreSession: marker.restoreSession });
    } catch (error) {
      putBack = error;
    }
    if (putBack !== undefined) {
      // The data before cannot be put back: the restore is finished instead, when it can be.
      const forward = await rollForward(storage, env, marker, options.clock.now());
      if (forward) {
        await widget.write(forward.writes);
        return { backupId: marker.backupId, safetyBackupId: marker.safetyBackupId, afterBackupId: forward.afterId, rolledForward: true };
      }
      // With the copy there, a failure may pass: the record stays for the next start to try again.
      if (undo) {
        throw new ChatbotError('STORAGE_FAILED', `a restore of backup ${marker.backupId} was interrupted, and putting the data before it back failed (${putBack instanceof Error ? putBack.message : String(putBack)}); the next start tries again`, {
          cause: putBack,
          details: { rolledBack: false, backupId: marker.backupId, safetyBackupId: marker.safetyBackupId },
        });
      }
      await widget.write([{ op: 'delete', store: 'kv', key: marker.id }]);
      throw new ChatbotError('STORAGE_FAILED', `a restore of backup ${marker.backupId} was interrupted, and the data before it cannot be put back: its copy is gone`, {
        details: { rolledBack: false, backupId: marker.backupId, safetyBackupId: marker.safetyBackupId },
      });
    }
    await dropDatabases(env, marker.created);

    // Like a restore, this bypassed the journal: the state is now exactly the safety backup's, so
    // a record sharing its payload is the new starting point of point-in-time recovery.
    const safety = await db.get('backups', marker.safetyBackupId);
    const now = options.clock.now();
    // Changes other tabs made during the interrupted restore were undone too: a restore end.
    const writes: OriginWrite[] = [{ op: 'delete', store: 'kv', key: marker.id }, await restoreEndWrite(storage, now)];
    let after: BackupRecord | undefined;
    if (safety) {
      const { uploadedAt: _uploaded, ...rest } = safety;
      after = { ...rest, id: createId('bkp', now), createdAt: now, completedAt: now, metadata: { trigger: 'after_interrupted_restore', interrupted: marker.backupId, restoredFrom: safety.id } };
      writes.push({ op: 'put', store: 'backups', value: after });
    }
    if (marker.undoPayloadId !== safety?.payloadId) writes.push({ op: 'delete', store: 'backupBlobs', key: marker.undoPayloadId });
    // A point-in-time restore stores its "after" backup just before it ends: interrupted between
    // the two, that backup holds a state the data is no longer in, and a later point-in-time
    // restore from it would bring that state back. It goes with the restore.
    const all = await db.getAll('backups');
    const stale = all.filter((b) => b.createdAt >= marker.startedAt && b.metadata.trigger === 'after_restore' && b.metadata.restoredFrom === marker.backupId);
    for (const b of stale) {
      writes.push({ op: 'delete', store: 'backups', key: b.id });
      const shared = all.some((other) => other.id !== b.id && other.payloadId === b.payloadId && !stale.includes(other));
      if (!shared && b.payloadId !== marker.undoPayloadId) writes.push({ op: 'delete', store: 'backupBlobs', key: b.payloadId });
    }
    await widget.write(writes);
    return { backupId: marker.backupId, safetyBackupId: marker.safetyBackupId, afterBackupId: after?.id };
  });
}

function webStorage(read: () => globalThis.Storage | undefined): globalThis.Storage | undefined {
  try {
    return read();
  } catch {
    return undefined; // blocked (sandboxed iframe, privacy settings)
  }
}

/**
 * The start-up runtime's side of it: puts back (or finishes) an interrupted restore, tells the open
 * tabs (they re-read their state, as after any restore) and reports it on the `error` event
 * (`STORAGE_FAILED`, `details.rolledBack: true`, or `rolledForward: true`).
 * @example await putBackInterruptedRestore({ storage, clock, channel, host, reportError });
 */
export async function putBackInterruptedRestore(deps: {
  storage: ChatbotStorage;
  clock: Clock;
  channel: TabChannel;
  host: Window | undefined;
  indexedDB: IDBFactory | undefined;
  reportError(error: ChatbotError): void;
}): Promise<void> {
  const outcome = await recoverInterruptedRestore(deps.storage, {
    clock: deps.clock,
    indexedDB: deps.indexedDB,
    localStorage: webStorage(() => deps.host?.localStorage),
    sessionStorage: webStorage(() => deps.host?.sessionStorage),
  });
  if (!outcome) return;
  const timestamp = new Date(deps.clock.now()).toISOString();
  const forward = outcome.rolledForward === true;
  deps.channel.post({ kind: 'backup', type: 'restored', backupId: forward ? outcome.backupId : outcome.safetyBackupId, timestamp, reload: false });
  const what = forward
    ? 'the data before it could not be put back, so the restore was finished'
    : 'the data as it was before it is back';
  deps.reportError(new ChatbotError('STORAGE_FAILED', `the restore of backup ${outcome.backupId} was interrupted (the page closed or the browser stopped); ${what}`, {
    details: { rolledBack: !forward, ...outcome },
  }));
}
