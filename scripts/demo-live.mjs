// npm run demo:live: the demo store wired to a local Prosody. Starts Prosody with the documented
// config (docs/live-chat.md) in .demo-live/ (kept between runs, so conversations survive a
// restart), creates a staff account, builds, and serves the store with the widget's
// data-chat-* attributes pointing at it. Prints the store URL and the staff login.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { preview } from 'vite';
import { ensureProsody } from './ensure-packages.mjs';
import { startProsody } from './prosody/prosody.mjs';

try {
  ensureProsody();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
if (!process.argv.includes('--no-build')) {
  const result = spawnSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const dir = resolve('.demo-live');
await mkdir(dir, { recursive: true });
const xmppPort = process.env.XMPP_PORT ? Number(process.env.XMPP_PORT) : 5280;
const storePort = Number(process.env.PORT ?? 4173);
const server = await startProsody({
  dir,
  ports: { http: xmppPort },
  config: { websocketOrigins: [`http://127.0.0.1:${storePort}`, `http://localhost:${storePort}`] },
});
const staffUser = process.env.STAFF_USER ?? 'ana';
const staffPassword = process.env.STAFF_PASSWORD ?? randomBytes(9).toString('base64url');
// prosodyctl register sets the password of an existing account too: each run prints a fresh one.
const staffJid = await server.createStaff(staffUser, staffPassword);

const attributes = [
  `data-chat-server="${server.wsUrl}"`,
  `data-chat-domain="${server.customerDomain}"`,
  `data-chat-rooms="${server.mucDomain}"`,
  `data-staff-queue="${staffJid}"`,
].join(' ');
const distDir = resolve(process.env.CHATBOT_DIST ?? 'dist');
const page = (await readFile(resolve(distDir, 'index.html'), 'utf8')).replace('<script src="/chatbot.js"', `<script src="/chatbot.js" ${attributes}`);

const store = await preview({
  build: { outDir: distDir },
  preview: { host: '127.0.0.1', port: storePort, strictPort: false },
  plugins: [
    {
      name: 'live-chat-store-page',
      configurePreviewServer(previewServer) {
        previewServer.middlewares.use((req, res, next) => {
          const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
          if (path !== '/' && path !== '/index.html') return next();
          res.setHeader('content-type', 'text/html; charset=utf-8');
          res.setHeader('cache-control', 'no-cache');
          res.end(page);
        });
      },
    },
  ],
});
const url = store.resolvedUrls?.local[0] ?? `http://127.0.0.1:${storePort}/`;
console.log(`
  Repuestos Motos demo store, live chat on: ${url}
  Ask the assistant for "un asesor": the conversation goes to the staff queue.

  Staff login (any XMPP client, or the Node staff client in tests/live/staff-client.ts):
    JID:       ${staffJid}
    password:  ${staffPassword}
    WebSocket: ${server.wsUrl}
  Prosody data and log: ${dir}
  (Ctrl+C to stop)
`);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
