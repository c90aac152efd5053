import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, launchProfile, openReady, type Profile } from './helpers/browser';
import { serveDist, type StaticServer } from './helpers/server';
import { ask, openWithKeyboard, widget } from './widget-helpers';
import { BROWSER_POLL, pollUntil } from '../shared/poll';

const SCREENS = '.tmp/screens';

describe('the widget installs as an app and lays out for desktop and mobile', () => {
  let server: StaticServer;
  let browser: Browser;
  let profile: Profile;
  let swVersion = 1;

  beforeAll(async () => {
    const swSource = await readFile(join(resolve(process.env.CHATBOT_DIST ?? 'dist'), 'sw.js'), 'utf8');
    server = await serveDist({
      // A new deploy: the same worker with one byte changed once `swVersion` moves on.
      handle: (req, res) => {
        if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== '/sw.js') return false;
        res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-cache', 'service-worker-allowed': '/' }).end(`${swSource}\n// deploy ${swVersion}\n`);
        return true;
      },
    });
    browser = await launchBrowser();
    await mkdir(SCREENS, { recursive: true });
  });
  afterAll(async () => {
    await profile?.dispose();
    await browser?.close();
    await server?.close();
  });

  it('is installable and offers an install button in the panel when the browser allows it', async () => {
    profile = await launchProfile();
    await profile.context.addInitScript(() => {
      addEventListener('beforeinstallprompt', () => {
        // Whether the widget's script (the chatbot.js stub, or the launcher after it) was there to
        // keep the offer: only an offer made before any script of the page ran cannot be kept.
        (window as unknown as { offered: string }).offered = 'CHATBOT_SYSTEM' in window ? 'kept' : 'before-stub';
      });
    });
    const page = await profile.context.newPage();
    let offered = '';
    for (let attempt = 0; attempt < 4 && offered !== 'kept'; attempt++) {
      await openReady(page, `${server.origin}/`);
      const cdp = await profile.context.newCDPSession(page);
      await pollUntil(async () => expect(await (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors).toEqual([]), { ...BROWSER_POLL, timeout: 15_000 });
      await pollUntil(async () => expect(await page.evaluate(() => (window as unknown as { offered?: string }).offered ?? '')).not.toBe(''), { ...BROWSER_POLL, timeout: 15_000 });
      offered = await page.evaluate(() => (window as unknown as { offered: string }).offered);
    }
    expect(offered).toBe('kept');
    await openWithKeyboard(page);
    expect(await widget(page).panel.getByRole('button', { name: 'Instalar la app' }).isVisible()).toBe(true);
  });

  it('offers "actualización disponible" when a new version waits, and applies it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openReady(page, `${server.origin}/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
    const w = widget(page);
    await openWithKeyboard(page);
    swVersion = 2;
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const update = w.panel.getByRole('button', { name: 'Actualizar' });
    await update.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await w.panel.locator('.banner.update').innerText()).toMatch(/Hay una actualización disponible/);
    const reloaded = page.waitForEvent('load', { timeout: 20_000 });
    await update.click();
    await reloaded;
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting)).toBeNull();
    await context.close();
  });

  it('shows a floating panel on desktop (screenshots: launcher closed, panel open, product answer)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await openReady(page, `${server.origin}/`);
    const w = widget(page);
    await page.screenshot({ path: `${SCREENS}/launcher-closed.png` });
    await openWithKeyboard(page);
    await page.screenshot({ path: `${SCREENS}/panel-desktop.png` });
    const box = await w.panel.boundingBox();
    expect(box!.width).toBeLessThan(500);
    expect(box!.x + box!.width).toBeLessThanOrEqual(1280 - 10);
    await ask(page, '¿tienen filtro de aceite para Boxer CT100?');
    await page.screenshot({ path: `${SCREENS}/product-answer-desktop.png` });
    await context.close();
  });

  it('covers the whole screen on a phone, and the launcher steps aside', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await openReady(page, `${server.origin}/`);
    const w = widget(page);
    await w.launcher.tap();
    await w.panel.waitFor({ state: 'visible' });
    const box = await w.panel.boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    expect(await w.launcher.isVisible()).toBe(false);
    await page.screenshot({ path: `${SCREENS}/panel-mobile.png` });
    await ask(page, 'pastillas de freno');
    await page.screenshot({ path: `${SCREENS}/ask-model-mobile.png` });
    await w.panel.getByRole('button', { name: 'Pulsar NS200' }).tap();
    await pollUntil(async () => expect(await w.cards.count()).toBeGreaterThan(0), BROWSER_POLL);
    await page.screenshot({ path: `${SCREENS}/product-answer-mobile.png` });
    await context.close();
  });
});
