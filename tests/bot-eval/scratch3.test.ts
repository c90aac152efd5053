import { it } from 'vitest';
import { createLexicon } from '../../src/bot/lexicon';
import { createProductIndex } from '../../src/bot/search';
import { createBikeIndex } from '../../src/bot/models';
import { parseQuestion } from '../../src/bot/query';
import { demoData } from './evaluate';
it('q', () => {
  const { catalog } = demoData();
  const lexicon = createLexicon();
  const index = createProductIndex(catalog.products, catalog.models, lexicon);
  const bikes = createBikeIndex(catalog.models, catalog.products, lexicon, (w) => index.typeVocab.has(w), (w) => index.allVocab.has(w));
  for (const q of (process.env.Q ?? '').split('|')) {
    const p = parseQuestion(q, { lexicon, bikes, products: index });
    console.log(q, JSON.stringify({ ...p, bike: p.bike && { ...p.bike, models: p.bike.models.map((m) => m.model), used: [...p.bike.used] } }));
  }
  console.log(lexicon.isStory('pincho'), lexicon.isRequest('necesito'));
});
