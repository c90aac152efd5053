import * as z from 'zod/mini';
import { childrenOf, xml, type XmlElement } from './xml';

/** The store's product card element on a staff message: `<product xmlns='urn:repuestos-motos:product:0' sku='…'/>`. */
export const PRODUCT_NS = 'urn:repuestos-motos:product:0';

/** Most product cards one message may carry (the assistant shows at most a handful too). */
export const MAX_PRODUCT_CARDS = 10;

// Catalog skus are letters, digits and . _ - / (the demo's are like FIL-ACE-BOX-CT100): nothing a
// receiver could mistake for markup or a path outside the catalog.
const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,79}$/;
/** One catalog sku, as carried on the wire. */
export const SkuSchema = z.string().check(z.regex(SKU_PATTERN));
/** The skus of one message: at least one, at most {@link MAX_PRODUCT_CARDS} (the parser drops repeats). */
export const ProductSkusSchema = z.array(SkuSchema).check(z.minLength(1), z.maxLength(MAX_PRODUCT_CARDS));

/**
 * What other XMPP clients show of a product card (the body's fallback line). Receivers that know
 * the element never show it: they look the sku up in their own catalog instead.
 */
export interface ProductMention {
  sku: string;
  name: string;
  /** Already formatted for the customer (`$ 25.000`). */
  price: string;
  url?: string;
}

/**
 * The text of a message with product cards: the agent's text, then one `• name — price — url`
 * line per product (the line shape the widget already hides under the assistant's cards).
 * @example productFallbackText('Mira este:', [{ sku: 'FIL-1', name: 'Filtro', price: '$ 25.000' }]) // 'Mira este:\n• Filtro — $ 25.000'
 */
export function productFallbackText(text: string, products: readonly ProductMention[]): string {
  const lines = products.map((p) => `• ${[p.name.replace(/\s+/g, ' ').trim(), p.price, p.url].filter(Boolean).join(' — ')}`);
  return [text.trim(), ...lines].filter(Boolean).join('\n');
}

/** The `<product/>` elements of a message, one per sku. @example productElements(['FIL-1']) */
export function productElements(skus: readonly string[]): XmlElement[] {
  return [...new Set(skus)].map((sku) => xml('product', PRODUCT_NS, { sku }));
}

/** The skus a message names, repeats dropped, unchecked (the event schema checks them); undefined when none. */
export function productSkusOf(message: XmlElement): string[] | undefined {
  const products = childrenOf(message, PRODUCT_NS, 'product');
  return products.length ? [...new Set(products.map((p) => p.attrs.sku ?? ''))] : undefined;
}
