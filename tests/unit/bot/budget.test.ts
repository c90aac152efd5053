import { describe, expect, it } from 'vitest';
import { readBudget } from '../../../src/bot/budget';

describe('readBudget', () => {
  it.each([
    ['pastillas de freno para pulsar ns 200 de menos de 50 mil', 50_000],
    ['máximo $80.000 una llanta', 80_000],
    ['brake pads for yamaha nmax under 60000', 60_000],
    ['under 60,000 brake pads', 60_000],
    ['bateria que no pase de 200 lucas', 200_000],
    ['menos de 50k', 50_000],
    ['pastilha até R$ 50 mil', 50_000],
    ['plaquettes moins de 40 000 pesos', 40_000],
    ['filtro hasta 25.000', 25_000],
  ])('reads the ceiling of «%s»', (text, maxPrice) => {
    expect(readBudget(text)?.maxPrice).toBe(maxPrice);
  });

  it.each(['kit de arrastre boxer hasta 2019', 'una moto de menos de 150', 'pastillas delanteras', 'pedido 1234'])('finds no budget in «%s»', (text) => {
    expect(readBudget(text)).toBeUndefined();
  });

  it('takes the budget words out of the question, so its number is read as nothing else', () => {
    expect(readBudget('pastillas para ns 200 de menos de 50 mil')?.rest).toBe('pastillas para ns 200 de');
    expect(readBudget('under 60000 brake pads for nmax')?.rest).toBe('brake pads for nmax');
  });
});
