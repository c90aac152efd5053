import type { Clock } from '../core/clock';
import { ChatbotError } from '../core/errors';
import { createOutbox, type OutboxHost, type OutboxResult, type ChatbotStorage } from '../storage';
import type { CloudConfig } from './config';

/** The outbox of cloud uploads (and the `kind` of their records in the `outbox` store). */
const UPLOAD_KIND = 'backup-upload';

interface Upload {
  backupId: string;
}

const isUpload = (value: unknown): value is Upload =>
  typeof value === 'object' && value !== null && 'backupId' in value && typeof value.backupId === 'string';

export interface CloudSyncDeps {
  clock: Clock;
  storage: ChatbotStorage;
  host?: OutboxHost | undefined;
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
 * replaced by the backup id) through the durable outbox (src/storage/outbox.ts), so an upload that
 * failed (offline, server down, page closed) is retried with backoff — after a delay, when the
 * browser comes back online, and at the next start. One tab uploads at a time, in order.
 * @example const cloud = createCloudSync(deps); cloud.enqueue(backup.id);
 */
export interface CloudSync {
  enqueue(backupId: string): void;
  /** Uploads what is due now; resolves when this pass is over. */
  process(): Promise<void>;
  pending(): Promise<number>;
  dispose(): void;
}

// An upload that keeps failing (an expired pre-signed URL) is still retried while the system
// runs, but no longer wakes later pages for it.
const WAKE_ATTEMPTS = 8;
// Until cloud sync is configured the backoff is never used; these only satisfy its type.
const IDLE_BACKOFF = { baseMs: 5000, maxMs: 900_000 };

export function createCloudSync(deps: CloudSyncDeps): CloudSync {
  const send = async (backupId: string): Promise<OutboxResult | void> => {
    const config = deps.config();
    if (!config) return { outcome: 'retry', error: new ChatbotError('UNSUPPORTED', 'cloud sync was turned off; the upload waits for it') };
    const file = await deps.file(backupId);
    if (!file) return { outcome: 'drop' }; // the backup was deleted before it could go
    const url = config.url.replaceAll('{id}', encodeURIComponent(backupId));
    let failure: string;
    try {
      const response = await fetch(url, { method: config.method, headers: { 'content-type': 'application/json', ...config.headers }, body: file });
      if (response.ok) {
        deps.uploaded(backupId, deps.clock.now());
        return;
      }
      failure = `HTTP ${response.status}`;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    return { outcome: 'retry', error: new ChatbotError('NETWORK', `cloud upload of backup ${backupId} failed (${failure}); it stays queued and is retried`) };
  };

  const outbox = createOutbox<Upload>({
    name: UPLOAD_KIND,
    storage: deps.storage,
    clock: deps.clock,
    host: deps.host,
    isPayload: isUpload,
    backoff: () => {
      const config = deps.config();
      return config ? { baseMs: config.retryBaseMs, maxMs: config.retryMaxMs } : IDLE_BACKOFF;
    },
    // Uploads wait for cloud to be configured again, not for a page.
    paused: () => !deps.config(),
    reportError: deps.reportError,
    send: ([item]) => send(item.payload.backupId),
    onPlan: (next) => deps.planned?.(next && next.attempts < WAKE_ATTEMPTS ? next.at : undefined),
  });

  return {
    enqueue(backupId) {
      if (!deps.config()) return;
      outbox.enqueue(backupId, { backupId });
      // In the same batch as the queued upload: a page closed right now still leaves the wake-up.
      deps.planned?.(deps.clock.now());
    },
    process: () => outbox.drain(),
    async pending() {
      return (await outbox.items()).length;
    },
    dispose: () => outbox.dispose(),
  };
}
