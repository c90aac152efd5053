import { it } from 'vitest';
import { createAssistant } from '../../src/bot/engine';
import { parseBotSettings } from '../../src/bot/settings';
import { createI18n } from '../../src/i18n';
import { DICTIONARIES } from '../../src/i18n/dictionaries';
import { BOT_COPIES } from '../../src/bot/copy/all';
import { createManualClock } from '../../src/core/clock';
import { demoData } from './evaluate';

it('every stocked part, asked by its type and bike, is never answered "we do not have it"', async () => {
  const { catalog } = demoData();
  const a = createAssistant({ catalog, settings: parseBotSettings({}), i18n: createI18n('es', DICTIONARIES.es), copy: BOT_COPIES.es, storeName: 'X', clock: createManualClock(0) });
  const bad: string[] = [];
  let n = 0;
  for (const p of catalog.products) {
    const type = p.name.replace(/\(.*?\)/g, '').split(/ (?=[A-Z0-9]{2,}|Boxer|Pulsar|Discover|Apache|Wave|Splendor|Crypton|Gixxer|Best|Sport|Eco|Vaisand|MAG|Michelin|Pirelli|IRC|Metzeler|NGK|Champion|Bosch|Yuasa|Motul|Castrol|Mobil|Honda|Yamaha|AKT|Shaft|Ich|LS2|Ultra|DID|Riffel)/)[0]!;
    const fits = p.universal ? [undefined] : p.compatible.map((f) => f.model);
    for (const model of fits.slice(0, 4)) {
      const q = model ? `${type} para ${model}` : type;
      const r = await a.answer(q, {});
      n++;
      if (r.kind !== 'products' || !r.products.some((c) => c.sku === p.sku)) bad.push(`${q} ⇒ ${r.kind} ${r.products.slice(0, 3).map((c) => c.sku).join(' ')} (want ${p.sku})`);
    }
  }
  console.log(`\n${n} questions, ${bad.length} without the part:\n${bad.join('\n')}`);
}, 120000);
