import { fitsModel, type BikeModel, type Product } from './catalog';
import { isStopword, SYNONYMS } from './lexicon';
import { allowedTypos, compact, editDistance, normalizeText, stem } from './text';

/** Field weights: a word in the name says more than one in the description. */
const WEIGHTS = { name: 3, category: 2, keywords: 2, brand: 1.5, description: 0.5 } as const;

export interface ProductIndex {
  products: Product[];
  /** term → product position → weight */
  postings: Map<string, Map<number, number>>;
}

/**
 * The catalog term a customer's word stands for: stemmed, then through the synonym table.
 * @example canonicalTerm('balatas') // 'pastilla'
 */
export function canonicalTerm(word: string): string {
  const stemmed = stem(word);
  return SYNONYMS[stemmed] ?? SYNONYMS[word] ?? stemmed;
}

function termsOf(text: string): string[] {
  const out: string[] = [];
  for (const word of normalizeText(text).split(' ')) {
    if (!word || isStopword(word)) continue;
    out.push(canonicalTerm(word));
    // "20W-50", "2.75-17": also findable written together.
    if (/[./-]/.test(word)) out.push(compact(word));
  }
  return out;
}

/** @example const index = createProductIndex(catalog.products); */
export function createProductIndex(products: Product[]): ProductIndex {
  const postings = new Map<string, Map<number, number>>();
  products.forEach((product, position) => {
    const fields: Array<[string, number]> = [
      [product.name, WEIGHTS.name],
      [product.category, WEIGHTS.category],
      [product.keywords.join(' '), WEIGHTS.keywords],
      [product.brand, WEIGHTS.brand],
      [product.description, WEIGHTS.description],
    ];
    for (const [text, weight] of fields) {
      for (const term of termsOf(text)) {
        let list = postings.get(term);
        if (!list) postings.set(term, (list = new Map()));
        if ((list.get(position) ?? 0) < weight) list.set(position, weight);
      }
    }
  });
  return { products, postings };
}

/**
 * Resolves a customer's word to an indexed term: exactly, through a synonym, or by tolerating
 * typos ("aseite" → "aceite"); the most common of equally close terms wins.
 * @example resolveTerm(index, 'aseite') // 'aceite'
 */
export function resolveTerm(index: ProductIndex, word: string): string | undefined {
  const term = canonicalTerm(word);
  if (index.postings.has(term)) return term;
  const max = allowedTypos(term.length);
  if (max === 0 || /\d/.test(term)) return undefined;
  let best: { term: string; distance: number; df: number } | undefined;
  for (const [candidate, list] of index.postings) {
    if (/\d/.test(candidate)) continue;
    const distance = editDistance(term, candidate, max);
    if (distance > max) continue;
    if (!best || distance < best.distance || (distance === best.distance && list.size > best.df)) {
      best = { term: candidate, distance, df: list.size };
    }
  }
  return best?.term;
}

export interface SearchQuery {
  /** The customer's search words (bike names already taken out). */
  words: string[];
  model?: BikeModel;
  year?: number;
}

export interface SearchResult {
  /** Best matches first: in stock, then relevance, then price. */
  products: Product[];
  /** Search words that matched nothing in the catalog. */
  unknown: string[];
  /** How many of the search words the best matches contain. */
  coverage: number;
  terms: string[];
}

/**
 * Finds the products containing the most of the customer's words (all of them for one or two
 * words, all but one for longer questions), restricted to the bike when one is given.
 * @example search(index, { words: ['filtro', 'aceite'], model: ct100 })
 */
export function search(index: ProductIndex, query: SearchQuery): SearchResult {
  const terms: string[] = [];
  const unknown: string[] = [];
  for (const word of query.words) {
    if (isStopword(word)) continue;
    const term = resolveTerm(index, word);
    if (term) {
      if (!terms.includes(term)) terms.push(term);
    } else if (word.length > 2 && !/^\d+$/.test(word)) unknown.push(word);
  }
  const wanted = terms.length + unknown.length;
  if (terms.length === 0) return { products: [], unknown, coverage: 0, terms };
  const scores = new Map<number, { hits: number; weight: number }>();
  for (const term of terms) {
    for (const [position, weight] of index.postings.get(term) ?? []) {
      const score = scores.get(position) ?? { hits: 0, weight: 0 };
      score.hits++;
      score.weight += weight;
      scores.set(position, score);
    }
  }
  const needed = wanted <= 2 ? wanted : wanted - 1;
  let coverage = 0;
  for (const score of scores.values()) coverage = Math.max(coverage, score.hits);
  if (coverage < needed) return { products: [], unknown, coverage, terms };
  // The part named first ("discos de freno") must be what the product is, not something its
  // keywords mention ("pastillas … para freno de disco"), when some products are named after it.
  const head = index.postings.get(terms[0]!);
  const headInName = (position: number): boolean => head?.get(position) === WEIGHTS.name;
  const named = [...scores].some(([position, score]) => score.hits >= coverage && headInName(position));
  const matches = [...scores]
    .filter(([position, score]) => {
      if (score.hits < coverage || (named && !headInName(position))) return false;
      const product = index.products[position]!;
      return !query.model || fitsModel(product, query.model, query.year);
    })
    .sort(([a, sa], [b, sb]) => {
      const pa = index.products[a]!;
      const pb = index.products[b]!;
      return Number(pb.stock > 0) - Number(pa.stock > 0) || sb.weight - sa.weight || pa.price - pb.price;
    })
    .map(([position]) => index.products[position]!);
  return { products: matches, unknown, coverage, terms };
}

/**
 * The matching products whatever the bike, to tell "we have it, not for your bike" apart.
 * @example searchAnyModel(index, ['pastillas', 'freno']).length // every brake pad, whatever the bike
 */
export function searchAnyModel(index: ProductIndex, words: string[]): Product[] {
  return search(index, { words }).products;
}
