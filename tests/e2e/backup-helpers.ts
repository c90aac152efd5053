import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { openReady } from './helpers/browser';
import type { StaticServer } from './helpers/server';
import { serveDist, STRICT_CSP } from './helpers/server';

// The widget runs under the strict CSP; the cloud test's upload server is another local port.
const CSP = STRICT_CSP.replace("connect-src 'self'", "connect-src 'self' http://127.0.0.1:*");

/** A bare page with the widget (no service worker, no launcher) and the backup test fixture. */
export const BACKUP_PAGE = `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>backup</title></head><body>
<script src="/backup-config.js"></script>
<script src="/chatbot.js" data-store-name="Repuestos Motos" data-sw="false" data-launcher="false"></script>
</body></html>`;

export interface BackupServer extends StaticServer {
  /** The backupSystem config section the next page load gets. */
  config: Record<string, unknown>;
}

export async function serveBackupPage(): Promise<BackupServer> {
  const state: { config: Record<string, unknown> } = { config: { autoBackup: { enabled: false } } };
  const server = await serveDist({
    handle: (req, res) => {
      if (req.url === '/backup.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': CSP }).end(BACKUP_PAGE);
        return true;
      }
      if (req.url === '/backup-config.js') {
        res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' })
          .end(`window.CHATBOT_CONFIG = ${JSON.stringify({ backupSystem: state.config })};`);
        return true;
      }
      return false;
    },
  });
  return Object.defineProperty(server, 'config', { get: () => state.config, set: (v) => { state.config = v; } }) as BackupServer;
}

export async function openBackupPage(context: BrowserContext, server: StaticServer): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript({ path: resolve('tests/e2e/fixtures/backup/origin.js') });
  await openReady(page, `${server.origin}/backup.html`);
  return page;
}

/** Runs `fn` in the page and returns `{ code }` of the ChatbotError it threw, or 'ok'. */
export const ERROR_CODE = `(e) => (e && e.code) || String(e)`;
