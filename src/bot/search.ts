import type { BikeModel, Product } from './catalog';
import type { Lexicon } from './lexicon';
import { rewrite, termsOf } from './rewrite';
import { parseSizes, rimOf } from './sizes';
import { normalizeText, stem } from './text';

/** Field weights (BM25F): the part's own name says most, the description least. */
const WEIGHTS = { type: 3, name: 2, keywords: 1.5, brand: 1.5, category: 1, description: 0.4 } as const;
type Field = keyof typeof WEIGHTS;
const FIELDS = Object.keys(WEIGHTS) as Field[];
// The fields that say what a product is (descriptions only rank).
const CORE_FIELDS: readonly Field[] = ['type', 'name', 'keywords', 'brand', 'category'];
// A name or description worth reading for sizes ("90/90-18", "2.75-18").
const SIZE_HINT = /\d-\d\d\b|\d\/\d/;
const NO_RIMS: ReadonlySet<number> = new Set();
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

// Brands, categories and bike names repeat across products: each distinct one is read once.
const memo = <T>(read: (text: string) => T): ((text: string) => T) => {
  const seen = new Map<string, T>();
  return (text) => {
    let value = seen.get(text);
    if (value === undefined) seen.set(text, (value = read(text)));
    return value;
  };
};

function typeOf(name: string, brandWords: ReadonlySet<string>, bikeWords: ReadonlySet<string>, lexicon: Lexicon, wordsOf: (text: string) => readonly string[]): { type: string[]; also: string[]; position?: 'front' | 'rear' } {
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
  // A name is read for its type, its terms and its sizes: normalised once (the words are not changed).
  const normalized = memo(normalizeText);
  const wordsOf = memo((text: string): string[] => normalized(text).split(' ').filter(Boolean));
  const brandSet = memo((brand: string): ReadonlySet<string> => new Set(wordsOf(brand)));
  const bikeWords = new Set(models.flatMap((m) => [...wordsOf(m.model), ...wordsOf(m.make)]));
  const premium = new Set(lexicon.premiumBrands.map((b) => normalizeText(b)));
  const standing = memo((brand: string) => {
    const words = wordsOf(brand);
    const joined = words.join(' ');
    return { genuine: /\b(genuine|original|oem|genuino)\b/.test(joined), premium: premium.has(joined) || words.some((w) => premium.has(w)) };
  });
  // Keywords, brands and categories repeat across a catalog: each distinct text is read once.
  const termsOfText = memo((text: string): string[] => termsOf(wordsOf(text), lexicon));
  // So do the descriptions' words: each is singularised and looked up once ('' when it says nothing).
  const descriptionTerm = memo((word: string): string => {
    const term = stem(word);
    return lexicon.isIgnored(term) ? '' : term;
  });
  const raw = products.map((product) => {
    const { type, also, position } = typeOf(product.name, brandSet(product.brand), bikeWords, lexicon, wordsOf);
    const description = normalizeText(product.description);
    // Descriptions only rank (and tell known words): their words are taken as written.
    const described: string[] = [];
    for (const word of description.split(' ')) {
      const term = word && descriptionTerm(word);
      if (term) described.push(term);
    }
    const sizes = new Set<string>();
    if (SIZE_HINT.test(product.name)) for (const size of parseSizes(normalized(product.name)).sizes) sizes.add(size);
    if (SIZE_HINT.test(product.description)) for (const size of parseSizes(description).sizes) sizes.add(size);
    const fields: Record<Field, string[]> = {
      type: [],
      name: termsOfText(product.name),
      keywords: product.keywords.flatMap(termsOfText),
      brand: wordsOf(product.brand),
      category: termsOfText(product.category),
      description: described,
    };
    return { product, type, also, position, fields, sizes: [...sizes] };
  });
  const heads = new Set(raw.flatMap((r) => headsOf(r.type)));
  for (const r of raw) {
    if (r.also[0] && heads.has(r.also[0])) for (const t of r.also) r.type.push(t);
    r.fields.type = r.type;
  }
  const average = Object.fromEntries(FIELDS.map((f) => [f, raw.reduce((s, r) => s + r.fields[f].length, 0) / Math.max(1, raw.length)])) as Record<Field, number>;
  const df = new Map<string, number>();
  const typeVocab = new Set<string>();
  const typeHeads = new Set<string>();
  const categoryVocab = new Set<string>();
  const coreVocab = new Set<string>();
  const allVocab = new Set<string>();
  // The last product each term was counted for: a product counts once per term, whatever its fields.
  const countedFor = new Map<string, number>();
  const items: IndexedProduct[] = raw.map(({ product, type, position, fields, sizes }, i) => {
    for (const field of FIELDS) {
      for (const term of fields[field]) {
        if (countedFor.get(term) === i) continue;
        countedFor.set(term, i);
        df.set(term, (df.get(term) ?? 0) + 1);
        allVocab.add(term);
      }
    }
    for (const t of headsOf(type)) typeHeads.add(t);
    for (const t of type) typeVocab.add(t);
    for (const t of fields.category) categoryVocab.add(t);
    const core = new Set<string>();
    for (const field of CORE_FIELDS) for (const t of fields[field]) core.add(t);
    for (const t of core) coreVocab.add(t);
    // Weights are only read for the products a question finds: each product's are summed on first use.
    let weights: Map<string, number> | undefined;
    return {
      product, type, core,
      get weights(): ReadonlyMap<string, number> {
        return (weights ??= weigh(fields, average));
      },
      nameTerms: new Set(fields.name), category: fields.category, ...(position ? { position } : {}),
      sizes, rims: sizes.length ? new Set(sizes.map(rimOf)) : NO_RIMS,
      ...standing(product.brand),
    };
  });
  const idf = new Map([...df].map(([term, n]) => [term, Math.log(1 + (items.length - n + 0.5) / (n + 0.5))]));
  return { items, idf, typeVocab, typeHeads, categoryVocab, coreVocab, allVocab, df };
}

/** BM25F term weights of one product over all its fields. */
function weigh(fields: Readonly<Record<Field, readonly string[]>>, average: Readonly<Record<Field, number>>): Map<string, number> {
  const weights = new Map<string, number>();
  for (const field of FIELDS) {
    const terms = fields[field];
    const norm = 1 - B + (B * terms.length) / Math.max(1, average[field]);
    for (const term of terms) weights.set(term, (weights.get(term) ?? 0) + WEIGHTS[field] / norm);
  }
  return weights;
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
