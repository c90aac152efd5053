import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openReady, watchErrors } from './helpers/browser';
import { serveDist, STRICT_CSP, type StaticServer } from './helpers/server';
import { ask, openWithKeyboard, widget } from './widget-helpers';
import { BROWSER_POLL, pollUntil } from '../shared/poll';

declare global {
  interface Window {
    /** Every text the panel's live region was given (recorded by the test). */
    announced: string[];
    /** How many times the launcher counted unread messages (recorded by the test). */
    launcherCounts: number;
  }
}

type Messaging = {
  currentUser: string;
  setCurrentUser(id: string): void;
  sendMessage(conversationId: string, input: { text: string }): { id: string };
  markAsRead(conversationId: string): void;
  getUnreadCount(conversationId: string): number;
  on(type: 'messages_read', handler: () => void): () => void;
  getMessages(conversationId: string, options: { limit: number; includeReplies: boolean }): unknown[];
  actAs(userId: string): { sendMessage(conversationId: string, input: { text: string }): { id: string } };
};
declare const CHATBOT_SYSTEM: { ready: Promise<void>; flush(): Promise<void>; messaging: Messaging; bot: { findConversation(): string | undefined } };

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('the conversation features of the panel', () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await serveDist({ headers: { 'content-security-policy': STRICT_CSP } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows typing, reactions, threads, images, search and the transcript', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    await context.addInitScript(() => {
      (window as unknown as { CHATBOT_CONFIG: unknown }).CHATBOT_CONFIG = { bot: { typingDelayMs: 1500 } };
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await openReady(page, `${server.origin}/`);
    const w = widget(page);
    await openWithKeyboard(page);

    // Typing indicator while the assistant "thinks".
    await w.input.fill('filtro de aire para gn 125');
    await page.keyboard.press('Enter');
    await pollUntil(async () => expect(await w.panel.locator('.typing').innerText()).toMatch(/Asistente está escribiendo/), BROWSER_POLL);
    await pollUntil(async () => expect(await w.botMessages.count()).toBe(2), { ...BROWSER_POLL, timeout: 10_000 });
    await pollUntil(async () => expect(await w.panel.locator('.typing').innerText()).toBe(''), BROWSER_POLL);

    // A reaction on the answer, toggled on with the keyboard-reachable button.
    const answer = w.botMessages.last();
    await answer.focus();
    await answer.getByRole('button', { name: 'Reaccionar con 👍' }).click();
    await pollUntil(async () => expect(await answer.locator('.reaction').first().getAttribute('aria-pressed')).toBe('true'), BROWSER_POLL);
    expect(await answer.locator('.reaction').first().innerText()).toBe('👍 1');

    // A reply in the answer's thread; the assistant answers in the same thread.
    await answer.getByRole('button', { name: 'Responder' }).click();
    expect(await w.panel.locator('.replying').innerText()).toMatch(/Respondiendo a: Asistente/);
    await page.keyboard.type('¿y el filtro de aceite?');
    await page.keyboard.press('Enter');
    await pollUntil(async () => expect(await answer.locator('.thread > .msg').count()).toBe(2), { ...BROWSER_POLL, timeout: 10_000 });
    expect(await answer.locator('.thread').innerText()).toMatch(/Filtro de aceite/);

    // An image with a preview (object URL revoked once sent).
    await w.panel.locator('input[type=file]').setInputFiles({ name: 'moto.png', mimeType: 'image/png', buffer: PNG });
    const preview = await w.panel.locator('.previews img').getAttribute('src');
    expect(preview).toMatch(/^blob:/);
    await page.keyboard.type('así está la pieza');
    await page.keyboard.press('Enter');
    const sent = w.panel.locator('.log > .msg.mine').last();
    await pollUntil(async () => expect(await sent.locator('.attachments img').getAttribute('src')).toMatch(/^blob:/), BROWSER_POLL);
    expect(await sent.locator('.attachments img').getAttribute('alt')).toBe('Imagen adjunta moto.png');
    await pollUntil(async () => expect(await w.lastBotText()).toMatch(/^Recibí tu imagen/), { ...BROWSER_POLL, timeout: 10_000 });
    const probe = (url: string): Promise<string> => new Promise((resolve) => {
      const img = new Image();
      img.onload = () => resolve('alive');
      img.onerror = () => resolve('revoked');
      img.src = url;
    });
    expect(await page.evaluate(probe, (await sent.locator('.attachments img').getAttribute('src'))!)).toBe('alive');
    expect(await page.evaluate(probe, preview!)).toBe('revoked');

    // Search inside the chat jumps to the message.
    await w.button('Buscar en la conversación').click();
    await page.keyboard.type('filtro');
    await pollUntil(async () => expect(await w.panel.locator('.search-status').innerText()).toMatch(/mensajes encontrados/), BROWSER_POLL);
    await w.panel.locator('.search-results button').last().click();
    expect(await page.evaluate(() => document.getElementById('chatbot-repuestos-motos')?.shadowRoot?.activeElement?.classList.contains('msg'))).toBe(true);

    await page.screenshot({ path: '.tmp/screens/conversation-features.png' });

    // Transcript download.
    const [download] = await Promise.all([page.waitForEvent('download'), w.button('Descargar la conversación').click()]);
    expect(download.suggestedFilename()).toBe('conversacion-repuestos-motos.txt');
    const transcript = await readFile((await download.path())!, 'utf8');
    expect(transcript).toMatch(/filtro de aire para gn 125/);
    expect(transcript).toMatch(/asistente: /);
    // The one expected console error: the probe above loading the revoked preview URL.
    expect(errors.filter((e) => !e.includes('ERR_FILE_NOT_FOUND'))).toEqual([]);
    await context.close();
  });

  /** A customer with the chat open who said "hola" to the assistant, and that conversation. */
  const customerWhoSaidHola = async () => {
    const context = await browser.newContext();
    const customer = await context.newPage();
    await openReady(customer, `${server.origin}/`);
    await openWithKeyboard(customer);
    await ask(customer, 'hola');
    await customer.evaluate(() => CHATBOT_SYSTEM.flush());
    const conversationId = await customer.evaluate(() => CHATBOT_SYSTEM.bot.findConversation()!);
    return { context, customer, conversationId, w: widget(customer) };
  };

  it('counts unread staff messages on the launcher, announces them, and shows read ticks', async () => {
    const { context, customer, conversationId, w } = await customerWhoSaidHola();
    await customer.keyboard.press('Escape');

    // Staff answer from another tab (the dashboard of the store, same origin).
    const staff = await context.newPage();
    await openReady(staff, `${server.origin}/`);
    await staff.evaluate(async (id) => {
      CHATBOT_SYSTEM.messaging.setCurrentUser('asesor');
      CHATBOT_SYSTEM.messaging.markAsRead(id);
      CHATBOT_SYSTEM.messaging.sendMessage(id, { text: 'Hola, soy Ana. ¿En qué te ayudo?' });
      await CHATBOT_SYSTEM.flush();
    }, conversationId);

    const badge = customer.locator('#chatbot-repuestos-motos .badge');
    await pollUntil(async () => expect(await badge.innerText()).toBe('1'), { ...BROWSER_POLL, timeout: 10_000 });
    expect(await w.launcher.getAttribute('aria-label')).toMatch(/1 mensaje sin leer/);

    await openWithKeyboard(customer);
    expect(await w.lastBotText()).toMatch(/soy Ana/);
    expect(await badge.isHidden()).toBe(true);
    // The customer's "hola" was read by the assistant and by the staff member: "Leído".
    expect(await w.panel.locator('.msg.mine .tick .sr-only').first().innerText()).toBe('Leído');

    await staff.evaluate((id) => {
      CHATBOT_SYSTEM.messaging.sendMessage(id, { text: 'Te envío el link de pago' });
    }, conversationId);
    await pollUntil(async () => expect(await w.panel.locator('[role=status][aria-live=polite]').innerText()).toBe('Nuevo mensaje de Asesor: Te envío el link de pago'), { ...BROWSER_POLL, timeout: 10_000 });
    await context.close();
  });

  it('counts a burst of staff messages on the launcher a few times, not after every message', async () => {
    const { context, customer } = await customerWhoSaidHola();
    await customer.keyboard.press('Escape');
    await customer.evaluate(async () => {
      const bot = CHATBOT_SYSTEM.bot;
      const conversationId = bot.findConversation()!;
      // The launcher counts through findConversation, once per count.
      const find = bot.findConversation.bind(bot);
      window.launcherCounts = 0;
      bot.findConversation = () => {
        window.launcherCounts++;
        return find();
      };
      // Sixty staff messages, one task each, as a live chat catch-up applies them (a socket frame
      // each): every message is posted as a task of its own, so what the launcher schedules runs between them.
      const staff = CHATBOT_SYSTEM.messaging.actAs('asesor');
      const nextTask = (): Promise<void> =>
        new Promise((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            channel.port1.close();
            resolve();
          };
          channel.port2.postMessage(null);
        });
      for (let i = 0; i < 60; i++) {
        await nextTask();
        staff.sendMessage(conversationId, { text: `mensaje ${i}` });
      }
    });
    const badge = customer.locator('#chatbot-repuestos-motos .badge');
    await pollUntil(async () => expect(await badge.innerText()).toBe('60'), { ...BROWSER_POLL, timeout: 10_000 });
    expect(await customer.evaluate(() => window.launcherCounts)).toBeLessThanOrEqual(5);
    await context.close();
  });

  it('announces a burst of staff messages once, by its last one, not line after line', async () => {
    // Every text the live region is given once staff start writing.
    const { context, customer, w } = await customerAndStaff(30, 'Ráfaga', (page) => widget(page).panel.locator('[role=status][aria-live=polite]').evaluate((region) => {
      const said: string[] = [];
      window.announced = said;
      new MutationObserver(() => {
        if (region.textContent) said.push(region.textContent);
      }).observe(region, { childList: true, characterData: true, subtree: true });
    }));
    await pollUntil(async () => expect(await w.lastBotText()).toMatch(/número 30\b/), { ...BROWSER_POLL, timeout: 10_000 });
    const said = await pollUntil(async () => {
      const list = await customer.evaluate(() => window.announced);
      expect(list.at(-1)).toBe('Nuevo mensaje de Asesor: Ráfaga número 30');
      return list;
    }, BROWSER_POLL);
    // The 30 lines arrive in a few commits from the other tab: a few announcements, not 30.
    expect(said.length).toBeLessThanOrEqual(5);
    await context.close();
  });

  it('lays out and marks read once a frame while messages pour in one by one (a catch-up), ending on the newest', async () => {
    const { context, customer, conversationId, w } = await customerWhoSaidHola();
    const cdp = await context.newCDPSession(customer);
    await cdp.send('Performance.enable');
    const layouts = async (): Promise<number> => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'LayoutCount')?.value ?? NaN;
    const before = await layouts();
    // 40 staff lines, each in a task of its own, as the live chat applies a catch-up frame by frame.
    const reads = await customer.evaluate(async (id) => {
      const me = CHATBOT_SYSTEM.messaging.currentUser;
      let read = 0;
      CHATBOT_SYSTEM.messaging.on('messages_read', () => read++);
      await new Promise<void>((resolve) => {
        for (let i = 1; i <= 40; i++) {
          setTimeout(() => {
            CHATBOT_SYSTEM.messaging.setCurrentUser('asesor');
            CHATBOT_SYSTEM.messaging.sendMessage(id, { text: `Uno a uno número ${i}` });
            CHATBOT_SYSTEM.messaging.setCurrentUser(me);
            if (i === 40) resolve();
          }, 0);
        }
      });
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      return read;
    }, conversationId);
    const laidOut = (await layouts()) - before;
    expect(await w.lastBotText()).toMatch(/número 40\b/);
    // The newest line is in view and the conversation is read.
    expect(await w.panel.locator('.log').evaluate((log) => log.scrollHeight - log.scrollTop - log.clientHeight)).toBeLessThan(2);
    expect(await customer.evaluate((id) => CHATBOT_SYSTEM.messaging.getUnreadCount(id), conversationId)).toBe(0);
    // One layout and one read marker per frame, not per message (40 each, drawn one by one).
    expect(laidOut).toBeLessThan(15);
    expect(reads).toBeLessThan(15);
    await context.close();
  });

  /**
   * A customer with the chat open who said "hola", and a store tab of the same browser where staff
   * write `count` numbered messages into that conversation ("<prefix> número N").
   */
  const customerAndStaff = async (count: number, prefix: string, beforeStaff?: (customer: Page) => Promise<void>) => {
    const { context, customer, conversationId, w } = await customerWhoSaidHola();
    await beforeStaff?.(customer);
    const staff = await context.newPage();
    await openReady(staff, `${server.origin}/`);
    await staff.evaluate(async ({ id, count, prefix }) => {
      CHATBOT_SYSTEM.messaging.setCurrentUser('asesor');
      for (let i = 1; i <= count; i++) CHATBOT_SYSTEM.messaging.sendMessage(id, { text: `${prefix} número ${i}` });
      await CHATBOT_SYSTEM.flush();
    }, { id: conversationId, count, prefix });
    return { context, customer, staff, conversationId, w };
  };

  it('draws the newest 200 messages of a long conversation and the earlier ones a page at a time, keeping the reading place', async () => {
    const { context, customer, staff, conversationId, w } = await customerAndStaff(450, 'Mensaje del asesor');
    await staff.close();
    await openReady(customer, `${server.origin}/`);
    await openWithKeyboard(customer);
    const entries = w.panel.locator('.log > li.msg');
    const earlier = w.panel.getByRole('button', { name: 'Ver mensajes anteriores' });
    await pollUntil(async () => expect(await entries.count()).toBe(200), BROWSER_POLL);
    expect(await entries.first().innerText()).toMatch(/número 251\b/);
    expect(await w.lastBotText()).toMatch(/número 450\b/);

    await earlier.click();
    expect(await entries.count()).toBe(400);
    expect(await entries.first().innerText()).toMatch(/número 51\b/);
    // The message that was at the top is still on screen: the list grew above it.
    const reading = entries.nth(200);
    expect(await reading.innerText()).toMatch(/número 251\b/);
    expect(await reading.evaluate((node) => {
      const log = node.closest('.log')!.getBoundingClientRect();
      const box = node.getBoundingClientRect();
      return box.bottom > log.top && box.top < log.bottom;
    })).toBe(true);

    await earlier.click();
    const total = await customer.evaluate((id) => CHATBOT_SYSTEM.messaging.getMessages(id, { limit: 1000, includeReplies: false }).length, conversationId);
    expect(total).toBeGreaterThan(450);
    expect(await entries.count()).toBe(total);
    expect(await earlier.count()).toBe(0);
    await context.close();
  });

  it('keeps a live conversation light while the customer reads the newest: the oldest entries go behind "earlier"', async () => {
    // Another tab (staff at the same store computer) writes 600 messages while the panel is open.
    const { context, staff, w } = await customerAndStaff(600, 'En vivo');
    await pollUntil(async () => expect(await w.lastBotText()).toMatch(/número 600\b/), { ...BROWSER_POLL, timeout: 20_000 });
    const entries = w.panel.locator('.log > li.msg');
    const drawn = await entries.count();
    expect(drawn).toBeLessThanOrEqual(400);
    expect(drawn).toBeGreaterThanOrEqual(300);
    // The newest is on screen, and the oldest drawn is not the first of the conversation.
    expect(await entries.last().evaluate((node) => {
      const log = node.closest('.log')!.getBoundingClientRect();
      const box = node.getBoundingClientRect();
      return box.bottom > log.top && box.top <= log.bottom + 1;
    })).toBe(true);
    const firstShown = Number(/número (\d+)/.exec(await entries.first().innerText())?.[1]);
    expect(firstShown).toBeGreaterThan(1);
    // What went is one press away, in order.
    const earlier = w.panel.getByRole('button', { name: 'Ver mensajes anteriores' });
    await earlier.click();
    const before = Number(/número (\d+)/.exec(await entries.first().innerText())?.[1] ?? '0');
    expect(before).toBeLessThan(firstShown);
    expect(await entries.count()).toBeGreaterThan(drawn);
    await staff.close();
    await context.close();
  });
});
