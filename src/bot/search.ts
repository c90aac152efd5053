import type { BikeModel, Product } from './catalog';
import type { Lexicon } from './lexicon';
import { rewrite, termsOf } from './rewrite';
import { parseSizes, rimOf } from './sizes';
import { normalizeText, stem } from './text';

/** Field weights (BM25F): the part's own name says most, the description least. */
const WEIGHTS = { type: 3, name: 2, keywords: 1.5, brand: 1.5, category: 1, description: 0.4 } as const;
type Field = keyof typeof WEIGHTS;
const K1 = 1.2;
const B = 0.6;
// Where a product's type ends in its name: the brand, the bike, a size or one of these words.
const TYPE_STOPS = new Set(['para', 'con', 'en', 'x', 'universal', 'for', 'with', 'pour', 'avec', 'sin', 'tipo']);
// Parenthesised quantities ("(par)", "(juego)") say nothing about the part.
const QUANTITIES = new Set(['par', 'juego', 'x2', 'unidad', 'set']);
/** Words that name a pack, not a part: in "kit de arrastre" the part is named by what follows. */
export const CONTAINERS: ReadonlySet<string> = new Set(['kit', 'juego', 'set']);

/** A product read for searching. */
export interface IndexedProduct {
  product: Product;
  /** The part it is, in catalog words, head first: "Pastillas de freno delanteras" → ['pastilla', 'freno']. */
  type: string[];
  /** Every catalog word of its name, keywords, brand and category. */
  core: ReadonlySet<string>;
  /** BM25F term weights over all fields. */
  weights: ReadonlyMap<string, number>;
  nameTerms: ReadonlySet<string>;
  category: string[];
  /** The end of the bike its name says (delantero/trasero), if any. */
  position?: 'front' | 'rear';
  sizes: string[];
  rims: ReadonlySet<number>;
  genuine: boolean;
  premium: boolean;
}

export interface ProductIndex {
  items: IndexedProduct[];
  idf: ReadonlyMap<string, number>;
  /** Words that name what a product is (any place of its type). */
  typeVocab: ReadonlySet<string>;
  /** Words that name what a product is, in first place (or after "kit"). */
  typeHeads: ReadonlySet<string>;
  categoryVocab: ReadonlySet<string>;
  /** Words of names, keywords, brands and categories. */
  coreVocab: ReadonlySet<string>;
  /** coreVocab plus the descriptions' words. */
  allVocab: ReadonlySet<string>;
  /** How many products carry a word. */
  df: ReadonlyMap<string, number>;
}

const wordsOf = (text: string): string[] => normalizeText(text).split(' ').filter(Boolean);
// Brands, categories and bike names repeat across products: each distinct one is read once.
const memo = <T>(read: (text: string) => T): ((text: string) => T) => {
  const seen = new Map<string, T>();
  return (text) => {
    let value = seen.get(text);
    if (value === undefined) seen.set(text, (value = read(text)));
    return value;
  };
};

function typeOf(name: string, brandWords: ReadonlySet<string>, bikeWords: ReadonlySet<string>, lexicon: Lexicon): { type: string[]; also: string[]; position?: 'front' | 'rear' } {
  const [main = '', ...parens] = name.split('(');
  const words = wordsOf(main);
  let end = words.findIndex((w) => brandWords.has(w) || bikeWords.has(w) || /\d/.test(w) || TYPE_STOPS.has(w) || TYPE_STOPS.has(stem(w)));
  if (end === -1) end = words.length;
  let position: 'front' | 'rear' | undefined;
  const type: string[] = [];
  for (const unit of rewrite(words.slice(0, end), lexicon)) {
    if (unit.kind === 'term' && !type.includes(unit.term)) type.push(unit.term);
    else if (unit.kind === 'position') position ??= unit.position;
  }
  // "Colepato (guardabarros trasero)": another name of the part, kept when it is a part's name.
  const also: string[] = [];
  for (const paren of parens) {
    const inner = wordsOf(paren.split(')')[0] ?? '');
    if (inner.some((w) => /\d/.test(w) || QUANTITIES.has(w) || brandWords.has(w))) continue;
    for (const unit of rewrite(inner, lexicon)) {
      if (unit.kind === 'term' && !type.includes(unit.term) && !also.includes(unit.term)) also.push(unit.term);
      else if (unit.kind === 'position') position ??= unit.position;
    }
  }
  return { type, also, ...(position ? { position } : {}) };
}

/**
 * Indexes the catalog for the assistant: each product's type (from its name, through the
 * lexicon), BM25F weights over its fields, sizes, wheel position and brand standing.
 * @example const index = createProductIndex(catalog.products, catalog.models, lexicon);
 */
export function createProductIndex(products: readonly Product[], models: readonly BikeModel[], lexicon: Lexicon): ProductIndex {
  const brandWords = memo(wordsOf);
  const bikeWords = new Set(models.flatMap((m) => [...wordsOf(m.model), ...brandWords(m.make)]));
  const premium = new Set(lexicon.premiumBrands.map((b) => normalizeText(b)));
  // Keywords, brands and categories repeat across a catalog: each distinct text is read once.
  const read = new Map<string, string[]>();
  const termsOfText = (text: string): string[] => {
    let terms = read.get(text);
    if (!terms) read.set(text, (terms = termsOf(wordsOf(text), lexicon)));
    return terms;
  };
  const fieldsOf = (p: Product): Record<Field, string[]> => ({
    type: [],
    name: termsOfText(p.name),
    keywords: p.keywords.flatMap(termsOfText),
    brand: brandWords(p.brand),
    category: termsOfText(p.category),
    // Descriptions only rank (and tell known words): their words are taken as written.
    description: wordsOf(p.description).map(stem).filter((w) => !lexicon.isIgnored(w)),
  });
  const raw = products.map((product) => {
    const { type, also, position } = typeOf(product.name, new Set(brandWords(product.brand)), bikeWords, lexicon);
    const sizes = [...new Set([product.name, product.description].flatMap((text) => (/\d-\d\d\b|\d\/\d/.test(text) ? parseSizes(normalizeText(text)).sizes : [])))];
    return { product, type, also, position, fields: fieldsOf(product), sizes };
  });
  const heads = new Set(raw.flatMap((r) => headsOf(r.type)));
  for (const r of raw) {
    if (r.also[0] && heads.has(r.also[0])) for (const t of r.also) r.type.push(t);
    r.fields.type = r.type;
  }
  const average = Object.fromEntries((Object.keys(WEIGHTS) as Field[]).map((f) => [f, raw.reduce((s, r) => s + r.fields[f].length, 0) / Math.max(1, raw.length)])) as Record<Field, number>;
  const df = new Map<string, number>();
  const typeVocab = new Set<string>();
  const typeHeads = new Set<string>();
  const categoryVocab = new Set<string>();
  const coreVocab = new Set<string>();
  const allVocab = new Set<string>();
  const items: IndexedProduct[] = raw.map(({ product, type, position, fields, sizes }) => {
    const weights = new Map<string, number>();
    for (const field of Object.keys(WEIGHTS) as Field[]) {
      const terms = fields[field];
      const norm = 1 - B + (B * terms.length) / Math.max(1, average[field]);
      for (const term of terms) weights.set(term, (weights.get(term) ?? 0) + WEIGHTS[field] / norm);
    }
    for (const term of weights.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    for (const t of headsOf(type)) typeHeads.add(t);
    for (const t of type) typeVocab.add(t);
    for (const t of fields.category) categoryVocab.add(t);
    const core = new Set([...type, ...fields.name, ...fields.keywords, ...fields.brand, ...fields.category]);
    for (const t of core) coreVocab.add(t);
    for (const t of weights.keys()) allVocab.add(t);
    const brand = brandWords(product.brand).join(' ');
    return {
      product, type, core, weights, nameTerms: new Set(fields.name), category: fields.category, ...(position ? { position } : {}),
      sizes, rims: new Set(sizes.map(rimOf)),
      genuine: /\b(genuine|original|oem|genuino)\b/.test(brand),
      premium: premium.has(brand) || [...premium].some((p) => brand.split(' ').includes(p)),
    };
  });
  const idf = new Map([...df].map(([term, n]) => [term, Math.log(1 + (items.length - n + 0.5) / (n + 0.5))]));
  return { items, idf, typeVocab, typeHeads, categoryVocab, coreVocab, allVocab, df };
}

/** The words that say what a product is: the first of its type, or the one after a pack ("kit de arrastre"). */
export function headsOf(type: readonly string[]): string[] {
  return type[0] === undefined ? [] : CONTAINERS.has(type[0]) && type[1] ? [type[0], type[1]] : [type[0]];
}

/** BM25F score of a product for some terms. */
export function score(index: ProductIndex, item: IndexedProduct, terms: readonly string[]): number {
  let sum = 0;
  for (const term of terms) {
    const w = item.weights.get(term);
    if (w) sum += (index.idf.get(term) ?? 0) * ((w * (K1 + 1)) / (w + K1));
  }
  return sum;
}

/** The wheel a product takes on `model` (the fit's own, else its name's). */
export function positionOn(item: IndexedProduct, model: BikeModel | undefined): 'front' | 'rear' | undefined {
  const fit = model ? item.product.compatible.find((f) => `${f.make} ${f.model}` === model.key) : undefined;
  return fit?.position ?? item.position;
}
