import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, launchProfile, openReady, type Profile } from './helpers/browser';
import { serveDist, type StaticServer } from './helpers/server';
import { ask, openWithKeyboard, widget } from './widget-helpers';

const SCREENS = '.tmp/screens';

describe('the widget installs as an app and lays out for desktop and mobile', () => {
  let server: StaticServer;
  let browser: Browser;
  let profile: Profile;

  beforeAll(async () => {
    server = await serveDist();
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
      addEventListener('beforeinstallprompt', () => ((window as unknown as { offered: boolean }).offered = true));
    });
    const page = await profile.context.newPage();
    await openReady(page, `${server.origin}/`);
    const cdp = await profile.context.newCDPSession(page);
    await expect.poll(async () => (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors, { timeout: 15_000 }).toEqual([]);
    await expect.poll(() => page.evaluate(() => (window as unknown as { offered?: boolean }).offered === true), { timeout: 15_000 }).toBe(true);
    await openWithKeyboard(page);
    expect(await widget(page).panel.getByRole('button', { name: 'Instalar la app' }).isVisible()).toBe(true);
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
    await expect.poll(() => w.cards.count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENS}/product-answer-mobile.png` });
    await context.close();
  });
});
