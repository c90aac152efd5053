import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { serveDist, type ServeOptions, type StaticServer } from './server';

/**
 * A server and a headless Chromium for one test file, started before its tests and closed after
 * them. Read the fields inside tests (they are set in beforeAll).
 * @example const rig = useServerAndBrowser(serveBackupPage); it('…', async () => { await rig.browser.newPage(); });
 */
export function useServerAndBrowser<S extends { close(): Promise<void> }>(serve: () => Promise<S>): { readonly server: S; readonly browser: Browser } {
  const rig = {} as { server: S; browser: Browser };
  beforeAll(async () => {
    rig.server = await serve();
    rig.browser = await launchBrowser();
  });
  afterAll(async () => {
    await rig.browser?.close();
    await rig.server?.close();
  });
  return rig;
}

/**
 * The built demo store and a headless Chromium for one test file.
 * @example const store = useDemoStore(); it('…', async () => { const page = await store.browser.newPage(); await page.goto(store.server.origin); });
 */
export function useDemoStore(options: ServeOptions = {}): { readonly server: StaticServer; readonly browser: Browser } {
  return useServerAndBrowser(() => serveDist(options));
}
