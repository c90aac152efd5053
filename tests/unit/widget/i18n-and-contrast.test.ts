import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../src/core/config';
import { createI18n, loadI18n } from '../../../src/i18n';
import { DICTIONARIES } from '../../../src/i18n/dictionaries';
import { EN } from '../../../src/i18n/en';
import { ES } from '../../../src/i18n/es';
import { FR } from '../../../src/i18n/fr';
import { PT } from '../../../src/i18n/pt';
import { inkOnWhite, luminance, readableOn } from '../../../src/widget/contrast';

const contrast = (a: string, b: string): number => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
};
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('the widget speaks es, en, pt and fr', () => {
  it('has every string in every language, with the same placeholders', () => {
    for (const dictionary of [EN, PT, FR]) {
      expect(Object.keys(dictionary).sort()).toEqual(Object.keys(ES).sort());
      for (const [key, text] of Object.entries(ES)) {
        expect(text.length, key).toBeGreaterThan(0);
        expect(placeholders(dictionary[key as keyof typeof ES]), key).toEqual(placeholders(text));
      }
    }
  });

  it('writes COP prices without decimals in each locale', () => {
    const prices = Object.fromEntries(LANGUAGES.map((lang) => [lang, createI18n(lang, DICTIONARIES[lang]).price(18500).replace(/\s/g, ' ')]));
    expect(prices).toEqual({ es: '$ 18.500', en: 'COP 18,500', pt: 'COP 18.500', fr: '18 500 $CO' });
  });

  it('picks plural forms and dates in the store\'s time zone', async () => {
    const es = await loadI18n('es');
    expect(es.tn('launcher.unread', 1)).toBe('1 mensaje sin leer');
    expect(es.tn('launcher.unread', 3)).toBe('3 mensajes sin leer');
    // 23:00 UTC on the 23rd is still the 23rd in Bogotá (UTC-5), whatever the machine's zone.
    expect(es.date('2026-11-23T23:00:00Z')).toBe('lunes, 23 de noviembre');
    expect(createI18n('en', DICTIONARIES.en).date('2026-11-23T23:00:00Z')).toBe('Monday, November 23');
    expect(createI18n('fr', DICTIONARIES.fr).list(['a', 'b', 'c'])).toBe('a, b et c');
  });
});

describe('brand colours stay readable', () => {
  it.each(['#c1121f', '#ffd60a', '#0b3d91', '#00a86b', '#ffffff', '#000000'])('picks launcher text with AA contrast on %s', (brand) => {
    expect(contrast(brand, readableOn(brand))).toBeGreaterThanOrEqual(4.5);
    expect(contrast('#ffffff', inkOnWhite(brand))).toBeGreaterThanOrEqual(4.5);
  });
});
