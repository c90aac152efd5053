import type { Catalog, Product } from '../../bot/catalog';
import { normalizeText } from '../../bot/text';
import type { Language } from '../../core/config';
import { LOCALES } from '../../i18n';
import { productFallbackText, type ProductMention } from '../../live-chat/protocol/product-element';
import { fillTool, toolStrings } from './tool-strings';
import { adoptToolStyles } from './tool-styles';

/** How many products the list shows at once. */
const RESULT_LIMIT = 30;

export interface ProductPickerOptions {
  /** The store's catalog (`loadCatalog` from `src/bot/load-catalog.ts`). */
  catalog: Catalog;
  language?: Language;
  /** The chosen product (Enter or a click on an option). */
  onPick(product: Product): void;
}

export interface ProductPicker {
  readonly element: HTMLElement;
  /** Puts the caret in the search box. */
  focus(): void;
  dispose(): void;
}

// Read once per product, not once per keystroke.
const searchWords = new WeakMap<Product, { name: string[]; other: string[] }>();
/** Every word a product is found by, in the assistant's normal form (lower case, no accents). */
function wordsOf(product: Product): { name: string[]; other: string[] } {
  let words = searchWords.get(product);
  if (!words) {
    const models = product.compatible.flatMap((fit) => [fit.make, fit.model]);
    const split = (text: string): string[] => normalizeText(text).split(' ').filter(Boolean);
    words = { name: split(product.name), other: split([product.sku, product.brand, product.category, ...product.keywords, ...models].join(' ')) };
    searchWords.set(product, words);
  }
  return words;
}

/**
 * The catalog search of the picker: every word typed must start a word of the product (name,
 * sku, brand, category, keywords, the bikes it fits), accents and case ignored as in the
 * assistant's matching. Exact sku first, then products whose name has the words, in stock first.
 * @example searchCatalog(catalog.products, 'filtro boxer').map((p) => p.sku) // ['FIL-ACE-BOX-CT100', …]
 */
export function searchCatalog(products: readonly Product[], query: string, limit = RESULT_LIMIT): Product[] {
  const terms = normalizeText(query).split(' ').filter(Boolean);
  const exact = query.trim().toUpperCase();
  const scored: Array<{ product: Product; score: number }> = [];
  for (const product of products) {
    const words = wordsOf(product);
    let score = 0;
    let all = true;
    for (const term of terms) {
      if (words.name.some((w) => w.startsWith(term))) score += 2;
      else if (words.other.some((w) => w.startsWith(term))) score += 1;
      else {
        all = false;
        break;
      }
    }
    if (!all) continue;
    if (product.sku.toUpperCase() === exact) score += 100;
    if (product.stock > 0) score += 0.5;
    scored.push({ product, score });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.product.name.localeCompare(b.product.name))
    .slice(0, limit)
    .map((entry) => entry.product);
}

/** The price as the customer reads it (`$ 18.000`). */
export function formatPrice(price: number, currency: string, language: Language = 'es'): string {
  return new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 0 }).format(price);
}

/**
 * What the fallback body line says of a picked product (for `productFallbackText`): its name,
 * price and, when it has one, its absolute http(s) link on the store.
 * @example productMention(product, catalog, { language: 'es', baseUrl: location.href })
 */
export function productMention(product: Product, catalog: Pick<Catalog, 'currency'>, options: { language?: Language; baseUrl?: string } = {}): ProductMention {
  let url: string | undefined;
  try {
    const resolved = product.url ? new URL(product.url, options.baseUrl) : undefined;
    if (resolved && (resolved.protocol === 'https:' || resolved.protocol === 'http:')) url = resolved.href;
  } catch {
    // A relative link without a base, or a broken one: the line goes without it.
  }
  return { sku: product.sku, name: product.name, price: formatPrice(product.price, catalog.currency, options.language), ...(url ? { url } : {}) };
}

let counter = 0;

/**
 * A search box over the store's catalog with its results as an ARIA listbox (combobox pattern):
 * type to filter, ↑/↓/Home/End to move, Enter or a click to choose, Escape to clear. Text only:
 * catalog data is set with `textContent`.
 * @example const picker = mountProductPicker(panel, { catalog, language: 'es', onPick: (p) => send(p) });
 */
export function mountProductPicker(host: HTMLElement, options: ProductPickerOptions): ProductPicker {
  const doc = host.ownerDocument;
  adoptToolStyles(doc);
  const s = toolStrings(options.language);
  const id = `product-picker-${++counter}`;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] => {
    const node = doc.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const root = el('div', { class: 'product-picker' });
  const label = el('label', { for: `${id}-input` }, s.pickerLabel);
  const input = el('input', {
    id: `${id}-input`, type: 'search', role: 'combobox', autocomplete: 'off', placeholder: s.pickerPlaceholder,
    'aria-autocomplete': 'list', 'aria-controls': `${id}-list`, 'aria-expanded': 'true',
  });
  const list = el('ul', { id: `${id}-list`, role: 'listbox', 'aria-label': s.pickerResults });
  const status = el('p', { role: 'status', 'aria-live': 'polite', class: 'picker-status' });
  root.append(label, input, list, status);
  host.append(root);

  let results: Product[] = [];
  let active = -1;

  const setActive = (index: number): void => {
    const options = [...list.children] as HTMLElement[];
    active = results.length ? Math.max(0, Math.min(index, results.length - 1)) : -1;
    options.forEach((option, i) => option.setAttribute('aria-selected', String(i === active)));
    const current = options[active];
    if (current) {
      input.setAttribute('aria-activedescendant', current.id);
      current.scrollIntoView?.({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };

  const render = (): void => {
    results = searchCatalog(options.catalog.products, input.value);
    list.replaceChildren(...results.map((product, i) => {
      const option = el('li', { id: `${id}-option-${i}`, role: 'option', 'aria-selected': 'false', 'data-sku': product.sku });
      const stock = product.stock > 0 ? fillTool(s.pickerStock, { count: product.stock }) : s.pickerOutOfStock;
      option.append(
        el('span', { class: 'picker-name' }, product.name),
        el('span', { class: 'picker-meta' }, `${formatPrice(product.price, options.catalog.currency, options.language)} · ${product.sku} · ${stock}`),
      );
      return option;
    }));
    status.textContent = results.length ? fillTool(s.pickerCount, { count: results.length }) : s.pickerNone;
    setActive(0);
  };

  const pick = (index: number): void => {
    const product = results[index];
    if (product) options.onPick(product);
  };

  const onKey = (event: KeyboardEvent): void => {
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: results.length - 1, PageDown: active + 5, PageUp: active - 5 };
    if (event.key in moves) setActive(moves[event.key]!);
    else if (event.key === 'Enter') pick(active);
    else if (event.key === 'Escape' && input.value) {
      input.value = '';
      render();
    } else return;
    event.preventDefault();
  };
  // mousedown, not click: the search box keeps focus, as a combobox's popup should let it.
  const onPointer = (event: MouseEvent): void => {
    const option = (event.target as Element | null)?.closest?.('[role="option"]');
    if (!option) return;
    event.preventDefault();
    const index = [...list.children].indexOf(option);
    setActive(index);
    pick(index);
  };
  input.addEventListener('input', render);
  input.addEventListener('keydown', onKey);
  list.addEventListener('mousedown', onPointer);
  render();

  return {
    element: root,
    focus: () => input.focus(),
    dispose() {
      input.removeEventListener('input', render);
      input.removeEventListener('keydown', onKey);
      list.removeEventListener('mousedown', onPointer);
      root.remove();
    },
  };
}

/** What a control next to the staff inbox's composer gets (the inbox's `ComposerActionContext`, as far as these tools use it). */
export interface ComposerToolContext {
  readonly document: Document;
  /** The open conversation's room. */
  room(): string | undefined;
  /** Inserts text at the composer's caret. */
  insert(text: string): void;
  readonly inbox: { send(room: string, text: string, options?: { products?: readonly string[] }): string };
}

export interface ProductPickerActionOptions {
  /** The store's catalog, asked for the first time the picker opens (`loadCatalog(CHATBOT_SYSTEM.config.catalogUrl, …)`). */
  loadCatalog(): Promise<Catalog>;
  language?: Language;
  /** Where the catalog's relative product links point (the store's origin). */
  baseUrl?: string;
}

/**
 * The product picker as a control next to the staff inbox's composer: a disclosure ("Enviar un
 * producto") that loads the catalog when first opened; the chosen product goes to the open
 * conversation at once as a product card (its sku, with the name · price · link fallback body).
 * @example mountStaffInbox(main, { …, extraComposerActions: [productPickerAction({ loadCatalog: () => loadCatalog(url, { baseUrl: location.href }), language: 'es' })] });
 */
export function productPickerAction(options: ProductPickerActionOptions): (context: ComposerToolContext) => HTMLElement {
  return (context) => {
    const doc = context.document;
    const s = toolStrings(options.language);
    const details = doc.createElement('details');
    details.className = 'product-picker-tool';
    const summary = doc.createElement('summary');
    summary.textContent = s.pickerOpen;
    const alert = doc.createElement('p');
    alert.setAttribute('role', 'alert');
    details.append(summary, alert);
    let picker: Promise<ProductPicker> | undefined;
    details.addEventListener('toggle', () => {
      if (!details.open) return;
      picker ??= options.loadCatalog().then((catalog) => mountProductPicker(details, {
        catalog,
        ...(options.language ? { language: options.language } : {}),
        onPick(product) {
          const room = context.room();
          if (!room) return;
          const mention = productMention(product, catalog, { ...(options.language ? { language: options.language } : {}), ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) });
          try {
            context.inbox.send(room, productFallbackText('', [mention]), { products: [product.sku] });
            alert.textContent = '';
            details.open = false;
            summary.focus();
          } catch {
            alert.textContent = s.pickerNotSent;
          }
        },
      }));
      picker.then((mounted) => mounted.focus(), () => {
        picker = undefined;
        alert.textContent = s.pickerLoadFailed;
      });
    });
    return details;
  };
}
