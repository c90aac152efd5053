import * as z from 'zod/mini';
import { ChatbotError } from '../core/errors';
import { withLock } from '../core/locks';
import { createEvents } from '../core/events';
import { createId } from '../core/ids';
import type { ModuleContext } from '../core/module';
import { toEpochMs } from '../core/time';
import { validate } from '../core/validate';
import { createCollection, WAKE_KEYS, wakeRecorder, type OriginDatabases, type ChatbotStorage } from '../storage';
import { createLazyCloudSync } from './lazy-cloud-sync';
import { createConfigView, type BackupConfig } from './config';
import { createBackupConfigStore } from './config-store';
import { BACKUP_TYPES, toPublic, type Backup, type BackupRecord, type BackupType } from './records';
import { createRecovery } from './recovery';
import { selectRetained, type RetentionPolicy } from './retention';
import { createAutoBackup } from './scheduler';
import { selectionFor, type Selection } from './selection';
import { loadOnDemand } from './load-on-demand';
import type { BackupEnv } from './snapshot';
import { computeStats } from './stats';
import type { BackupEvents, BackupSystem, BackupSystemOptions } from './types';
import { CreateOptionsSchema, IdSchema, ListFilterSchema, MetadataSchema, RetentionPreviewSchema } from './schemas';
import { downloadFile } from './download';
import { DATA_LOCK } from './data-lock';
import { createBackupInsights } from './insights';


function toTime(value: Date | string | number, what: string): number {
  const time = toEpochMs(value);
  if (!Number.isFinite(time)) throw new ChatbotError('VALIDATION', `${what}: not a valid date`);
  return time;
}

function safeWebStorage(read: () => globalThis.Storage | undefined): globalThis.Storage | undefined {
  try {
    return read();
  } catch {
    return undefined; // blocked (sandboxed iframe, privacy settings): that source is skipped
  }
}

/**
 * The backup module: full backups of the origin's data, restore, point-in-time recovery,
 * retention, export/import and cloud sync. See docs/backup.md.
 * @example
 * const backups = createBackupSystem(ctx);
 * await backups.ready;
 * const backup = await backups.createBackup('manual', { trigger: 'user_request' });
 */
export function createBackupSystem(ctx: ModuleContext<ChatbotStorage>, options: BackupSystemOptions = {}): BackupSystem {
  const { clock, storage, host } = ctx;
  const events = createEvents<BackupEvents>();
  const backups = createCollection(storage, 'backups');
  const settings = createBackupConfigStore({
    section: ctx.section,
    storage,
    reportError: ctx.reportError,
    onRemoteChange: () => auto.reschedule(),
  });
  const config = (): BackupConfig => settings.current;
  let passphrase: string | undefined;

  // The origin's databases are reached through the backup engine's chunk, loaded on first use.
  let origin: OriginDatabases | undefined;
  const databases = async (): Promise<OriginDatabases> =>
    (origin ??= (await loadOnDemand()).createOriginDatabases(storage, { factory: options.indexedDB }));
  const env: BackupEnv = {
    databases: {
      widgetName: storage.dbName,
      list: async () => (await databases()).list(),
      open: async (name, openOptions) => (await databases()).open(name, openOptions),
      delete: async (name) => (await databases()).delete(name),
    },
    localStorage: options.localStorage ?? safeWebStorage(() => host?.localStorage),
    sessionStorage: options.sessionStorage ?? safeWebStorage(() => host?.sessionStorage),
  };

  // One backup or restore at a time: in this tab (a promise chain) and across tabs (Web Lock).
  let serial: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = serial.then(() => withLock(DATA_LOCK, fn));
    serial = run.catch(() => undefined);
    return run;
  };

  const sortedRecords = (): BackupRecord[] => [...backups.values()].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  const find = (id: string): BackupRecord => {
    const record = backups.get(validate(IdSchema, id, 'backup id'));
    if (!record) throw new ChatbotError('NOT_FOUND', `no backup ${id}`);
    return record;
  };
  const loadPayload = async (record: BackupRecord): Promise<Blob | undefined> =>
    (await storage.get('backupBlobs', record.payloadId))?.blob;

  const remove = (record: BackupRecord): void => {
    backups.delete(record.id);
    const shared = [...backups.values()].some((other) => other.payloadId === record.payloadId);
    if (!shared) storage.delete('backupBlobs', record.payloadId);
    events.emit('backup_deleted', { backupId: record.id });
  };

  const policy = (): RetentionPolicy => ({ last: config().autoBackup.maxBackups, ...config().retention });
  const retentionPlan = (rules: RetentionPolicy = policy()): { keep: BackupRecord[]; drop: BackupRecord[] } => {
    const pool = sortedRecords().filter((record) => record.type !== 'manual');
    const kept = new Set(selectRetained(pool, rules, config().retention.calendar));
    return { keep: pool.filter((r) => kept.has(r.id)), drop: pool.filter((r) => !kept.has(r.id)) };
  };
  const applyRetention = (): void => {
    for (const record of retentionPlan().drop) remove(record);
  };

  /** Stores a record (+ payload unless it shares one), durably, then tells listeners and the cloud. */
  const store = async (record: BackupRecord, payload?: Blob): Promise<Backup> => {
    // The payload goes in its own transaction first: a backup too big for the quota fails here,
    // alone, instead of sitting in the shared write queue that retries quota failures forever.
    if (payload) await (await loadOnDemand()).writePayload(await env.databases.open(storage.dbName), record.payloadId, payload);
    backups.put(record);
    try {
      await storage.flush();
    } catch (error) {
      // A backup the caller is told failed must not stay in the list (or on disk, once a retried
      // write lands): the deletes queue behind the put.
      backups.delete(record.id);
      if (payload) storage.delete('backupBlobs', record.payloadId);
      throw error;
    }
    const backup = toPublic(record);
    events.emit('backup_created', backup);
    cloud.enqueue(record.id);
    return backup;
  };

  /** Takes a backup (the caller holds the lock); returns the record and the plain payload. */
  const snapshot = async (type: BackupType, metadata: Record<string, unknown>, selection: Selection, secret: string | undefined): Promise<{ record: BackupRecord; plain: Blob }> => {
    const { encryptBlob, sha256Hex, writeSnapshot } = await loadOnDemand();
    // Start time first, then flush: whatever was queued before `createdAt` is in the snapshot, and
    // anything after is in the journal that point-in-time recovery replays from `createdAt`.
    const createdAt = clock.now();
    await storage.flush();
    const compress = config().autoBackup.compressionEnabled && typeof CompressionStream === 'function';
    const snap = await writeSnapshot(env, selection, { compress, createdAt });
    const sealed = secret ? await encryptBlob(snap.blob, secret) : undefined;
    const stored = sealed?.blob ?? snap.blob;
    const id = createId('bkp', createdAt);
    const record: BackupRecord = {
      id,
      type,
      createdAt,
      completedAt: clock.now(),
      size: snap.size,
      compressedSize: stored.size,
      sources: snap.sources,
      checksum: await sha256Hex(stored),
      encrypted: sealed !== undefined,
      ...(sealed ? { encryption: sealed.params } : {}),
      compression: compress ? 'gzip' : 'none',
      metadata,
      payloadId: id,
    };
    await store(record, stored);
    return { record, plain: snap.blob };
  };

  const fileOf = async (record: BackupRecord): Promise<Blob> => {
    const payload = await loadPayload(record);
    if (!payload) throw new ChatbotError('CORRUPT_BACKUP', `the payload of backup ${record.id} is missing`);
    return (await loadOnDemand()).buildEnvelope(record, payload, clock.now());
  };

  const recordAutoWake = wakeRecorder(storage, WAKE_KEYS.backup);
  const recordUploadWake = wakeRecorder(storage, WAKE_KEYS.upload);
  const cloud = createLazyCloudSync({
    clock,
    storage,
    host,
    config: () => config().cloud,
    file: async (backupId) => {
      const record = backups.get(backupId);
      return record ? fileOf(record) : undefined;
    },
    // update, not put: a tab that deleted the backup meanwhile must not see it come back.
    uploaded: (backupId, at) => void backups.update(backupId, (current) => (current ? { ...current, uploadedAt: at } : undefined)),
    reportError: ctx.reportError,
    planned: recordUploadWake,
  });

  const recovery = createRecovery({
    env,
    storage,
    clock,
    channel: ctx.channel,
    host,
    events,
    exclusive,
    records: sortedRecords,
    loadPayload,
    passphrase: () => passphrase,
    snapshot,
    store,
    applyRetention,
  });

  const auto = createAutoBackup({
    clock,
    storage,
    settings: () => config().autoBackup,
    run: async () => {
      await exclusive(() => snapshot('auto', { trigger: 'interval' }, selectionFor(config().includedData, config().dataKeys, storage.dbName), passphrase));
      applyRetention();
      await storage.flush();
    },
    background: ctx.background,
    planned: recordAutoWake,
    ...(typeof host?.performance?.timeOrigin === 'number' ? { pageStartedAt: host.performance.timeOrigin } : {}),
  });

  const insights = createBackupInsights({
    clock,
    records: sortedRecords,
    policy,
    calendar: () => config().retention.calendar,
    journalLimits: storage.journal.limits,
    journalGap: () => storage.journal.gapUntil,
    storageManager: () => options.storageManager ?? host?.navigator?.storage,
    cloud: () => config().cloud,
    pendingUploads: () => cloud.pending(),
  });

  const ready = (async () => {
    await storage.ready;
    await backups.load();
    // The journal's gap decides which moments point-in-time recovery restores exactly.
    await storage.journal.load();
    await settings.load();
    auto.start();
    ctx.background(cloud.process(), 'NETWORK', 'cloud sync');
  })();

  const system: BackupSystem = {
    ready,
    async createBackup(type = 'manual', metadata = {}, createOptions) {
      const kind = validate(z.enum(BACKUP_TYPES), type, 'createBackup type');
      const meta = validate(MetadataSchema, metadata, 'createBackup metadata');
      const opts = validate(CreateOptionsSchema, createOptions, 'createBackup options') ?? {};
      const json = JSON.parse(JSON.stringify(meta)) as Record<string, unknown>; // stored and exported as JSON
      const selection = selectionFor(opts.includedData ?? config().includedData, config().dataKeys, storage.dbName);
      const { record } = await exclusive(() => snapshot(kind, json, selection, opts.passphrase ?? passphrase));
      applyRetention();
      await storage.flush();
      return toPublic(record);
    },
    restoreBackup: (id, restoreOptions) => recovery.restoreBackup(id, restoreOptions),
    restoreToPointInTime: (date, restoreOptions) => recovery.restoreToPointInTime(date, restoreOptions),
    listBackups(filter) {
      const f = validate(ListFilterSchema, filter, 'listBackups filter') ?? {};
      const since = f.since === undefined ? -Infinity : toTime(f.since, 'since');
      const before = f.before === undefined ? Infinity : toTime(f.before, 'before');
      return sortedRecords()
        .filter((r) => (!f.type || r.type === f.type) && r.createdAt >= since && r.createdAt < before)
        .map(toPublic);
    },
    getBackup(id) {
      const record = backups.get(validate(IdSchema, id, 'getBackup id'));
      return record ? toPublic(record) : null;
    },
    deleteBackup(id) {
      const record = find(id);
      storage.admit();
      remove(record);
      return true;
    },
    deleteAllBackups() {
      storage.admit();
      const all = sortedRecords();
      for (const record of all) remove(record);
      return all.length;
    },
    async exportBackup(id, format = 'json') {
      validate(z.literal('json'), format, 'exportBackup format');
      const record = find(id);
      const file = await fileOf(record);
      if (host) downloadFile(host, clock, file, `backup-${record.id}.json`);
      return file;
    },
    async importBackup(file) {
      validate(z.instanceof(Blob), file, 'importBackup file');
      const { checkRecords, parseEnvelope } = await loadOnDemand();
      const { record, payload } = await parseEnvelope(file);
      // An encrypted file's records are checked when it is restored (the passphrase opens them).
      if (!record.encrypted) await checkRecords(env, record, payload);
      const same = [...backups.values()].find((r) => r.checksum === record.checksum);
      if (same) return toPublic(same); // importing the same file twice adds nothing
      const id = backups.has(record.id) ? createId('bkp', clock.now()) : record.id;
      // An imported file is kept until deleted (like a manual backup), and never serves as the base
      // of this browser's point-in-time recovery: its data did not come from this journal.
      const imported: BackupRecord = {
        ...record,
        id,
        type: 'manual',
        imported: true,
        metadata: { ...record.metadata, importedFrom: { id: record.id, type: record.type, at: new Date(clock.now()).toISOString() } },
        payloadId: id,
      };
      return store(imported, payload);
    },
    updateConfig(partial) {
      storage.admit();
      const next = settings.update(partial);
      auto.reschedule();
      if (next.cloud) ctx.background(cloud.process(), 'NETWORK', 'cloud sync');
      return next;
    },
    get config() {
      return configView;
    },
    getStats: () => computeStats([...backups.values()], config().autoBackup.enabled),
    previewRetention(rules) {
      const plan = retentionPlan(rules ? { ...policy(), ...validate(RetentionPreviewSchema, rules, 'previewRetention policy') } : undefined);
      return { keep: plan.keep.map(toPublic), drop: plan.drop.map(toPublic) };
    },
    setPassphrase(value) {
      passphrase = value === null ? undefined : validate(z.string().check(z.minLength(8), z.maxLength(1024)), value, 'setPassphrase');
    },
    get nextAutoBackup() {
      const at = auto.nextAt;
      return at === undefined ? null : new Date(at).toISOString();
    },
    ...insights,
    syncNow: () => cloud.process(),
    pendingUploads: () => cloud.pending(),
    // Backups, their payloads and this module's settings are never restored; the stored wake-ups
    // are (they live in kv): record them again, and follow the schedule and uploads from here.
    async reloadState() {
      recordAutoWake.forget();
      recordUploadWake.forget();
      auto.reschedule();
      ctx.background(cloud.process(), 'NETWORK', 'cloud sync');
    },
    on: events.on,
    off: events.off,
    dispose() {
      auto.dispose();
      cloud.dispose();
      recovery.dispose();
      settings.dispose();
      backups.dispose();
    },
  };
  const configView = createConfigView(() => config(), (patch) => system.updateConfig(patch));
  return system;
}
