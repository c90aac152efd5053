// The world of the staff inbox browser tests: the real Prosody of the test harness with two staff
// accounts (Ana, Luis) as the store's staff queue, the live store page for customers, the built
// admin.html configured for that server, the staff inbox UI on its own origin
// (tests/e2e/live/staff-page.ts), and one Chromium.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { expect } from 'vitest';
import { startProsody, type RunningProsody } from '../../../scripts/prosody/prosody.mjs';
import { randomName } from '../../live/live-fixtures';
import { BROWSER_POLL, pollUntil } from '../../shared/poll';
import { launchBrowser, watchErrors } from '../helpers/browser';
import { serveDist, type StaticServer } from '../helpers/server';
import { demoPageVariant, extraPages } from '../widget-helpers';

export type AgentName = 'ana' | 'luis';

export interface StaffHarness {
  server: RunningProsody;
  site: StaticServer;
  accounts: Record<AgentName, { jid: string; password: string }>;
  /** A new browser profile (context) on `url`, its page errors recorded. */
  newPage(url: string, options?: { bypassCSP?: boolean }): Promise<{ page: Page; errors: string[] }>;
  /** The staff inbox UI for a chat service (the harness's by default). */
  staffUrl(service?: string): string;
  /** A new browser profile signed in as the agent. */
  agent(name: AgentName, options?: { bypassCSP?: boolean; wrongPasswordFirst?: boolean }): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/** Starts Prosody, the store page, the staff page and Chromium. */
export async function startStaffHarness(): Promise<StaffHarness> {
  const server = await startProsody({ config: { archiveStorage: 'memory', policy: { joinRate: 10, joinBurstSeconds: 10, sessionRate: 100, sessionBurstSeconds: 10 } } });
  const accounts = { ana: { jid: '', password: randomName('pw') }, luis: { jid: '', password: randomName('pw') } };
  accounts.ana.jid = await server.createStaff('ana', accounts.ana.password);
  accounts.luis.jid = await server.createStaff('luis', accounts.luis.password);
  const attributes = `data-chat-server="${server.wsUrl}" data-chat-domain="${server.customerDomain}" data-chat-rooms="${server.mucDomain}" data-staff-queue="${accounts.ana.jid},${accounts.luis.jid}"`;
  const live = await demoPageVariant((html) => html.replace('data-staff-ids="asesor"', `data-staff-ids="asesor" ${attributes}`));
  const csp = `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self' ${server.wsUrl} ${server.httpUrl}; worker-src 'self'; manifest-src 'self'`;
  // The built admin.html as a store would set it up: its admin-config.js names the chat server.
  const adminConfig = `${await readFile(join(process.env.CHATBOT_DIST ?? 'dist', 'admin-config.js'), 'utf8')}
window.CHATBOT_CONFIG.liveChat = ${JSON.stringify({ server: server.wsUrl, domain: server.customerDomain, rooms: server.mucDomain, staffQueue: [accounts.ana.jid, accounts.luis.jid] })};
`;
  const pages = extraPages({ '/': live, '/index.html': live }, []);
  const site = await serveDist({
    headers: { 'content-security-policy': csp },
    handle: async (req, res) => {
      if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== '/admin-config.js') return pages(req, res);
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }).end(adminConfig);
      return true;
    },
  });

  const staffDir = await mkdtemp(join(tmpdir(), 'chatbot-staff-page-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    build: { outDir: staffDir, emptyOutDir: true, target: 'es2022', minify: true, lib: { entry: 'tests/e2e/live/staff-page.ts', formats: ['es'], fileName: () => 'staff-page.js' } },
  });
  await writeFile(join(staffDir, 'index.html'), '<!doctype html><html lang="es"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Bandeja</title><link rel="icon" href="data:,"><main></main><script type="module" src="/staff-page.js"></script>');
  // The same strict policy a store would give its admin page: no inline script, no inline style;
  // the chat server's HTTP side for files agents send (upload) and see (images).
  const staffSite = await serveDist({ root: staffDir, headers: { 'content-security-policy': `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: ${server.httpUrl}; connect-src 'self' ${server.wsUrl} ${server.httpUrl}` } });
  const browser: Browser = await launchBrowser();
  const contexts: BrowserContext[] = [];

  const newPage: StaffHarness['newPage'] = async (url, options = {}) => {
    const context = await browser.newContext(options);
    contexts.push(context);
    const page = await context.newPage();
    const errors = watchErrors(page);
    if (process.env.LIVE_DEBUG) page.on('console', (m) => console.log('console:', m.text().slice(0, 300)));
    await page.goto(url);
    return { page, errors };
  };
  const staffUrl = (service = server.wsUrl): string =>
    `${staffSite.origin}/?service=${encodeURIComponent(service)}&rooms=${encodeURIComponent(server.mucDomain)}&agents=${encodeURIComponent(`${accounts.ana.jid},${accounts.luis.jid}`)}`;
  const agent: StaffHarness['agent'] = async (name, options = {}) => {
    const opened = await newPage(staffUrl(), { bypassCSP: options.bypassCSP ?? false });
    await opened.page.getByLabel('Cuenta XMPP de la tienda').fill(accounts[name].jid);
    if (options.wrongPasswordFirst) {
      await opened.page.getByLabel('Contraseña').fill('not-the-password');
      await opened.page.getByRole('button', { name: 'Entrar' }).click();
      await pollUntil(async () => expect(await opened.page.getByRole('alert').first().innerText()).toBe('Cuenta o contraseña incorrecta.'), BROWSER_POLL);
    }
    await opened.page.getByLabel('Contraseña').fill(accounts[name].password);
    await opened.page.getByRole('button', { name: 'Entrar' }).click();
    await pollUntil(async () => expect(await opened.page.getByRole('status').innerText()).toBe('Conectado'), BROWSER_POLL);
    return opened;
  };

  return {
    server,
    site,
    accounts,
    newPage,
    staffUrl,
    agent,
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await site.close();
      await staffSite.close();
      await server.stop();
      await rm(staffDir, { recursive: true, force: true });
    },
  };
}
