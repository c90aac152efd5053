import type { Language } from '../../core/config';
import { EN_COPY } from './en';
import { ES_COPY, type BotCopy } from './es';
import { FR_COPY } from './fr';
import { PT_COPY } from './pt';

/**
 * Every language's replies at once, for code that needs them synchronously (tests, evaluation).
 * The runtime loads only the store's language (`loadBotCopy`).
 * @example createAssistant({ …, copy: BOT_COPIES.en })
 */
export const BOT_COPIES: Record<Language, BotCopy> = { es: ES_COPY, en: EN_COPY, pt: PT_COPY, fr: FR_COPY };
