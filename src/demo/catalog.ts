import { asNumber, asString, asStringArray, isRecord } from './read-json';

export interface Compatibility {
  make: string;
  model: string;
  years: number[];
}

/**
 * One part of `/catalog.json`, as the storefront shows it.
 * @example parseCatalog(await (await fetch('/catalog.json')).json())[0].sku // 'KIT-ARR-BOX-CT100'
 */
export interface Product {
  sku: string;
  name: string;
  brand: string;
  category: string;
  price: number;
  stock: number;
  compatible: Compatibility[];
  universal: boolean;
  image: string;
  url: string;
  description: string;
  keywords: string[];
}

function parseCompatibility(value: unknown): Compatibility | null {
  if (!isRecord(value)) return null;
  const make = asString(value.make);
  const model = asString(value.model);
  if (!make || !model) return null;
  const years = Array.isArray(value.years)
    ? value.years.filter((year): year is number => typeof year === 'number' && Number.isInteger(year))
    : [];
  return { make, model, years };
}

function parseProduct(value: unknown): Product | null {
  if (!isRecord(value)) return null;
  const sku = asString(value.sku);
  const name = asString(value.name);
  const price = asNumber(value.price, -1);
  if (!sku || !name || price < 0) return null;
  const compatible = Array.isArray(value.compatible)
    ? value.compatible.map(parseCompatibility).filter((item): item is Compatibility => item !== null)
    : [];
  return {
    sku,
    name,
    brand: asString(value.brand),
    category: asString(value.category, 'Otros'),
    price: Math.round(price),
    stock: Math.max(0, Math.floor(asNumber(value.stock))),
    compatible,
    universal: value.universal === true,
    image: asString(value.image),
    url: asString(value.url),
    description: asString(value.description),
    keywords: asStringArray(value.keywords),
  };
}

/**
 * Reads the catalog file (`{ products: [...] }` or a bare array), skipping malformed entries.
 * @example parseCatalog({ products: [{ sku: 'BUJ-NGK-C7HSA', name: 'Bujía NGK C7HSA', price: 12900 }] }).length // 1
 */
export function parseCatalog(value: unknown): Product[] {
  const list = isRecord(value) ? value.products : value;
  if (!Array.isArray(list)) return [];
  return list.map(parseProduct).filter((item): item is Product => item !== null);
}
