import type { Product } from './catalog';
import { el } from './dom';
import { formatCop } from './format-cop';

const LOW_STOCK = 3;

function yearsText(years: readonly number[]): string {
  if (years.length === 0) return '';
  const first = years[0];
  const last = years[years.length - 1];
  return first === last ? ` (${first})` : ` (${first}–${last})`;
}

function fitText(product: Product): string {
  if (product.universal || product.compatible.length === 0) return 'Universal: sirve para cualquier moto';
  const names = product.compatible.map((c) => `${c.make} ${c.model}`);
  const first = product.compatible[0];
  if (product.compatible.length === 1 && first) return `Para ${first.make} ${first.model}${yearsText(first.years)}`;
  if (names.length <= 3) return `Para ${names.join(', ')}`;
  return `Para ${names.slice(0, 2).join(', ')} y ${names.length - 2} motos más`;
}

function stockLabel(stock: number): { text: string; className: string } {
  if (stock === 0) return { text: 'Sin existencias', className: 'stock is-out' };
  if (stock <= LOW_STOCK) return { text: stock === 1 ? '¡Última unidad!' : `¡Solo quedan ${stock}!`, className: 'stock is-low' };
  return { text: `${stock} disponibles`, className: 'stock is-in' };
}

/**
 * One product of the grid; its "Agregar al carrito" button carries the sku in `data-sku`.
 * @example grid.append(createProductCard(product));
 */
export function createProductCard(product: Product): HTMLLIElement {
  const item = el('li', 'product-card');
  const media = el('div', 'product-media');
  const image = el('img');
  image.src = product.image || '/img/parts/accesorios.svg';
  image.alt = `Imagen ilustrativa de ${product.category.toLowerCase()}`;
  image.width = 120;
  image.height = 120;
  image.loading = 'lazy';
  image.decoding = 'async';
  media.append(image);

  const body = el('div', 'product-body');
  const category = el('p', 'product-category', product.category);
  const name = el('h3', 'product-name', product.name);
  const brand = el('p', 'product-brand', `Marca: ${product.brand}`);
  const fit = el('p', product.universal ? 'product-fit is-universal' : 'product-fit', fitText(product));
  const sku = el('p', 'product-sku', `Ref. ${product.sku}`);
  body.append(category, name, brand, fit, sku);

  const footer = el('div', 'product-footer');
  const price = el('p', 'product-price', formatCop(product.price));
  const label = stockLabel(product.stock);
  const stock = el('p', label.className, label.text);
  const button = el('button', 'add-to-cart');
  button.type = 'button';
  button.dataset.sku = product.sku;
  if (product.stock === 0) {
    button.disabled = true;
    button.append('Agotado');
  } else {
    button.append('Agregar al carrito');
  }
  button.append(el('span', 'visually-hidden', `: ${product.name}`));
  footer.append(price, stock, button);

  item.append(media, body, footer);
  return item;
}
