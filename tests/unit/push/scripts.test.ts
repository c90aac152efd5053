import { execFile } from 'node:child_process';
import { createECDH, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:https';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error http_ece ships no types (it is web-push's own decryption counterpart)
import ece from 'http_ece';

const run = promisify(execFile);
let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('push:keys and push:send', () => {
  it('push:keys prints a VAPID key pair a browser accepts (65-byte P-256 public key)', async () => {
    const { stdout } = await run('node', ['scripts/push-keys.mjs', '--json']);
    const keys = JSON.parse(stdout) as { publicKey: string; privateKey: string };
    expect(Buffer.from(keys.publicKey, 'base64url')).toHaveLength(65);
    expect(Buffer.from(keys.privateKey, 'base64url')).toHaveLength(32);
  });

  it('push:send encrypts the payload for the subscription and posts it to its push service with VAPID', async () => {
    dir = await mkdtemp(join(tmpdir(), 'push-send-'));
    const received: Array<{ headers: IncomingHttpHeaders; body: Buffer; url: string }> = [];
    // A stand-in push service: web-push speaks HTTPS only, so a throwaway self-signed certificate.
    await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]);
    const tls = { key: await readFile(join(dir, 'key.pem')), cert: await readFile(join(dir, 'cert.pem')) };
    const server = createServer(tls, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks), url: req.url ?? '' });
        res.writeHead(201).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const browserKey = createECDH('prime256v1');
      browserKey.generateKeys();
      const auth = randomBytes(16);
      const subscription = { endpoint: `https://127.0.0.1:${port}/push/abc`, expirationTime: null, keys: { p256dh: browserKey.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } };
      const payload = { id: 'order-1234-shipped', title: 'Pedido enviado', body: 'Tu pedido #1234 está en camino', category: 'orders', priority: 'high', url: '/?order=1234' };
      const { stdout: keysJson } = await run('node', ['scripts/push-keys.mjs', '--json']);
      await writeFile(join(dir, 'sub.json'), JSON.stringify(subscription));
      await writeFile(join(dir, 'payload.json'), JSON.stringify(payload));
      await writeFile(join(dir, 'vapid.json'), keysJson);
      const { stdout } = await run('node', ['scripts/push-send.mjs', '--subscription', join(dir, 'sub.json'), '--payload', join(dir, 'payload.json'), '--keys', join(dir, 'vapid.json')], {
        env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem') },
      });
      expect(stdout).toContain('sent: 201');
      expect(received).toHaveLength(1);
      const [request] = received;
      expect(request!.url).toBe('/push/abc');
      expect(request!.headers).toMatchObject({ 'content-encoding': 'aes128gcm', ttl: '86400', urgency: 'high' });
      expect(request!.headers.authorization).toMatch(/^vapid t=.+, k=/);
      const clear = ece.decrypt(request!.body, { version: 'aes128gcm', privateKey: browserKey, authSecret: auth }) as Buffer;
      expect(JSON.parse(clear.toString('utf8'))).toEqual(payload);
    } finally {
      server.close();
    }
  });

  it('push:send refuses a payload the worker would replace with the generic notification', async () => {
    dir = await mkdtemp(join(tmpdir(), 'push-send-'));
    await writeFile(join(dir, 'sub.json'), JSON.stringify({ endpoint: 'http://127.0.0.1:9/x', keys: { p256dh: 'a', auth: 'b' } }));
    await writeFile(join(dir, 'payload.json'), JSON.stringify({ body: 'sin título', category: 'spam' }));
    const failure = await run('node', ['scripts/push-send.mjs', '--subscription', join(dir, 'sub.json'), '--payload', join(dir, 'payload.json')]).catch((error: { stderr: string; code: number }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toMatch(/title: .*required[\s\S]*category/);
  });
});
