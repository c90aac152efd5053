import type { Lexicon, Rank } from './lexicon';
import { compact, stem } from './text';

/** One piece of a text read through the lexicon: `at`…`end` are the positions of the words it came from. */
export type Unit = { at: number; end?: number } & (
  | { kind: 'term'; term: string }
  | { kind: 'position'; position: 'front' | 'rear' }
  | { kind: 'rank'; rank: Rank }
  | { kind: 'and' }
);

const NONE: ReadonlySet<number> = new Set();

/**
 * Reads words through the lexicon: slang and phrases become the catalog's words, position and
 * ranking words are told apart, little words dropped. Used on the catalog's text and on the
 * customer's, so both meet on the same terms. `skip` marks words already read (a bike name).
 * @example rewrite(['guaya', 'del', 'cloche'], lexicon) // terms 'guaya', 'clutch'
 */
export function rewrite(words: readonly string[], lexicon: Lexicon, skip: ReadonlySet<number> = NONE): Unit[] {
  const stems = words.map((w, i) => (skip.has(i) ? '\u0000' : stem(w)));
  const units: Unit[] = [];
  for (let i = 0; i < stems.length; i++) {
    const word = stems[i]!;
    if (word === '\u0000' || !word) continue;
    const found = lexicon.match(stems, i);
    if (found) {
      const { entry } = found;
      if (entry.kind === 'part') {
        for (const term of entry.words) {
          // A value may carry a position ("suspension trasera" → "amortiguador trasero").
          const inner = lexicon.match([term], 0)?.entry;
          const end = found.end - 1;
          units.push(inner?.kind === 'position' ? { kind: 'position', position: inner.position, at: i, end } : { kind: 'term', term, at: i, end });
        }
      } else if (entry.kind === 'position') units.push({ kind: 'position', position: entry.position, at: i, end: found.end - 1 });
      else if (entry.kind === 'rank') units.push({ kind: 'rank', rank: entry.rank, at: i, end: found.end - 1 });
      i = found.end - 1;
      continue;
    }
    if (lexicon.isAnd(word)) units.push({ kind: 'and', at: i });
    else if (!lexicon.isIgnored(word)) units.push({ kind: 'term', term: /[./-]/.test(word) ? compact(word) : word, at: i });
  }
  return units;
}

/** The catalog words of a text. @example termsOf('Guaya de clutch NKD 125', lexicon) // ['guaya', 'clutch', 'nkd', '125'] */
export function termsOf(words: readonly string[], lexicon: Lexicon): string[] {
  const terms: string[] = [];
  for (const unit of rewrite(words, lexicon)) if (unit.kind === 'term') terms.push(unit.term);
  return terms;
}
