import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openReady, waitForController, watchErrors } from './helpers/browser';
import { serveDist, STRICT_CSP, type StaticServer } from './helpers/server';
import { ask, axeViolations, demoPageVariant, extraPages, openWithKeyboard, widget } from './widget-helpers';
import { BROWSER_POLL, pollUntil } from '../shared/poll';

type Delivery = { kind: string; status: string };
declare const CHATBOT_SYSTEM: { ready: Promise<void>; flush(): Promise<void>; idle(): Promise<void>; bot: { getStaffDeliveries(): Delivery[]; findConversation(): string | undefined } };

const HANDOFF_CONFIG = (): void => {
  (window as unknown as { CHATBOT_CONFIG: unknown }).CHATBOT_CONFIG = { bot: { handoffEndpoint: '/api/handoff', typingDelayMs: 50 } };
};

describe('the chat widget on the demo store, as a customer uses it', () => {
  let server: StaticServer;
  let browser: Browser;
  const posts: Array<{ type: string; text: string; conversationId: string }> = [];

  beforeAll(async () => {
    const english = await demoPageVariant((html) => html.replace('data-lang="es"', 'data-lang="en"'));
    server = await serveDist({ headers: { 'content-security-policy': STRICT_CSP }, handle: extraPages({ '/en.html': english }, posts) });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('finds the Boxer CT100 oil filter, adds it to the cart, tells order 1234 and calls a person, under a strict CSP', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(HANDOFF_CONFIG);
    await context.addInitScript(() => {
      const violations: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = violations;
      document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await openReady(page, `${server.origin}/`);
    const w = widget(page);
    await openWithKeyboard(page);
    await pollUntil(async () => expect(await w.botMessages.count()).toBe(1), BROWSER_POLL); // the greeting

    const answer = await ask(page, '¿tienen filtro de aceite para Boxer CT100?');
    expect(answer).toMatch(/Boxer CT100/);
    const card = w.cards.filter({ hasText: 'Filtro de aceite Boxer CT100' }).first();
    await pollUntil(async () => expect(await card.innerText()).toMatch(/\$\s18\.500/), BROWSER_POLL);
    expect(await page.locator('#cart-count').innerText()).toBe('0');
    await card.getByRole('button', { name: /Agregar .* al carrito/ }).click();
    await pollUntil(async () => expect(await page.locator('#cart-count').innerText()).toBe('1'), BROWSER_POLL);

    expect(await ask(page, '¿cómo va mi pedido 1234?')).toMatch(/Pedido #1234: enviado.*Servientrega/);

    expect(await ask(page, 'hablar con un asesor')).toMatch(/le avisé a un asesor/);
    await pollUntil(() => expect(posts.some((p) => p.type === 'handoff_requested' && p.text === 'hablar con un asesor')).toBe(true), BROWSER_POLL);
    // The store's server has the POST before the page has its answer: the delivery turns sent then.
    await pollUntil(async () => expect(await page.evaluate(() => CHATBOT_SYSTEM.bot.getStaffDeliveries().map((d) => `${d.kind}:${d.status}`))).toEqual(['handoff:sent']), BROWSER_POLL);

    // Escape closes the panel and gives the focus back to the launcher.
    await page.keyboard.press('Escape');
    await w.panel.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.getElementById('chatbot-repuestos-motos')?.shadowRoot?.activeElement?.className)).toMatch(/launcher/);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works offline after a first visit: history shows, the assistant answers, a request for a person waits for the network', async () => {
    const context = await browser.newContext();
    await context.addInitScript(HANDOFF_CONFIG);
    const page = await context.newPage();
    await openReady(page, `${server.origin}/`);
    await waitForController(page);
    await openWithKeyboard(page);
    await ask(page, 'balatas pulsar ns200');
    await page.evaluate(() => CHATBOT_SYSTEM.flush());

    await context.setOffline(true);
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { CHATBOT_SYSTEM?: { ready?: unknown } }).CHATBOT_SYSTEM?.ready !== undefined);
    await page.evaluate(() => CHATBOT_SYSTEM.ready);
    const w = widget(page);
    await openWithKeyboard(page);
    expect(await w.panel.innerText()).toContain('balatas pulsar ns200'); // history
    expect(await w.panel.innerText()).toMatch(/Sin conexión/);

    expect(await ask(page, 'bujia para nkd 125')).toMatch(/NKD 125/);
    expect(await w.cards.last().innerText()).toMatch(/Bujía NGK CR6HSA/);
    await w.cards.last().getByRole('button', { name: /Agregar/ }).click();
    await pollUntil(async () => expect(await page.locator('#cart-count').innerText()).toBe('1'), BROWSER_POLL);
    expect(await ask(page, '¿cómo va mi pedido 1234?')).toMatch(/1234/);

    const before = posts.length;
    expect(await ask(page, 'quiero hablar con un asesor')).toMatch(/sin conexión/);
    expect(await page.evaluate(() => CHATBOT_SYSTEM.bot.getStaffDeliveries().map((d) => d.status))).toEqual(['pending']);
    await pollUntil(async () => expect(await w.panel.locator('.pending').count()).toBe(1), BROWSER_POLL);
    await page.evaluate(() => CHATBOT_SYSTEM.flush());

    // The pending request survives a reload (still offline, served by the service worker).
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { CHATBOT_SYSTEM?: { ready?: unknown } }).CHATBOT_SYSTEM?.ready !== undefined);
    await page.evaluate(() => CHATBOT_SYSTEM.ready);
    await openWithKeyboard(page);
    await pollUntil(async () => expect(await w.panel.locator('.pending').count()).toBe(1), BROWSER_POLL);

    await context.setOffline(false);
    await pollUntil(async () => expect(await page.evaluate(() => CHATBOT_SYSTEM.bot.getStaffDeliveries().map((d) => d.status))).toEqual(['sent']), { ...BROWSER_POLL, timeout: 15_000 });
    expect(posts.slice(before).map((p) => p.text)).toEqual(['quiero hablar con un asesor']);
    await pollUntil(async () => expect(await w.panel.locator('.pending').count()).toBe(0), BROWSER_POLL);
    await context.close();
  });

  it('speaks English when the store is set to English', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await openReady(page, `${server.origin}/en.html`);
    const w = widget(page);
    expect(await w.launcher.getAttribute('aria-label')).toMatch(/^Open the Repuestos Motos chat/);
    await openWithKeyboard(page);
    expect(await w.lastBotText()).toMatch(/^Hi! I'm the Repuestos Motos assistant/);
    expect(await ask(page, 'Do you have an oil filter for the Boxer CT100?')).toMatch(/for your Boxer CT100/);
    await w.cards.filter({ hasText: 'Filtro de aceite Boxer CT100' }).getByRole('button', { name: /^Add .* to the cart$/ }).click();
    await pollUntil(async () => expect(await page.locator('#cart-count').innerText()).toBe('1'), BROWSER_POLL);
    expect(await ask(page, 'where is my order 1234?')).toMatch(/Order #1234: shipped/);
    expect(await ask(page, 'I want to talk to a person')).toMatch(/I told a person/);
    expect(await w.panel.getByRole('button', { name: 'Close the chat' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('has no serious or critical axe violation with the panel open on a product answer', async () => {
    // axe is injected as an inline script: the one thing this page's CSP rightly refuses.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await openReady(page, `${server.origin}/`);
    await openWithKeyboard(page);
    await ask(page, 'llanta trasera fz 2.0');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('answers in the tab the customer wrote in only, once, with two tabs open', async () => {
    const context = await browser.newContext();
    const first = await context.newPage();
    const second = await context.newPage();
    await openReady(first, `${server.origin}/`);
    await openReady(second, `${server.origin}/`);
    await openWithKeyboard(first);
    await openWithKeyboard(second);
    await ask(first, 'bujia para nkd 125');
    await first.evaluate(() => CHATBOT_SYSTEM.flush());
    await pollUntil(async () => expect(await widget(second).botMessages.count()).toBe(2), BROWSER_POLL);
    // The second tab heard the customer's message: an answer of its own would be in its background work.
    await Promise.all([first, second].map((page) => page.evaluate(() => CHATBOT_SYSTEM.idle())));
    expect(await widget(first).botMessages.count()).toBe(2);
    expect(await widget(second).botMessages.count()).toBe(2);
    await context.close();
  });
});
