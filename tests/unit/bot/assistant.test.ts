import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/manual-clock';
import type { Language } from '../../../src/core/config';
import { createAssistant, type AssistantSession } from '../../../src/bot/engine';
import { parseBotSettings } from '../../../src/bot/settings';
import { createI18n } from '../../../src/i18n';
import { DICTIONARIES } from '../../../src/i18n/dictionaries';
import { BOT_COPIES } from '../../../src/bot/copy/all';
import { DEMO_ORDERS_FILE, demoCatalog } from './fixtures';

// Saturday 21 Nov 2026, 10:00 in Bogotá (15:00 UTC): the store is open.
const OPEN = Date.parse('2026-11-21T15:00:00Z');
const catalog = demoCatalog();

function assistant(language: Language = 'es', now = OPEN, loadOrders: (() => Promise<{ file: unknown; cached: boolean }>) | null = async () => ({ file: DEMO_ORDERS_FILE, cached: false })) {
  return createAssistant({
    catalog, settings: parseBotSettings({}), i18n: createI18n(language, DICTIONARIES[language]), copy: BOT_COPIES[language], storeName: 'Repuestos Motos', clock: createManualClock(now),
    ...(loadOrders ? { loadOrders } : {}),
  });
}
const skus = (reply: { products: Array<{ sku: string }> }): string[] => reply.products.map((p) => p.sku);
const plain = (text: string): string => text.replace(/\s/g, ' ');

describe('product questions in Spanish', () => {
  it('finds the Boxer CT100 oil filter for "¿tienen filtro de aceite para Boxer CT100?"', async () => {
    const reply = await assistant().answer('¿tienen filtro de aceite para Boxer CT100?', {});
    expect(reply.kind).toBe('products');
    expect(skus(reply)).toContain('FIL-ACE-BOX-CT100');
    for (const product of reply.products) expect(product.name).toMatch(/Filtro de aceite/);
    expect(plain(reply.text)).toContain('$ 18.500');
  });

  it('understands a misspelt part ("filtro de aseite") once the bike is known', async () => {
    const session: AssistantSession = {};
    const bot = assistant();
    await bot.answer('mi moto es una boxer ct100', session);
    const reply = await bot.answer('filtro de aseite', session);
    expect(skus(reply)).toContain('FIL-ACE-BOX-CT100');
    expect(reply.text).toContain('Boxer CT100');
  });

  it('answers "¿cuáles son los medios de pago?" with the payment methods only (no gloves "medio dedo")', async () => {
    const reply = await assistant().answer('cuales son los medios de pago', {});
    expect(reply.kind).toBe('info');
    expect(reply.products).toEqual([]);
    expect(reply.text).toMatch(/Nequi/);
  });

  it('reads "frenado" / "frenar" as brakes ("algo barato para el frenado de una wave")', async () => {
    const reply = await assistant().answer('algo barato para el frenado de una wave', {});
    expect(reply.kind).toBe('products');
    expect(reply.products[0]?.fits).toContain('Wave 110S');
    for (const product of reply.products) expect(product.name).toMatch(/fren/i);
  });

  it('never echoes a plain verb as the part it did not understand ("ruido al frenar, ¿qué puede ser?")', async () => {
    const reply = await assistant().answer('mi moto hace un ruido al frenar que puede ser', {});
    expect(reply.text).not.toMatch(/«ser»/);
    expect(reply.kind).toBe('ask_model');
  });

  it('a make named with a part asks which of its models, even with another make\'s bike remembered', async () => {
    const bot = assistant();
    const session: AssistantSession = {};
    await bot.answer('mi moto es una nkd 125', session);
    const reply = await bot.answer('pastillas de freno para yamaha', session);
    expect(reply.kind).toBe('ask_model');
    expect(reply.products).toEqual([]);
    expect(reply.suggestions).toEqual(expect.arrayContaining(['FZ 2.0', 'YBR 125']));
    expect(reply.suggestions).not.toContain('NKD 125');
    const picked = await bot.answer('la fz 2.0', session);
    expect(skus(picked)).toEqual(['PAS-DEL-FZ20']);
    // The remembered bike is of the make named: it is the one meant.
    expect(skus(await bot.answer('pastillas delanteras para la yamaha', session))).toEqual(['PAS-DEL-FZ20']);
  });

  it('finds plural accessories ("¿tienen impermeables?") and does not claim a fitment for products that fit every bike', async () => {
    const bot = assistant();
    const session: AssistantSession = {};
    await bot.answer('mi moto es una xtz 125', session);
    const reply = await bot.answer('¿tienen impermeables?', session);
    expect(reply.kind).toBe('products');
    for (const product of reply.products) expect(product.name).toMatch(/Impermeable/i);
    expect(reply.text).not.toMatch(/XTZ 125/);
    // A part that does depend on the bike still says which bike it is for.
    expect((await bot.answer('filtro de aceite', session)).text).toMatch(/para tu XTZ 125/);
  });

  it('answers "¿venden motos?" with what the store does sell', async () => {
    const reply = await assistant().answer('¿venden motos?', {});
    expect(reply.kind).toBe('smalltalk');
    expect(reply.text).toMatch(/Tenemos repuestos de/);
  });

  it('answers "¿cuánto vale?" after an answer with the prices of what it showed (not "¡Listo!")', async () => {
    const bot = assistant();
    const session: AssistantSession = {};
    const first = await bot.answer('tienen pastiyas pa la nmax', session);
    const again = await bot.answer('cuanto vale', session);
    expect(again.kind).toBe('products');
    expect(skus(again)).toEqual(skus(first));
    expect(plain(again.text)).toMatch(/\$ \d/);
    expect((await bot.answer('vale', session)).kind).toBe('smalltalk');
    expect(skus(await bot.answer('¿hay disponible?', session))).toEqual(skus(first));
  });

  it('tells how to buy when asked to add to the cart ("agrégalo al carrito")', async () => {
    const bot = assistant();
    const session: AssistantSession = {};
    await bot.answer('filtro de aceite para Boxer CT100', session);
    const reply = await bot.answer('agrégalo al carrito', session);
    expect(reply.kind).toBe('smalltalk');
    expect(reply.text).toMatch(/carrito/);
  });

  it('finds a product by the reference copied from the store ("¿tienen el FIL-ACE-NS200?")', async () => {
    const bot = assistant();
    const session: AssistantSession = {};
    await bot.answer('mi moto es una boxer ct100', session);
    const reply = await bot.answer('¿tienen el FIL-ACE-NS200?', session);
    expect(reply.kind).toBe('products');
    expect(skus(reply)).toEqual(['FIL-ACE-NS200']);
    expect(plain(reply.text)).toContain('$ 28.900');
    expect(skus(await bot.answer('pas-del-ns200 y envio', {}))).toEqual(['PAS-DEL-NS200']);
  });

  it('reads "balatas" as brake pads for the Pulsar NS200', async () => {
    const reply = await assistant().answer('balatas pulsar ns200', {});
    expect(skus(reply).sort()).toEqual(['PAS-DEL-NS200', 'PAS-TRA-NS200']);
  });

  it('finds the rear tyre of the FZ 2.0 ("llanta trasera fz 2.0")', async () => {
    const reply = await assistant().answer('llanta trasera fz 2.0', {});
    expect(reply.products.length).toBeGreaterThan(0);
    for (const product of reply.products) {
      expect(product.fits).toContain('FZ 2.0');
      expect(product.name).toMatch(/140\/60-17/);
    }
  });

  it('finds the spark plug of the NKD 125 without the accent ("bujia para nkd 125")', async () => {
    const reply = await assistant().answer('bujia para nkd 125', {});
    expect(skus(reply)).toEqual(['BUJ-NGK-CR6HSA']);
  });

  it('asks which motorcycle for "pastillas de freno", then answers for the bike named next', async () => {
    const bot = assistant();
    const session: AssistantSession = {};
    const question = await bot.answer('pastillas de freno', session);
    expect(question.kind).toBe('ask_model');
    expect(question.text).toMatch(/¿Para qué moto/);
    expect(question.suggestions.length).toBeGreaterThan(1);
    const answer = await bot.answer('NS200', session);
    expect(skus(answer).sort()).toEqual(['PAS-DEL-NS200', 'PAS-TRA-NS200']);
  });

  it('asks which model when only the family is named ("pastillas de freno pulsar")', async () => {
    const reply = await assistant().answer('pastillas de freno pulsar', {});
    expect(reply.kind).toBe('ask_model');
    expect(reply.suggestions).toEqual(expect.arrayContaining(['Pulsar NS200', 'Pulsar NS160']));
  });

  it('says honestly that nothing fits and offers a person', async () => {
    const reply = await assistant().answer('filtro de gasolina', {});
    expect(reply.kind).toBe('no_results');
    expect(reply.products).toEqual([]);
    expect(reply.text).toContain('filtro de gasolina');
    expect(reply.suggestions).toEqual(['Hablar con un asesor']);
  });

  it('says when a part exists but not for the customer\'s bike, with what does fit', async () => {
    const reply = await assistant().answer('pastillas de freno boxer ct100', {});
    expect(reply.kind).toBe('no_fit');
    expect(reply.text).toContain('Boxer CT100');
    for (const product of reply.products) expect(product.fits).toContain('Boxer CT100');
  });

  it('does not pass brake pads off as brake discs: no disc fits the FZ16, the brake parts that do are listed', async () => {
    const reply = await assistant().answer('discos de freno fz16', {});
    expect(reply.kind).toBe('no_fit');
    expect(reply.products.length).toBeGreaterThan(0);
    for (const product of reply.products) {
      expect(product.category).toBe('Frenos');
      expect(product.fits).toContain('FZ16');
      expect(product.name).not.toMatch(/^Disco/);
    }
  });

  it('asks for the part and the model when only a make is named ("tienen repuestos para yamaha?")', async () => {
    const reply = await assistant().answer('tienen repuestos para yamaha?', {});
    expect(reply.kind).toBe('ask_model');
    expect(reply.suggestions).toEqual(expect.arrayContaining(['FZ 2.0', 'YBR 125']));
    expect(reply.suggestions).not.toContain('Boxer CT100');
  });

  it('reads "quiero comprar una bateria" as a battery search that needs the bike', async () => {
    expect((await assistant().answer('quiero comprar una bateria', {})).kind).toBe('ask_model');
  });

  it('respects the year: the FZ 2.0 parts are not offered for a 2012 FZ', async () => {
    const reply = await assistant().answer('pastillas de freno fz 2.0 2012', {});
    expect(reply.kind).toBe('no_fit');
  });
});

describe('orders and store questions', () => {
  it('after an order, a parts question with a number in the bike ("kit de arrastre para apache 160") is a parts question, not order #160', async () => {
    const bot = assistant();
    const session: AssistantSession = {};
    expect((await bot.answer('mi pedido es el 1234', session)).kind).toBe('order');
    const reply = await bot.answer('tienen kit de arrastre para apache 160?', session);
    expect(reply.kind).toBe('products');
    expect(skus(reply)).toEqual(['KIT-ARR-RTR160']);
    expect((await bot.answer('bujia para pulsar 180 ug', session)).kind).toBe('products');
  });

  it('tells the status of order 1234 ("¿cómo va mi pedido 1234?")', async () => {
    const reply = await assistant().answer('¿cómo va mi pedido 1234?', {});
    expect(reply.kind).toBe('order');
    expect(reply.text).toContain('Pedido #1234: enviado');
    expect(reply.text).toContain('Servientrega');
    expect(reply.text).toContain('2184563390');
    expect(plain(reply.text)).toContain('$ 218.300');
  });

  it('asks for the order number, then answers with it', async () => {
    const bot = assistant();
    const session: AssistantSession = {};
    expect((await bot.answer('¿dónde está mi pedido?', session)).kind).toBe('order_ask_id');
    expect((await bot.answer('1235', session)).text).toContain('en preparación');
  });

  it('says when an order does not exist', async () => {
    const reply = await assistant().answer('pedido 9999', {});
    expect(reply.kind).toBe('order_not_found');
    expect(reply.text).toContain('9999');
  });

  it('says orders cannot be looked up when the store has no orders source', async () => {
    const reply = await assistant('es', OPEN, null).answer('estado de mi pedido 1234', {});
    expect(reply.kind).toBe('order_unavailable');
  });

  it('gives the opening hours and whether the store is open now', async () => {
    const open = await assistant().answer('¿qué horario tienen?', {});
    expect(open.text).toMatch(/lunes a viernes/);
    expect(open.text).toContain('Ahora estamos abiertos');
    // Sunday 22 Nov 2026 at 11:00 in Bogotá.
    const closed = await assistant('es', Date.parse('2026-11-22T16:00:00Z')).answer('horario', {});
    expect(closed.text).toContain('Ahora estamos cerrados');
  });

  it('answers shipping, payment and warranty from the config with Colombian defaults', async () => {
    const bot = assistant();
    expect(plain((await bot.answer('¿hacen envíos a Cali?', {})).text)).toMatch(/Servientrega.*\$ 150\.000/);
    expect((await bot.answer('medios de pago', {})).text).toMatch(/Nequi/);
    expect((await bot.answer('¿tiene garantía?', {})).text).toMatch(/retracto de 5 días hábiles/);
  });

  it('hands off to a person for "hablar con un asesor"', async () => {
    const reply = await assistant().answer('quiero hablar con un asesor', {});
    expect(reply.kind).toBe('handoff');
    expect(reply.handoff).toBe(true);
  });

  it('greets back and thanks back', async () => {
    expect((await assistant().answer('hola', {})).kind).toBe('greeting');
    expect((await assistant().answer('muchas gracias', {})).kind).toBe('thanks');
  });
});

describe('other languages', () => {
  it('answers an English question in English with the Boxer CT100 oil filter', async () => {
    const reply = await assistant('en').answer('Do you have an oil filter for the Boxer CT100?', {});
    expect(skus(reply)).toContain('FIL-ACE-BOX-CT100');
    expect(reply.text).toMatch(/^I found \d+ options for your Boxer CT100:/);
    expect(plain(reply.text)).toContain('COP 18,500');
  });

  it('answers payment and stock follow-ups in each language ("do you accept paypal?", "is it in stock?", "quanto custa?", "combien ?")', async () => {
    const en = assistant('en');
    const session: AssistantSession = {};
    expect((await en.answer('do you accept paypal?', {})).kind).toBe('info');
    const kit = await en.answer('I need a chain kit for my honda cb 190r', session);
    expect(skus(await en.answer('is it in stock?', session))).toEqual(skus(kit));
    const pt = assistant('pt');
    const ptSession: AssistantSession = {};
    const pads = await pt.answer('preciso de pastilhas de freio para pulsar ns 160', ptSession);
    expect(skus(await pt.answer('quanto custa?', ptSession))).toEqual(skus(pads));
    const fr = assistant('fr');
    const frSession: AssistantSession = {};
    const filter = await fr.answer('je cherche un filtre à huile pour une yamaha ybr 125', frSession);
    expect(skus(await fr.answer('combien ?', frSession))).toEqual(skus(filter));
    expect((await fr.answer('acceptez-vous paypal', {})).kind).toBe('info');
  });

  it('understands English brake pads and talks to a person in English', async () => {
    const bot = assistant('en');
    expect(skus(await bot.answer('brake pads pulsar ns200', {})).sort()).toEqual(['PAS-DEL-NS200', 'PAS-TRA-NS200']);
    expect((await bot.answer('I want to talk to a person', {})).kind).toBe('handoff');
    expect((await bot.answer('where is my order 1234', {})).text).toContain('Order #1234: shipped');
  });

  it('answers in Portuguese and French', async () => {
    expect((await assistant('pt').answer('vela para nkd 125', {})).text).toMatch(/^Encontrei esta opção/);
    expect(plain((await assistant('fr').answer('bougie pour nkd 125', {})).text)).toMatch(/^J'ai trouvé cette option.*15 900/);
  });
});
