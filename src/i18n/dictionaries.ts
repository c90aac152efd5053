import type { Language } from '../core/config';
import { EN } from './en';
import { ES, type Messages } from './es';
import { FR } from './fr';
import { PT } from './pt';

/**
 * Every language's strings at once, for code that needs them synchronously (tests, integrators
 * building their own UI). The widget loads only its language (`loadI18n`).
 * @example createI18n('pt', DICTIONARIES.pt).t('card.addToCart') // 'Adicionar ao carrinho'
 */
export const DICTIONARIES: Record<Language, Messages> = { es: ES, en: EN, pt: PT, fr: FR };
