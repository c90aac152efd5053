import { describe, expect, it } from 'vitest';
import { openReady, watchErrors } from './helpers/browser';
import { useDemoStore } from './helpers/demo-store';
import { BROWSER_POLL, pollUntil } from '../shared/poll';

type Backup = { id: string; sources: Array<{ kind: string; keys?: number; only?: string[] }> };
declare const backupSystem: {
  createBackup(type: string, metadata?: object, options?: object): Promise<Backup>;
  restoreBackup(id: string, options?: object): Promise<unknown>;
};

describe('backups on the demo storefront', () => {
  const store = useDemoStore();

  it("backs up the store page's cart ('cart' in includedData) and brings it back after it was emptied", async () => {
    const context = await store.browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await openReady(page, `${store.server.origin}/`);
    const add = page.locator('button.add-to-cart').first();
    await add.click();
    await add.click();
    await page.waitForFunction(() => localStorage.getItem('repuestos-motos:cart') !== null);
    const cart = await page.evaluate(() => localStorage.getItem('repuestos-motos:cart'));
    const badge = await page.locator('#cart-count').textContent();

    const backup = await page.evaluate(() => backupSystem.createBackup('manual', { trigger: 'before_delete_all' }, { includedData: ['cart'] }));
    expect(backup.sources[0]).toEqual({ kind: 'localStorage', keys: 1, only: ['repuestos-motos:cart'] });

    await page.evaluate(() => localStorage.setItem('otra-cosa', 'se queda'));
    await page.evaluate(() => localStorage.removeItem('repuestos-motos:cart'));
    await page.reload();
    await page.evaluate(() => (window as unknown as { CHATBOT_SYSTEM: { ready: Promise<void> } }).CHATBOT_SYSTEM.ready);
    expect(await page.evaluate(() => localStorage.getItem('repuestos-motos:cart'))).toBeNull();

    const reloaded = page.waitForEvent('load');
    await page.evaluate((id) => { void backupSystem.restoreBackup(id, { clearExisting: true, restoreSession: false, reload: true }); }, backup.id);
    await reloaded;
    await page.evaluate(() => (window as unknown as { CHATBOT_SYSTEM: { ready: Promise<void> } }).CHATBOT_SYSTEM.ready);
    expect(await page.evaluate(() => localStorage.getItem('repuestos-motos:cart'))).toBe(cart);
    expect(await page.evaluate(() => localStorage.getItem('otra-cosa'))).toBe('se queda'); // outside the backup's scope
    await pollUntil(async () => expect(await page.locator('#cart-count').textContent()).toBe(badge), BROWSER_POLL);
    expect(errors).toEqual([]);
    await context.close();
  });
});
