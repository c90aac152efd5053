import { describe, expect, it } from 'vitest';
import { normalizeCatalog } from '../../../src/bot/catalog';
import { createModelIndex, findModel } from '../../../src/bot/models';
import { classify } from '../../../src/bot/intents';
import { editDistance, normalizeText, tokenize } from '../../../src/bot/text';
import { isChatbotError } from '../../../src/core/errors';
import { demoCatalog } from './fixtures';

const models = createModelIndex(demoCatalog().models);
const bike = (text: string): string[] => findModel(models, tokenize(text))?.models.map((m) => m.model) ?? [];

describe('text normalisation', () => {
  it('drops accents, case and punctuation but keeps sizes and versions', () => {
    expect(normalizeText('¿Tienen BUJÍA para la FZ 2.0?')).toBe('tienen bujia para la fz 2.0');
    expect(normalizeText('Llanta 140/60-17, ¡ya!')).toBe('llanta 140/60-17 ya');
  });

  it('counts typos, swapped letters included', () => {
    expect(editDistance('aseite', 'aceite', 2)).toBe(1);
    expect(editDistance('pastilals', 'pastillas', 2)).toBe(1);
    expect(editDistance('filtro', 'llanta', 2)).toBe(3);
  });
});

describe('bike models as customers write them', () => {
  it.each([
    ['Boxer CT100', 'Boxer CT100'], ['boxer ct 100', 'Boxer CT100'], ['ct-100', 'Boxer CT100'],
    ['pulsar ns200', 'Pulsar NS200'], ['NS 200', 'Pulsar NS200'], ['fz 2.0', 'FZ 2.0'], ['fz2', 'FZ 2.0'],
    ['cb 190r', 'CB 190R'], ['cb190', 'CB 190R'], ['nkd 125', 'NKD 125'], ['gn 125', 'GN 125'], ['xr150l', 'XR150L'],
    ['xr 150', 'XR150L'], ['apache rtr 160', 'Apache RTR 160'], ['rtr 160', 'Apache RTR 160'], ['bajaj discover', 'Discover 125'],
  ])('reads "%s" as %s', (text, model) => {
    expect(bike(text)).toEqual([model]);
  });

  it('keeps a family ambiguous ("boxer") and narrows it by year', () => {
    expect(bike('boxer').sort()).toEqual(['Boxer CT100', 'Boxer S']);
    expect(bike('boxer 2016')).toEqual(['Boxer CT100']);
    expect(findModel(models, tokenize('pulsar ns200 2019'))?.year).toBe(2019);
  });

  it('does not mistake ordinary words for bikes', () => {
    expect(bike('el mejor filtro de aire')).toEqual([]);
    expect(bike('best oil for sport riding')).toEqual([]);
  });
});

describe('intents', () => {
  it('finds the order number and what is asked', () => {
    expect(classify(tokenize('¿cómo va mi pedido 1234?'))).toEqual({ intents: ['order'], orderId: '1234' });
    expect(classify(tokenize('quiero hablar con un asesr')).intents).toContain('handoff');
    expect(classify(tokenize('¿a qué hora abren el sábado?')).intents).toContain('hours');
  });
});

describe('catalog normalisation', () => {
  it('leaves out invalid and duplicate products and counts them', () => {
    const catalog = normalizeCatalog({
      products: [
        { sku: 'A', name: 'Filtro', price: 1000, compatible: [{ make: 'Bajaj', model: 'Boxer CT100', years: [2020] }] },
        { sku: 'A', name: 'Duplicado', price: 1 },
        { sku: 'B', name: 'Sin precio' },
        'nada',
      ],
    });
    expect(catalog.products.map((p) => p.sku)).toEqual(['A']);
    expect(catalog.skipped).toBe(3);
    expect(catalog.models).toEqual([{ key: 'Bajaj Boxer CT100', make: 'Bajaj', model: 'Boxer CT100', years: [2020] }]);
  });

  it('rejects a file without any valid product with a VALIDATION error', () => {
    expect(() => normalizeCatalog({ products: [] })).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    try {
      normalizeCatalog({ items: [] });
    } catch (error) {
      expect(isChatbotError(error, 'VALIDATION')).toBe(true);
    }
  });

  it('accepts the demo catalog whole: 200+ parts over the common Colombian bikes', () => {
    const catalog = demoCatalog();
    expect(catalog.products.length).toBeGreaterThanOrEqual(200);
    expect(catalog.skipped).toBe(0);
    expect(catalog.models.length).toBeGreaterThanOrEqual(20);
  });
});
