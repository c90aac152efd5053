import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { createAssistant } from '../../src/bot/engine';
import { parseBotSettings } from '../../src/bot/settings';
import { createI18n } from '../../src/i18n';
import { DICTIONARIES } from '../../src/i18n/dictionaries';
import { BOT_COPIES } from '../../src/bot/copy/all';
import { createManualClock } from '../../src/core/clock';
import type { Language } from '../../src/core/config';
import { demoData } from './evaluate';

it('scratch', async () => {
  const { catalog, orders } = demoData();
  const lang = (process.env.LANG_BOT ?? 'es') as Language;
  const a = createAssistant({ catalog, settings: parseBotSettings({}), i18n: createI18n(lang, DICTIONARIES[lang]), copy: BOT_COPIES[lang], storeName: 'X', clock: createManualClock(Date.parse('2026-11-21T15:00:00Z')), loadOrders: async () => ({ file: orders, cached: false }) });
  const lines = process.env.FILE ? readFileSync(process.env.FILE, 'utf8').split('\n').filter(Boolean) : (process.env.Q ?? '').split('|');
  const out: string[] = [];
  for (const turns of lines) {
    const s = {};
    for (const q of turns.split('>')) {
      const r = await a.answer(q, s);
      out.push(`${q} ⇒ ${r.kind} ${r.products.slice(0, 4).map((p) => p.sku).join(' ')} ${r.suggestions.length ? `[${r.suggestions.slice(0, 4).join('; ')}]` : ''}${process.env.TEXT ? `\n      ${r.text.replace(/\n/g, ' / ').slice(0, 220)}` : ''}`);
    }
  }
  console.log(`\n${out.join('\n')}`);
}, 120000);
