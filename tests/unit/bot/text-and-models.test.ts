import { describe, expect, it } from 'vitest';
import { fastProduct, normalizeCatalog, ProductSchema } from '../../../src/bot/catalog';
import { classify } from '../../../src/bot/intents';
import { BUILT_IN_LEXICONS, createLexicon } from '../../../src/bot/lexicon';
import { createBikeIndex, findBike } from '../../../src/bot/models';
import { parseQuestion } from '../../../src/bot/query';
import { createProductIndex } from '../../../src/bot/search';
import { parseSizes } from '../../../src/bot/sizes';
import { editDistance, fold, normalizeText, tokenize } from '../../../src/bot/text';
import { isChatbotError } from '../../../src/core/errors';
import { DEMO_CATALOG_FILE, demoCatalog } from './fixtures';

const catalog = demoCatalog();
const lexicon = createLexicon();
const products = createProductIndex(catalog.products, catalog.models, lexicon);
const bikes = createBikeIndex(catalog.models, catalog.products, lexicon, (w) => products.typeVocab.has(w), (w) => products.allVocab.has(w));
const bike = (text: string): string[] => findBike(bikes, tokenize(text))?.models.map((m) => m.model) ?? [];

describe('text normalisation', () => {
  it('drops accents, case and punctuation but keeps sizes and versions', () => {
    expect(normalizeText('¿Tienen BUJÍA para la FZ 2.0?')).toBe('tienen bujia para la fz 2.0');
    expect(normalizeText('Llanta 140/60-17, ¡ya!')).toBe('llanta 140/60-17 ya');
    expect(normalizeText('livrez-vous un garde-boue pour la CT-100 ?')).toBe('livrez vous un garde boue pour la ct-100');
  });

  it('counts typos, swapped letters included, and folds the ones that follow the sound', () => {
    expect(editDistance('aseite', 'aceite', 2)).toBe(1);
    expect(editDistance('pastilals', 'pastillas', 2)).toBe(1);
    expect(editDistance('filtro', 'llanta', 2)).toBe(3);
    expect(fold('pastiyas')).toBe(fold('pastillas'));
    expect(fold('vateria')).toBe(fold('bateria'));
  });

  it('reads tyre sizes however they are written', () => {
    expect(parseSizes('llanta 140/60 17').sizes).toEqual(['140/60-17']);
    expect(parseSizes('llantas 275-18').sizes).toEqual(['2.75-18']);
    expect(parseSizes('necesito una 90 90 19').sizes).toEqual(['90/90-19']);
    expect(parseSizes('tienen llanta 90-90-18').sizes).toEqual(['90/90-18']);
    expect(parseSizes('llanta rin 17 120/80').sizes).toEqual(['120/80-17']);
    expect(parseSizes('tubo rin 18')).toMatchObject({ sizes: [], rims: [18], rest: 'tubo' });
    expect(parseSizes('cadena 428 x 112 eslabones').sizes).toEqual([]);
  });
});

describe('bike models as customers write them', () => {
  it.each([
    ['Boxer CT100', 'Boxer CT100'], ['boxer ct 100', 'Boxer CT100'], ['ct-100', 'Boxer CT100'], ['boxer s', 'Boxer S'],
    ['pulsar ns200', 'Pulsar NS200'], ['pulsar200ns', 'Pulsar NS200'], ['NS 200', 'Pulsar NS200'], ['pulsar 200', 'Pulsar NS200'],
    ['fz 2.0', 'FZ 2.0'], ['fz2', 'FZ 2.0'], ['fz modelo 2013', 'FZ16'], ['cb 190r', 'CB 190R'], ['cb190', 'CB 190R'], ['nkd 125', 'NKD 125'],
    ['xr150l', 'XR150L'], ['xr 150', 'XR150L'], ['apache 160', 'Apache RTR 160'], ['rtr 160', 'Apache RTR 160'], ['bajaj discover', 'Discover 125'],
    ['gixxer 155', 'Gixxer 150'], ['gixer', 'Gixxer 150'], ['puslar ns 160', 'Pulsar NS160'], ['crypton 115', 'Crypton FI'], ['tvs sport', 'Sport 100'],
  ])('reads "%s" as %s', (text, model) => {
    expect(bike(text)).toEqual([model]);
  });

  it('keeps a family ambiguous ("la fz", "boxer") and narrows it by year', () => {
    expect(bike('la fz').sort()).toEqual(['FZ 2.0', 'FZ16']);
    expect(bike('boxer').sort()).toEqual(['Boxer CT100', 'Boxer S']);
    expect(bike('boxer 2016')).toEqual(['Boxer CT100']);
    expect(findBike(bikes, tokenize('pulsar ns200 2019'))?.year).toBe(2019);
  });

  it.each([['pastillas para dominar 400', 'Dominar 400'], ['kit mt 03', 'MT-03'], ['filtro para pulsar 220', 'Pulsar 220'],
    ['bateria yamaha r15', 'R15'], ['filtro de aire tvs raider 125', 'Raider 125'], ['repuestos para kawasaki', 'Kawasaki']])(
    'knows "%s" is a bike the catalog has no parts for (%s)', (text, name) => {
      expect(findBike(bikes, tokenize(text))?.notCovered).toBe(name);
    });

  it('does not mistake ordinary words for bikes', () => {
    expect(bike('el mejor filtro de aire')).toEqual([]);
    expect(bike('best oil for sport riding')).toEqual([]);
    expect(findBike(bikes, tokenize('tienen envio a cali?'))).toBeUndefined();
  });
});

describe('the lexicon', () => {
  const ctx = { lexicon, bikes, products };
  it('reads slang, positions and rankings, and leaves the story out', () => {
    expect(parseQuestion('regulador de la fz 2.0 q se me quemó', ctx).parts).toEqual([{ terms: ['regulador'], display: 'regulador' }]);
    expect(parseQuestion('la guaya del cloche', ctx).parts[0]?.terms).toEqual(['guaya', 'clutch']);
    expect(parseQuestion('amortiguadores de atrás', ctx).parts[0]).toMatchObject({ terms: ['amortiguador'], position: 'rear' });
    expect(parseQuestion('la batería más barata para nkd', ctx)).toMatchObject({ rank: 'cheapest', parts: [{ terms: ['bateria'] }] });
    expect(parseQuestion('kit de arrastre + filtro de aceite', ctx).parts.map((p) => p.terms)).toEqual([['kit', 'arrastre'], ['filtro', 'aceite']]);
  });

  it('takes a store\'s own words on top of the built-in ones', () => {
    const own = createLexicon([...BUILT_IN_LEXICONS, { parts: { chupa: 'amortiguador' } }]);
    expect(parseQuestion('la chupa de la nkd', { ...ctx, lexicon: own }).parts[0]?.terms).toEqual(['amortiguador']);
  });
});

describe('intents', () => {
  it('finds the order number and what is asked', () => {
    expect(classify(tokenize('¿cómo va mi pedido 1234?'), lexicon)).toEqual({ intents: ['order'], orderId: '1234' });
    expect(classify(tokenize('quiero hablar con un asesr'), lexicon).intents).toContain('handoff');
    expect(classify(tokenize('¿a qué hora abren el sábado?'), lexicon).intents).toContain('hours');
    expect(classify(tokenize('muchas gracias, a la orden'), lexicon).intents).not.toContain('order');
    expect(classify(tokenize('¿eres una persona real?'), lexicon).intents).toEqual(['identity']);
  });
});

describe('catalog normalisation', () => {
  it('leaves out invalid and duplicate products and counts them', () => {
    const normalized = normalizeCatalog({
      products: [
        { sku: 'A', name: 'Filtro', price: 1000, compatible: [{ make: 'Bajaj', model: 'Boxer CT100', years: [2020] }] },
        { sku: 'A', name: 'Duplicado', price: 1 },
        { sku: 'B', name: 'Sin precio' },
        'nada',
      ],
    });
    expect(normalized.products.map((p) => p.sku)).toEqual(['A']);
    expect(normalized.skipped).toBe(3);
    expect(normalized.models).toEqual([{ key: 'Bajaj Boxer CT100', make: 'Bajaj', model: 'Boxer CT100', years: [2020] }]);
  });

  it('rejects a file without any valid product with a VALIDATION error', () => {
    expect(() => normalizeCatalog({ products: [] })).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    try {
      normalizeCatalog({ items: [] });
    } catch (error) {
      expect(isChatbotError(error, 'VALIDATION')).toBe(true);
    }
  });

  it('accepts the demo catalog whole: 200+ parts over the common Colombian bikes, tyres with their wheel', () => {
    expect(catalog.products.length).toBeGreaterThanOrEqual(200);
    expect(catalog.skipped).toBe(0);
    expect(catalog.models.length).toBeGreaterThanOrEqual(20);
    expect(catalog.products.find((p) => p.sku === 'LLA-PIR-9090-18-SC')?.compatible.find((f) => f.model === 'NKD 125')?.position).toBe('rear');
  });
});

describe('catalog validation fast path', () => {
  const rows: unknown[] = [
    ...(DEMO_CATALOG_FILE as { products: unknown[] }).products,
    { sku: 'A', name: 'Filtro', price: 1000 },
    { sku: 'A', name: 'Filtro', price: 1000, compatible: [{ make: 'Bajaj', model: 'Boxer CT100', years: [2020], position: 'rear' }], extra: 1 },
    { sku: 'B', name: 'Sin precio' },
    { sku: '', name: 'Sin sku', price: 1 },
    { sku: 'C', name: 'Precio negativo', price: -1 },
    { sku: 'D', name: 'Stock raro', price: 1, stock: 1.5 },
    { sku: 'E', name: 'Año raro', price: 1, compatible: [{ make: 'Bajaj', model: 'Boxer CT100', years: [1800] }] },
    { sku: 'F', name: 'Rueda', price: 1, compatible: [{ make: 'Bajaj', model: 'Boxer CT100', position: 'left' }] },
    { sku: 'G', name: 'Palabras', price: 1, keywords: ['ok', 3] },
    { sku: 'H', name: 'Imagen', price: 1, image: 5 },
    { sku: 'I', name: 'Universal', price: 1, universal: 'si' },
    null, 'nada', [1],
  ];
  it('takes every demo product as the schema does, and never accepts what the schema refuses', () => {
    const demo = (DEMO_CATALOG_FILE as { products: unknown[] }).products;
    for (const row of rows) {
      const schema = ProductSchema.safeParse(row);
      const fast = fastProduct(row);
      if (fast) expect(schema.success && schema.data).toEqual(fast);
      else expect(demo.includes(row)).toBe(false);
    }
  });
});
