import * as z from 'zod/mini';
import { ChatbotError } from '../core/errors';

const text = (value: unknown, min: number, max: number): value is string => typeof value === 'string' && value.length >= min && value.length <= max;
const isYears = (value: unknown): value is number[] => Array.isArray(value) && value.every((y) => Number.isInteger(y) && y >= 1950 && y <= 2100);

const FitSchema = z.object({
  make: z.string().check(z.minLength(1), z.maxLength(60)),
  model: z.string().check(z.minLength(1), z.maxLength(60)),
  // One check per list, not one schema per year: a catalog lists thousands of model years.
  years: z._default(z.custom<number[]>((value) => isYears(value)), []),
  /** The wheel (or end) the part goes on for this model, when only one: a tyre front on one bike, rear on another. */
  position: z.optional(z.enum(['front', 'rear'])),
});

/** One part of the store's catalog (the shape of `public/catalog.json`). */
export const ProductSchema = z.object({
  sku: z.string().check(z.minLength(1), z.maxLength(80)),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  brand: z._default(z.string().check(z.maxLength(80)), ''),
  category: z._default(z.string().check(z.maxLength(80)), ''),
  price: z.number().check(z.minimum(0)),
  stock: z._default(z.int().check(z.minimum(0)), 0),
  compatible: z._default(z.array(FitSchema), []),
  universal: z._default(z.boolean(), false),
  image: z.optional(z.string().check(z.maxLength(500))),
  url: z.optional(z.string().check(z.maxLength(500))),
  description: z._default(z.string().check(z.maxLength(2000)), ''),
  keywords: z._default(z.custom<string[]>((value) => Array.isArray(value) && value.every((k) => typeof k === 'string' && k.length <= 120)), []),
});
export type Product = z.output<typeof ProductSchema>;
export type Fit = z.output<typeof FitSchema>;


function fastFit(value: unknown): Fit | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { make, model, years = [], position } = value as Record<string, unknown>;
  if (!text(make, 1, 60) || !text(model, 1, 60) || !isYears(years) || (position !== undefined && position !== 'front' && position !== 'rear')) return undefined;
  return { make, model, years, ...(position !== undefined ? { position } : {}) };
}

/**
 * The common case of `ProductSchema`, checked by hand: a catalog's parts are validated on the
 * first question, where the schema's per-field calls cost tens of milliseconds. Anything this
 * does not accept as plainly valid goes through the schema, which has the last word (a unit test
 * keeps the two equal on the demo catalog and on broken rows).
 */
export function fastProduct(value: unknown): Product | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const p = value as Record<string, unknown>;
  const { sku, name, brand = '', category = '', price, stock = 0, compatible = [], universal = false, image, url, description = '', keywords = [] } = p;
  if (!text(sku, 1, 80) || !text(name, 1, 200) || !text(brand, 0, 80) || !text(category, 0, 80) || typeof price !== 'number' || !Number.isFinite(price) || price < 0) return undefined;
  if (!Number.isInteger(stock) || (stock as number) < 0 || !Array.isArray(compatible) || typeof universal !== 'boolean') return undefined;
  if ((image !== undefined && !text(image, 0, 500)) || (url !== undefined && !text(url, 0, 500)) || !text(description, 0, 2000)) return undefined;
  if (!Array.isArray(keywords) || !keywords.every((k) => text(k, 0, 120))) return undefined;
  const fits: Fit[] = [];
  for (const fit of compatible) {
    const checked = fastFit(fit);
    if (!checked) return undefined;
    fits.push(checked);
  }
  return {
    sku, name, brand, category, price, stock: stock as number, compatible: fits, universal,
    ...(image !== undefined ? { image } : {}), ...(url !== undefined ? { url } : {}), description, keywords: keywords as string[],
  };
}

/** A motorcycle the catalog has parts for, e.g. `{ make: 'Bajaj', model: 'Boxer CT100' }`. */
export interface BikeModel {
  /** `${make} ${model}`, the model's identity. */
  key: string;
  make: string;
  model: string;
  /** Every year some catalog part lists for this model, ascending. */
  years: number[];
}

export interface Catalog {
  version: string;
  currency: string;
  products: Product[];
  models: BikeModel[];
  /** Products the file listed that were invalid and left out. */
  skipped: number;
}

/**
 * Validates a catalog file (`{ products: [...] }` or a bare array). Invalid products are left out
 * and counted, so one bad row in a store's export does not take the assistant down; a file with
 * no valid product at all is rejected.
 * @example const catalog = normalizeCatalog(await (await fetch('/catalog.json')).json());
 */
export function normalizeCatalog(raw: unknown): Catalog {
  const source = Array.isArray(raw) ? { products: raw } : raw;
  if (typeof source !== 'object' || source === null || !Array.isArray((source as { products?: unknown }).products)) {
    throw new ChatbotError('VALIDATION', 'catalog: expected { products: [...] }');
  }
  const file = source as { products: unknown[]; version?: unknown; currency?: unknown };
  const products: Product[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const item of file.products) {
    const fast = fastProduct(item);
    const parsed = fast ? { success: true as const, data: fast } : ProductSchema.safeParse(item);
    if (!parsed.success || seen.has(parsed.data.sku)) {
      skipped++;
      continue;
    }
    seen.add(parsed.data.sku);
    products.push(parsed.data);
  }
  if (products.length === 0) throw new ChatbotError('VALIDATION', 'catalog: no valid product');
  return {
    version: file.version === undefined ? '' : String(file.version),
    currency: typeof file.currency === 'string' ? file.currency : 'COP',
    products,
    models: collectModels(products),
    skipped,
  };
}

function collectModels(products: Product[]): BikeModel[] {
  const models = new Map<string, BikeModel>();
  for (const product of products) {
    for (const fit of product.compatible) {
      const key = `${fit.make} ${fit.model}`;
      let model = models.get(key);
      if (!model) models.set(key, (model = { key, make: fit.make, model: fit.model, years: [] }));
      for (const year of fit.years) if (!model.years.includes(year)) model.years.push(year);
    }
  }
  for (const model of models.values()) model.years.sort((a, b) => a - b);
  return [...models.values()];
}

/**
 * Whether `product` fits `model` (and `year`, when given and the catalog lists years).
 * @example fitsModel(filter, ct100, 2018) // true when the filter lists the Boxer CT100 for 2018
 */
export function fitsModel(product: Product, model: BikeModel, year?: number): boolean {
  if (product.universal) return true;
  return product.compatible.some(
    (fit) => `${fit.make} ${fit.model}` === model.key && (year === undefined || fit.years.length === 0 || fit.years.includes(year)),
  );
}
