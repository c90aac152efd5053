import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollUntil } from '../shared/poll';
import { xssPayloads } from '../unit/live-chat/xml-fixture';
import { startStaffHarness, type StaffHarness } from './live/staff-harness';
import { openChat } from './widget-helpers';

// The XSS corpus from the other side of the live chat: a customer sends every line, the staff
// inbox (a real Prosody between them) shows it. The inbox page is opened without its CSP, so a
// payload that reached its DOM as markup would really run: the test sees the inbox's own defence.

declare const CHATBOT_SYSTEM: {
  ready: Promise<void>;
  bot: { customerId: string | undefined; findConversation(): string | undefined };
  messaging: { sendMessage(conversationId: string, content: { text: string }): { id: string; content: { text: string } } };
};
declare global {
  interface Window {
    /** Every call a payload made to a dialog function. */
    __xss: string[];
  }
}

const LONG = !!process.env.RELIABILITY_LONG;
/**
 * Corpus lines per customer message (or exactly RELIABILITY_INBOX_LINES): 25 in CI (265
 * messages), each its own message with RELIABILITY_LONG=1 (6,613 in one conversation, ~95 s).
 */
const LINES_PER_MESSAGE = Number(process.env.RELIABILITY_INBOX_LINES ?? (LONG ? 1 : 25));
/** Messages sent before the inbox is checked: well within the 150 its conversation view draws. */
const BATCH = LONG ? 60 : 40;

let world: StaffHarness;
beforeAll(async () => {
  world = await startStaffHarness();
}, 180_000);
afterAll(async () => {
  await world?.close();
});

const row = (page: Page, customerId: string) => page.locator('nav button', { hasText: customerId });

describe('live chat: the XSS corpus from a customer, in the staff inbox', () => {
  it('shows every line as text in the agent\'s inbox, and runs none', async () => {
    const lines = xssPayloads();
    expect(lines.length).toBeGreaterThan(6_000);
    const texts: string[] = [];
    for (let i = 0; i < lines.length; i += LINES_PER_MESSAGE) {
      const text = lines.slice(i, i + LINES_PER_MESSAGE).join('\n').trim();
      if (text) texts.push(text);
    }

    const ana = await world.agent('ana', { bypassCSP: true });
    const dialogs: string[] = [];
    ana.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await ana.page.evaluate(() => {
      window.__xss = [];
      for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
        Object.defineProperty(window, name, { configurable: true, value: (...args: unknown[]) => void window.__xss.push(`${name}(${args.join(',')})`) });
      }
    });
    const risky = (): Promise<string[]> => ana.page.evaluate(() =>
      [...document.querySelectorAll('iframe, frame, object, embed, base, script, form, svg, math, img, link, meta, style, a')].map((e) => e.outerHTML.slice(0, 80)));

    // The customer asks for a person; Ana opens the conversation.
    const customer = await world.newPage(`${world.site.origin}/`);
    const { say } = await openChat(customer.page);
    for (const text of ['¿tienen filtro de aceite para Boxer CT100?', 'quiero hablar con un asesor']) await say(text);
    const customerId = await customer.page.evaluate(() => CHATBOT_SYSTEM.bot.customerId!);
    await row(ana.page, customerId).waitFor({ state: 'visible', timeout: 15_000 });
    await row(ana.page, customerId).click();
    await ana.page.getByLabel('Escribe una respuesta').waitFor({ state: 'visible' });
    // The inbox has some of these of its own (its composer is a form): none may be added.
    const before = await risky();

    const started = Date.now();
    for (let start = 0; start < texts.length; start += BATCH) {
      const batch = texts.slice(start, start + BATCH);
      // Sent as the panel sends what the customer types (messaging, then the live chat).
      await customer.page.evaluate((batch) => {
        const id = CHATBOT_SYSTEM.bot.findConversation()!;
        for (const text of batch) CHATBOT_SYSTEM.messaging.sendMessage(id, { text });
      }, batch);
      const problems = await pollUntil(async () => {
        const found = await ana.page.evaluate((batch) => {
          const list = document.querySelector('ol.messages')!;
          const shown = new Set([...list.querySelectorAll(':scope > li.customer > span.text')].map((span) => span.textContent));
          const missing = batch.filter((text) => !shown.has(text));
          // Each message is a row of text: no element or attribute from a payload.
          const tags = new Set(['LI', 'SPAN', 'BUTTON', 'BLOCKQUOTE']);
          const attributes = new Set(['class', 'data-key', 'type', 'data-action', 'aria-pressed']);
          const odd: string[] = [];
          for (const element of list.querySelectorAll(':scope > li *, :scope > li')) {
            if (!tags.has(element.tagName)) odd.push(`<${element.tagName.toLowerCase()}>`);
            for (const name of element.getAttributeNames()) if (!attributes.has(name)) odd.push(`attribute ${name} on <${element.tagName.toLowerCase()}>`);
          }
          for (const span of list.querySelectorAll(':scope > li > span.text')) if (span.childElementCount > 0) odd.push('markup inside a text');
          return { missing: missing.length, first: missing[0]?.slice(0, 80), odd };
        }, batch);
        expect(found.missing, `not in the inbox yet, e.g. ${JSON.stringify(found.first)}`).toBe(0);
        return found.odd;
      }, { timeout: 60_000, interval: 200 });
      expect(problems).toEqual([]);
      if (process.env.LIVE_DEBUG) console.log(`${start + batch.length} messages in ${Date.now() - started} ms`);
    }
    const elapsed = Date.now() - started;

    // The conversation's row in the list shows the last message as text too.
    expect(await ana.page.locator('nav :is(img, svg, script, iframe, object, embed, a)').count()).toBe(0);
    expect(await ana.page.evaluate(() => window.__xss)).toEqual([]);
    expect(dialogs).toEqual([]);
    expect((await risky()).filter((element) => !before.includes(element))).toEqual([]);
    expect(ana.errors).toEqual([]);
    console.info(`reliability-inbox-xss: ${lines.length} corpus lines in ${texts.length} customer messages, shown as text in the inbox in ${elapsed} ms`);
  }, LONG ? 3_600_000 : 600_000);
});
