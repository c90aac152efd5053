import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { serveDist, type ServeOptions, type StaticServer } from './server';

/**
 * The built demo store and a headless Chromium for one test file, started before its tests and
 * closed after them. Read the fields inside tests (they are set in beforeAll).
 * @example const store = useDemoStore(); it('…', async () => { const page = await store.browser.newPage(); await page.goto(store.server.origin); });
 */
export function useDemoStore(options: ServeOptions = {}): { readonly server: StaticServer; readonly browser: Browser } {
  const store = {} as { server: StaticServer; browser: Browser };
  beforeAll(async () => {
    store.server = await serveDist(options);
    store.browser = await launchBrowser();
  });
  afterAll(async () => {
    await store.browser?.close();
    await store.server?.close();
  });
  return store;
}
