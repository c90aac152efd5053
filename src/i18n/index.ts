import type { Language } from '../core/config';
import type { MessageKey, Messages } from './es';

export type { MessageKey, Messages } from './es';

// One chunk per language: a Spanish store's customers never download the French strings.
const LOADERS: Record<Language, () => Promise<Messages>> = {
  es: () => import('./es').then((m) => m.ES),
  en: () => import('./en').then((m) => m.EN),
  pt: () => import('./pt').then((m) => m.PT),
  fr: () => import('./fr').then((m) => m.FR),
};

/** The BCP 47 locale each language formats numbers and dates with. */
export const LOCALES: Record<Language, string> = { es: 'es-CO', en: 'en-US', pt: 'pt-BR', fr: 'fr-FR' };

/** The store's time zone: order dates and opening hours are Colombian time. */
export const STORE_TIME_ZONE = 'America/Bogota';

export type Vars = Record<string, string | number>;

export interface I18n {
  readonly language: Language;
  readonly locale: string;
  /** @example t('launcher.open', { store: 'Repuestos Motos' }) */
  t(key: MessageKey, vars?: Vars): string;
  /** Picks `key_one` / `key_other` by the language's plural rules; `{count}` is filled in. */
  tn(key: string, count: number, vars?: Vars): string;
  /** COP without decimals in the locale's format: es → "$ 18.500", en → "COP 18,500". */
  price(amount: number): string;
  /** A date in the store's time zone, e.g. "lunes, 23 de noviembre". */
  date(value: number | string | Date, options?: Intl.DateTimeFormatOptions): string;
  /** "a, b y c" / "a, b and c". */
  list(items: string[], type?: 'conjunction' | 'disjunction'): string;
}

function fill(template: string, vars: Vars = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/**
 * Strings and formatters for one language (es, en, pt, fr), once its dictionary is loaded.
 * @example
 * const i18n = await loadI18n('es');
 * i18n.price(18500) // '$ 18.500'
 * i18n.tn('launcher.unread', 2) // '2 mensajes sin leer'
 */
export async function loadI18n(language: Language, currency = 'COP'): Promise<I18n> {
  const load = LOADERS[language] ?? LOADERS.es;
  return createI18n(language, await load(), currency);
}

/**
 * The same over a dictionary at hand (`DICTIONARIES` from `src/i18n/dictionaries.ts`).
 * @example createI18n('en', DICTIONARIES.en).t('composer.send') // 'Send'
 */
export function createI18n(language: Language, messages: Messages, currency = 'COP'): I18n {
  const locale = LOCALES[language] ?? LOCALES.es;
  const plural = new Intl.PluralRules(locale);
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 0 });
  const t = (key: MessageKey, vars?: Vars): string => fill(messages[key] ?? key, vars);
  const lists = new Map<string, Intl.ListFormat>();
  return {
    language,
    locale,
    t,
    tn(key, count, vars = {}) {
      const form = plural.select(count) === 'one' ? 'one' : 'other';
      return t(`${key}_${form}` as MessageKey, { count, ...vars });
    },
    price: (amount) => money.format(amount),
    date: (value, options = { weekday: 'long', day: 'numeric', month: 'long' }) =>
      new Intl.DateTimeFormat(locale, { timeZone: STORE_TIME_ZONE, ...options }).format(new Date(value)),
    list: (items, type = 'conjunction') => {
      let format = lists.get(type);
      if (!format) lists.set(type, (format = new Intl.ListFormat(locale, { style: 'long', type })));
      return format.format(items);
    },
  };
}
