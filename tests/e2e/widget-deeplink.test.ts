import { describe, expect, it } from 'vitest';
import { watchErrors } from './helpers/browser';
import { useDemoStore } from './helpers/demo-store';

describe('opening the chat from a message notification', () => {
  const store = useDemoStore();

  it('opens the chat panel when the page is opened at /?chat=<conversation>, and drops the parameter', async () => {
    const page = await store.browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${store.server.origin}/?chat=conv_1`);
    const composer = page.locator('#chatbot-repuestos-motos textarea');
    await composer.waitFor({ state: 'visible', timeout: 15_000 });
    expect(new URL(page.url()).searchParams.has('chat')).toBe(false);
    expect(await page.locator('#chatbot-repuestos-motos button.launcher').getAttribute('aria-expanded')).toBe('true');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the panel closed on a plain visit', async () => {
    const page = await store.browser.newPage();
    await page.goto(`${store.server.origin}/`);
    await page.waitForFunction(() => (window as unknown as { CHATBOT_SYSTEM: { ready: Promise<unknown> } }).CHATBOT_SYSTEM.ready.then(() => true));
    expect(await page.locator('#chatbot-repuestos-motos button.launcher').getAttribute('aria-expanded')).toBe('false');
    await page.close();
  });
});
