import { describe, expect, it } from 'vitest';
import { watchErrors } from './helpers/browser';
import { useServerAndBrowser } from './helpers/demo-store';
import { openBackupPage, serveBackupPage } from './backup-helpers';
import { axeViolations } from './widget-helpers';
import { BROWSER_POLL, pollUntil } from '../shared/poll';

type Backup = { id: string; type: string; createdAt: string; metadata: Record<string, unknown> };
declare const backupSystem: {
  createBackup(type: string, metadata?: object): Promise<Backup>;
  on(type: 'backup_restored', handler: (event: { backupId: string }) => void): () => void;
  listBackups(filter?: object): Backup[];
  updateConfig(patch: object): unknown;
  explainRetention(): { kept: number; dropped: number; entries: Array<{ keep: boolean }> };
  getRestorableRanges(): { now: string; ranges: Array<{ from: string; to: string }>; firstBackupAt: string | null };
  checkPointInTime(date: Date): { reachable: boolean; reason?: string };
};
declare const showBackupDashboard: () => Promise<void>;
declare const CHATBOT_SYSTEM: { configure(patch: object): void };

/** `<input type="datetime-local">`'s value for a time (to the second), in the browser's local time. */
const LOCAL_INPUT = `(t) => { const d = new Date(t); const p = (n) => String(n).padStart(2, '0');
  return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + 'T' + p(d.getHours()) + ':' + p(d.getMinutes()) + ':' + p(d.getSeconds()); }`;

describe('the backup dashboard', () => {
  const rig = useServerAndBrowser(serveBackupPage);

  it('shows dozens of backups as the API counts them, previews retention by rule, and restores a reachable moment by keyboard (then undoes it)', async () => {
    rig.server.config = { autoBackup: { enabled: false, maxBackups: 100 } };
    const context = await rig.browser.newContext();
    const page = await openBackupPage(context, rig.server);
    const errors = watchErrors(page);
    await page.evaluate(async () => {
      for (let i = 0; i < 30; i++) await backupSystem.createBackup(i % 5 === 0 ? 'manual' : 'auto', { trigger: i % 5 === 0 ? 'user_request' : 'interval' });
      // A tighter policy than the one that kept them: the preview shows what it would drop.
      backupSystem.updateConfig({ autoBackup: { maxBackups: 5 } });
    });
    const api = await page.evaluate(() => ({ count: backupSystem.listBackups().length, plan: backupSystem.explainRetention(), ranges: backupSystem.getRestorableRanges() }));
    expect(api.count).toBe(30);
    expect(api.plan.dropped).toBeGreaterThan(0);
    // Back-to-back ranges (one per base backup) are shown as one stretch of time.
    const stretches = api.ranges.ranges.filter((r, i, all) => i === 0 || Date.parse(r.from) - Date.parse(all[i - 1]!.to) > 1).length;
    expect(stretches).toBeGreaterThan(0);

    await page.evaluate(() => showBackupDashboard());
    const dashboard = page.locator('#dashboard-backup');
    await dashboard.getByRole('heading', { name: 'Backups y recuperación' }).waitFor();
    expect(await dashboard.locator('dd').first().textContent()).toBe('30');
    // Timeline: one dot per backup, the ones retention would drop marked, and the same as a table.
    expect(await dashboard.locator('svg.timeline-chart circle.dot').count()).toBe(30);
    expect(await dashboard.locator('svg.timeline-chart circle.dot.drop').count()).toBe(api.plan.dropped);
    expect(await dashboard.locator('svg.timeline-chart rect.restorable').count()).toBe(stretches);
    expect(await dashboard.locator('svg.timeline-chart').getAttribute('aria-label')).toContain('30 backups');
    const toggle = dashboard.locator('[aria-controls="backup-timeline-tables"]');
    expect(await toggle.textContent()).toBe('Ver como tabla');
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const timelineRows = dashboard.locator('#backup-timeline-tables table').first().locator('tbody tr');
    expect(await timelineRows.count()).toBe(30);
    expect(await dashboard.locator('#backup-timeline-tables tbody tr', { hasText: 'Se eliminará' }).count()).toBe(api.plan.dropped);
    // Retention preview: the summary's numbers and one row per backup, with the rules that keep it.
    await dashboard.getByText(`conservaría ${api.plan.kept} backups y eliminaría ${api.plan.dropped}`).waitFor();
    const retentionRows = dashboard.locator('section', { hasText: 'Vista previa de la retención' }).locator('tbody tr');
    expect(await retentionRows.count()).toBe(30);
    expect(await retentionRows.filter({ hasText: 'manual' }).count()).toBe(6);
    expect(await retentionRows.filter({ hasText: 'últimos' }).count()).toBe(5);
    // Storage against the quota, and cloud sync (not set up here).
    await dashboard.locator('#backup-storage-meter').waitFor();
    const quota = await page.evaluate(async () => (await navigator.storage.estimate()).quota);
    // Chromium's quota follows the disk's free space, which moves between two reads: within 1 %.
    const shownQuota = Number(await dashboard.locator('#backup-storage-meter').getAttribute('max'));
    expect(Math.abs(shownQuota - quota!) / quota!).toBeLessThan(0.01);
    await dashboard.getByText('No configurada').waitFor();

    // Point in time: the reachable spans are listed; a moment inside one is offered, by keyboard.
    expect(await dashboard.locator('#backup-pitr-ranges li').count()).toBe(stretches);
    const picker = dashboard.locator('#backup-pitr-at');
    const target = await page.evaluate(() => Date.parse(backupSystem.getRestorableRanges().ranges.at(-1)!.from) + 1000);
    await picker.fill(await page.evaluate(`(${LOCAL_INPUT})(${target})`));
    await dashboard.getByText('Se puede restaurar con exactitud').waitFor();
    await picker.focus();
    // Tab walks the picker's own fields (day, month, year, time) and then, "Usar ese momento" being hidden, the restore button.
    const focused = (): Promise<string | undefined> => page.evaluate(() => document.getElementById('dashboard-backup')?.shadowRoot?.activeElement?.textContent ?? undefined);
    for (let i = 0; i < 10 && (await focused()) !== 'Restaurar a este momento'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('Restaurar a este momento');
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await page.keyboard.press('Enter');
    await dashboard.getByText(/Datos restaurados al .* registros/).waitFor({ timeout: 20_000 });
    expect(asked).toMatch(/¿Restaurar los datos del chat/);
    // The safety backup the restore took first is what Undo puts back.
    const safetyId = await page.evaluate(() => {
      const restored: string[] = [];
      (window as unknown as { restored: string[] }).restored = restored;
      backupSystem.on('backup_restored', ({ backupId }) => restored.push(backupId));
      return backupSystem.listBackups().find((b) => b.metadata.trigger === 'before_restore')!.id;
    });
    const undo = dashboard.locator('#backup-undo');
    await undo.focus();
    await page.keyboard.press('Enter');
    await dashboard.getByText('Deshecho: los datos volvieron').waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => (window as unknown as { restored: string[] }).restored)).toEqual([safetyId]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses an unreachable moment with the reason and offers the nearest reachable one', async () => {
    rig.server.config = { autoBackup: { enabled: false } };
    const context = await rig.browser.newContext();
    const page = await openBackupPage(context, rig.server);
    const errors = watchErrors(page);
    await page.evaluate(async () => {
      await backupSystem.createBackup('auto');
      await backupSystem.createBackup('manual');
    });
    await page.evaluate(() => showBackupDashboard());
    const dashboard = page.locator('#dashboard-backup');
    const picker = dashboard.locator('#backup-pitr-at');
    const restore = dashboard.getByRole('button', { name: 'Restaurar a este momento' });
    const verdict = dashboard.locator('#backup-pitr-verdict');

    const before = await page.evaluate(() => Date.parse(backupSystem.getRestorableRanges().firstBackupAt!) - 3_600_000);
    await picker.fill(await page.evaluate(`(${LOCAL_INPUT})(${before})`));
    await pollUntil(async () => expect(await verdict.textContent()).toMatch(/Es anterior al primer backup de este navegador/), BROWSER_POLL);
    expect(await verdict.textContent()).toMatch(/Momento restaurable más cercano: /);
    expect(await restore.isDisabled()).toBe(true);
    expect(await picker.getAttribute('aria-invalid')).toBe('true');
    expect(await picker.getAttribute('aria-describedby')).toContain('backup-pitr-verdict');
    expect(await page.evaluate((t) => backupSystem.checkPointInTime(new Date(t)).reason, before)).toBe('BEFORE_FIRST_BACKUP');

    await picker.fill(await page.evaluate(`(${LOCAL_INPUT})(${Date.now() + 86_400_000})`));
    await pollUntil(async () => expect(await verdict.textContent()).toMatch(/Ese momento está en el futuro/), BROWSER_POLL);
    expect(await restore.isDisabled()).toBe(true);

    await dashboard.getByRole('button', { name: 'Usar ese momento' }).click();
    await pollUntil(async () => expect(await verdict.textContent()).toMatch(/Se puede restaurar con exactitud/), BROWSER_POLL);
    expect(await restore.isDisabled()).toBe(false);
    expect(await picker.getAttribute('aria-invalid')).toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('warns before quota trouble, deletes only after asking and can undo the delete, in the store language, axe clean', async () => {
    rig.server.config = { autoBackup: { enabled: false } };
    // axe is injected as an inline script: the one thing this page's CSP rightly refuses.
    const context = await rig.browser.newContext({ bypassCSP: true });
    await context.addInitScript(() => {
      const real = navigator.storage.estimate.bind(navigator.storage);
      navigator.storage.estimate = async () => ((window as unknown as { fakeQuota?: boolean }).fakeQuota ? { usage: 960_000_000, quota: 1_000_000_000 } : real());
    });
    const opened = await openBackupPage(context, rig.server);
    const errors = watchErrors(opened);
    await opened.evaluate(async () => {
      (window as unknown as { fakeQuota: boolean }).fakeQuota = true;
      CHATBOT_SYSTEM.configure({ language: 'en' });
      await backupSystem.createBackup('manual', { trigger: 'user_request' });
      await backupSystem.createBackup('manual', { trigger: 'user_request' });
    });
    await opened.evaluate(() => showBackupDashboard());
    const dashboard = opened.locator('#dashboard-backup');
    await dashboard.getByRole('heading', { name: 'Backups and recovery' }).waitFor();
    await dashboard.getByRole('alert').filter({ hasText: 'Space is almost gone' }).waitFor();
    expect(await dashboard.getByRole('button', { name: 'Close' }).count()).toBe(1);

    const recent = dashboard.locator('section', { hasText: 'Recent backups' });
    opened.once('dialog', (dialog) => void dialog.dismiss());
    await recent.getByRole('button', { name: 'Delete' }).first().click();
    expect(await opened.evaluate(() => backupSystem.listBackups().length)).toBe(2);
    opened.once('dialog', (dialog) => void dialog.accept());
    await recent.getByRole('button', { name: 'Delete' }).first().click();
    await dashboard.getByText('Backup deleted').waitFor();
    expect(await recent.locator('tbody tr').count()).toBe(1);
    await dashboard.getByRole('button', { name: 'Undo' }).click();
    await dashboard.getByText('Delete undone').waitFor();
    expect(await recent.locator('tbody tr').count()).toBe(2);
    expect(await opened.evaluate(() => backupSystem.listBackups().length)).toBe(2);

    expect(await axeViolations(opened)).toEqual([]);
    // Closing while a delete waits for its undo carries it out.
    opened.once('dialog', (dialog) => void dialog.accept());
    await recent.getByRole('button', { name: 'Delete' }).first().click();
    await dashboard.getByText('Backup deleted').waitFor();
    await opened.keyboard.press('Escape');
    await opened.waitForFunction(() => backupSystem.listBackups().length === 1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
