import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchProfile, openReady, waitForController, watchErrors, type Profile } from './helpers/browser';
import { serveDist, STRICT_CSP, type StaticServer } from './helpers/server';

/** Where to save screenshots to look at (E2E_SCREENSHOTS=dir); none by default. */
const SHOTS = process.env.E2E_SCREENSHOTS;

describe('admin.html, the installable staff page', () => {
  let server: StaticServer;
  let profile: Profile;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await serveDist({ headers: { 'content-security-policy': STRICT_CSP } });
    profile = await launchProfile({ viewport: { width: 1200, height: 850 } });
    page = await profile.context.newPage();
    errors = watchErrors(page);
  }, 60_000);
  afterAll(async () => {
    await profile?.dispose();
    await server?.close();
  });

  it('is installable with its own manifest, start URL and icons', async () => {
    await openReady(page, `${server.origin}/admin.html`);
    const cdp = await profile.context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
    expect(manifest.url).toBe(`${server.origin}/admin.webmanifest`);
    const parsed = JSON.parse(manifest.data ?? '{}') as { start_url: string; id: string; icons: Array<{ src: string }> };
    expect(parsed).toMatchObject({ start_url: '/admin.html', id: '/admin.html' });
    expect(parsed.icons.map((i) => i.src)).toContain('/icons/admin/icon-512.png');
    await cdp.detach();
    // No launcher on the staff page.
    expect(await page.locator('#chatbot-repuestos-motos button.launcher').count()).toBe(0);
  });

  it('shows each section in the page from one navigation, by keyboard, and by the URL hash', async () => {
    await openReady(page, `${server.origin}/admin.html`);
    // The inbox first: without a live chat server it says how to turn it on.
    await page.locator('#section-inbox').getByText('config.liveChat.server').waitFor();
    expect(await page.getByRole('link', { name: 'Bandeja' }).getAttribute('aria-current')).toBe('page');

    await page.getByRole('link', { name: 'Analítica' }).focus();
    await page.keyboard.press('Enter');
    const analytics = page.locator('#section-analytics #dashboard-analytics');
    await analytics.locator('.panel[data-state="ready"]').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('link', { name: 'Analítica' }).getAttribute('aria-current')).toBe('page');
    // Embedded in the page: a region, not a modal dialog over it.
    expect(await analytics.getByRole('region', { name: 'Analítica', exact: true }).count()).toBe(1);
    expect(await page.locator('dialog').count()).toBe(0);
    // The page's navigation holds the notifications: no second one inside.
    expect(await analytics.getByRole('tab').count()).toBe(0);
    expect(await page.locator('#section-inbox').isHidden()).toBe(true);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/admin-analytics.png`, fullPage: true });

    await page.getByRole('link', { name: 'Copias de seguridad' }).click();
    await page.locator('#section-backup #dashboard-backup').getByRole('region', { name: 'Backups y recuperación' }).waitFor();
    // The dashboard left stops: its content goes.
    await page.locator('#dashboard-analytics').waitFor({ state: 'detached' });
    expect(page.url()).toMatch(/#backup$/);

    await openReady(page, `${server.origin}/admin.html#notifications`);
    await page.locator('#section-notifications [data-section="notifications-categories"]').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('link', { name: 'Notificaciones' }).getAttribute('aria-current')).toBe('page');
    // An earlier bookmark to the messaging panel lands on the inbox.
    await openReady(page, `${server.origin}/admin.html#messaging`);
    await page.locator('#section-inbox').getByText('config.liveChat.server').waitFor();
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it('speaks the store\'s language in its own header and navigation', async () => {
    // The same page for a store configured in English (its script tag says data-lang="en").
    const english = await serveDist({
      headers: { 'content-security-policy': STRICT_CSP },
      handle: async (req, res) => {
        if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== '/admin.html') return false;
        const html = await readFile(join(process.env.CHATBOT_DIST ?? 'dist', 'admin.html'), 'utf8');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).end(html.replace('data-lang="es"', 'data-lang="en"'));
        return true;
      },
    });
    // A browser of its own: a second origin's service worker in the shared profile would race the offline test's.
    const own = await launchProfile({ viewport: { width: 1200, height: 850 } });
    try {
      const other = await own.context.newPage();
      await openReady(other, `${english.origin}/admin.html`);
      await other.getByRole('navigation', { name: 'Sections' }).waitFor();
      expect(await other.locator('h1').innerText()).toBe('Repuestos Motos · Administration');
      for (const name of ['Inbox', 'Analytics', 'Backups', 'Notifications']) expect(await other.getByRole('link', { name, exact: true }).count()).toBe(1);
      expect(await other.evaluate(() => document.documentElement.lang)).toBe('en');
      // The inbox section too (this store has no chat server): its title, its note and the window title.
      await other.locator('#section-inbox').getByText('Live chat is not configured', { exact: false }).waitFor();
      expect(await other.locator('#section-inbox h2').innerText()).toBe('Conversations inbox');
      await other.waitForFunction(() => document.title === 'Conversations inbox · Administration');
    } finally {
      await own.dispose();
      await english.close();
    }
  });

  it('is precached by the service worker and opens offline', async () => {
    await openReady(page, `${server.origin}/admin.html`);
    await waitForController(page);
    const cached = await page.evaluate(async () => {
      const urls = await Promise.all((await caches.keys()).map(async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname)));
      return urls.flat();
    });
    expect(cached).toEqual(expect.arrayContaining(['/admin.html', '/admin.webmanifest', '/icons/admin/icon-512.png']));
    await profile.context.setOffline(true);
    try {
      await openReady(page, `${server.origin}/admin.html#backup`);
      expect(await page.locator('h1').innerText()).toContain('Administración');
      // A clear offline state, and the sections this device stores still open.
      await page.getByText('Sin conexión').waitFor();
      await page.locator('#section-backup #dashboard-backup').waitFor();
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/admin-offline.png` });
    } finally {
      await profile.context.setOffline(false);
    }
    await page.getByText('Sin conexión').waitFor({ state: 'hidden' });
  });
});
