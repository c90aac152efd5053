import type { ProductCard } from '../../bot';
import type { I18n } from '../../i18n';
import { h } from './dom';

/**
 * Only http(s) and same-site paths become links or images: catalog data is not trusted.
 * @example safeUrl('javascript:alert(1)', location.href) // undefined
 */
function safeUrl(value: string | undefined, base: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One product of an answer: photo, name, price in COP, stock, what it fits, and "Agregar al
 * carrito", which tells the store page through the `cart_item_added` window event.
 * @example cards.append(productCard(doc, window, i18n, card, (p) => announce(p.name)));
 */
export function productCard(doc: Document, host: Window, i18n: I18n, product: ProductCard, onAdded: (product: ProductCard) => void): HTMLLIElement {
  const base = host.location.href;
  const image = safeUrl(product.image, base);
  const link = safeUrl(product.url, base);
  const inStock = product.stock > 0;
  const fits = product.universal ? i18n.t('card.universal') : product.fits.length ? i18n.t('card.fits', { models: i18n.list(product.fits) }) : '';
  const add = h(doc, 'button', {
    type: 'button',
    class: 'add',
    'aria-label': i18n.t('card.addToCartLabel', { name: product.name }),
    disabled: !inStock,
    onclick: () => {
      const detail = { id: product.sku, sku: product.sku, name: product.name, price: product.price, quantity: 1 };
      host.dispatchEvent(new CustomEvent('cart_item_added', { detail }));
      onAdded(product);
    },
  }, i18n.t('card.addToCart'));
  return h(doc, 'li', { class: 'card' },
    image ? h(doc, 'img', { src: image, alt: '', width: 64, height: 64, loading: 'lazy', decoding: 'async' }) : h(doc, 'span'),
    h(doc, 'div', {},
      h(doc, 'p', { class: 'card-name' }, link ? h(doc, 'a', { href: link }, product.name) : product.name),
      product.brand ? h(doc, 'p', { class: 'card-line', text: product.brand }) : null,
      h(doc, 'p', { class: 'card-price', text: i18n.price(product.price) }),
      h(doc, 'p', { class: `card-line ${inStock ? 'stock-in' : 'stock-out'}`, text: inStock ? i18n.tn('card.stock', product.stock) : i18n.t('card.outOfStock') }),
      fits ? h(doc, 'p', { class: 'card-line', text: fits }) : null,
      add,
    ),
  );
}
