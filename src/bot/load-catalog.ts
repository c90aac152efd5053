import { toChatbotError } from '../core/errors';
import { normalizeCatalog, type Catalog } from './catalog';

export interface LoadCatalogOptions {
  /** Resolves a relative `url` (the page's location in a browser). */
  baseUrl?: string;
  fetch?: typeof fetch;
}

/**
 * The store's catalog as the assistant reads it (validated by `normalizeCatalog`), for pages
 * other than the widget: the staff inbox's product picker. Same URL as the widget's
 * (`data-catalog-url` / `config.catalogUrl`, `/catalog.json` by default), so on the admin page it
 * is `CHATBOT_SYSTEM.config.catalogUrl`; offline, the service worker's precached copy answers.
 * @example const catalog = await loadCatalog(CHATBOT_SYSTEM.config.catalogUrl, { baseUrl: location.href });
 */
export async function loadCatalog(url: string, options: LoadCatalogOptions = {}): Promise<Catalog> {
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const href = options.baseUrl ? new URL(url, options.baseUrl).href : url;
  let json: unknown;
  try {
    const response = await fetchFn(href, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    json = await response.json();
  } catch (error) {
    throw toChatbotError(error, 'NETWORK', `could not load the catalog ${href}`);
  }
  return normalizeCatalog(json);
}
