import type { Language } from '../../core/config';
import type { BotCopy, CopyKey } from './es';

export type { BotCopy, CopyKey } from './es';

// One chunk per language, like the widget's strings: a Spanish store never loads the French replies.
const LOADERS: Record<Language, () => Promise<BotCopy>> = {
  es: () => import('./es').then((m) => m.ES_COPY),
  en: () => import('./en').then((m) => m.EN_COPY),
  pt: () => import('./pt').then((m) => m.PT_COPY),
  fr: () => import('./fr').then((m) => m.FR_COPY),
};

/**
 * The assistant's own replies in the store's language.
 * @example const copy = await loadBotCopy('es'); fillCopy(copy, 'goodbye') // '¡Hasta pronto! …'
 */
export function loadBotCopy(language: Language): Promise<BotCopy> {
  return (LOADERS[language] ?? LOADERS.es)();
}

/** @example fillCopy(copy, 'notCovered', { bike: 'Dominar 400' }) */
export function fillCopy(copy: BotCopy, key: CopyKey, vars: Record<string, string | number> = {}): string {
  return copy[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
