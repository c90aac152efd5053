import { describe, expect, it, vi } from 'vitest';
import { createManualClock } from '../../../src/core/manual-clock';
import { createTabChannel } from '../../../src/core/tabs';
import { createStorage } from '../../../src/storage';
import { createCloudSync } from '../../../src/backup/cloud';
import { uniqueChannelName } from '../helpers';
import { pollUntil } from '../../shared/poll';

describe('cloud upload wake-ups', () => {
  it('records a wake-up with the queued upload, and clears it when cloud sync is off or the upload keeps failing, so no page loads the system for nothing', async () => {
    const storage = createStorage({ channel: createTabChannel(uniqueChannelName()) });
    const planned = vi.fn();
    let config: { url: string; method: 'PUT'; headers: Record<string, string>; retryBaseMs: number; retryMaxMs: number } | null = {
      url: 'http://127.0.0.1:9/backups/{id}.json', method: 'PUT', headers: {}, retryBaseMs: 1000, retryMaxMs: 60_000,
    };
    const cloud = createCloudSync({
      clock: createManualClock(1000),
      storage,
      config: () => config,
      file: async () => undefined, // the backup was deleted: the upload is dropped
      uploaded: () => undefined,
      reportError: () => undefined,
      planned,
    });
    cloud.enqueue('bkp_1');
    expect(planned).toHaveBeenCalledWith(1000);
    await cloud.process();

    // An upload left from an earlier page, and cloud sync turned off since.
    storage.put('outbox', { id: 'backup-upload:bkp_2', kind: 'backup-upload', backupId: 'bkp_2', createdAt: 0, attempts: 3, nextAt: 0 });
    await storage.flush();
    config = null;
    planned.mockClear();
    await cloud.process();
    expect(planned).toHaveBeenCalledWith(undefined);

    // Back on, with only an upload that failed eight times waiting: no page is woken for it.
    config = { url: 'http://127.0.0.1:9/backups/{id}.json', method: 'PUT', headers: {}, retryBaseMs: 1000, retryMaxMs: 60_000 };
    storage.put('outbox', { id: 'backup-upload:bkp_2', kind: 'backup-upload', backupId: 'bkp_2', createdAt: 0, attempts: 8, nextAt: 10_000_000 });
    await storage.flush();
    planned.mockClear();
    await cloud.process();
    expect(planned).toHaveBeenCalledWith(undefined);
    cloud.dispose();
    await storage.close();
  });

  it('starts an upload afresh when the browser comes back online: failures while offline do not count', async () => {
    const storage = createStorage({ channel: createTabChannel(uniqueChannelName()) });
    const host = new EventTarget() as unknown as Window;
    const planned = vi.fn();
    const cloud = createCloudSync({
      clock: createManualClock(1000),
      storage,
      host,
      config: () => ({ url: 'http://127.0.0.1:9/backups/{id}.json', method: 'PUT', headers: {}, retryBaseMs: 1000, retryMaxMs: 60_000 }),
      file: async () => new Blob(['{}']), // nothing listens on port 9: the try fails again
      uploaded: () => undefined,
      reportError: () => undefined,
      planned,
    });
    storage.put('outbox', { id: 'backup-upload:bkp_3', kind: 'backup-upload', backupId: 'bkp_3', createdAt: 0, attempts: 9, nextAt: 10_000_000 });
    await storage.flush();
    host.dispatchEvent(new Event('online'));
    // Tried once more at once, from a clean count: one failure, not ten.
    await pollUntil(async () => expect((await storage.getAll('outbox')).map((r) => r.attempts)).toEqual([1]), { timeout: 5000 });
    cloud.dispose();
    await storage.close();
  });
});
