import { describe, expect, it } from 'vitest';
import { watchErrors } from './helpers/browser';
import { useServerAndBrowser } from './helpers/demo-store';
import { openBackupPage, serveBackupPage } from './backup-helpers';
import { BROWSER_POLL, pollUntil } from '../shared/poll';

type Backup = { id: string; type: string; createdAt: string; metadata: Record<string, unknown> };
declare const backupSystem: {
  createBackup(type: string, metadata?: object): Promise<Backup>;
  listBackups(filter?: object): Backup[];
  exportBackup(id: string, format: string): Promise<Blob>;
  deleteBackup(id: string): boolean;
};
declare const showBackupDashboard: () => Promise<void>;

describe('automatic backups and the backup dashboard', () => {
  const rig = useServerAndBrowser(serveBackupPage);

  it('takes automatic backups in one tab only when two are open', async () => {
    rig.server.config = { autoBackup: { enabled: true, interval: 1_500, startDelay: 0 } };
    const context = await rig.browser.newContext();
    const first = await openBackupPage(context, rig.server);
    const second = await openBackupPage(context, rig.server);
    // Three intervals' worth: two tabs each taking every interval's backup would be six.
    await first.waitForFunction(() => backupSystem.listBackups({ type: 'auto' }).length >= 3, undefined, { timeout: 15_000 });
    const times = (await first.evaluate(() => backupSystem.listBackups({ type: 'auto' }).map((b) => Date.parse(b.createdAt)))).sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1_000);
    // Both tabs see the same list (one database, changes broadcast).
    await pollUntil(async () => {
      const counts = await Promise.all([first, second].map((page) => page.evaluate(() => backupSystem.listBackups({ type: 'auto' }).length)));
      expect(counts[1]).toBe(counts[0]);
    }, BROWSER_POLL);
    await context.close();
  });

  it('shows totals, creates, imports and deletes backups from the dashboard (asking first)', async () => {
    rig.server.config = { autoBackup: { enabled: false } };
    const context = await rig.browser.newContext();
    const page = await openBackupPage(context, rig.server);
    const errors = watchErrors(page);
    const exported = await page.evaluate(async () => {
      const backup = await backupSystem.createBackup('manual', { trigger: 'exported' });
      const text = await (await backupSystem.exportBackup(backup.id, 'json')).text();
      backupSystem.deleteBackup(backup.id);
      return text;
    });
    await page.evaluate(() => showBackupDashboard());
    const dashboard = page.locator('#dashboard-backup');
    const recentSection = dashboard.locator('section', { hasText: 'Backups recientes' });
    const recentRows = recentSection.locator('tbody tr');
    await expect(recentSection.getByText('Todavía no hay backups').isVisible()).resolves.toBe(true);

    await dashboard.getByRole('button', { name: 'Crear backup manual' }).click();
    await page.waitForFunction(() => backupSystem.listBackups().length === 1);
    await dashboard.getByText('Backup creado').waitFor();
    expect(await recentRows.count()).toBe(1);
    expect(await dashboard.locator('dd').first().textContent()).toBe('1');

    await dashboard.locator('#backup-import-file').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await page.waitForFunction(() => backupSystem.listBackups().length === 2);
    await dashboard.getByText('Backup importado').waitFor();
    expect(await recentRows.count()).toBe(2);

    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await dashboard.getByRole('button', { name: 'Eliminar' }).first().click();
    await pollUntil(() => expect(asked).toMatch(/¿Eliminar el backup/), BROWSER_POLL);
    expect(await page.evaluate(() => backupSystem.listBackups().length)).toBe(2);

    page.once('dialog', (dialog) => void dialog.accept());
    await dashboard.getByRole('button', { name: 'Eliminar' }).first().click();
    await dashboard.getByText('Backup eliminado').waitFor();
    // The delete waits for its undo until the dashboard closes.
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => backupSystem.listBackups().length === 1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
