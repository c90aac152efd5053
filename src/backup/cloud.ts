import type { Clock } from '../core/clock';
import { ChatbotError, toChatbotError } from '../core/errors';
import type { BackupUploadRecord, Storage } from '../storage';
import type { CloudConfig } from './config';
import { ifLockFree, LOCKS } from './locks';

export const UPLOAD_KIND = 'backup-upload';

type UploadRecord = BackupUploadRecord;

export interface CloudSyncDeps {
  clock: Clock;
  storage: Storage;
  host?: Window | undefined;
  config(): CloudConfig | null | undefined;
  /** The export file of a backup; undefined when the backup was deleted meanwhile. */
  file(backupId: string): Promise<Blob | undefined>;
  uploaded(backupId: string, at: number): void;
  reportError(error: ChatbotError): void;
  /** Told when the next upload is due (undefined when none waits), so a later page can wake for it. */
  planned?(at: number | undefined): void;
}

/**
 * Uploads each new backup file to `cloud.url` (a pre-signed S3 URL, a WebDAV folder: `{id}` is
 * replaced by the backup id) through a persistent queue in the `outbox` store, so an upload that
 * failed (offline, server down, page closed) is retried with exponential backoff — after a delay,
 * when the browser comes back online, and at the next start. One tab uploads at a time.
 * @example const cloud = createCloudSync(deps); cloud.enqueue(backup.id);
 */
export interface CloudSync {
  enqueue(backupId: string): void;
  /** Uploads what is due now; resolves when this pass is over. */
  process(): Promise<void>;
  pending(): Promise<number>;
  dispose(): void;
}

// Browsers fire timers past 2^31 ms at once; a due time in the past (another tab holds the upload
// lock) is looked at again shortly, not in a tight loop.
const MAX_TIMER_MS = 2 ** 31 - 1;
const MIN_REARM_MS = 250;
const WAKE_ATTEMPTS = 8;

export function createCloudSync(deps: CloudSyncDeps): CloudSync {
  let timer: unknown;
  let running: Promise<void> | undefined;
  let disposed = false;

  const queued = async (): Promise<UploadRecord[]> =>
    ((await deps.storage.getAllFromIndex('outbox', 'byCreated')) as UploadRecord[]).filter((record) => record.kind === UPLOAD_KIND);

  const arm = (at: number): void => {
    if (disposed) return;
    if (timer !== undefined) deps.clock.clearTimeout(timer);
    timer = deps.clock.setTimeout(() => {
      timer = undefined;
      void sync.process();
    }, Math.min(MAX_TIMER_MS, Math.max(MIN_REARM_MS, at - deps.clock.now())));
  };

  const upload = async (config: CloudConfig, record: UploadRecord): Promise<void> => {
    const file = await deps.file(record.backupId);
    if (!file) {
      deps.storage.delete('outbox', record.id); // the backup was deleted before it could go
      return;
    }
    const url = config.url.replaceAll('{id}', encodeURIComponent(record.backupId));
    let failure: string | undefined;
    try {
      const response = await fetch(url, { method: config.method, headers: { 'content-type': 'application/json', ...config.headers }, body: file });
      if (!response.ok) failure = `HTTP ${response.status}`;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    const now = deps.clock.now();
    if (failure === undefined) {
      deps.storage.delete('outbox', record.id);
      deps.uploaded(record.backupId, now);
      return;
    }
    const attempts = record.attempts + 1;
    const delay = Math.min(config.retryMaxMs, config.retryBaseMs * 2 ** (attempts - 1));
    deps.storage.put('outbox', { ...record, attempts, nextAt: now + delay, lastError: failure });
    deps.reportError(new ChatbotError('NETWORK', `cloud upload of backup ${record.backupId} failed (${failure}); retry ${attempts} in ${Math.round(delay / 1000)} s`));
  };

  const pass = async (): Promise<void> => {
    const config = deps.config();
    if (!config) {
      deps.planned?.(undefined); // uploads wait for cloud to be configured again, not for a page
      return;
    }
    await deps.storage.flush(); // the queue reads committed records
    await ifLockFree(LOCKS.cloud, async () => {
      for (const record of await queued()) {
        if (disposed) return;
        if (record.nextAt <= deps.clock.now()) await upload(config, record);
      }
      await deps.storage.flush();
    });
    const waiting = await queued();
    const next = waiting.reduce((min, record) => Math.min(min, record.nextAt), Infinity);
    // An upload that keeps failing (an expired pre-signed URL) is still retried while the system
    // runs, but no longer wakes later pages for it.
    const wake = waiting.filter((record) => record.attempts < WAKE_ATTEMPTS).reduce((min, record) => Math.min(min, record.nextAt), Infinity);
    deps.planned?.(Number.isFinite(wake) ? wake : undefined);
    if (Number.isFinite(next)) arm(next);
  };

  const onOnline = (): void => {
    // Back online: everything waiting is due now.
    void (async () => {
      // Failures while offline say nothing about the upload: it starts afresh (backoff, wake-ups).
      for (const record of await queued()) deps.storage.put('outbox', { ...record, attempts: 0, nextAt: deps.clock.now() });
      await sync.process();
    })().catch((error: unknown) => deps.reportError(toChatbotError(error, 'STORAGE_FAILED')));
  };
  deps.host?.addEventListener('online', onOnline);

  const sync: CloudSync = {
    enqueue(backupId) {
      if (!deps.config()) return;
      const now = deps.clock.now();
      deps.storage.put('outbox', { id: `${UPLOAD_KIND}:${backupId}`, kind: UPLOAD_KIND, backupId, createdAt: now, attempts: 0, nextAt: now } satisfies UploadRecord);
      // In the same batch as the queued upload: a page closed right now still leaves the wake-up.
      deps.planned?.(now);
      void sync.process();
    },
    process() {
      running ??= pass()
        .catch((error: unknown) => deps.reportError(toChatbotError(error, 'STORAGE_FAILED')))
        .finally(() => {
          running = undefined;
        });
      return running;
    },
    async pending() {
      return (await queued()).length;
    },
    dispose() {
      disposed = true;
      if (timer !== undefined) deps.clock.clearTimeout(timer);
      deps.host?.removeEventListener('online', onOnline);
    },
  };
  return sync;
}
