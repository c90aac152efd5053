import { fitsModel, type Catalog, type Product } from '../../src/bot/catalog';
import type { Pick } from './types';

const GENUINE = /Genuine|Original/;
// The brands shops sell as their premium line (plus each maker's genuine parts).
const BEST = /Genuine|Original|Brembo|Michelin|Pirelli|Metzeler|Motul|NGK|Yuasa|DID|Bosch|Ferodo|Castrol|LS2/;

/** The wheel (or end) a product takes on `model`: the fit's own `position`, else its name's. */
export function positionOn(product: Product, model: string | undefined): 'front' | 'rear' | undefined {
  const fit = model ? product.compatible.find((f) => f.model === model) : undefined;
  if (fit?.position) return fit.position;
  if (/delanter/i.test(product.name)) return 'front';
  if (/traser/i.test(product.name)) return 'rear';
  return undefined;
}

/** Whether `product` fits the model the catalog calls `model` (in `year`): universal parts fit every bike. */
export function fitsBike(catalog: Catalog, product: Product, model: string, year?: number): boolean {
  const bike = catalog.models.find((m) => m.model === model);
  if (!bike) throw new Error(`eval: no model "${model}" in the catalog`);
  return fitsModel(product, bike, year);
}

/** The SKUs that answer a question, computed from the catalog with the case's predicate. */
export function acceptable(catalog: Catalog, pick: Pick): Set<string> {
  let found = catalog.products.filter((p) =>
    pick.type.test(p.name)
    && (!pick.fits || fitsBike(catalog, p, pick.fits, pick.year))
    && (!pick.brand || pick.brand.test(p.brand))
    && (!pick.position || (positionOn(p, pick.fits) ?? pick.position) === pick.position));
  if (pick.rank === 'cheapest') {
    const stocked = found.some((p) => p.stock > 0) ? found.filter((p) => p.stock > 0) : found;
    const min = Math.min(...stocked.map((p) => p.price));
    found = stocked.filter((p) => p.price === min);
  } else if (pick.rank) {
    const test = pick.rank === 'genuine' ? (p: Product) => GENUINE.test(p.brand)
      : pick.rank === 'generic' ? (p: Product) => !GENUINE.test(p.brand)
      : (p: Product) => BEST.test(p.brand);
    if (found.some(test)) found = found.filter(test);
  }
  return new Set(found.map((p) => p.sku));
}
