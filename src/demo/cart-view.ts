import { addToCart, CART_EVENT, CART_STORAGE_KEY, cartCount, parseCartDetail, readCart, writeCart, type CartLine } from './cart';
import type { Product } from './catalog';
import { byId, el } from './dom';
import { formatCop } from './format-cop';

/**
 * The cart counter, the cart dialog and the "added" toast. The single place where the cart grows
 * is the window's `cart_item_added` listener, whoever dispatched the event (the page's buttons or
 * the chatbot widget), so an item is counted exactly once.
 * @example mountCart(bySku); window.dispatchEvent(new CustomEvent('cart_item_added', { detail }));
 */
export function mountCart(catalog: ReadonlyMap<string, Product>): void {
  const badge = byId('cart-count', HTMLSpanElement);
  const cartButton = byId('cart-button', HTMLButtonElement);
  const cartDialog = byId('cart-dialog', HTMLDialogElement);
  const cartItems = byId('cart-items', HTMLUListElement);
  const cartEmpty = byId('cart-empty', HTMLParagraphElement);
  const cartSummary = byId('cart-summary', HTMLDivElement);
  const cartTotal = byId('cart-total', HTMLElement);
  const cartClear = byId('cart-clear', HTMLButtonElement);
  const cartClose = byId('cart-close', HTMLButtonElement);
  const toast = byId('toast', HTMLDivElement);

  function cartLine(line: CartLine): HTMLLIElement {
    const item = el('li', 'cart-line');
    const info = el('div', 'cart-line-info');
    info.append(el('span', 'cart-line-name', line.name), el('span', 'cart-line-meta', `${line.quantity} × ${formatCop(line.price)}`));
    const subtotal = el('span', 'cart-line-total', formatCop(line.price * line.quantity));
    const remove = el('button', 'link-button', 'Quitar');
    remove.type = 'button';
    remove.setAttribute('aria-label', `Quitar ${line.name} del carrito`);
    remove.addEventListener('click', () => {
      const next = readCart().filter((entry) => entry.sku !== line.sku);
      writeCart(next);
      renderCart(next);
      cartClose.focus();
    });
    item.append(info, subtotal, remove);
    return item;
  }

  function renderCart(lines: readonly CartLine[] = readCart()): void {
    const count = cartCount(lines);
    const text = String(count);
    if (badge.textContent !== text) badge.textContent = text;
    badge.classList.toggle('is-empty', count === 0);
    cartButton.setAttribute('aria-label', `Carrito: ${count} ${count === 1 ? 'producto' : 'productos'}`);
    cartItems.replaceChildren(...lines.map(cartLine));
    const empty = lines.length === 0;
    cartEmpty.hidden = !empty;
    cartSummary.hidden = empty;
    cartItems.hidden = empty;
    cartTotal.textContent = formatCop(lines.reduce((sum, line) => sum + line.price * line.quantity, 0));
  }

  let toastTimer: number | undefined;
  function showToast(message: string): void {
    toast.textContent = message;
    toast.classList.add('is-visible');
    window.clearTimeout(toastTimer);
    toastTimer = window.setTimeout(() => toast.classList.remove('is-visible'), 2600);
  }

  // `detail` is read without `instanceof CustomEvent`, so events built in another realm (for
  // example a widget iframe dispatching on the parent window) are accepted too.
  window.addEventListener(CART_EVENT, (event: Event) => {
    const detail: unknown = (event as Partial<CustomEvent<unknown>>).detail;
    const line = parseCartDetail(detail, catalog);
    if (!line) return;
    const lines = addToCart(line);
    renderCart(lines);
    showToast(`${line.name} agregado al carrito`);
  });

  // Another tab (or the widget in another tab) changed the cart.
  window.addEventListener('storage', (event) => {
    if (event.key === null || event.key === CART_STORAGE_KEY) renderCart();
  });

  cartButton.addEventListener('click', () => {
    renderCart();
    cartDialog.showModal();
  });
  cartClose.addEventListener('click', () => cartDialog.close());
  cartDialog.addEventListener('click', (event) => {
    // Click on the backdrop closes the dialog.
    if (event.target === cartDialog) cartDialog.close();
  });
  cartClear.addEventListener('click', () => {
    writeCart([]);
    renderCart([]);
    cartClose.focus();
  });

  renderCart();
}
