import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type RunningProsody } from '../../scripts/prosody/prosody.mjs';
import { randomName } from '../live/live-fixtures';
import { BROWSER_POLL, pollUntil } from '../shared/poll';
import { launchBrowser, watchErrors } from './helpers/browser';
import { serveDist, type StaticServer } from './helpers/server';
import { demoPageVariant, extraPages, widget } from './widget-helpers';

// A customer on the live store page and the agent Ana on the staff inbox with the product picker
// and quick replies beside its composer (tests/e2e/live/cards-page.ts), against the real Prosody.

declare const CHATBOT_SYSTEM: { ready: Promise<void>; bot: { customerId: string | undefined } };
declare global {
  interface Window {
    /** The `cart_item_added` details the customer's page heard (set up by the test). */
    cartEventsSeen?: unknown[];
  }
}

const SKU = 'FIL-ACE-BOX-CT100';
const catalogEntry = (JSON.parse(readFileSync('public/catalog.json', 'utf8')) as { products: Array<{ sku: string; name: string; price: number }> }).products.find((p) => p.sku === SKU)!;
const pesos = (amount: number): string => new Intl.NumberFormat('es-CO', { style: 'currency', currency: 'COP', minimumFractionDigits: 0, maximumFractionDigits: 0 }).format(amount);

let server: RunningProsody;
let site: StaticServer;
let staffSite: StaticServer;
let staffDir: string;
let browser: Browser;
const ana = { jid: '', password: randomName('pw') };
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startProsody({ config: { archiveStorage: 'memory', policy: { joinRate: 10, joinBurstSeconds: 10, sessionRate: 100, sessionBurstSeconds: 10 } } });
  ana.jid = await server.createStaff('ana', ana.password);
  const attributes = `data-chat-server="${server.wsUrl}" data-chat-domain="${server.customerDomain}" data-chat-rooms="${server.mucDomain}" data-staff-queue="${ana.jid}"`;
  const live = await demoPageVariant((html) => html.replace('data-staff-ids="asesor"', `data-staff-ids="asesor" ${attributes}`));
  site = await serveDist({ handle: extraPages({ '/': live, '/index.html': live }, []) });

  staffDir = await mkdtemp(join(tmpdir(), 'chatbot-cards-page-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    build: { outDir: staffDir, emptyOutDir: true, target: 'es2022', minify: true, lib: { entry: 'tests/e2e/live/cards-page.ts', formats: ['es'], fileName: () => 'cards-page.js' } },
  });
  await writeFile(join(staffDir, 'index.html'), '<!doctype html><html lang="es"><meta charset="utf-8"><title>Bandeja</title><link rel="icon" href="data:,"><main></main><script type="module" src="/cards-page.js"></script>');
  // The admin page reads the store's catalog from its own origin, as the widget does.
  await copyFile('public/catalog.json', join(staffDir, 'catalog.json'));
  staffSite = await serveDist({ root: staffDir, headers: { 'content-security-policy': `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${server.wsUrl}` } });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await site?.close();
  await staffSite?.close();
  await server?.stop();
  if (staffDir) await rm(staffDir, { recursive: true, force: true });
});

async function newPage(url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  return { page, errors };
}

async function signedInAna(): Promise<{ page: Page; errors: string[] }> {
  const staff = await newPage(`${staffSite.origin}/?service=${encodeURIComponent(server.wsUrl)}&rooms=${encodeURIComponent(server.mucDomain)}`);
  await staff.page.getByLabel('Cuenta XMPP de la tienda').fill(ana.jid);
  await staff.page.getByLabel('Contraseña').fill(ana.password);
  await staff.page.getByRole('button', { name: 'Entrar' }).click();
  await pollUntil(async () => expect(await staff.page.getByRole('status').first().innerText()).toBe('Conectado'), BROWSER_POLL);
  return staff;
}

/** The titles of the quick replies the page shows. */
const quickTitles = (page: Page): Promise<string[]> => page.locator('.quick-replies .quick-insert strong').allInnerTexts();

describe('product cards and quick replies from the staff inbox', () => {
  it('a picked product reaches the customer as the catalog\'s card, adds to the cart, and stays after a reload; a quick reply goes into the composer', async () => {
    const customer = await newPage(`${site.origin}/`);
    await customer.page.evaluate(() => CHATBOT_SYSTEM.ready);
    const w = widget(customer.page);
    const log = customer.page.locator('#chatbot-repuestos-motos .log');
    await w.launcher.click();
    await w.panel.waitFor({ state: 'visible' });
    const before = await w.botMessages.count();
    await w.input.fill('quiero hablar con un asesor');
    await customer.page.keyboard.press('Enter');
    await pollUntil(async () => expect(await w.botMessages.count()).toBeGreaterThan(before), BROWSER_POLL);
    const customerId = await customer.page.evaluate(() => CHATBOT_SYSTEM.bot.customerId!);

    const staff = await signedInAna();
    const conversation = staff.page.locator('nav button', { hasText: customerId });
    await conversation.waitFor({ state: 'visible', timeout: 15_000 });
    await conversation.click();

    // Ana opens the picker (the catalog loads then), finds the filter by its sku with the keyboard and picks it.
    await staff.page.getByText('Enviar un producto').click();
    const search = staff.page.getByRole('combobox', { name: 'Buscar en el catálogo' });
    await pollUntil(async () => expect(await search.evaluate((input) => input === document.activeElement)).toBe(true), BROWSER_POLL);
    await search.fill('fil-ace-box-ct100');
    await pollUntil(async () => expect(await staff.page.getByRole('option').first().getAttribute('aria-selected')).toBe('true'), BROWSER_POLL);
    expect(await staff.page.getByRole('option').first().getAttribute('data-sku')).toBe(SKU);
    await search.press('Enter');

    const card = w.cards.filter({ hasText: catalogEntry.name });
    await card.waitFor({ state: 'visible', timeout: 15_000 });
    expect((await card.locator('.card-price').innerText()).replace(/\s/g, ' ')).toBe(pesos(catalogEntry.price).replace(/\s/g, ' '));
    // The body's fallback line (for other XMPP clients: name, price, link) is not shown under the card.
    expect(await log.innerText()).not.toContain('/productos/');

    // A body that says something else: the customer still sees the catalog's name and price.
    await staff.page.evaluate((sku) => window.cardsPage.sendForged(sku, 'Filtro FALSO', '$ 1'), SKU);
    await pollUntil(async () => expect(await w.cards.filter({ hasText: catalogEntry.name }).count()).toBe(2), BROWSER_POLL);
    expect(await log.innerText()).not.toContain('FALSO');
    // A sku the store's catalog does not have: only the text fallback.
    await staff.page.evaluate(() => window.cardsPage.sendForged('NOPE-404', 'Casco de regalo', '$ 0'));
    await pollUntil(async () => expect(await log.innerText()).toContain('Casco de regalo'), BROWSER_POLL);
    expect(await w.cards.count()).toBe(2);

    // "Agregar al carrito" tells the store page, as the assistant's cards do.
    await customer.page.evaluate(() => {
      const added: unknown[] = [];
      window.addEventListener('cart_item_added', (event) => added.push((event as CustomEvent).detail));
      window.cartEventsSeen = added;
    });
    await card.first().getByRole('button', { name: `Agregar ${catalogEntry.name} al carrito` }).click();
    const added = await customer.page.evaluate(() => window.cartEventsSeen);
    expect(added).toEqual([{ id: SKU, sku: SKU, name: catalogEntry.name, price: catalogEntry.price, quantity: 1 }]);

    // After a reload the cards are still the catalog's.
    await customer.page.reload();
    await customer.page.evaluate(() => CHATBOT_SYSTEM.ready);
    await w.launcher.click();
    await pollUntil(async () => expect(await w.cards.filter({ hasText: catalogEntry.name }).count()).toBe(2), BROWSER_POLL);
    expect(await log.innerText()).not.toContain('FALSO');
    expect(await log.innerText()).toContain('Casco de regalo');

    // A quick reply goes into the composer, where Ana can change it before sending.
    await staff.page.locator('summary', { hasText: 'Respuestas rápidas' }).click();
    await staff.page.getByRole('button', { name: 'Insertar: Un momento' }).click();
    const composer = staff.page.getByLabel('Escribe una respuesta');
    expect(await composer.inputValue()).toBe('Dame un momento mientras reviso la disponibilidad.');
    await composer.press('End');
    await staff.page.keyboard.type(' Ya vuelvo.');
    await staff.page.keyboard.press('Enter');
    await pollUntil(async () => expect(await log.innerText()).toContain('reviso la disponibilidad. Ya vuelvo.'), BROWSER_POLL);

    expect(customer.errors).toEqual([]);
    expect(staff.errors).toEqual([]);
  }, 120_000);

  it('quick replies follow the agent: what one device adds, edits and reorders, another connection of the same account loads', async () => {
    // The quick replies sit by the composer of an open conversation (the previous test's).
    const openConversation = async (page: Page): Promise<void> => {
      const first = page.locator('nav button[data-room]').first();
      await first.waitFor({ state: 'visible', timeout: 15_000 });
      await first.click();
    };
    const laptop = await signedInAna();
    await openConversation(laptop.page);
    await laptop.page.locator('summary', { hasText: 'Respuestas rápidas' }).click();
    await pollUntil(async () => expect(await quickTitles(laptop.page)).toContain('Despedida'), BROWSER_POLL);
    await laptop.page.getByRole('button', { name: 'Agregar respuesta' }).click();
    await laptop.page.getByLabel('Título').fill('Horario');
    await laptop.page.getByLabel('Texto', { exact: true }).fill('Abrimos de lunes a sábado, de 8 a. m. a 6 p. m.');
    await laptop.page.getByRole('button', { name: 'Guardar' }).click();
    await laptop.page.getByRole('button', { name: 'Insertar: Horario' }).waitFor();
    await laptop.page.getByRole('button', { name: 'Subir: Horario' }).click();
    await laptop.page.getByRole('button', { name: 'Eliminar: Despedida' }).click();
    // An empty text is refused and said so.
    await laptop.page.getByRole('button', { name: 'Editar: Saludo' }).click();
    await laptop.page.getByLabel('Texto', { exact: true }).fill('   ');
    await laptop.page.getByRole('button', { name: 'Guardar' }).click();
    await pollUntil(async () => expect(await laptop.page.locator('.quick-replies [role="alert"]').innerText()).toContain('no puede estar vacío'), BROWSER_POLL);
    const saved = ['Saludo', 'Modelo de la moto', 'Un momento', 'Envíos', 'Horario'];
    expect(await quickTitles(laptop.page)).toEqual(saved);

    // Another browser (no shared local cache) signed in as Ana gets the list from the server.
    const phone = await signedInAna();
    await openConversation(phone.page);
    await phone.page.locator('summary', { hasText: 'Respuestas rápidas' }).click();
    await pollUntil(async () => expect(await quickTitles(phone.page)).toEqual(saved), BROWSER_POLL);
    expect(laptop.errors).toEqual([]);
    expect(phone.errors).toEqual([]);
  }, 120_000);
});
