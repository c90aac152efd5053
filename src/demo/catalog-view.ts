import { CART_EVENT, type CartItemAddedDetail } from './cart';
import { parseCatalog, type Product } from './catalog';
import { byId } from './dom';
import { createProductCard } from './product-card';
import { indexProduct, isFiltered, modelKey, PAGE_SIZE, pickFeatured, rankProducts, type FilterState, type IndexedProduct } from './search';

const CATALOG_URL = '/catalog.json';

/**
 * The product grid with its search box, category and motorcycle filters (kept in the URL) and
 * "load more". Loads `/catalog.json` and fills `catalog` (sku → product) for the cart.
 * @example mountCatalog(new Map());
 */
export function mountCatalog(catalog: Map<string, Product>): void {
  const grid = byId('product-grid', HTMLUListElement);
  const status = byId('results-status', HTMLParagraphElement);
  const title = byId('products-title', HTMLHeadingElement);
  const searchForm = byId('search-form', HTMLFormElement);
  const searchInput = byId('search-input', HTMLInputElement);
  const categorySelect = byId('category-filter', HTMLSelectElement);
  const modelSelect = byId('model-filter', HTMLSelectElement);
  const clearButton = byId('clear-filters', HTMLButtonElement);
  const moreButton = byId('load-more', HTMLButtonElement);
  const navLinks = Array.from(document.querySelectorAll<HTMLAnchorElement>('a[data-category]'));

  let products: IndexedProduct[] = [];
  const state: FilterState = { query: '', category: '', model: '', limit: PAGE_SIZE };

  // The page's buttons only announce the intent; the cart's `cart_item_added` listener adds it.
  grid.addEventListener('click', (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const button = target.closest<HTMLButtonElement>('button.add-to-cart');
    if (!button || button.disabled) return;
    const product = catalog.get(button.dataset.sku ?? '');
    if (!product) return;
    const detail: CartItemAddedDetail = { id: product.sku, sku: product.sku, name: product.name, price: product.price, quantity: 1 };
    window.dispatchEvent(new CustomEvent<CartItemAddedDetail>(CART_EVENT, { detail }));
    button.classList.add('is-added');
    window.setTimeout(() => button.classList.remove('is-added'), 1200);
  });

  function updateUrl(): void {
    // Keep parameters that are not the catalog's own (the chat widget's `?chat=`, campaign tags).
    const params = new URLSearchParams(location.search);
    for (const key of ['q', 'categoria', 'moto']) params.delete(key);
    if (state.query.trim()) params.set('q', state.query.trim());
    if (state.category) params.set('categoria', state.category);
    if (state.model) params.set('moto', state.model);
    const search = params.toString();
    const url = `${location.pathname}${search ? `?${search}` : ''}${location.hash}`;
    history.replaceState(history.state, '', url);
  }

  function headingText(filtered: boolean): string {
    if (!filtered) return 'Productos destacados';
    if (state.query.trim()) return `Resultados para “${state.query.trim()}”`;
    return state.category || 'Repuestos para tu moto';
  }

  function statusText(filtered: boolean, shown: number, total: number): string {
    if (total === 0) return 'No encontramos productos con esos filtros. Prueba con otra palabra o pregúntale a nuestro asesor virtual.';
    if (!filtered) return `Los más vendidos de la semana · ${products.length} referencias en el catálogo`;
    return `Mostrando ${shown} de ${total} ${total === 1 ? 'producto' : 'productos'}`;
  }

  function render(): void {
    const filtered = isFiltered(state);
    const list = filtered ? rankProducts(products, state) : pickFeatured(products);
    const visible = list.slice(0, state.limit);
    grid.replaceChildren(...visible.map((entry) => createProductCard(entry.product)));
    title.textContent = headingText(filtered);
    status.textContent = statusText(filtered, visible.length, list.length);
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
    try {
      const response = await fetch(CATALOG_URL, { headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      products = parseCatalog(await response.json()).map((product) => {
        catalog.set(product.sku, product);
        return indexProduct(product);
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
