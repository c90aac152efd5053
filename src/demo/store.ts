// Demo storefront of "Repuestos Motos": renders the catalog, filters it, and keeps a small cart.
// The page's cart listens to `cart_item_added` on window, whoever dispatches it (the page's own
// buttons or the chatbot widget), so an item is counted exactly once.
// CSP-friendly: no innerHTML, no inline styles; DOM nodes are created and filled with textContent.
import './store.css';

// ---------------------------------------------------------------------------------------------
// Types and parsing
// ---------------------------------------------------------------------------------------------

interface Compatibility {
  make: string;
  model: string;
  years: number[];
}

interface Product {
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

interface CartLine {
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

const CATALOG_URL = '/catalog.json';
const PAGE_SIZE = 24;
const MAX_LINE_QUANTITY = 99;
const LOW_STOCK = 3;

/** Hand-picked best sellers shown before the shopper filters anything. */
const FEATURED_SKUS = [
  'KIT-ARR-BOX-CT100',
  'FIL-ACE-BOX-CT100',
  'PAS-DEL-NS200',
  'LLA-PIR-275-18-SC',
  'ACE-CAS-POW1-20W50',
  'CAS-LS2-FF353-BLANCO',
  'BAT-MAG-12N5L',
  'BUJ-NGK-C7HSA',
  'KIT-ARR-NKD125',
  'FIL-AIR-FZ20',
  'LLA-MIC-10080-17-PS',
  'AMO-TRA-BOX-CT100',
  'DIS-CLU-PUL180',
  'ACE-MOT-5100-10W40',
  'GUA-CLU-NKD125',
  'CAS-SHA-526-NEGRO',
  'BAT-YUA-YTX7L',
  'IMP-ICH-2PZ-REFLECTIVO',
  'KIT-ARR-XR150L',
  'BOM-H4-ULTRA-LED',
  'LUB-MOT-CHAINLUBE',
  'SIL-FZ20',
  'LLA-MIC-11070-13-CG2',
  'BAN-TRA-BOX-CT100',
];

const STOPWORDS = new Set(['de', 'del', 'para', 'la', 'el', 'los', 'las', 'mi', 'un', 'una', 'y', 'con', 'moto', 'en', 'por']);

const money = new Intl.NumberFormat('es-CO', {
  style: 'currency',
  currency: 'COP',
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
});

export function formatCop(value: number): string {
  return money.format(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asString(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

function asNumber(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function asStringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
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

export function parseCatalog(value: unknown): Product[] {
  const list = isRecord(value) ? value.products : value;
  if (!Array.isArray(list)) return [];
  return list.map(parseProduct).filter((item): item is Product => item !== null);
}

/** Accepts the event detail from any dispatcher; `sku` wins over `id`; quantity defaults to 1. */
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

// ---------------------------------------------------------------------------------------------
// Cart (localStorage)
// ---------------------------------------------------------------------------------------------

function parseCartLine(value: unknown): CartLine | null {
  if (!isRecord(value)) return null;
  const sku = asString(value.sku);
  const quantity = Math.floor(asNumber(value.quantity));
  if (!sku || quantity < 1) return null;
  return { sku, name: asString(value.name, sku), price: asNumber(value.price), quantity };
}

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

function writeCart(lines: CartLine[]): void {
  try {
    if (lines.length === 0) localStorage.removeItem(CART_STORAGE_KEY);
    else localStorage.setItem(CART_STORAGE_KEY, JSON.stringify(lines));
  } catch {
    // Private mode or quota: the cart still works for this page view.
  }
}

function addToCart(line: CartLine): CartLine[] {
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

function cartCount(lines: readonly CartLine[]): number {
  return lines.reduce((sum, line) => sum + line.quantity, 0);
}

// ---------------------------------------------------------------------------------------------
// DOM helpers
// ---------------------------------------------------------------------------------------------

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`#${id} missing`);
  return node;
}

function normalize(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9./-]+/g, ' ')
    .trim();
}

function tokenize(query: string): string[] {
  return normalize(query)
    .split(' ')
    .map((token) => token.replace(/^-+|-+$/g, ''))
    .filter((token) => token.length > 0 && !STOPWORDS.has(token));
}

/** Space-prefixed text for word-prefix matching; "90/90-18" is also indexed as "90 90 18". */
function searchable(text: string): string {
  const normalized = normalize(text);
  return ` ${normalized} ${normalized.replace(/[-/]+/g, ' ')}`;
}

/** Word-prefix match ("pastilla" finds "pastillas"), tolerant of Spanish plurals ("bujias" finds "bujia"). */
function matchesToken(haystack: string, token: string): boolean {
  if (haystack.includes(` ${token}`)) return true;
  if (token.length > 4 && token.endsWith('es') && haystack.includes(` ${token.slice(0, -2)}`)) return true;
  return token.length > 3 && token.endsWith('s') && haystack.includes(` ${token.slice(0, -1)}`);
}

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

// ---------------------------------------------------------------------------------------------
// Store page
// ---------------------------------------------------------------------------------------------

interface IndexedProduct {
  product: Product;
  name: string;
  haystack: string;
  modelKeys: Set<string>;
}

interface FilterState {
  query: string;
  category: string;
  model: string;
  limit: number;
}

function modelKey(make: string, model: string): string {
  return `${make}|${model}`;
}

function start(): void {
  const grid = byId('product-grid', HTMLUListElement);
  const status = byId('results-status', HTMLParagraphElement);
  const title = byId('products-title', HTMLHeadingElement);
  const searchForm = byId('search-form', HTMLFormElement);
  const searchInput = byId('search-input', HTMLInputElement);
  const categorySelect = byId('category-filter', HTMLSelectElement);
  const modelSelect = byId('model-filter', HTMLSelectElement);
  const clearButton = byId('clear-filters', HTMLButtonElement);
  const moreButton = byId('load-more', HTMLButtonElement);
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
  const navLinks = Array.from(document.querySelectorAll<HTMLAnchorElement>('a[data-category]'));

  let products: IndexedProduct[] = [];
  const bySku = new Map<string, Product>();
  const state: FilterState = { query: '', category: '', model: '', limit: PAGE_SIZE };

  // --- Cart --------------------------------------------------------------------------------

  function renderCart(lines: readonly CartLine[] = readCart()): void {
    const count = cartCount(lines);
    const text = String(count);
    if (badge.textContent !== text) badge.textContent = text;
    badge.classList.toggle('is-empty', count === 0);
    cartButton.setAttribute('aria-label', `Carrito: ${count} ${count === 1 ? 'producto' : 'productos'}`);

    cartItems.replaceChildren(
      ...lines.map((line) => {
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
      }),
    );
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

  // The single place where the cart grows: every `cart_item_added`, whoever dispatched it.
  // `detail` is read without `instanceof CustomEvent`, so events built in another realm
  // (for example a widget iframe dispatching on the parent window) are accepted too.
  window.addEventListener(CART_EVENT, (event: Event) => {
    const detail: unknown = (event as Partial<CustomEvent<unknown>>).detail;
    const line = parseCartDetail(detail, bySku);
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

  // --- Product cards -----------------------------------------------------------------------

  function card(product: Product): HTMLLIElement {
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
    let stockText = `${product.stock} disponibles`;
    let stockClass = 'stock is-in';
    if (product.stock === 0) {
      stockText = 'Sin existencias';
      stockClass = 'stock is-out';
    } else if (product.stock <= LOW_STOCK) {
      stockText = product.stock === 1 ? '¡Última unidad!' : `¡Solo quedan ${product.stock}!`;
      stockClass = 'stock is-low';
    }
    const stock = el('p', stockClass, stockText);
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

  // The page's buttons only announce the intent; the listener above updates the cart.
  grid.addEventListener('click', (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const button = target.closest<HTMLButtonElement>('button.add-to-cart');
    if (!button || button.disabled) return;
    const product = bySku.get(button.dataset.sku ?? '');
    if (!product) return;
    const detail: CartItemAddedDetail = { id: product.sku, sku: product.sku, name: product.name, price: product.price, quantity: 1 };
    window.dispatchEvent(new CustomEvent<CartItemAddedDetail>(CART_EVENT, { detail }));
    button.classList.add('is-added');
    window.setTimeout(() => button.classList.remove('is-added'), 1200);
  });

  // --- Filtering ---------------------------------------------------------------------------

  function isFiltered(): boolean {
    return state.query.trim() !== '' || state.category !== '' || state.model !== '';
  }

  function matches(): IndexedProduct[] {
    const tokens = tokenize(state.query);
    const scored: { entry: IndexedProduct; score: number }[] = [];
    for (const entry of products) {
      if (state.category && entry.product.category !== state.category) continue;
      if (state.model && !entry.product.universal && !entry.modelKeys.has(state.model)) continue;
      if (state.model && entry.product.universal && state.category === '' && tokens.length === 0) continue;
      let score = 0;
      let ok = true;
      for (const token of tokens) {
        if (!matchesToken(entry.haystack, token)) {
          ok = false;
          break;
        }
        score += matchesToken(entry.name, token) ? 3 : 1;
      }
      if (!ok) continue;
      if (entry.product.stock > 0) score += 0.5;
      if (state.model && !entry.product.universal) score += 1;
      scored.push({ entry, score });
    }
    scored.sort((a, b) => b.score - a.score || a.entry.product.name.localeCompare(b.entry.product.name, 'es'));
    return scored.map((item) => item.entry);
  }

  function featured(): IndexedProduct[] {
    const chosen: IndexedProduct[] = [];
    const seen = new Set<string>();
    for (const sku of FEATURED_SKUS) {
      const entry = products.find((item) => item.product.sku === sku);
      if (entry) {
        chosen.push(entry);
        seen.add(sku);
      }
    }
    // If the catalog changed, fill up with in-stock products, one category at a time.
    const rest = products.filter((item) => !seen.has(item.product.sku) && item.product.stock > 0);
    const categories = [...new Set(rest.map((item) => item.product.category))];
    let round = 0;
    while (chosen.length < PAGE_SIZE && rest.length > 0 && round < rest.length) {
      for (const category of categories) {
        const next = rest.filter((item) => item.product.category === category)[round];
        if (next && chosen.length < PAGE_SIZE) chosen.push(next);
      }
      round++;
    }
    return chosen;
  }

  function updateUrl(): void {
    const params = new URLSearchParams();
    if (state.query.trim()) params.set('q', state.query.trim());
    if (state.category) params.set('categoria', state.category);
    if (state.model) params.set('moto', state.model);
    const search = params.toString();
    const url = `${location.pathname}${search ? `?${search}` : ''}${location.hash}`;
    history.replaceState(history.state, '', url);
  }

  function render(): void {
    const filtered = isFiltered();
    const list = filtered ? matches() : featured();
    const visible = list.slice(0, state.limit);
    grid.replaceChildren(...visible.map((entry) => card(entry.product)));

    if (!filtered) {
      title.textContent = 'Productos destacados';
    } else if (state.query.trim()) {
      title.textContent = `Resultados para “${state.query.trim()}”`;
    } else if (state.category) {
      title.textContent = state.category;
    } else {
      title.textContent = 'Repuestos para tu moto';
    }

    if (list.length === 0) {
      status.textContent = 'No encontramos productos con esos filtros. Prueba con otra palabra o pregúntale a nuestro asesor virtual.';
    } else if (!filtered) {
      status.textContent = `Los más vendidos de la semana · ${products.length} referencias en el catálogo`;
    } else {
      status.textContent = `Mostrando ${visible.length} de ${list.length} ${list.length === 1 ? 'producto' : 'productos'}`;
    }

    moreButton.hidden = visible.length >= list.length;
    clearButton.hidden = !filtered;
    for (const link of navLinks) {
      if (link.dataset.category === state.category && state.category !== '') link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
    }
  }

  function apply(changes: Partial<FilterState>): void {
    Object.assign(state, changes, { limit: changes.limit ?? PAGE_SIZE });
    if (searchInput.value !== state.query) searchInput.value = state.query;
    categorySelect.value = state.category;
    modelSelect.value = state.model;
    updateUrl();
    render();
  }

  let searchTimer: number | undefined;
  searchInput.addEventListener('input', () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => apply({ query: searchInput.value }), 180);
  });
  searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    window.clearTimeout(searchTimer);
    apply({ query: searchInput.value });
    document.getElementById('productos')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  });
  categorySelect.addEventListener('change', () => apply({ category: categorySelect.value }));
  modelSelect.addEventListener('change', () => apply({ model: modelSelect.value }));
  clearButton.addEventListener('click', () => {
    apply({ query: '', category: '', model: '' });
    searchInput.focus();
  });
  moreButton.addEventListener('click', () => {
    const firstNew = state.limit;
    apply({ limit: state.limit + PAGE_SIZE });
    const next = grid.children[firstNew]?.querySelector('button');
    if (next instanceof HTMLButtonElement) next.focus();
  });
  for (const link of navLinks) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      const category = link.dataset.category ?? '';
      apply({ category: state.category === category ? '' : category, query: '' });
      document.getElementById('productos')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    });
  }

  function fillFilters(): void {
    const categories = new Map<string, number>();
    const models = new Map<string, Map<string, number>>();
    for (const { product } of products) {
      categories.set(product.category, (categories.get(product.category) ?? 0) + 1);
      for (const fit of product.compatible) {
        const byMake = models.get(fit.make) ?? new Map<string, number>();
        byMake.set(fit.model, (byMake.get(fit.model) ?? 0) + 1);
        models.set(fit.make, byMake);
      }
    }
    categorySelect.replaceChildren(new Option('Todas las categorías', ''));
    for (const [category, count] of categories) categorySelect.append(new Option(`${category} (${count})`, category));

    modelSelect.replaceChildren(new Option('Todas las motos', ''));
    const makes = [...models.keys()].sort((a, b) => a.localeCompare(b, 'es'));
    for (const make of makes) {
      const group = document.createElement('optgroup');
      group.label = make;
      const byMake = models.get(make) ?? new Map<string, number>();
      const names = [...byMake.keys()].sort((a, b) => a.localeCompare(b, 'es', { numeric: true }));
      for (const model of names) group.append(new Option(`${make} ${model}`, modelKey(make, model)));
      modelSelect.append(group);
    }
  }

  async function load(): Promise<void> {
    renderCart();
    try {
      const response = await fetch(CATALOG_URL, { headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const catalog = parseCatalog(await response.json());
      products = catalog.map((product) => {
        bySku.set(product.sku, product);
        const modelNames = product.compatible.map((c) => `${c.make} ${c.model}`).join(' ');
        const text = [product.name, product.brand, product.category, product.sku, product.description, product.keywords.join(' '), modelNames];
        return {
          product,
          name: searchable(product.name),
          haystack: searchable(text.join(' ')),
          modelKeys: new Set(product.compatible.map((c) => modelKey(c.make, c.model))),
        };
      });
      fillFilters();
      const params = new URLSearchParams(location.search);
      const category = params.get('categoria') ?? '';
      const model = params.get('moto') ?? '';
      apply({
        query: params.get('q') ?? '',
        category: [...categorySelect.options].some((o) => o.value === category) ? category : '',
        model: [...modelSelect.options].some((o) => o.value === model) ? model : '',
      });
      grid.setAttribute('aria-busy', 'false');
    } catch (error) {
      console.error('[store] catalog failed to load', error);
      grid.setAttribute('aria-busy', 'false');
      status.textContent = 'No pudimos cargar el catálogo. Revisa tu conexión y vuelve a intentarlo.';
    }
  }

  void load();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
