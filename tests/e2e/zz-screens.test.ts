import { it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, openReady } from './helpers/browser';
import { serveDist, STRICT_CSP } from './helpers/server';

const DIR = '/work/notes/screens';
const DAY = 86_400_000;
const SETTABLE_NOW = `(() => { const real = Date.now.bind(Date); const past = new URLSearchParams(location.search).get('past'); let fixed = past ? Number(past) : null; Date.now = () => (fixed === null ? real() : fixed); window.__setNow = (t) => { fixed = t; }; })();`;
type W = { realtimeAnalytics: any; pushNotifications: any; backupSystem: any; CHATBOT_SYSTEM: any; __setNow(t: number | null): void };

it('screens', async () => {
  const server = await serveDist({ headers: { 'content-security-policy': STRICT_CSP } });
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: SETTABLE_NOW });
  let page = await context.newPage();
  const errors: string[] = [];
  await openReady(page, `${server.origin}/?past=${Date.now() - 40 * DAY}`);
  await page.evaluate(async () => {
    const w = window as unknown as W;
    const a = w.realtimeAnalytics;
    let t = Date.now();
    const end = Date.now() + 40 * 86_400_000 - 3_600_000;
    let seed = 7;
    const rnd = () => { seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0; return seed / 2 ** 32; };
    const paths = ['/', '/motos/boxer', '/frenos', '/filtros', '/llantas', '/carrito'];
    for (let v = 0; v < 400; v++) {
      t += (end - t) / (400 - v) * (0.5 + rnd());
      if (t > end) t = end;
      w.__setNow(t);
      if (v % 10 === 0) a.reset();
      if (rnd() < 0.5) a.identify(`cliente-${Math.floor(rnd() * 60)}`);
      for (let k = 0; k < 4; k++) {
        t += 9000; w.__setNow(t);
        history.replaceState(null, '', paths[Math.floor(rnd() * paths.length)]);
        a.page();
        t += 9000; w.__setNow(t);
        a.track(rnd() < 0.5 ? 'product_view' : 'click', { k });
      }
      if (rnd() < 0.5) { t += 5000; w.__setNow(t); a.track('add_to_cart', {}); }
      if (rnd() < 0.3) { t += 5000; w.__setNow(t); a.track('checkout_step_1', {}); }
      if (rnd() < 0.2) { t += 5000; w.__setNow(t); a.trackConversion('purchase', 50000 + Math.floor(rnd() * 300000)); }
      for (const [m, max] of [['LCP', 6000], ['INP', 800], ['CLS', 0.5]] as const) { a.track('web_vital', { metric: m, value: Math.round(rnd() * max * 100) / 100 }); }
      if (rnd() < 0.05) a.trackError(new Error('No se pudo cargar el catálogo'));
    }
    w.__setNow(null);
    history.replaceState(null, '', '/');
    await w.CHATBOT_SYSTEM.flush();
  });
  await page.close();
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  await openReady(page, `${server.origin}/`);
  await page.evaluate(async () => {
    const w = window as unknown as W;
    for (let i = 0; i < 12; i++) await w.backupSystem.createBackup(i % 4 === 0 ? 'manual' : 'auto');
    const cats = ['orders', 'messages', 'promotions', 'reviews'];
    for (let i = 0; i < 40; i++) await w.pushNotifications.send(`Aviso ${i}`, { category: cats[i % 4] });
    for (let i = 0; i < 30; i++) w.realtimeAnalytics.track('click', { i });
    await w.CHATBOT_SYSTEM.flush();
  });
  const shoot = async (p: Page, name: string) => {
    for (const [label, size] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]] as const) {
      await p.setViewportSize(size);
      await p.waitForTimeout(300);
      await p.screenshot({ path: `${DIR}/${name}-${label}.png` });
    }
    await p.setViewportSize({ width: 1280, height: 800 });
  };
  await page.evaluate(() => (window as unknown as W).CHATBOT_SYSTEM.showAnalyticsDashboard());
  await page.locator('#dashboard-analytics .panel[data-state="ready"]').waitFor({ timeout: 60_000 });
  await shoot(page, 'overlay-analytics');
  await page.locator('#dashboard-analytics').getByRole('tab', { name: 'Notificaciones' }).click();
  await page.locator('#dashboard-analytics #panel-notifications .panel[data-state="ready"]').waitFor({ timeout: 30_000 });
  await shoot(page, 'overlay-notifications');
  await page.keyboard.press('Escape');
  await page.evaluate(() => (window as unknown as W).CHATBOT_SYSTEM.showBackupDashboard());
  await page.locator('#dashboard-backup svg.timeline-chart').waitFor({ timeout: 30_000 });
  await shoot(page, 'overlay-backup');
  await page.keyboard.press('Escape');
  for (const section of ['inbox', 'analytics', 'backup', 'notifications']) {
    await openReady(page, `${server.origin}/admin.html#${section}`);
    await page.locator(`#section-${section}`).waitFor();
    if (section === 'analytics') await page.locator('#dashboard-analytics .panel[data-state="ready"]').waitFor({ timeout: 60_000 });
    if (section === 'notifications') await page.locator('#dashboard-notifications .panel[data-state="ready"]').waitFor({ timeout: 60_000 });
    if (section === 'backup') await page.locator('#dashboard-backup svg.timeline-chart').waitFor({ timeout: 30_000 });
    await shoot(page, `admin-${section}`);
  }
  console.log('errors', errors);
  await browser.close();
  await server.close();
}, 600_000);
