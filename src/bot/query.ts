import type { Lexicon, Rank } from './lexicon';
import { findBike, runsOf, type BikeIndex, type BikeMatch } from './models';
import { rewrite, type Unit } from './rewrite';
import type { ProductIndex } from './search';
import { parseSizes } from './sizes';
import { allowedTypos, editDistance, fold, normalizeText, stem } from './text';

/** One part asked for: its catalog words, and the customer's own words for it. */
export interface PartAsked {
  terms: string[];
  position?: 'front' | 'rear';
  /** The customer's words for the part ("guaya del cloche"), for answers that quote them. */
  display: string;
  /** Named by its complement only ("¿y el de aire?"): the kind comes from the previous question. */
  elliptic?: boolean;
}

/** What a message asks about parts. */
export interface Question {
  parts: PartAsked[];
  sizes: string[];
  rims: number[];
  rank?: Rank;
  /** A position said without a part ("¿y las traseras?"). */
  position?: 'front' | 'rear';
  bike?: BikeMatch;
  /** Words nobody knows (neither catalog nor lexicon), in order. */
  unknown: string[];
  /** The words of the message, normalised. */
  words: string[];
}

export interface QuestionContext {
  lexicon: Lexicon;
  bikes: BikeIndex;
  products: ProductIndex;
}

/** A word the catalog and the lexicon do not know, read as the closest one they do ("aseite" → "aceite"). */
function correct(word: string, ctx: QuestionContext): Unit[] | undefined {
  const max = allowedTypos(word.length);
  if (max === 0 || /\d/.test(word) || word.length < 5) return undefined;
  const limit = Math.min(max, word.length >= 8 ? 2 : 1);
  let best: { units: Unit[]; distance: number; rank: number } | undefined;
  const folded = fold(word);
  const consider = (candidate: string, units: () => Unit[], rank: number): void => {
    if (Math.abs(candidate.length - word.length) > limit + 1) return;
    const distance = Math.min(editDistance(word, candidate, limit), editDistance(folded, fold(candidate), limit));
    if (distance <= limit && (!best || distance < best.distance || (distance === best.distance && rank > best.rank))) best = { units: units(), distance, rank };
  };
  for (const key of ctx.lexicon.partWords) if (key.length >= 4) consider(key, () => rewrite([key], ctx.lexicon), 2);
  for (const term of ctx.products.typeVocab) if (!/\d/.test(term)) consider(term, () => [{ kind: 'term', term, at: 0 }], 1 + (ctx.products.df.get(term) ?? 0) / 1000);
  return best?.units;
}

const RANK_PRIORITY: readonly Rank[] = ['genuine', 'generic', 'cheapest', 'priciest', 'best'];
const ARTICLES = new Set(['el', 'la', 'los', 'las', 'lo', 'the', 'o', 'a', 'os', 'as', 'le', 'les']);

/**
 * Reads a message as a parts question: tyre sizes, the bike, the parts (several when joined by
 * "y"), positions and rankings; whatever else is the story around the question and is left out.
 * @example parseQuestion('regulador de la fz 2.0 q se me quemó', ctx).parts // [{ terms: ['regulador'], display: 'regulador' }]
 */
export function parseQuestion(text: string, ctx: QuestionContext): Question {
  const normalized = normalizeText(text.replace(/(\d),(\d)/g, '$1.$2'));
  const { sizes, rims, rest } = parseSizes(normalized);
  const words = rest ? rest.split(' ') : [];
  const bike = findBike(ctx.bikes, words);
  const skip = bike?.used ?? new Set<number>();
  const units: Unit[] = [];
  const unknown: string[] = [];
  for (const unit of rewrite(words, ctx.lexicon, skip)) {
    // "2 llantas", "4 bujías": a quantity, not a code.
    if (unit.kind === 'term' && /^\d{1,2}$/.test(unit.term) && Number(unit.term) <= 20 && /^[a-z]/.test(words[unit.at + 1] ?? '')) continue;
    // What is left of a bike's name ("4v", "2.0") is no part word.
    if (unit.kind === 'term' && /\d/.test(unit.term) && (/[a-z.]/.test(words[unit.at]!) || Number(unit.term) >= 50)
      && runsOf(words[unit.at]!).every((r) => ctx.bikes.allRuns.has(r))) continue;
    if (unit.kind !== 'term' || ctx.products.coreVocab.has(unit.term) || ctx.lexicon.concepts.has(unit.term) || /\d/.test(unit.term)) {
      units.push(unit);
      continue;
    }
    // A word the lexicon knows for something else ("hasta luego", "garantía"), or one only the
    // descriptions use, names no part.
    if (ctx.lexicon.isKnown(unit.term) || ctx.products.allVocab.has(unit.term)) continue;
    const fixed = correct(unit.term, ctx);
    if (fixed) units.push(...fixed.map((u) => ({ ...u, at: unit.at, end: unit.at })));
    else unknown.push(words[unit.at]!);
  }
  const isRequired = (term: string): boolean => ctx.products.typeHeads.has(term) || ctx.lexicon.concepts.has(term);
  // Split at "y"/"and" when both sides name a part; a side without one joins its neighbour.
  const groups: Unit[][] = [[]];
  for (const unit of units) {
    if (unit.kind === 'and') groups.push([]);
    else groups[groups.length - 1]!.push(unit);
  }
  const merged: Unit[][] = [];
  for (const group of groups) {
    const names = group.some((u) => u.kind === 'term' && isRequired(u.term));
    if (names || merged.length === 0) merged.push(group);
    else merged[merged.length - 1]!.push(...group);
  }
  if (merged.length > 1 && !merged[0]!.some((u) => u.kind === 'term' && isRequired(u.term))) merged.splice(0, 2, [...merged[0]!, ...merged[1]!]);
  // "kit de arrastre + filtro de aceite": a new part name that no product carries together with
  // the words before it starts a second part (when those words name a part on their own).
  const carried = (terms: string[]): boolean =>
    ctx.products.items.some((it) => terms.every((t) => it.core.has(t)) && terms.some((t) => it.type.includes(t)));
  const split: Unit[][] = [];
  for (const group of merged) {
    let current: Unit[] = [];
    for (const unit of group) {
      const named = current.flatMap((u) => (u.kind === 'term' && isRequired(u.term) ? [u.term] : []));
      if (unit.kind === 'term' && ctx.products.typeHeads.has(unit.term) && named.length && !named.includes(unit.term)
        && carried(named) && !carried([...named, unit.term])) {
        split.push(current);
        current = [];
      }
      current.push(unit);
    }
    split.push(current);
  }
  // "se me pinchó la llanta y necesito el tubo": with a part asked for ("necesito", "tienen"),
  // the parts named before it with what happened to them ("se pinchó") are the story.
  const last = (group: Unit[]): number => Math.max(-1, ...group.map((u) => u.end ?? u.at));
  const spans = split.map((group, i) => {
    const start = i === 0 ? 0 : last(split[i - 1]!) + 1;
    const first = Math.min(...group.filter((u) => u.kind === 'term' || u.kind === 'position').map((u) => u.at), words.length);
    return { asks: words.slice(start, first).some((w) => ctx.lexicon.isRequest(w)), tells: words.slice(start, last(group) + 1).some((w) => ctx.lexicon.isStory(w)) };
  });
  const firstAsked = spans.findIndex((s) => s.asks);
  if (firstAsked > 0 && spans.slice(0, firstAsked).every((s) => s.tells)) split.splice(0, firstAsked);
  const parts: PartAsked[] = [];
  let loosePosition: 'front' | 'rear' | undefined;
  for (const group of split) {
    const terms = group.flatMap((u) => (u.kind === 'term' ? [u.term] : []));
    const positions = [...new Set(group.flatMap((u) => (u.kind === 'position' ? [u.position] : [])))];
    const position = positions.length === 1 ? positions[0] : undefined;
    // Numbers alone ("la 2.0", "10") name no part.
    if (!terms.some((t) => !/^\d+$/.test(t))) {
      loosePosition ??= position;
      continue;
    }
    const spans = group.filter((u) => u.kind === 'term' || u.kind === 'position');
    const from = Math.min(...spans.map((u) => u.at));
    const to = Math.max(...spans.map((u) => u.end ?? u.at));
    const display = words.slice(from, to + 1).filter((_, i) => !skip.has(from + i)).join(' ');
    // "el de aceite": the part is named by its complement only, after an article and "de".
    const elliptic = stem(words[from - 1] ?? '') === 'de' && ARTICLES.has(words[from - 2] ?? '');
    const previous = parts[parts.length - 1];
    if (elliptic && previous && !previous.terms.includes(terms[0]!)) terms.unshift(previous.terms[0]!);
    parts.push({ terms, ...(position ? { position } : {}), display, ...(elliptic && !previous ? { elliptic } : {}) });
  }
  // "mejor el original": the most specific ranking asked wins.
  const ranks = new Set(units.flatMap((u) => (u.kind === 'rank' ? [u.rank] : [])));
  const rank = RANK_PRIORITY.find((r) => ranks.has(r));
  return {
    parts, sizes, rims, ...(rank ? { rank } : {}), ...(loosePosition ? { position: loosePosition } : {}), ...(bike ? { bike } : {}), unknown, words,
  };
}
