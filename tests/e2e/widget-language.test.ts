import { describe, expect, it } from 'vitest';
import { openReady, watchErrors } from './helpers/browser';
import { useDemoStore } from './helpers/demo-store';
import { STRICT_CSP } from './helpers/server';
import { ask, openWithKeyboard, widget } from './widget-helpers';
import { BROWSER_POLL, pollUntil } from '../shared/poll';

declare const CHATBOT_SYSTEM: { configure(partial: { language?: string }): unknown };

describe('switching the widget\'s language at run time', () => {
  const store = useDemoStore({ headers: { 'content-security-policy': STRICT_CSP } });

  it('CHATBOT_SYSTEM.configure({ language: \'en\' }) turns the open panel and the next answer English', async () => {
    const page = await store.browser.newPage();
    const errors = watchErrors(page);
    await openReady(page, `${store.server.origin}/`);
    const w = widget(page);
    await openWithKeyboard(page);
    expect(await ask(page, 'bujia para nkd 125')).toMatch(/^Encontré/);
    expect(await w.panel.getByRole('button', { name: 'Cerrar el chat' }).count()).toBe(1);

    await page.evaluate(() => CHATBOT_SYSTEM.configure({ language: 'en' }));
    // The panel is built again in English, still open, with the conversation so far.
    await pollUntil(async () => expect(await w.panel.getByRole('button', { name: 'Close the chat' }).count()).toBe(1), BROWSER_POLL);
    expect(await w.panel.count()).toBe(1);
    expect(await w.panel.isVisible()).toBe(true);
    // A keyboard user keeps typing where they were.
    await pollUntil(async () => expect(await page.evaluate(() => document.getElementById('chatbot-repuestos-motos')?.shadowRoot?.activeElement?.tagName)).toBe('TEXTAREA'), BROWSER_POLL);
    expect(await w.launcher.getAttribute('aria-label')).toBe('Close the chat');
    expect(await w.panel.getByRole('button', { name: 'Search the conversation' }).count()).toBe(1);
    expect(await w.input.getAttribute('placeholder')).toBe('Type your message…');
    expect(await w.panel.locator('.subtitle').innerText()).toBe('Parts assistant · instant answers');
    expect(await w.panel.innerText()).toContain('bujia para nkd 125');
    expect(await w.botMessages.last().locator('.who').innerText()).toBe('Assistant');

    expect(await ask(page, 'spark plug for nkd 125')).toMatch(/^I found/);
    await page.keyboard.press('Escape');
    expect(await w.launcher.getAttribute('aria-label')).toBe('Open the Repuestos Motos chat');
    expect(errors).toEqual([]);
    await page.close();
  });
});
