import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/prosody/prosody.mjs';
import { BROWSER_POLL, pollUntil } from '../shared/poll';
import { startStaffHarness, type StaffHarness } from './live/staff-harness';
import { axeViolations, openChat } from './widget-helpers';

// Three browser profiles against the real Prosody: a customer on the live store page, and two
// agents (Ana, Luis) on the staff inbox UI. The agents' accounts are the store's staff queue.

declare const CHATBOT_SYSTEM: {
  ready: Promise<void>;
  bot: { findConversation(): string | undefined; customerId: string | undefined };
};

/** A 1×1 PNG: what an agent's photo of a part stands for. */
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let world: StaffHarness;
beforeAll(async () => {
  world = await startStaffHarness();
}, 180_000);
afterAll(async () => {
  await world?.close();
});

const agent = (name: 'ana' | 'luis', options: { wrongPasswordFirst?: boolean; bypassCSP?: boolean } = {}) => world.agent(name, options);
const newPage = (url: string) => world.newPage(url);
const conversationButton = (page: Page, customerId: string) => page.locator('nav button', { hasText: customerId });

describe('the staff inbox against the real Prosody', () => {
  it('two agents see a handoff appear, one claims it, the other sees the claim, the reply reaches the customer live, customer text stays text', async () => {
    const ana = await agent('ana', { wrongPasswordFirst: true });

    const customer = await newPage(`${world.site.origin}/`);
    const { w, say } = await openChat(customer.page);
    for (const text of ['¿tienen filtro de aceite para Boxer CT100?', 'quiero hablar con un asesor']) await say(text);
    const customerId = await customer.page.evaluate(() => CHATBOT_SYSTEM.bot.customerId!);

    // Ana, signed in before the handoff, sees it appear live, with the transcript.
    const started = Date.now();
    await conversationButton(ana.page, customerId).waitFor({ state: 'visible', timeout: 15_000 });
    const appearedMs = Date.now() - started;
    await conversationButton(ana.page, customerId).click();
    const history = ana.page.getByRole('list', { name: 'Mensajes' });
    await pollUntil(async () => expect(await history.innerText()).toContain('quiero hablar con un asesor'), BROWSER_POLL);
    expect(await history.innerText()).toContain('Conversación previa con el asistente');

    // Luis signs in after the handoff: the room comes from his stored invitation / archive.
    // Luis's browser ignores the page's CSP (so axe can be injected): the XSS check below then
    // rests on textContent alone.
    const luis = await agent('luis', { bypassCSP: true });
    await conversationButton(luis.page, customerId).waitFor({ state: 'visible', timeout: 15_000 });
    expect(await conversationButton(luis.page, customerId).innerText()).toContain('Sin asignar');

    // The invitation is in the account's own archive (mod_mam keeps it: it has a body).
    const archived = await luis.page.evaluate(async () => {
      const events = await window.staffView.session.connection!.fetchArchive({ max: 50 });
      return events.filter((event) => event.type === 'invitation').map((event) => (event as { room: string }).room);
    });
    const room = await ana.page.locator('nav button', { hasText: customerId }).getAttribute('data-room');
    expect(archived).toContain(room);

    // Ana claims: Luis sees it at once.
    await ana.page.getByRole('button', { name: 'Atender' }).click();
    await pollUntil(async () => expect(await conversationButton(luis.page, customerId).innerText()).toContain('Atendida por Ana'), BROWSER_POLL);
    await pollUntil(async () => expect(await ana.page.getByRole('button', { name: 'Liberar' }).count()).toBe(1), BROWSER_POLL);
    // Luis trying to take it is told who has it.
    await conversationButton(luis.page, customerId).click();
    await luis.page.getByRole('button', { name: 'Atender' }).click();
    await pollUntil(async () => expect(await luis.page.locator('section.conversation .pane-error').innerText()).toBe('Ana ya atiende esta conversación.'), BROWSER_POLL);

    // Ana replies; the customer sees it live.
    await ana.page.getByLabel('Escribe una respuesta').fill('Hola, soy Ana. Sí tenemos el filtro.');
    await ana.page.keyboard.press('Enter');
    await pollUntil(async () => expect(await w.panel.innerText()).toContain('soy Ana'), BROWSER_POLL);

    // Hostile text from the customer shows as text in both inboxes and never runs.
    const hostile = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    await w.input.fill(hostile);
    await customer.page.keyboard.press('Enter');
    for (const staff of [ana, luis]) {
      const list = staff.page.getByRole('list', { name: 'Mensajes' });
      await pollUntil(async () => expect(await list.innerText()).toContain(hostile), BROWSER_POLL);
      expect(await list.locator('img, script').count()).toBe(0);
      expect(await staff.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    }
    expect(await axeViolations(luis.page)).toEqual([]);
    // Luis has it open and sees Ana's reply too; Ana's view marks it as hers.
    expect(await luis.page.getByRole('list', { name: 'Mensajes' }).innerText()).toContain('soy Ana');
    expect(await ana.page.locator('ol.messages li.staff .who').last().innerText()).toBe('Tú');

    // Ana sends a photo from the composer (XEP-0363 upload, as the widget's): it shows in both
    // inboxes and in the customer's chat as the picture, linked to the file.
    const photo = { name: 'filtro-nuevo.png', mimeType: 'image/png', buffer: TINY_PNG };
    await ana.page.getByLabel('Adjuntar archivo').setInputFiles(photo);
    const sentPhoto = ana.page.locator('ol.messages li.staff a.attachment', { hasText: 'filtro-nuevo.png' });
    await sentPhoto.waitFor({ state: 'visible', timeout: 15_000 });
    const photoUrl = (await sentPhoto.getAttribute('href'))!;
    expect(photoUrl.startsWith(world.server.httpUrl)).toBe(true);
    await pollUntil(async () => expect(await ana.page.locator('.upload-status').innerText()).toBe(''), BROWSER_POLL);
    await pollUntil(async () => expect(await luis.page.locator('ol.messages a.attachment img').evaluateAll((images) => images.some((image) => (image as HTMLImageElement).naturalWidth === 1))).toBe(true), BROWSER_POLL);
    const customerPhoto = w.panel.locator('.msg a', { hasText: 'filtro-nuevo.png' });
    await customerPhoto.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await customerPhoto.getAttribute('href')).toBe(photoUrl);
    await pollUntil(async () => expect(await customerPhoto.locator('img').evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBe(1), BROWSER_POLL);
    expect(await customerPhoto.locator('img').getAttribute('alt')).toBe('Imagen adjunta filtro-nuevo.png');
    // The message shows the file, not its address (a notification preview may quote it).
    expect(await w.panel.locator('.log .msg', { has: customer.page.locator('a', { hasText: 'filtro-nuevo.png' }) }).innerText()).not.toContain(photoUrl);

    // Ana's connection drops: she is told, it comes back by itself, and what was said meanwhile arrives.
    await ana.page.evaluate(() => window.dropSocket());
    await w.input.fill('¿sigue ahí?');
    await customer.page.keyboard.press('Enter');
    await pollUntil(async () => expect(await history.innerText()).toContain('¿sigue ahí?'), BROWSER_POLL);
    await pollUntil(async () => expect(await ana.page.getByRole('status').innerText()).toBe('Conectado'), BROWSER_POLL);
    expect(await ana.page.evaluate(() => window.staffStates)).toEqual(expect.arrayContaining(['reconnecting', 'connected']));
    // The conversation is open in front of her: nothing stays unread.
    await pollUntil(async () => expect(await conversationButton(ana.page, customerId).locator('.badge').count()).toBe(0), BROWSER_POLL);

    // On a phone, the list shrinking (the keyboard opening, the phone rotating) keeps the newest
    // message in view for an agent who was reading it, and leaves alone one who had scrolled up.
    const newestInView = () => history.evaluate((list) => {
      const newest = list.querySelector('li[data-key]:last-child')!.getBoundingClientRect();
      const box = list.getBoundingClientRect();
      return newest.bottom <= box.bottom + 1 && newest.top >= box.top - 1;
    });
    const geometry = () => history.evaluate((list) => `${list.scrollTop}/${list.scrollHeight}/${list.clientHeight}`);
    await ana.page.setViewportSize({ width: 390, height: 844 });
    await pollUntil(async () => expect(await newestInView(), await geometry()).toBe(true), BROWSER_POLL);
    await ana.page.setViewportSize({ width: 390, height: 480 });
    expect(await history.evaluate((list) => list.scrollHeight > list.clientHeight)).toBe(true);
    await pollUntil(async () => expect(await newestInView(), await geometry()).toBe(true), BROWSER_POLL);
    await history.hover();
    await ana.page.mouse.wheel(0, -5_000);
    await pollUntil(async () => expect(await history.evaluate((list) => list.scrollTop)).toBe(0), BROWSER_POLL);
    await pollUntil(async () => expect(await newestInView()).toBe(false), BROWSER_POLL);
    await ana.page.setViewportSize({ width: 390, height: 420 });
    // The resize observer runs with the next frame: two frames later it has had its say.
    await ana.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await history.evaluate((list) => list.scrollTop)).toBe(0);
    await ana.page.setViewportSize({ width: 1280, height: 800 });

    if (process.env.STAFF_SHOTS) {
      await ana.page.screenshot({ path: join(process.env.STAFF_SHOTS, 'inbox-desktop.png') });
      await ana.page.setViewportSize({ width: 390, height: 844 });
      await ana.page.screenshot({ path: join(process.env.STAFF_SHOTS, 'inbox-phone.png') });
    }

    console.log(`staff inbox: handoff visible in the agent's inbox after ${appearedMs} ms`);
    // Strophe logs the socket we cut on purpose; nothing else.
    expect(ana.errors.filter((e) => !/websocket/i.test(e))).toEqual([]);
    expect(luis.errors).toEqual([]);
    expect(customer.errors).toEqual([]);
  }, 120_000);

  it('opens over a store page as a dialog, focus in the form, and Escape closes it', async () => {
    const { page, errors } = await newPage(`${world.staffUrl()}&overlay=1`);
    const dialog = page.getByRole('dialog', { name: 'Bandeja de atención' });
    await dialog.waitFor({ state: 'visible' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('jid');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Abrir bandeja' }).click();
    await dialog.waitFor({ state: 'visible' });
    await dialog.getByRole('button', { name: 'Cerrar' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  }, 60_000);

  it('says so when the chat server cannot be reached', async () => {
    const closed = `ws://127.0.0.1:${await freePort()}/xmpp-websocket`;
    const { page } = await newPage(world.staffUrl(closed));
    await page.getByLabel('Cuenta XMPP de la tienda').fill(world.accounts.ana.jid);
    await page.getByLabel('Contraseña').fill(world.accounts.ana.password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await pollUntil(async () => expect(await page.getByRole('alert').first().innerText()).toBe('No se puede conectar con el servidor de chat.'), BROWSER_POLL);
    expect(await page.getByRole('button', { name: 'Entrar' }).isEnabled()).toBe(true);
  }, 60_000);
});
