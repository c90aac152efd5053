import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_POLL, pollUntil } from '../shared/poll';
import { startStaffHarness, type AgentName, type StaffHarness } from './live/staff-harness';
import { openChat } from './widget-helpers';

// The built admin.html itself (not a page made for the test), set up as a store would: its
// admin-config.js names the chat server. Two agents sign in there, a customer hands off on the
// store page, Ana answers with a quick reply and a product card, the customer adds it to the cart.

declare const CHATBOT_SYSTEM: { ready: Promise<void>; bot: { customerId: string | undefined } };
declare global {
  interface Window {
    /** When this agent's inbox first drew the watched customer's row (epoch ms). */
    rowDrawnAt?: number;
    /** When the customer's widget sent the staff invitations (epoch ms). */
    invitedAt?: number;
    cartEventsSeen?: unknown[];
  }
}

const SKU = 'FIL-ACE-BOX-CT100';
const catalogEntry = (JSON.parse(readFileSync('public/catalog.json', 'utf8')) as { products: Array<{ sku: string; name: string; price: number }> }).products.find((p) => p.sku === SKU)!;
/** From the widget's invitations leaving to the row in both agents' inboxes: the inbox's part of a handoff. */
const INBOX_HANDOFF_MS = 1_000;

let world: StaffHarness;
beforeAll(async () => {
  world = await startStaffHarness();
}, 180_000);
afterAll(async () => {
  await world?.close();
});

/** An agent signed in on admin.html's inbox section. */
async function adminAgent(name: AgentName): Promise<{ page: Page; errors: string[] }> {
  const opened = await world.newPage(`${world.site.origin}/admin.html#inbox`);
  const inbox = opened.page.locator('#section-inbox');
  await inbox.getByLabel('Cuenta XMPP de la tienda').fill(world.accounts[name].jid);
  await inbox.getByLabel('Contraseña').fill(world.accounts[name].password);
  await inbox.getByRole('button', { name: 'Entrar' }).click();
  await pollUntil(async () => expect(await inbox.locator('.staff-inbox header [role="status"]').innerText()).toBe('Conectado'), BROWSER_POLL);
  return opened;
}

/** Notes (in the page) when the inbox first draws a row naming the customer. */
const watchRow = (page: Page, customerId: string) =>
  page.evaluate((id) => {
    const seen = (): boolean => [...document.querySelectorAll('#section-inbox nav button[data-room]')].some((row) => row.textContent?.includes(id));
    new MutationObserver((_, observer) => {
      if (!seen()) return;
      window.rowDrawnAt = Date.now();
      observer.disconnect();
    }).observe(document.body, { childList: true, subtree: true });
  }, customerId);

describe('admin.html against the real Prosody', () => {
  it('a handoff reaches both agents within a second; Ana answers with a quick reply and a product card, which the customer adds to the cart', async () => {
    const [ana, luis] = await Promise.all([adminAgent('ana'), adminAgent('luis')]);

    const customer = await world.newPage(`${world.site.origin}/`);
    // The moment the widget's invitations leave for the server.
    await customer.page.addInitScript(() => {
      const send = WebSocket.prototype.send;
      WebSocket.prototype.send = function (this: WebSocket, data) {
        if (window.invitedAt === undefined && typeof data === 'string' && data.includes('<invite')) window.invitedAt = Date.now();
        return send.call(this, data);
      };
    });
    await customer.page.reload();
    const { w, say } = await openChat(customer.page);
    await say('¿tienen filtro de aceite para Boxer CT100?');
    const customerId = await customer.page.evaluate(() => CHATBOT_SYSTEM.bot.customerId!);
    await Promise.all([ana, luis].map((agent) => watchRow(agent.page, customerId)));
    await say('quiero hablar con un asesor');
    const handoffAt = Date.now();

    const row = (page: Page) => page.locator('#section-inbox nav button', { hasText: customerId });
    await Promise.all([ana, luis].map((agent) => row(agent.page).waitFor({ state: 'visible', timeout: 15_000 })));
    const appearedMs = Date.now() - handoffAt;
    const invitedAt = (await customer.page.evaluate(() => window.invitedAt))!;
    const drawnAt = await Promise.all([ana, luis].map((agent) => agent.page.evaluate(() => window.rowDrawnAt!)));
    const inboxMs = Math.max(...drawnAt) - invitedAt;
    console.log(`admin.html: handoff in both inboxes ${inboxMs} ms after the widget's invitations (${appearedMs} ms after the assistant's handoff answer)`);
    expect(inboxMs).toBeLessThan(INBOX_HANDOFF_MS);
    expect(appearedMs).toBeLessThan(Number(process.env.STAFF_HANDOFF_MS ?? 5_000));

    // Ana takes it and answers with a quick reply, sent as it is.
    await row(ana.page).click();
    await ana.page.getByRole('button', { name: 'Atender' }).click();
    await pollUntil(async () => expect(await row(luis.page).innerText()).toContain('Atendida por Ana'), BROWSER_POLL);
    await ana.page.locator('summary', { hasText: 'Respuestas rápidas' }).click();
    await ana.page.getByRole('button', { name: 'Insertar: Un momento' }).click();
    const composer = ana.page.getByLabel('Escribe una respuesta');
    expect(await composer.inputValue()).toBe('Dame un momento mientras reviso la disponibilidad.');
    await composer.press('Enter');
    const log = customer.page.locator('#chatbot-repuestos-motos .log');
    await pollUntil(async () => expect(await log.innerText()).toContain('Dame un momento mientras reviso la disponibilidad.'), BROWSER_POLL);

    // Then a product card from the store's catalog (the admin page reads /catalog.json, as the widget).
    // (The assistant already showed this filter's card when the customer asked for it: Ana's is the next one.)
    const card = w.cards.filter({ hasText: catalogEntry.name });
    const cardsBefore = await card.count();
    await ana.page.getByText('Enviar un producto').click();
    const search = ana.page.getByRole('combobox', { name: 'Buscar en el catálogo' });
    await search.fill('fil-ace-box-ct100');
    // The picker's options (the transfer list's agents are options too).
    await pollUntil(async () => expect(await ana.page.locator('[role="option"][data-sku]').first().getAttribute('data-sku')).toBe(SKU), BROWSER_POLL);
    await search.press('Enter');
    await pollUntil(async () => expect(await card.count()).toBe(cardsBefore + 1), { ...BROWSER_POLL, timeout: 15_000 });
    // Luis, who has the conversation open, sees both answers as Ana's.
    await row(luis.page).click();
    const luisHistory = luis.page.getByRole('list', { name: 'Mensajes' });
    await pollUntil(async () => expect(await luisHistory.locator('li.staff').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('reviso la disponibilidad'), expect.stringContaining(catalogEntry.name)])), BROWSER_POLL);

    // The customer adds the card's product to the cart: the store page hears `cart_item_added`.
    await customer.page.evaluate(() => {
      const added: unknown[] = [];
      window.addEventListener('cart_item_added', (event) => added.push((event as CustomEvent).detail));
      window.cartEventsSeen = added;
    });
    await card.last().getByRole('button', { name: `Agregar ${catalogEntry.name} al carrito` }).click();
    expect(await customer.page.evaluate(() => window.cartEventsSeen)).toEqual([{ id: SKU, sku: SKU, name: catalogEntry.name, price: catalogEntry.price, quantity: 1 }]);

    expect(ana.errors).toEqual([]);
    expect(luis.errors).toEqual([]);
    expect(customer.errors).toEqual([]);
  }, 150_000);
});
