/**
 * Creates an element with an optional class and text (never HTML).
 * @example el('p', 'product-price', formatCop(12900))
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The page element with this id, of this type, or a clear error. @example byId('cart-dialog', HTMLDialogElement) */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`#${id} missing`);
  return node;
}
