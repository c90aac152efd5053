// Demo storefront of "Repuestos Motos": renders the catalog, filters it, and keeps a small cart.
// CSP-friendly: no innerHTML, no inline styles; DOM nodes are created and filled with textContent.
// Styles are plain files imported in cascade order (Vite bundles them into one stylesheet).
import './styles/base.css';
import './styles/buttons.css';
import './styles/header.css';
import './styles/hero.css';
import './styles/products.css';
import './styles/footer.css';
import './styles/cart.css';
import './styles/responsive.css';
import type { Product } from './catalog';
import { mountCart } from './cart-view';
import { mountCatalog } from './catalog-view';

function start(): void {
  // sku → product, filled by the catalog once loaded; the cart reads names and prices from it.
  const catalog = new Map<string, Product>();
  mountCart(catalog);
  mountCatalog(catalog);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
