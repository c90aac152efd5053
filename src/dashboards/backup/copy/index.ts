import type { Language } from '../../../core/config';
import { LOCALES } from '../../../i18n';
import { EN } from './en';
import { ES, type BackupCopy } from './es';
import { FR } from './fr';
import { PT } from './pt';

export type { BackupCopy } from './es';
export type CopyKey = keyof BackupCopy;

// All four travel in the dashboard's own chunk (an admin tool, never loaded by a storefront), so
// the dashboard opens synchronously in whichever language the store is configured in.
const COPIES: Record<Language, BackupCopy> = { es: ES, en: EN, pt: PT, fr: FR };

/** The dashboard's words and formats in one language. */
export interface DashboardText {
  readonly locale: string;
  /** @example t('confirmDelete', { when: '10 mar 2025, 10:00', seconds: 10 }) */
  t(key: CopyKey, vars?: Record<string, string | number>): string;
  /** Date and time with seconds, in this computer's time zone (what the date-time picker uses). */
  when(value: string | number | Date): string;
  list(items: string[]): string;
}

/**
 * The backup dashboard's strings for `language` (Spanish when unknown).
 * @example backupCopy('en').t('title') // 'Backups and recovery'
 */
export function backupCopy(language: Language): DashboardText {
  const copy = COPIES[language] ?? COPIES.es;
  const locale = LOCALES[language] ?? LOCALES.es;
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  const lists = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  return {
    locale,
    t: (key, vars = {}) => copy[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)),
    when: (value) => dates.format(new Date(value)),
    list: (items) => lists.format(items),
  };
}
