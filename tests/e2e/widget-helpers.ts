import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { BROWSER_POLL, pollUntil } from '../shared/poll';

/** The page's system, as far as these helpers use it (read inside page.evaluate). */
declare const CHATBOT_SYSTEM: { ready: Promise<void> };

/** The built demo page with its script tag's data-* attributes changed (or the tag removed). */
export async function demoPageVariant(change: (html: string) => string): Promise<string> {
  const dist = resolve(process.env.CHATBOT_DIST ?? 'dist');
  return change(await readFile(join(dist, 'index.html'), 'utf8'));
}

/** A serveDist `handle` answering extra pages (exact paths) and recording POSTs to `/api/handoff`. */
export function extraPages(pages: Record<string, string>, posts: unknown[]) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.method === 'POST' && path === '/api/handoff') {
      let body = '';
      for await (const chunk of req) body += chunk;
      posts.push(JSON.parse(body));
      res.writeHead(204).end();
      return true;
    }
    const html = pages[path];
    if (html === undefined) return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).end(html);
    return true;
  };
}

/** The widget as a customer sees it (Playwright's CSS engine pierces the open shadow root). */
export function widget(page: Page) {
  const host = page.locator('#chatbot-repuestos-motos');
  return {
    launcher: host.locator('button.launcher'),
    panel: host.locator('section.panel'),
    input: host.locator('textarea'),
    cards: host.locator('.card'),
    botMessages: host.locator('.log > .msg:not(.mine)'),
    lastBotText: async (): Promise<string> => (await host.locator('.log > .msg:not(.mine) .bubble').last().innerText()).replace(/\s+/g, ' '),
    button: (name: string | RegExp): Locator => host.getByRole('button', { name }),
  };
}

/** Types a question like a customer (keyboard only) and waits for the assistant's next answer. */
export async function ask(page: Page, question: string): Promise<string> {
  const w = widget(page);
  const before = await w.botMessages.count();
  await w.input.focus();
  await page.keyboard.type(question);
  await page.keyboard.press('Enter');
  await pollUntil(async () => expect(await w.botMessages.count()).toBeGreaterThan(before), { ...BROWSER_POLL, timeout: 15_000 });
  return w.lastBotText();
}

/** Opens the panel with the keyboard: Tab to the launcher, Enter; focus lands in the message box. */
/**
 * Opens the chat on a store page (once its system is ready) and gives `say`, which writes a line
 * as the customer and waits for the assistant's answer.
 */
export async function openChat(page: Page): Promise<{ w: ReturnType<typeof widget>; say(text: string): Promise<void> }> {
  await page.evaluate(() => CHATBOT_SYSTEM.ready);
  const w = widget(page);
  await w.launcher.click();
  await w.panel.waitFor({ state: 'visible' });
  const say = async (text: string): Promise<void> => {
    const before = await w.botMessages.count();
    await w.input.fill(text);
    await page.keyboard.press('Enter');
    await pollUntil(async () => expect(await w.botMessages.count()).toBeGreaterThan(before), BROWSER_POLL);
  };
  return { w, say };
}

export async function openWithKeyboard(page: Page): Promise<void> {
  const w = widget(page);
  await w.launcher.focus();
  await page.keyboard.press('Enter');
  await w.panel.waitFor({ state: 'visible' });
  await pollUntil(async () => expect(await page.evaluate(() => document.getElementById('chatbot-repuestos-motos')?.shadowRoot?.activeElement?.tagName)).toBe('TEXTAREA'), BROWSER_POLL);
}

export interface Violation { id: string; impact: string | null; nodes: Array<{ target: unknown }> }

/** axe-core over the whole page (open shadow roots included): serious and critical violations. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  const { createRequire } = await import('node:module');
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, options: unknown): Promise<{ violations: Violation[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] } });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) }));
}
