import { fitsModel, type BikeModel } from './catalog';
import type { Lexicon, Rank } from './lexicon';
import { headsOf, positionOn, score, type IndexedProduct, type ProductIndex } from './search';
import { sizeMatches } from './sizes';

/**
 * How well a question names a part the catalog carries: `named` (a part type), `category` (a
 * family of parts: "frenos"), `related` (a word some parts' names contain, naming none of them:
 * "farola" in "bombillo farola"), `loose` (keywords or descriptions only), `none`.
 */
export type MatchLevel = 'named' | 'category' | 'related' | 'loose' | 'none';

export interface PartMatch {
  level: MatchLevel;
  /** The part word the question turns on (its first part word). */
  head?: string;
  /** Part words every answer must carry. */
  required: string[];
  /** Other catalog words: they rank, they do not filter. */
  soft: string[];
  /** The matching products, whatever the bike. */
  items: IndexedProduct[];
  /** The part exists but not in the size asked for. */
  sizeMissing: boolean;
}

export interface PartRequest {
  terms: string[];
  sizes: readonly string[];
  rims: readonly number[];
}

/**
 * Finds the products a part question is about, before the bike: the part type grammar (the
 * question's part words against each product's type), then sizes.
 * @example findPart(index, lexicon, { terms: ['filtro', 'aceite'], sizes: [], rims: [] }).items // every oil filter
 */
export function findPart(index: ProductIndex, lexicon: Lexicon, request: PartRequest): PartMatch {
  // Part names and their complements must match ("filtro de gasolina" is no oil filter); other
  // words of products' types qualify ("cadena reforzada") and narrow only when some part has them.
  let required = request.terms.filter((t) => index.typeHeads.has(t) || lexicon.concepts.has(t));
  let qualifiers = request.terms.filter((t) => !required.includes(t) && index.typeVocab.has(t));
  if (!required.length) [required, qualifiers] = [qualifiers, []];
  const soft = request.terms.filter((t) => !required.includes(t) && index.allVocab.has(t));
  // A size alone asks for a tyre.
  if (!required.length && (request.sizes.length || request.rims.length) && index.typeHeads.has('llanta')) required.push('llanta');
  const head = required[0];
  let level: MatchLevel = 'none';
  let items: IndexedProduct[] = [];
  if (head) {
    const carrying = index.items.filter((it) => required.every((r) => it.core.has(r)) && required.some((r) => it.type.includes(r)));
    const byHead = carrying.filter((it) => headsOf(it.type).includes(head));
    const byAny = carrying.filter((it) => headsOf(it.type).some((h) => required.includes(h)));
    if (byHead.length || byAny.length) [level, items] = ['named', byHead.length ? byHead : byAny];
    else if (index.categoryVocab.has(head)) {
      level = 'category';
      items = index.items.filter((it) => it.category.includes(head) && required.every((r) => it.core.has(r)));
    } else if (carrying.length) [level, items] = ['related', carrying];
  } else if (soft.length) {
    const carrying = index.items.filter((it) => soft.some((s) => it.core.has(s)));
    const named = carrying.filter((it) => soft.some((s) => it.nameTerms.has(s)));
    if (named.length) [level, items] = ['named', named];
    else if (carrying.length) [level, items] = ['loose', carrying];
  }
  // Qualifiers and codes ("reforzada", "428", "20w50") narrow when some part has them.
  for (const word of [...qualifiers, ...soft.filter((t) => /\d/.test(t))]) {
    const narrowed = items.filter((it) => it.core.has(word));
    if (narrowed.length) items = narrowed;
  }
  let sizeMissing = false;
  if (items.length && (request.sizes.length || request.rims.length)) {
    // A full size says more than a rim ("llanta rin 17 120/80").
    const sized = request.sizes.length
      ? items.filter((it) => request.sizes.some((s) => it.sizes.some((own) => sizeMatches(own, s))))
      : items.filter((it) => request.rims.some((r) => it.rims.has(r)));
    sizeMissing = sized.length === 0;
    items = sized;
  }
  return { level, ...(head ? { head } : {}), required, soft, items, sizeMissing };
}

/** Whether a product fits the bike (and year), on the wheel asked for. */
export function fits(item: IndexedProduct, model: BikeModel, year: number | undefined, position: 'front' | 'rear' | undefined): boolean {
  if (!fitsModel(item.product, model, year)) return false;
  const own = positionOn(item, model);
  return !position || !own || own === position;
}

export interface RankContext {
  terms: readonly string[];
  soft: readonly string[];
  position?: 'front' | 'rear';
  rank?: Rank;
  model?: BikeModel;
}

const byRank: Record<Rank, (a: IndexedProduct, b: IndexedProduct) => number> = {
  cheapest: (a, b) => Number(b.product.stock > 0) - Number(a.product.stock > 0) || a.product.price - b.product.price,
  priciest: (a, b) => b.product.price - a.product.price,
  best: (a, b) => Number(b.genuine || b.premium) - Number(a.genuine || a.premium) || b.product.price - a.product.price,
  genuine: (a, b) => Number(b.genuine) - Number(a.genuine) || Number(b.premium) - Number(a.premium) || b.product.price - a.product.price,
  generic: (a, b) => Number(a.genuine) - Number(b.genuine) || a.product.price - b.product.price,
};

/**
 * Orders the answers: the wheel asked for, the customer's other words, the bike's own parts
 * before universal ones, the part exactly as named ("aceite" before "aceite de transmisión"), the
 * ranking asked for ("la más barata"), in stock, BM25F relevance, price.
 * @example rankItems(index, found.items, { terms: ['bateria'], soft: [], rank: 'cheapest', model: nkd })
 */
export function rankItems(index: ProductIndex, items: readonly IndexedProduct[], context: RankContext): IndexedProduct[] {
  const asked = new Set(context.terms);
  const keys = new Map(items.map((it) => [it, {
    position: context.position && positionOn(it, context.model) === context.position ? 0 : 1,
    exact: it.type.every((t) => asked.has(t)) ? 0 : 1,
    soft: context.soft.filter((s) => it.core.has(s)).length,
    // With a bike named, its own parts before the universal ones ("frenos para la nkd": pads first).
    specific: context.model && it.product.universal ? 1 : 0,
    score: score(index, it, context.terms),
  }]));
  return [...items].sort((a, b) => {
    const ka = keys.get(a)!;
    const kb = keys.get(b)!;
    return ka.position - kb.position || kb.soft - ka.soft || ka.specific - kb.specific || ka.exact - kb.exact
      || (context.rank ? byRank[context.rank](a, b) : 0)
      || Number(b.product.stock > 0) - Number(a.product.stock > 0) || kb.score - ka.score || a.product.price - b.product.price;
  });
}
