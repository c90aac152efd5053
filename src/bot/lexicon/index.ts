import { normalizeText, stem } from '../text';
import { EN } from './en';
import { ES } from './es';
import { FR } from './fr';
import { MARKET } from './market';
import { PT } from './pt';
import { CUE_KINDS, RANKS, type CueKind, type LexiconData, type Rank } from './types';

export { LexiconSchema, CUE_KINDS, RANKS } from './types';
export type { CueKind, LexiconData, Rank } from './types';

/** What a phrase of the customer's stands for. */
export type LexiconEntry =
  | { kind: 'part'; words: string[] }
  | { kind: 'position'; position: 'front' | 'rear' }
  | { kind: 'rank'; rank: Rank }
  | { kind: 'ignore' };

interface TrieNode {
  /** Absent on the leaves (most phrases are one word): a map each would cost the compile. */
  next?: Map<string, TrieNode>;
  entry?: LexiconEntry;
}

/** Every language's lexicon compiled for matching. */
export interface Lexicon {
  /** The longest phrase starting at `start` (little words in between skipped), if any. */
  match(words: readonly string[], start: number): { end: number; entry: LexiconEntry } | undefined;
  /** Words that never narrow a search. */
  isIgnored(word: string): boolean;
  /** Words a phrase may skip ("de", "la", "the"). */
  isJoiner(word: string): boolean;
  /** Words that join two questions ("y", "and"). */
  isAnd(word: string): boolean;
  /** Words that ask for something ("necesito", "tienen"). */
  isRequest(word: string): boolean;
  /** Words that tell what happened ("se pinchó"). */
  isStory(word: string): boolean;
  /** Whether any language's lexicon knows the word (so it is no bike name). */
  isKnown(word: string): boolean;
  /** The words of part names the lexicon knows, carried or not ("bomba", "freno", "gasolina"): they must match. */
  concepts: ReadonlySet<string>;
  /** Single words mapped to parts: targets for typo correction ("pastaz" → "pastas"). */
  partWords: ReadonlySet<string>;
  cues: Record<CueKind, { words: ReadonlySet<string>; phrases: string[][] }>;
  bikes: string[];
  makes: string[];
  premiumBrands: string[];
}

/** Normalised, singular words of a phrase. @example words('Guaya del Cloche') // ['guaya', 'del', 'cloche'] */
export const wordsOf = (text: string): string[] => (/^[a-z0-9]+( [a-z0-9]+)*$/.test(text) ? text : normalizeText(text)).split(' ').filter(Boolean).map(stem);

/** The languages the assistant understands whatever the store's language: customers write in any. */
export const BUILT_IN_LEXICONS: readonly LexiconData[] = [ES, EN, PT, FR, MARKET];

/**
 * Compiles lexicons (the built-in four languages, then a store's own additions, which win).
 * @example const lexicon = createLexicon([...BUILT_IN_LEXICONS, { parts: { chupa: 'amortiguador' } }]);
 */
export function createLexicon(sources: readonly LexiconData[] = BUILT_IN_LEXICONS): Lexicon {
  const ignored = new Set<string>();
  const ands = new Set<string>();
  const known = new Set<string>();
  const joiners = new Set<string>();
  const requests = new Set<string>();
  const stories = new Set<string>();
  for (const source of sources) {
    for (const word of source.ignore ?? []) for (const w of wordsOf(word)) ignored.add(w);
    for (const word of source.joiners ?? []) for (const w of wordsOf(word)) joiners.add(w);
    for (const word of source.and ?? []) for (const w of wordsOf(word)) ands.add(w);
    for (const word of source.request ?? []) for (const w of wordsOf(word)) requests.add(w);
    for (const word of source.story ?? []) for (const w of wordsOf(word)) stories.add(w);
  }
  const root: TrieNode = {};
  const concepts = new Set<string>();
  const partWords = new Set<string>();
  /** Files the phrase under its words (joiners left out), which it returns. */
  const add = (phrase: string, entry: LexiconEntry): string[] => {
    const words = wordsOf(phrase).filter((w) => !joiners.has(w));
    if (!words.length) return words;
    for (const w of words) known.add(w);
    let node = root;
    for (const word of words) {
      node.next ??= new Map();
      let child = node.next.get(word);
      if (!child) node.next.set(word, (child = {}));
      node = child;
    }
    node.entry = entry;
    return words;
  };
  const cues = Object.fromEntries(CUE_KINDS.map((kind) => [kind, { words: new Set<string>(), phrases: [] as string[][] }])) as Record<CueKind, { words: Set<string>; phrases: string[][] }>;
  for (const source of sources) {
    for (const [phrase, value] of Object.entries(source.parts ?? {})) {
      const words = wordsOf(value);
      const key = add(phrase, { kind: 'part', words });
      for (const w of words) concepts.add(w);
      if (key.length === 1) partWords.add(key[0]!);
    }
    for (const name of source.names ?? []) {
      const words = wordsOf(name);
      add(name, { kind: 'part', words });
      for (const w of words) concepts.add(w);
      if (words.length === 1) partWords.add(words[0]!);
    }
    for (const word of source.front ?? []) add(word, { kind: 'position', position: 'front' });
    for (const word of source.rear ?? []) add(word, { kind: 'position', position: 'rear' });
    for (const rank of RANKS) for (const word of source[rank] ?? []) add(word, { kind: 'rank', rank });
    for (const kind of CUE_KINDS) {
      for (const cue of source.cues?.[kind] ?? []) {
        const words = (/^[a-z0-9]+( [a-z0-9]+)*$/.test(cue) ? cue : normalizeText(cue)).split(' ');
        if (words.length === 1) {
          cues[kind].words.add(words[0]!);
          cues[kind].words.add(stem(words[0]!));
        } else cues[kind].phrases.push(words);
        for (const w of words) known.add(stem(w));
      }
    }
  }
  for (const w of [...ignored, ...joiners, ...ands, ...requests, ...stories]) known.add(w);
  const isIgnored = (word: string): boolean => ignored.has(word) || ignored.has(stem(word)) || joiners.has(word);
  return {
    match(words, start) {
      let node: TrieNode | undefined = root;
      let best: { end: number; entry: LexiconEntry } | undefined;
      for (let i = start; i < words.length && node; i++) {
        const word = words[i]!;
        const child: TrieNode | undefined = node.next?.get(word);
        if (!child) {
          // A little word between two words of a phrase ("guaya del cloche"), never the first.
          if (i > start && joiners.has(word)) continue;
          break;
        }
        node = child;
        if (node.entry) best = { end: i + 1, entry: node.entry };
      }
      return best;
    },
    isIgnored,
    isJoiner: (word) => joiners.has(word),
    isAnd: (word) => ands.has(word),
    isRequest: (word) => requests.has(word) || requests.has(stem(word)),
    isStory: (word) => stories.has(word) || stories.has(stem(word)),
    isKnown: (word) => known.has(word) || known.has(stem(word)),
    concepts,
    partWords,
    cues,
    bikes: sources.flatMap((s) => s.bikes ?? []),
    makes: sources.flatMap((s) => s.makes ?? []),
    premiumBrands: sources.flatMap((s) => s.premiumBrands ?? []),
  };
}
