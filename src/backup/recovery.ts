import * as z from 'zod/mini';
import type { Clock } from '../core/clock';
import { ChatbotError, isChatbotError } from '../core/errors';
import { readField } from '../core/read-field';
import { createId } from '../core/ids';
import type { Events } from '../core/events';
import type { TabChannel } from '../core/tabs';
import { toEpochMs } from '../core/time';
import { validate } from '../core/validate';
import { UNJOURNALED_STORES, type ChatbotStorage, type RestoringRecord } from '../storage';
import { loadOnDemand } from './load-on-demand';
import { PointInTimeSchema } from './schemas';
import type { Safety } from './restore';
import type { Backup, BackupRecord, BackupType } from './records';
import { selectionOf, type Selection } from './selection';
import { journalCoveredSince } from './restorable-ranges';
import { lastRestoreEnd, readRestoreEnds, restoreEndWrite } from './restore-ends';
import type { BackupEnv } from './snapshot';
import type { BackupEvents, PointInTimeResult, RestoreOptions, RestoreResult } from './types';

const RestoreOptionsSchema = z.optional(z.object({
  clearExisting: z._default(z.boolean(), true),
  restoreSession: z._default(z.boolean(), false),
  reload: z._default(z.boolean(), false),
  passphrase: z.optional(z.string().check(z.maxLength(1024))),
}));

/**
 * Journal entries are stamped when a mutation is queued and committed a few ms later (another
 * tab's may land just after our flush): replaying from a little before the backup's start covers
 * them, and replaying already-included entries in commit order is harmless.
 */
const JOURNAL_OVERLAP_MS = 5_000;

/**
 * Where the replay over `base` starts. The overlap catches other tabs' writes queued before the
 * backup began and committed after it read their store; but never before the last restore that
 * ended by then: a restore replaced everything written before it (without journaling that), so
 * replaying those writes would bring back what it undid. A backup a restore made (or the put-back
 * of an interrupted one) starts from the restored state itself.
 */
function replayFrom(base: BackupRecord, restoreEnds: readonly number[]): number {
  const trigger = base.metadata.trigger;
  if (trigger === 'after_restore' || trigger === 'after_interrupted_restore') return base.createdAt;
  return Math.max(base.createdAt - JOURNAL_OVERLAP_MS, lastRestoreEnd(restoreEnds, base.createdAt));
}

export interface RecoveryDeps {
  env: BackupEnv;
  storage: ChatbotStorage;
  clock: Clock;
  channel: TabChannel;
  host?: Window | undefined;
  events: Events<BackupEvents>;
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  records(): BackupRecord[];
  loadPayload(record: BackupRecord): Promise<Blob | undefined>;
  passphrase(): string | undefined;
  snapshot(type: BackupType, metadata: Record<string, unknown>, selection: Selection, secret: string | undefined): Promise<{ record: BackupRecord; plain: Blob }>;
  store(record: BackupRecord, payload?: Blob): Promise<Backup>;
  applyRetention(): void;
}

/** restoreBackup and restoreToPointInTime (see docs/backup.md, "Restore"). */
export function createRecovery(deps: RecoveryDeps) {
  const { env, storage, clock } = deps;
  const iso = (time: number): string => new Date(time).toISOString();

  const find = (id: string): BackupRecord => {
    const record = deps.records().find((r) => r.id === id);
    if (!record) throw new ChatbotError('NOT_FOUND', `no backup ${id}`);
    return record;
  };

  const safetyFor = async (record: BackupRecord, restoreSession: boolean): Promise<Safety> => {
    const { record: safety, plain } = await deps.snapshot('auto', { trigger: 'before_restore', restoring: record.id }, selectionOf(record.sources, restoreSession), deps.passphrase());
    return { id: safety.id, payload: plain, compressed: safety.compression === 'gzip', record: safety };
  };

  /**
   * Applies all-or-nothing, also across a closed tab or a crash: the `backup:restoring` record is
   * stored first, so the next start puts the safety backup back (interrupted-restore.ts); it is
   * removed once the data is put back here, or by `finish`. A failed rollback leaves it for the
   * next start to try again.
   */
  const applyGuarded = async (
    engine: Awaited<ReturnType<typeof loadOnDemand>>,
    record: BackupRecord,
    safety: Safety,
    restoreSession: boolean,
    restore: NonNullable<RestoringRecord['restore']>,
    apply: () => ReturnType<typeof engine.applyAtomically>,
  ): Promise<{ applied: Awaited<ReturnType<typeof engine.applyAtomically>>; marker: RestoringRecord }> => {
    const marker = await engine.beginRestore(env, record, safety, { restoreSession, now: clock.now(), restore });
    try {
      return { applied: await apply(), marker };
    } catch (error) {
      const rolledBack = !(isChatbotError(error) && readField(error.details, 'rolledBack') === false);
      if (rolledBack) await engine.endRestore(env, marker);
      throw error;
    }
  };

  const announce = (backupId: string, reload: boolean): string => {
    const timestamp = iso(clock.now());
    deps.events.emit('backup_restored', { backupId, timestamp });
    deps.channel.post({ kind: 'backup', type: 'restored', backupId, timestamp, reload });
    // Every module's in-memory read model is stale now; a reload is the simplest correct refresh.
    if (reload) deps.host?.location.reload();
    return timestamp;
  };

  const unsubscribe = deps.channel.subscribe('backup', (message) => {
    if (message.type !== 'restored') return;
    deps.events.emit('backup_restored', { backupId: message.backupId, timestamp: message.timestamp, remote: true });
    if (message.reload) deps.host?.location.reload();
  });

  return {
    async restoreBackup(id: string, options?: RestoreOptions): Promise<RestoreResult> {
      const opts = validate(RestoreOptionsSchema, options, 'restoreBackup options') ?? { clearExisting: true, restoreSession: false, reload: false };
      const record = find(validate(z.string().check(z.minLength(1)), id, 'restoreBackup id'));
      const engine = await loadOnDemand();
      const { applyAtomically, checkCompatible, checkRecords, endRestore, openPayload, verifyPayload } = engine;
      // Checksum and passphrase first: nothing is touched unless the backup can be read.
      const payload = await openPayload(record, await deps.loadPayload(record), opts.passphrase);
      // An imported encrypted file could not be checked against its metadata at import: do it now.
      if (record.imported && record.encrypted) await verifyPayload(payload, record.compression === 'gzip', record.sources);
      await checkCompatible(env, record);
      await checkRecords(env, record, payload);
      return deps.exclusive(async () => {
        const safety = await safetyFor(record, opts.restoreSession);
        const { applied, marker } = await applyGuarded(engine, record, safety, opts.restoreSession, opts.clearExisting ? 'replace' : 'merge', () => applyAtomically(env, record, payload, opts, safety));
        // The restored writes are not journaled: record the new starting point for later
        // point-in-time recovery. After a clean restore the state is exactly this backup's, so the
        // new record shares its payload (stored with the end of the restore, in one transaction);
        // after a merge it is a real backup.
        const trigger = { trigger: 'after_restore', restoredFrom: record.id };
        const ended = await restoreEndWrite(storage, clock.now());
        if (opts.clearExisting) {
          const now = clock.now();
          const { imported: _imported, uploadedAt: _uploaded, ...rest } = record;
          const after: BackupRecord = { ...rest, id: createId('bkp', now), type: 'auto', createdAt: now, completedAt: now, metadata: trigger };
          await endRestore(env, marker, [{ op: 'put', store: 'backups', value: after }, ended]);
          await deps.store(after);
        } else {
          await deps.snapshot('auto', trigger, selectionOf(record.sources, opts.restoreSession), deps.passphrase());
          await endRestore(env, marker, [ended]);
        }
        deps.applyRetention();
        await storage.flush();
        const timestamp = announce(record.id, opts.reload);
        return { backupId: record.id, timestamp, records: applied.records, skipped: applied.skipped, safetyBackupId: safety.id };
      });
    },

    async restoreToPointInTime(date: Date | string | number, options?: RestoreOptions): Promise<PointInTimeResult> {
      const target = toEpochMs(validate(PointInTimeSchema, date, 'restoreToPointInTime date'));
      if (!Number.isFinite(target)) throw new ChatbotError('VALIDATION', 'restoreToPointInTime date: not a valid date');
      if (target > clock.now()) throw new ChatbotError('VALIDATION', 'restoreToPointInTime date: is in the future');
      const opts = validate(RestoreOptionsSchema, options, 'restoreToPointInTime options') ?? { clearExisting: true, restoreSession: false, reload: false };
      const base = deps.records().find((r) => !r.imported && (r.completedAt ?? r.createdAt) <= target);
      if (!base) throw new ChatbotError('NOT_FOUND', `no backup of this browser completed at or before ${iso(target)}`);
      const engine = await loadOnDemand();
      const { applyAtomically, checkCompatible, checkRecords, endRestore, openPayload, replayJournal } = engine;
      const payload = await openPayload(base, await deps.loadPayload(base), opts.passphrase ?? deps.passphrase());
      await checkCompatible(env, base);
      await checkRecords(env, base, payload);
      const widget = base.sources.find((s) => s.kind === 'indexedDB' && s.widget);
      const widgetStores = new Set(widget?.kind === 'indexedDB' ? widget.stores.map((s) => s.name) : []);

      return deps.exclusive(async () => {
        const safety = await safetyFor(base, opts.restoreSession);
        const entries = await storage.journal.read({ since: replayFrom(base, await readRestoreEnds(storage)), until: target });
        let replayed = 0;
        // A point in time is a whole state: existing data is always cleared first.
        const { applied, marker } = await applyGuarded(engine, base, safety, opts.restoreSession, 'pointInTime', () =>
          applyAtomically(env, base, payload, { ...opts, clearExisting: true }, safety, async () => {
            replayed = await replayJournal(env, entries, widgetStores);
          }));
        const ended = await restoreEndWrite(storage, clock.now());
        await deps.snapshot('auto', { trigger: 'after_restore', pointInTime: iso(target), restoredFrom: base.id }, selectionOf(base.sources, opts.restoreSession), deps.passphrase());
        await endRestore(env, marker, [ended]);
        deps.applyRetention();
        await storage.flush();
        // Another tab may have shed journal entries since this one started: read the gap again.
        await storage.journal.load();
        const journalComplete = base.createdAt - JOURNAL_OVERLAP_MS >= journalCoveredSince(clock.now(), storage.journal.limits, storage.journal.gapUntil);
        const exact: string[] = [];
        const atBackupTime: string[] = [];
        for (const source of base.sources) {
          if (source.kind !== 'indexedDB') atBackupTime.push(source.kind);
          else for (const s of source.stores) {
            const label = `indexedDB:${source.database}/${s.name}`;
            if (source.widget && journalComplete && !UNJOURNALED_STORES.has(s.name)) exact.push(label);
            else atBackupTime.push(label);
          }
        }
        const timestamp = announce(base.id, opts.reload);
        return {
          backupId: base.id,
          backupCreatedAt: iso(base.createdAt),
          pointInTime: iso(target),
          timestamp,
          replayedEntries: replayed,
          records: applied.records,
          skipped: applied.skipped,
          exact,
          atBackupTime,
          safetyBackupId: safety.id,
        };
      });
    },

    dispose: unsubscribe,
  };
}
