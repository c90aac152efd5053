import { describe, expect, it } from 'vitest';

import { openReady, watchErrors } from './helpers/browser';
import { useDemoStore } from './helpers/demo-store';
import { STRICT_CSP } from './helpers/server';
import { axeViolations } from './widget-helpers';

interface Notice { id: string; category: string; status: string; createdAt: number }
declare const pushNotifications: { send(title: string, options: { category: string }): Promise<Notice>; getNotifications(filter?: { since?: number }): Notice[] };
declare const realtimeAnalytics: { track(name: string, properties?: object): unknown };
declare const backupSystem: { createBackup(type: string): Promise<unknown> };
declare const CHATBOT_SYSTEM: { configure(patch: object): void; flush(): Promise<void>; showAnalyticsDashboard(): Promise<void>; showBackupDashboard(): Promise<void> };

const CATEGORIES = ['orders', 'messages', 'promotions', 'reviews'];

describe('the dashboards in the admin page and in every language', () => {
  const store = useDemoStore({ headers: { 'content-security-policy': STRICT_CSP } });

  it('counts hundreds of notifications per category exactly as the notification center records them', async () => {
    const page = await store.browser.newPage();
    const errors = watchErrors(page);
    await openReady(page, `${store.server.origin}/admin.html`);
    await page.evaluate(async (categories) => {
      for (let i = 0; i < 320; i++) await pushNotifications.send(`Aviso ${i}`, { category: categories[(i * 7) % categories.length]! });
    }, CATEGORIES);
    await page.getByRole('link', { name: 'Notificaciones' }).click();
    const section = page.locator('#section-notifications');
    await section.locator('.panel[data-state="ready"]').waitFor({ timeout: 30_000 });
    // The center's own records, grouped the way the tab says it counts them.
    const api = await page.evaluate(() => {
      const out: { [category: string]: { sent: number; shown: number } } = {};
      for (const r of pushNotifications.getNotifications({ since: Date.now() - 30 * 86_400_000 })) {
        if (r.status === 'dropped') continue;
        const entry = (out[r.category] ??= { sent: 0, shown: 0 });
        entry.sent++;
        if (r.status === 'shown') entry.shown++;
      }
      return out;
    });
    expect(Object.values(api).reduce((n, c) => n + c.sent, 0)).toBe(320);
    // The table after the chart's own table alternative: one row per category.
    const rows = section.locator('[data-section="notifications-categories"] table').last().locator('tbody tr');
    const shown = Object.fromEntries(await rows.evaluateAll((trs) => trs.map((tr) => {
      const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '');
      return [cells[0], { sent: Number(cells[1]), shown: Number(cells[2]) }];
    })));
    const names: { [category: string]: string } = { orders: 'Pedidos', messages: 'Mensajes', promotions: 'Promociones', reviews: 'Reseñas' };
    for (const category of CATEGORIES) expect(shown[names[category]!]).toEqual(api[category]);
    // The chart draws the same totals.
    const bars = await section.locator('[data-section="notifications-categories"] svg [data-value]').evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute('data-value'))));
    expect(bars[0]).toBe(320);
    expect(errors, errors.join('\n')).toEqual([]);
    await page.close();
  }, 120_000);

  for (const [language, analytics, live, backup, timeline] of [
    ['en', 'Analytics', 'Events per minute (last hour, live)', 'Backups and recovery', 'Timeline'],
    ['pt', 'Análise', 'Eventos por minuto (última hora, ao vivo)', 'Backups e recuperação', 'Linha do tempo'],
    ['fr', 'Statistiques', 'Événements par minute (dernière heure, en direct)', 'Sauvegardes et restauration', 'Chronologie'],
  ] as const) {
    it(`shows the analytics and backup dashboards in ${language}`, async () => {
      const page = await store.browser.newPage();
      await openReady(page, `${store.server.origin}/`);
      await page.evaluate((lang) => CHATBOT_SYSTEM.configure({ language: lang }), language);
      await page.evaluate(() => CHATBOT_SYSTEM.showAnalyticsDashboard());
      const dashboard = page.locator('#dashboard-analytics');
      await dashboard.locator('.panel[data-state="ready"]').waitFor({ timeout: 30_000 });
      await dashboard.getByRole('heading', { name: analytics, exact: true }).waitFor();
      await dashboard.getByRole('heading', { name: live, exact: true }).waitFor();
      expect(await dashboard.locator('dialog').getAttribute('lang')).toBe(language);
      await page.keyboard.press('Escape');
      await page.evaluate(() => CHATBOT_SYSTEM.showBackupDashboard());
      const backups = page.locator('#dashboard-backup');
      await backups.getByRole('heading', { name: backup, exact: true }).waitFor();
      await backups.getByRole('heading', { name: timeline, exact: true }).waitFor();
      await page.close();
    }, 60_000);
  }

  it('has no serious or critical axe violation in any section of the admin page', async () => {
    // axe is injected as a script: the one thing this page's CSP rightly refuses.
    const context = await store.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await openReady(page, `${store.server.origin}/admin.html`);
    await page.evaluate(async () => {
      for (const name of ['page_view', 'product_view', 'add_to_cart', 'purchase']) realtimeAnalytics.track(name, {});
      realtimeAnalytics.track('web_vital', { metric: 'LCP', value: 3100 });
      await pushNotifications.send('Pedido enviado', { category: 'orders' });
      await backupSystem.createBackup('manual');
      await CHATBOT_SYSTEM.flush();
    });
    const ready: { [section: string]: string } = {
      inbox: '#section-inbox .admin-note',
      analytics: '#dashboard-analytics .panel[data-state="ready"]',
      backup: '#dashboard-backup svg.timeline-chart',
      notifications: '#dashboard-notifications .panel[data-state="ready"]',
    };
    for (const [section, selector] of Object.entries(ready)) {
      await page.evaluate((hash) => { location.hash = hash; }, section);
      await page.locator(selector).waitFor({ timeout: 30_000 });
      expect({ section, violations: await axeViolations(page) }).toEqual({ section, violations: [] });
    }
    await context.close();
  }, 120_000);
});

