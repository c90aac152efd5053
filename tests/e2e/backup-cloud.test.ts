import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { openBackupPage, serveBackupPage } from './backup-helpers';
import { useServerAndBrowser } from './helpers/demo-store';
import { BROWSER_POLL, pollUntil } from '../shared/poll';

type Backup = { id: string; uploadedAt?: string; type: string; metadata: Record<string, unknown> };
declare const backupSystem: {
  createBackup(type: string, metadata?: object): Promise<Backup>;
  getBackup(id: string): Backup | null;
  listBackups(filter?: object): Backup[];
  pendingUploads(): Promise<number>;
};

interface Upload {
  method: string;
  path: string;
  token: string | undefined;
  body: string;
}

/** A WebDAV-like endpoint: accepts PUT of one file per path, answers CORS preflights. */
function startUploadServer(port: number, uploads: Upload[]): Promise<Server> {
  const cors = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'PUT, POST', 'access-control-allow-headers': 'content-type, x-token' };
  const server = createServer((req: IncomingMessage, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      uploads.push({ method: req.method ?? '', path: req.url ?? '', token: req.headers['x-token'] as string | undefined, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(201, cors).end();
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('cloud sync of backup files', () => {
  const rig = useServerAndBrowser(serveBackupPage);
  let upload: Server | undefined;
  afterAll(async () => {
    upload?.closeAllConnections();
    await new Promise<void>((resolve) => (upload ? upload.close(() => resolve()) : resolve()));
  });

  it('uploads each new backup, and retries after the server was down', async () => {
    const port = await freePort(); // nothing listens there yet: the server is "down"
    rig.server.config = {
      autoBackup: { enabled: false },
      cloud: { url: `http://127.0.0.1:${port}/backups/{id}.json`, method: 'PUT', headers: { 'x-token': 's3cr3t' }, retryBaseMs: 300, retryMaxMs: 1000 },
    };
    const context = await rig.browser.newContext();
    const page = await openBackupPage(context, rig.server);
    const backup = await page.evaluate(() => backupSystem.createBackup('manual', { trigger: 'cloud_test' }));
    await page.waitForFunction(() => backupSystem.pendingUploads().then((n) => n === 1));
    expect(await page.evaluate((id) => backupSystem.getBackup(id)?.uploadedAt ?? null, backup.id)).toBeNull();

    const uploads: Upload[] = [];
    upload = await startUploadServer(port, uploads);
    await page.waitForFunction((id) => backupSystem.getBackup(id)?.uploadedAt !== undefined, backup.id, { timeout: 15_000 });
    expect(await page.evaluate(() => backupSystem.pendingUploads())).toBe(0);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({ method: 'PUT', path: `/backups/${backup.id}.json`, token: 's3cr3t' });
    const envelope = JSON.parse(uploads[0]!.body);
    expect(envelope).toMatchObject({ format: 'chatbot-repuestos-motos-backup', version: 1, backup: { id: backup.id, metadata: { trigger: 'cloud_test' } } });

    // The queue survives a reload: a backup queued while the server is down again goes up later.
    upload.closeAllConnections();
    await new Promise<void>((resolve) => upload!.close(() => resolve()));
    upload = undefined;
    const second = await page.evaluate(() => backupSystem.createBackup('manual', { trigger: 'offline' }));
    await page.waitForFunction(() => backupSystem.pendingUploads().then((n) => n === 1));
    await page.reload();
    upload = await startUploadServer(port, uploads);
    // Nothing on the page uses the API: the upload the last page left waiting wakes the system.
    await pollUntil(() => expect(uploads.length).toBe(2), { ...BROWSER_POLL, timeout: 20_000 });
    await page.waitForFunction((id) => backupSystem.getBackup(id)?.uploadedAt !== undefined, second.id, { timeout: 15_000 });
    expect(uploads.map((u) => u.path)).toEqual([`/backups/${backup.id}.json`, `/backups/${second.id}.json`]);
    await context.close();
  });
});
