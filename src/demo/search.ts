import type { Product } from './catalog';

/** A product with its search text prepared once, at load. */
export interface IndexedProduct {
  product: Product;
  name: string;
  haystack: string;
  modelKeys: Set<string>;
}

/** What the shopper filtered by (also kept in the URL: `?q=&categoria=&moto=`). */
export interface FilterState {
  query: string;
  category: string;
  model: string;
  limit: number;
}

export const PAGE_SIZE = 24;

/** Hand-picked best sellers shown before the shopper filters anything. */
const FEATURED_SKUS = [
  'KIT-ARR-BOX-CT100',
  'FIL-ACE-BOX-CT100',
  'PAS-DEL-NS200',
  'LLA-PIR-275-18-SC',
  'ACE-CAS-POW1-20W50',
  'CAS-LS2-FF353-BLANCO',
  'BAT-MAG-12N5L',
  'BUJ-NGK-C7HSA',
  'KIT-ARR-NKD125',
  'FIL-AIR-FZ20',
  'LLA-MIC-10080-17-PS',
  'AMO-TRA-BOX-CT100',
  'DIS-CLU-PUL180',
  'ACE-MOT-5100-10W40',
  'GUA-CLU-NKD125',
  'CAS-SHA-526-NEGRO',
  'BAT-YUA-YTX7L',
  'IMP-ICH-2PZ-REFLECTIVO',
  'KIT-ARR-XR150L',
  'BOM-H4-ULTRA-LED',
  'LUB-MOT-CHAINLUBE',
  'SIL-FZ20',
  'LLA-MIC-11070-13-CG2',
  'BAN-TRA-BOX-CT100',
];

const STOPWORDS = new Set(['de', 'del', 'para', 'la', 'el', 'los', 'las', 'mi', 'un', 'una', 'y', 'con', 'moto', 'en', 'por']);

function normalize(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9./-]+/g, ' ')
    .trim();
}

function tokenize(query: string): string[] {
  return normalize(query)
    .split(' ')
    .map((token) => token.replace(/^-+|-+$/g, ''))
    .filter((token) => token.length > 0 && !STOPWORDS.has(token));
}

/** Space-prefixed text for word-prefix matching; "90/90-18" is also indexed as "90 90 18". */
function searchable(text: string): string {
  const normalized = normalize(text);
  return ` ${normalized} ${normalized.replace(/[-/]+/g, ' ')}`;
}

/** Word-prefix match ("pastilla" finds "pastillas"), tolerant of Spanish plurals ("bujias" finds "bujia"). */
function matchesToken(haystack: string, token: string): boolean {
  if (haystack.includes(` ${token}`)) return true;
  if (token.length > 4 && token.endsWith('es') && haystack.includes(` ${token.slice(0, -2)}`)) return true;
  return token.length > 3 && token.endsWith('s') && haystack.includes(` ${token.slice(0, -1)}`);
}

/** The value of the motorcycle filter for one make and model. @example modelKey('Bajaj', 'Boxer CT100') // 'Bajaj|Boxer CT100' */
export function modelKey(make: string, model: string): string {
  return `${make}|${model}`;
}

/** @example indexProduct(product).haystack.includes(' bujia') */
export function indexProduct(product: Product): IndexedProduct {
  const modelNames = product.compatible.map((c) => `${c.make} ${c.model}`).join(' ');
  const text = [product.name, product.brand, product.category, product.sku, product.description, product.keywords.join(' '), modelNames];
  return {
    product,
    name: searchable(product.name),
    haystack: searchable(text.join(' ')),
    modelKeys: new Set(product.compatible.map((c) => modelKey(c.make, c.model))),
  };
}

/** @example isFiltered({ query: '', category: '', model: '', limit: 24 }) // false */
export function isFiltered(state: FilterState): boolean {
  return state.query.trim() !== '' || state.category !== '' || state.model !== '';
}

/**
 * The products matching the filters, best first: every query word must match; a match in the
 * name, being in stock and fitting the chosen motorcycle rank higher.
 * @example rankProducts(products, { query: 'pastillas ns200', category: '', model: '', limit: 24 })
 */
export function rankProducts(products: readonly IndexedProduct[], state: FilterState): IndexedProduct[] {
  const tokens = tokenize(state.query);
  const scored: { entry: IndexedProduct; score: number }[] = [];
  for (const entry of products) {
    if (state.category && entry.product.category !== state.category) continue;
    if (state.model && !entry.product.universal && !entry.modelKeys.has(state.model)) continue;
    if (state.model && entry.product.universal && state.category === '' && tokens.length === 0) continue;
    let score = 0;
    let ok = true;
    for (const token of tokens) {
      if (!matchesToken(entry.haystack, token)) {
        ok = false;
        break;
      }
      score += matchesToken(entry.name, token) ? 3 : 1;
    }
    if (!ok) continue;
    if (entry.product.stock > 0) score += 0.5;
    if (state.model && !entry.product.universal) score += 1;
    scored.push({ entry, score });
  }
  scored.sort((a, b) => b.score - a.score || a.entry.product.name.localeCompare(b.entry.product.name, 'es'));
  return scored.map((item) => item.entry);
}

/**
 * The best sellers shown before any filter; if the catalog changed, filled up with in-stock
 * products, one category at a time.
 * @example pickFeatured(products).length // 24
 */
export function pickFeatured(products: readonly IndexedProduct[]): IndexedProduct[] {
  const chosen: IndexedProduct[] = [];
  const seen = new Set<string>();
  for (const sku of FEATURED_SKUS) {
    const entry = products.find((item) => item.product.sku === sku);
    if (entry) {
      chosen.push(entry);
      seen.add(sku);
    }
  }
  const rest = products.filter((item) => !seen.has(item.product.sku) && item.product.stock > 0);
  const categories = [...new Set(rest.map((item) => item.product.category))];
  let round = 0;
  while (chosen.length < PAGE_SIZE && rest.length > 0 && round < rest.length) {
    for (const category of categories) {
      const next = rest.filter((item) => item.product.category === category)[round];
      if (next && chosen.length < PAGE_SIZE) chosen.push(next);
    }
    round++;
  }
  return chosen;
}
