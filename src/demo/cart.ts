import type { Product } from './catalog';
import { asNumber, asString, isRecord } from './read-json';

export interface CartLine {
  sku: string;
  name: string;
  price: number;
  quantity: number;
}

/** Detail of the `cart_item_added` event, as dispatched by this page and by the chatbot widget. */
export interface CartItemAddedDetail {
  id: string;
  sku: string;
  name: string;
  price: number;
  quantity: number;
}

export const CART_STORAGE_KEY = 'repuestos-motos:cart';
export const CART_EVENT = 'cart_item_added';

const MAX_LINE_QUANTITY = 99;

/**
 * Accepts the event detail from any dispatcher; `sku` wins over `id`; quantity defaults to 1.
 * @example parseCartDetail({ id: 'BUJ-NGK-C7HSA', name: 'Bujía', price: 12900 }, bySku) // { sku, name, price, quantity: 1 }
 */
export function parseCartDetail(detail: unknown, catalog: ReadonlyMap<string, Product>): CartLine | null {
  if (!isRecord(detail)) return null;
  const rawId = detail.sku ?? detail.id;
  const sku = typeof rawId === 'number' ? String(rawId) : asString(rawId).trim();
  if (!sku) return null;
  const known = catalog.get(sku);
  const name = asString(detail.name).trim() || known?.name || sku;
  const price = asNumber(detail.price, known?.price ?? -1);
  if (price < 0) return null;
  const rawQuantity = asNumber(detail.quantity, 1);
  const quantity = Math.min(MAX_LINE_QUANTITY, Math.max(1, Math.floor(rawQuantity)));
  return { sku, name, price: Math.round(price), quantity };
}

function parseCartLine(value: unknown): CartLine | null {
  if (!isRecord(value)) return null;
  const sku = asString(value.sku);
  const quantity = Math.floor(asNumber(value.quantity));
  if (!sku || quantity < 1) return null;
  return { sku, name: asString(value.name, sku), price: asNumber(value.price), quantity };
}

/** The cart as saved in localStorage (shared with the widget and the other tabs). @example readCart().length */
export function readCart(): CartLine[] {
  try {
    const raw = localStorage.getItem(CART_STORAGE_KEY);
    if (!raw) return [];
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.map(parseCartLine).filter((line): line is CartLine => line !== null);
  } catch {
    return [];
  }
}

/** @example writeCart([]) // empties the cart */
export function writeCart(lines: CartLine[]): void {
  try {
    if (lines.length === 0) localStorage.removeItem(CART_STORAGE_KEY);
    else localStorage.setItem(CART_STORAGE_KEY, JSON.stringify(lines));
  } catch {
    // Private mode or quota: the cart still works for this page view.
  }
}

/** Adds a line (merging with the same sku) and saves the cart. @example addToCart(line).length */
export function addToCart(line: CartLine): CartLine[] {
  const lines = readCart();
  const existing = lines.find((item) => item.sku === line.sku);
  if (existing) {
    existing.quantity = Math.min(MAX_LINE_QUANTITY, existing.quantity + line.quantity);
    existing.price = line.price;
    existing.name = line.name;
  } else {
    lines.push(line);
  }
  writeCart(lines);
  return lines;
}

/** @example cartCount([{ sku: 'A', name: 'A', price: 1, quantity: 2 }]) // 2 */
export function cartCount(lines: readonly CartLine[]): number {
  return lines.reduce((sum, line) => sum + line.quantity, 0);
}
