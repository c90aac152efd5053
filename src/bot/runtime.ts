/**
 * The assistant's heavy half, loaded on first use (its own chunk): catalog download with an
 * offline fallback, the matcher, and the replies in four languages.
 */
import type { Clock } from '../core/clock';
import type { Language } from '../core/config';
import { ChatbotError, isChatbotError, toChatbotError } from '../core/errors';
import { LOCALES, loadI18n, type I18n } from '../i18n';
import { normalizeCatalog, type Catalog } from './catalog';
import { loadBotCopy } from './copy';
import { createAssistant, lexiconFor, type AnswerContext, type Assistant, type AssistantReply, type AssistantSession, type OrdersResult, type ProductCard } from './engine';
import { card } from './replies';
import type { Lexicon } from './lexicon';
import type { BotSettings } from './settings';

/** Cache API bucket holding the last catalog and orders file that loaded. */
export const DATA_CACHE = 'chatbot-data-v1';

export interface RuntimeOptions {
  settings: BotSettings;
  language: Language;
  storeName: string;
  catalogUrl: string;
  ordersUrl?: string;
  clock: Clock;
  /** The page's location, to resolve relative URLs (absent in tests: URLs must be absolute). */
  baseUrl?: string;
  fetch?: typeof fetch;
  caches?: CacheStorage;
  isOnline?: () => boolean;
  /** Hears a catalog that could not load while online (the answer then goes on without products). */
  reportError?: (error: ChatbotError) => void;
}

export interface Runtime {
  answer(text: string, session: AssistantSession, context?: AnswerContext): Promise<AssistantReply>;
  catalog(): Promise<Catalog>;
  /** Cards of these skus from the store's own catalog, in their order; unknown skus are left out. */
  cards(skus: readonly string[]): Promise<ProductCard[]>;
  /** The store language's strings. */
  t: I18n['t'];
}

/**
 * Network first, then the last good copy: the service worker precaches the demo catalog, and
 * the data cache keeps whatever catalog URL the store configured.
 */
async function loadJson(url: string, options: RuntimeOptions): Promise<{ json: unknown; cached: boolean }> {
  const fetchFn = options.fetch ?? globalThis.fetch?.bind(globalThis);
  if (!fetchFn) throw new ChatbotError('UNSUPPORTED', 'fetch is not available');
  let networkError: unknown;
  try {
    const response = await fetchFn(url, { cache: 'no-cache', credentials: 'same-origin' });
    if (!response.ok) throw new ChatbotError('NETWORK', `${url}: HTTP ${response.status}`);
    const copy = response.clone();
    const json: unknown = await response.json();
    if (options.caches) {
      // Best effort: a full or blocked Cache must not break a good answer.
      void options.caches.open(DATA_CACHE).then((cache) => cache.put(url, copy)).catch(() => undefined);
    }
    return { json, cached: false };
  } catch (error) {
    networkError = error;
  }
  const saved = await options.caches?.match(url, { ignoreSearch: true }).catch(() => undefined);
  if (saved) return { json: await saved.json(), cached: true };
  const offline = options.isOnline ? !options.isOnline() : false;
  throw toChatbotError(networkError, offline ? 'OFFLINE' : 'NETWORK', `could not load ${url}`);
}

/**
 * A fresh page loads the locale data on its first number or plural formatter (tens of
 * milliseconds): loaded while the catalog and the strings download, not after them, the
 * answer's own formatters are then ready at once.
 */
function warmFormatters(language: Language): void {
  const locale = LOCALES[language] ?? LOCALES.es;
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'COP', maximumFractionDigits: 0 }).format(0);
  new Intl.PluralRules(locale).select(1);
}

/**
 * @example
 * const runtime = createRuntime({ settings, language: 'es', storeName: 'Repuestos Motos', catalogUrl: 'https://tienda.co/catalog.json', clock: systemClock });
 * (await (await runtime).answer('bujia para nkd 125', {})).products[0].name // 'Bujía NGK CR6HSA'
 */
export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const resolve = (url: string): string => (options.baseUrl ? new URL(url, options.baseUrl).href : url);
  const texts = Promise.all([loadI18n(options.language), loadBotCopy(options.language)]);
  let lexicon: Lexicon | undefined;
  const build = (catalog: Catalog, [i18n, copy]: Awaited<typeof texts>): Assistant =>
    createAssistant({
      catalog,
      lexicon: (lexicon ??= lexiconFor(options.settings)),
      settings: options.settings,
      i18n,
      copy,
      storeName: options.storeName,
      clock: options.clock,
      ...(options.ordersUrl ? { loadOrders: (): Promise<OrdersResult> => loadJson(resolve(options.ordersUrl!), options).then(({ json, cached }) => ({ file: json, cached })) } : {}),
    });
  let assistant: Promise<Assistant> | undefined;
  const getAssistant = (): Promise<Assistant> => {
    assistant ??= Promise.all([loadJson(resolve(options.catalogUrl), options), texts]).then(([{ json }, loaded]) => build(normalizeCatalog(json), loaded));
    // A failed load is retried on the next question (the network may be back).
    assistant.catch(() => {
      assistant = undefined;
    });
    return assistant;
  };
  // The catalog downloads while the strings load and the lexicon compiles; a failure is reported
  // by the question that needs it.
  getAssistant().catch(() => undefined);
  lexicon ??= lexiconFor(options.settings);
  warmFormatters(options.language);
  const loaded = await texts;
  // Without a catalog the assistant still hands off, answers orders and store questions.
  let withoutCatalog: Assistant | undefined;
  const bySku = new WeakMap<Catalog, Map<string, Catalog['products'][number]>>();
  return {
    async answer(text, session, context) {
      const ready = await getAssistant().catch((error: unknown) => {
        if (!isChatbotError(error, 'OFFLINE')) options.reportError?.(toChatbotError(error, 'NETWORK', 'the catalog could not load'));
        return (withoutCatalog ??= build({ version: '', currency: 'COP', products: [], models: [], skipped: 0 }, loaded));
      });
      return ready.answer(text, session, context);
    },
    catalog: async () => (await getAssistant()).catalog,
    async cards(skus) {
      const { catalog } = await getAssistant();
      let index = bySku.get(catalog);
      if (!index) bySku.set(catalog, (index = new Map(catalog.products.map((p) => [p.sku, p]))));
      return skus.flatMap((sku) => {
        const product = index.get(sku);
        return product ? [card(product)] : [];
      });
    },
    t: loaded[0].t,
  };
}
