import type { CueKind, Lexicon } from './lexicon';
import { editDistance, stem } from './text';

/** What a message asks for besides parts, most specific first. */
export const INTENTS = ['handoff', 'order', 'shipping', 'payment', 'warranty', 'hours', 'location', 'buy', 'catalog', 'greeting', 'thanks', 'goodbye', 'ack', 'identity', 'price'] as const satisfies readonly CueKind[];
export type Intent = (typeof INTENTS)[number];

// Cue words a typo may still reach ("asesr", "garantai"); short ones would hit ordinary words.
const TYPO_TOLERANT: readonly Intent[] = ['handoff', 'order', 'warranty', 'shipping'];

export interface Classification {
  /** Every intent whose cues appear, in the order of INTENTS. */
  intents: Intent[];
  /** An order number written in the message ("pedido 1234", "#1234"). */
  orderId?: string;
}

type CuePhrase = { intent: Intent; phrase: string[]; phraseStems: string[] };
const PHRASES = new WeakMap<Lexicon, CuePhrase[]>();

/** Every cue phrase, longest first: "eres una persona" (who is this?) wins over "persona" (a person, please). */
function phrasesOf(lexicon: Lexicon): CuePhrase[] {
  let phrases = PHRASES.get(lexicon);
  if (!phrases) {
    phrases = INTENTS.flatMap((intent) => lexicon.cues[intent].phrases.map((phrase) => ({ intent, phrase, phraseStems: phrase.map(stem) }))).sort((a, b) => b.phrase.length - a.phrase.length);
    PHRASES.set(lexicon, phrases);
  }
  return phrases;
}

/**
 * Finds what a message asks for from the lexicon's cues: phrases first (their words are then
 * taken: "a la orden" is thanks, not an order), then single words, typos tolerated on long ones.
 * Parts are not an intent: the parts question is read separately.
 * @example classify(tokenize('¿cómo va mi pedido 1234?'), lexicon) // { intents: ['order'], orderId: '1234' }
 */
export function classify(words: readonly string[], lexicon: Lexicon): Classification {
  const taken = new Set<number>();
  const found = new Set<Intent>();
  // Equal words have equal stems: comparing stems is comparing words or their stems.
  const stems = words.map(stem);
  for (const { intent, phrase, phraseStems } of phrasesOf(lexicon)) {
    for (let i = 0; i + phrase.length <= words.length; i++) {
      if (stems[i] !== phraseStems[0]) continue;
      if (phrase.some((_, j) => taken.has(i + j))) continue;
      if (phraseStems.every((s, j) => stems[i + j] === s)) {
        found.add(intent);
        for (let j = 0; j < phrase.length; j++) taken.add(i + j);
      }
    }
  }
  words.forEach((word, i) => {
    if (taken.has(i)) return;
    for (const intent of INTENTS) {
      const cues = lexicon.cues[intent].words;
      if (cues.has(word) || cues.has(stem(word))) found.add(intent);
      else if (word.length >= 5 && !lexicon.isKnown(word) && TYPO_TOLERANT.includes(intent)) {
        for (const cue of cues) if (cue.length >= 6 && editDistance(word, cue, 1) <= 1) found.add(intent);
      }
    }
  });
  const intents = INTENTS.filter((intent) => found.has(intent));
  const result: Classification = { intents };
  if (found.has('order')) {
    const id = words.find((w) => /^[a-z]{0,4}-?\d{3,10}$/.test(w) && !/^(19|20)\d\d$/.test(w)) ?? words.find((w) => /^\d{3,10}$/.test(w));
    if (id) result.orderId = id.toUpperCase();
  }
  return result;
}
