import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, launchProfile, openReady, waitForController, watchErrors, type Profile } from './helpers/browser';
import { serveDist, type StaticServer } from './helpers/server';

type StorageApi = {
  put(store: string, value: Record<string, unknown>): void;
  getAll(store: string): Promise<Array<{ id: string }>>;
  get(store: string, key: string): Promise<Record<string, unknown> | undefined>;
  subscribe(store: string, listener: (changes: Array<{ key?: string }>) => void): () => void;
  pendingCount(): number;
};
type Sys = { ready: Promise<void>; flush(): Promise<void>; version: string; storage: StorageApi; on(type: string, handler: (e: { code: string }) => void): void };
declare const CHATBOT_SYSTEM: Sys;

const EARLY_CALLS_PAGE = `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>early</title></head><body>
<script src="/chatbot.js" data-store-name="Motos Don Pepe" data-sw="false"></script>
<script>
  window.early = Promise.all([
    CHATBOT_SYSTEM.configure({ language: 'en' }),
    CHATBOT_SYSTEM.flush(),
  ]).then(([config]) => config.language + '|' + config.storeName);
</script></body></html>`;

describe('foundation in Chromium', () => {
  let server: StaticServer;
  let profile: Profile;
  let page: Page;

  beforeAll(async () => {
    server = await serveDist({
      handle: (req, res) => {
        if (req.url !== '/early.html') return false;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(EARLY_CALLS_PAGE);
        return true;
      },
    });
    profile = await launchProfile();
    page = await profile.context.newPage();
  });
  afterAll(async () => {
    await profile?.dispose();
    await server?.close();
  });

  it('loads the widget from one script tag, shows the launcher, and becomes ready', async () => {
    const errors = watchErrors(page);
    await openReady(page, `${server.origin}/`);
    expect(await page.evaluate(() => CHATBOT_SYSTEM.version)).toBe('13.0');
    const launcher = page.locator('#chatbot-repuestos-motos').locator('button.launcher');
    await expect(launcher.getAttribute('aria-label')).resolves.toMatch(/Repuestos Motos/);
    expect(await launcher.isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('queues calls made before the bundle loaded and replays them in order', async () => {
    const other = await profile.context.newPage();
    await other.goto(`${server.origin}/early.html`);
    expect(await other.evaluate(() => (window as unknown as { early: Promise<string> }).early)).toBe('en|Motos Don Pepe');
    await other.close();
  });

  it('is controlled by the service worker, and an offline reload still shows the store and the widget', async () => {
    await openReady(page, `${server.origin}/`);
    await waitForController(page);
    await profile.context.setOffline(true);
    try {
      await openReady(page, `${server.origin}/`);
      expect(await page.locator('h1').count()).toBeGreaterThan(0);
      expect(await page.locator('#chatbot-repuestos-motos').locator('button.launcher').isVisible()).toBe(true);
    } finally {
      await profile.context.setOffline(false);
    }
  });

  it('is installable as a PWA', async () => {
    await openReady(page, `${server.origin}/`);
    const cdp = await profile.context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
    await cdp.detach();
  });

  it('keeps 1,000 records written through the queue after flush and a reload, and after a browser restart', async () => {
    await openReady(page, `${server.origin}/`);
    await page.evaluate(async () => {
      for (let i = 0; i < 1000; i++) CHATBOT_SYSTEM.storage.put('kv', { id: `e2e-${i}`, n: i });
      await CHATBOT_SYSTEM.flush();
    });
    await openReady(page, `${server.origin}/`);
    const count = () => page.evaluate(async () => (await CHATBOT_SYSTEM.storage.getAll('kv')).filter((r) => r.id.startsWith('e2e-')).length);
    expect(await count()).toBe(1000);

    profile = await profile.reopen();
    page = await profile.context.newPage();
    await openReady(page, `${server.origin}/`);
    expect(await count()).toBe(1000);
  });

  it('ends with all 1,000 records in IndexedDB and in both tabs when two tabs write 500 each at once', async () => {
    const tabs = [page, await profile.context.newPage()];
    for (const tab of tabs) {
      await openReady(tab, `${server.origin}/`);
      await tab.evaluate(() => {
        const seen = new Set<string>();
        (window as unknown as { seen: Set<string> }).seen = seen;
        CHATBOT_SYSTEM.storage.subscribe('conversations', (changes) => changes.forEach((c) => c.key && seen.add(c.key)));
      });
    }
    await Promise.all(
      tabs.map((tab, t) =>
        tab.evaluate(async (prefix) => {
          const seen = (window as unknown as { seen: Set<string> }).seen;
          for (let i = 0; i < 500; i++) {
            CHATBOT_SYSTEM.storage.put('conversations', { id: `${prefix}-${i}`, updatedAt: i });
            seen.add(`${prefix}-${i}`);
          }
          await CHATBOT_SYSTEM.flush();
        }, `tab${t}`),
      ),
    );
    const stored = await page.evaluate(async () => (await CHATBOT_SYSTEM.storage.getAll('conversations')).filter((r) => r.id.startsWith('tab')).length);
    expect(stored).toBe(1000);
    for (const tab of tabs) {
      await tab.waitForFunction(() => [...(window as unknown as { seen: Set<string> }).seen].filter((k) => k.startsWith('tab')).length === 1000);
    }
    await tabs[1]!.close();
  });
});

describe('storage under a full quota', () => {
  it('raises QUOTA_EXCEEDED, keeps the pending write, and loses nothing already committed', async () => {
    // Chromium applies a quota override only to an origin that has no storage yet: a new origin.
    const server = await serveDist();
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.origin, quotaSize: 2 * 1024 * 1024 });
      await openReady(page, `${server.origin}/`);
      await page.evaluate(async () => {
        for (let i = 0; i < 50; i++) CHATBOT_SYSTEM.storage.put('kv', { id: `kept-${i}` });
        await CHATBOT_SYSTEM.flush();
      });
      const outcome = await page.evaluate(async () => {
        const codes: string[] = [];
        CHATBOT_SYSTEM.on('error', (e) => codes.push(e.code));
        const data = new Uint8Array(8 * 1024 * 1024);
        for (let i = 0; i < data.length; i += 65536) crypto.getRandomValues(data.subarray(i, i + 65536));
        CHATBOT_SYSTEM.storage.put('kv', { id: 'too-big', data });
        const flushed = await CHATBOT_SYSTEM.flush().then(() => 'ok', (e: { code: string }) => e.code);
        // The modules write too (analytics, sessions): every pending write is kept, this one included.
        const held = (await CHATBOT_SYSTEM.storage.get('kv', 'too-big')) !== undefined;
        return { flushed, codes, pending: CHATBOT_SYSTEM.storage.pendingCount(), held };
      });
      expect(outcome.flushed).toBe('QUOTA_EXCEEDED');
      expect(outcome.codes).toContain('QUOTA_EXCEEDED');
      expect(outcome.pending).toBeGreaterThanOrEqual(1);
      expect(outcome.held).toBe(true);

      await openReady(page, `${server.origin}/`);
      const kept = await page.evaluate(async () => (await CHATBOT_SYSTEM.storage.getAll('kv')).filter((r) => r.id.startsWith('kept-')).length);
      expect(kept).toBe(50);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
