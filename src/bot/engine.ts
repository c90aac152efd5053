import type { Clock } from '../core/clock';
import type { I18n, MessageKey } from '../i18n';
import { fitsModel, type BikeModel, type Catalog, type Product } from './catalog';
import { describeHours, isOpenAt } from './hours';
import { classify, type Intent } from './intents';
import { createModelIndex, findModel } from './models';
import { findOrder, STATUS_KEYS, type Order } from './orders';
import { isStopword } from './lexicon';
import { createProductIndex, search } from './search';
import type { BotSettings } from './settings';
import { normalizeText, tokenize } from './text';

/** What a product card shows; a snapshot, so history keeps showing it if the catalog changes. */
export interface ProductCard {
  sku: string;
  name: string;
  brand: string;
  category: string;
  price: number;
  stock: number;
  image?: string;
  url?: string;
  universal: boolean;
  /** Model names the part fits ("Boxer CT100"), empty when universal. */
  fits: string[];
}

export const REPLY_KINDS = [
  'products', 'ask_model', 'no_results', 'no_fit', 'bike_noted', 'order', 'order_ask_id', 'order_not_found',
  'order_unavailable', 'info', 'handoff', 'greeting', 'thanks', 'fallback', 'catalog_unavailable', 'not_covered', 'unsure',
  'goodbye', 'smalltalk',
] as const;
export type ReplyKind = (typeof REPLY_KINDS)[number];

/** The assistant's answer: text to read, and what the chat shows with it. */
export interface AssistantReply {
  kind: ReplyKind;
  /** The whole answer as plain text (what the transcript and search see). */
  text: string;
  products: ProductCard[];
  /** Quick replies the customer can tap. */
  suggestions: string[];
  /** True when the customer asked for a person. */
  handoff: boolean;
}

/** What the assistant remembers between messages of one conversation. */
export interface AssistantSession {
  bike?: { key: string; year?: number };
  pending?: { kind: 'product'; words: string[]; query: string } | { kind: 'order' };
}

export interface OrdersResult {
  file: unknown;
  /** Served from the saved copy because the network is down. */
  cached: boolean;
}

export interface AssistantOptions {
  catalog: Catalog;
  settings: BotSettings;
  i18n: I18n;
  copy?: import('./copy').BotCopy;
  storeName: string;
  clock: Clock;
  /** Loads the store's orders; undefined when the store configured no orders source. */
  loadOrders?: () => Promise<OrdersResult>;
}

export interface AnswerContext {
  offline?: boolean;
}

export interface Assistant {
  answer(text: string, session: AssistantSession, context?: AnswerContext): Promise<AssistantReply>;
  readonly catalog: Catalog;
}

const INFO_INTENTS = ['shipping', 'payment', 'warranty', 'hours'] as const satisfies readonly Intent[];

/**
 * The parts assistant over one catalog: understands the question, searches, and writes the
 * answer in the store's language. Pure apart from `loadOrders`; the session is updated in place.
 * @example
 * const assistant = createAssistant({ catalog, settings, i18n: await loadI18n('es'), storeName: 'Repuestos Motos', clock: systemClock });
 * const reply = await assistant.answer('¿tienen filtro de aceite para Boxer CT100?', {});
 * reply.products[0].sku // 'FIL-ACE-BOX-CT100'
 */
export function createAssistant(options: AssistantOptions): Assistant {
  const { catalog, settings, i18n, clock } = options;
  const t = i18n.t;
  const products = createProductIndex(catalog.products);
  const models = createModelIndex(catalog.models);
  const modelByKey = new Map(catalog.models.map((m) => [m.key, m]));

  const reply = (kind: ReplyKind, text: string, extra: Partial<AssistantReply> = {}): AssistantReply => ({
    kind, text, products: [], suggestions: [], handoff: false, ...extra,
  });
  const advisor = (): string => t('chip.advisor');
  const bikeName = (model: BikeModel, year?: number): string => (year ? `${model.model} ${year}` : model.model);

  const card = (product: Product): ProductCard => ({
    sku: product.sku,
    name: product.name,
    brand: product.brand,
    category: product.category,
    price: product.price,
    stock: product.stock,
    ...(product.image ? { image: product.image } : {}),
    ...(product.url ? { url: product.url } : {}),
    universal: product.universal,
    fits: product.universal ? [] : [...new Set(product.compatible.map((fit) => fit.model))],
  });
  const cardLine = (product: Product): string =>
    `• ${product.name} — ${i18n.price(product.price)} (${product.stock > 0 ? i18n.tn('card.stock', product.stock) : t('card.outOfStock')})`;

  const showProducts = (found: Product[], bike: BikeModel | undefined, year: number | undefined, offline: boolean): AssistantReply => {
    const shown = found.slice(0, settings.maxCards);
    const forBike = bike ? t('bot.forBike', { bike: bikeName(bike, year) }) : '';
    const lines = [i18n.tn('bot.found', shown.length, { forBike }), ...shown.map(cardLine)];
    if (found.length > shown.length) lines.push(i18n.tn('bot.more', found.length - shown.length));
    if (offline) lines.push(t('bot.offlineNote'));
    return reply('products', lines.join('\n'), { products: shown.map(card) });
  };

  // Models the matches fit, most common first: the examples when asking "which bike?".
  const modelsOf = (found: Product[]): BikeModel[] => {
    const counts = new Map<string, number>();
    for (const product of found) for (const fit of product.compatible) counts.set(`${fit.make} ${fit.model}`, (counts.get(`${fit.make} ${fit.model}`) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([key]) => modelByKey.get(key)).filter((m): m is BikeModel => !!m);
  };

  const answerOrder = async (id: string | undefined, session: AssistantSession): Promise<AssistantReply> => {
    if (!id) {
      session.pending = { kind: 'order' };
      return reply('order_ask_id', t('bot.order.askId'));
    }
    delete session.pending;
    if (!options.loadOrders) return reply('order_unavailable', t('bot.order.notConfigured'), { suggestions: [advisor()] });
    let result: OrdersResult;
    try {
      result = await options.loadOrders();
    } catch {
      return reply('order_unavailable', t('bot.order.unavailable'), { suggestions: [advisor()] });
    }
    const order = findOrder(result.file, id);
    if (!order) return reply('order_not_found', t('bot.order.notFound', { id }), { suggestions: [advisor()] });
    return reply('order', describeOrder(order, result.cached));
  };

  const describeOrder = (order: Order, cached: boolean): string => {
    const statusKey = STATUS_KEYS[normalizeText(order.status) as keyof typeof STATUS_KEYS] as MessageKey | undefined;
    const lines = [t('bot.order.status', { id: String(order.id), status: statusKey ? t(statusKey) : order.status })];
    if (order.carrier && order.tracking) lines.push(t('bot.order.shipped', { carrier: order.carrier, tracking: order.tracking, city: order.city ?? '' }));
    else if (order.city) lines.push(t('bot.order.city', { city: order.city }));
    const done = statusKey === 'bot.status.delivered' || statusKey === 'bot.status.cancelled';
    if (order.eta && !done) lines.push(t('bot.order.eta', { date: i18n.date(order.eta) }));
    if (order.total !== undefined) {
      const count = order.items.reduce((sum, item) => sum + item.qty, 0);
      lines.push(t('bot.order.total', { total: i18n.price(order.total), items: i18n.tn('bot.order.items', count) }));
    }
    if (order.updatedAt) lines.push(t('bot.order.updated', { date: i18n.date(order.updatedAt, { day: 'numeric', month: 'long', hour: 'numeric', minute: '2-digit' }) }));
    if (cached) lines.push(t('bot.order.cached'));
    return lines.join('\n');
  };

  const answerInfo = (intents: Intent[]): AssistantReply => {
    const parts: string[] = [];
    const s = settings;
    for (const intent of intents) {
      if (intent === 'shipping') {
        parts.push(t('bot.shipping', {
          carriers: i18n.list(s.shipping.carriers), cityDays: s.shipping.cityDays, otherDays: s.shipping.otherDays,
          freeFrom: i18n.price(s.shipping.freeFrom), cost: i18n.price(s.shipping.cost),
        }));
        if (s.shipping.cashOnDelivery.length) parts.push(t('bot.shipping.cod', { areas: i18n.list(s.shipping.cashOnDelivery) }));
      } else if (intent === 'payment') {
        parts.push(t('bot.payment', { methods: i18n.list(s.payment.methods) }));
      } else if (intent === 'warranty') {
        parts.push(t('bot.warranty', {
          months: s.warranty.months, longMonths: s.warranty.longMonths, longItems: i18n.list(s.warranty.longItems), returnDays: s.warranty.returnDays,
        }));
      } else if (intent === 'hours') {
        parts.push(t('bot.hours', { schedule: describeHours(s.hours, i18n) }));
        parts.push(t(isOpenAt(s.hours, clock.now()) ? 'bot.hours.open' : 'bot.hours.closed'));
      }
    }
    return reply('info', parts.join('\n'));
  };

  const answerProducts = (query: string, words: string[], found: ReturnType<typeof findModel>, session: AssistantSession, offline: boolean): AssistantReply => {
    const named = found?.models ?? [];
    const remembered = session.bike ? modelByKey.get(session.bike.key) : undefined;
    const bike = named.length === 1 ? named[0] : named.length === 0 ? remembered : undefined;
    const year = found?.year ?? (named.length === 0 ? session.bike?.year : undefined);
    if (catalog.products.length === 0) return reply('catalog_unavailable', t('bot.catalogUnavailable'), { suggestions: [advisor()] });
    const any = search(products, { words });
    if (any.products.length === 0) {
      delete session.pending;
      return reply('no_results', t('bot.noResults', { query }), { suggestions: [advisor()] });
    }
    if (bike) {
      delete session.pending;
      const fitting = any.products.filter((p) => fitsModel(p, bike, year));
      if (fitting.length > 0) return showProducts(fitting, bike, year, offline);
      const category = any.products[0]!.category;
      const alternatives = catalog.products.filter((p) => p.category === category && !p.universal && fitsModel(p, bike, year)).slice(0, 3);
      const lines = [t('bot.noFit', { query, bike: bikeName(bike, year) })];
      if (alternatives.length) lines.push(t('bot.alternatives', { bike: bikeName(bike, year), category }), ...alternatives.map(cardLine));
      return reply('no_fit', lines.join('\n'), { products: alternatives.map(card), suggestions: [advisor()] });
    }
    const candidates = named.length > 1 ? any.products.filter((p) => named.some((m) => fitsModel(p, m, year))) : any.products;
    if (candidates.length === 0) {
      delete session.pending;
      const family = i18n.list(named.map((m) => m.model));
      return reply('no_fit', t('bot.noFit', { query, bike: family }), { suggestions: [advisor()] });
    }
    const fitModels = modelsOf(candidates.filter((p) => !p.universal));
    if (candidates.length > 1 && fitModels.length > 1) {
      session.pending = { kind: 'product', words, query };
      if (named.length > 1) {
        const family = named[0]!.model.split(' ')[0]!;
        const options = fitModels.filter((m) => named.includes(m)).map((m) => m.model);
        return reply('ask_model', t('bot.askFamily', { family, options: i18n.list(options, 'disjunction') }), { suggestions: options });
      }
      const examples = fitModels.slice(0, 4).map((m) => m.model);
      return reply('ask_model', t('bot.askModel', { examples: i18n.list(examples, 'disjunction') }), { suggestions: examples });
    }
    delete session.pending;
    return showProducts(candidates, undefined, year, offline);
  };

  return {
    catalog,
    async answer(text, session, context = {}) {
      const tokens = tokenize(text);
      const { intents, orderId } = classify(tokens);
      if (intents.includes('handoff')) {
        delete session.pending;
        const key = context.offline ? 'bot.handoff.offline' : isOpenAt(settings.hours, clock.now()) ? 'bot.handoff' : 'bot.handoff.closed';
        return reply('handoff', t(key), { handoff: true });
      }
      const number = tokens.find((token) => /^#?\d{3,10}$/.test(token));
      if (intents.includes('order') || (session.pending?.kind === 'order' && number)) return answerOrder(orderId ?? number, session);
      const info = INFO_INTENTS.filter((intent) => intents.includes(intent));
      if (info.length) return answerInfo(info);

      const found = findModel(models, tokens);
      if (found?.models.length === 1) session.bike = { key: found.models[0]!.key, ...(found.year ? { year: found.year } : {}) };
      const words = tokens.filter((w, i) => !found?.used.has(i) && w.length > 1 && !isStopword(w) && !FILLERS.has(w) && !/^\d+$/.test(w));
      // The customer's own phrase (minus the bike and the fillers around it) for "not found" answers.
      const kept = tokens.filter((_, i) => !found?.used.has(i));
      while (kept.length && (isStopword(kept[0]!) || FILLERS.has(kept[0]!))) kept.shift();
      while (kept.length && (isStopword(kept[kept.length - 1]!) || FILLERS.has(kept[kept.length - 1]!))) kept.pop();
      const query = kept.join(' ');
      if (words.length === 0) {
        if (found?.models.length && session.pending?.kind === 'product') {
          const pending = session.pending;
          return answerProducts(pending.query, pending.words, found, session, !!context.offline);
        }
        if (found?.models.length === 1) return reply('bike_noted', t('bot.bikeNoted', { bike: bikeName(found.models[0]!, found.year) }));
        if (found?.make && !found.models.length) {
          const ofMake = catalog.models.filter((m) => m.make === found.make).map((m) => m.model);
          return reply('ask_model', t('bot.askPart', { make: found.make, models: i18n.list(ofMake) }), { suggestions: ofMake.slice(0, 6) });
        }
        if (intents.includes('thanks')) return reply('thanks', t('bot.thanks'));
        if (intents.includes('greeting')) return reply('greeting', t('bot.hello'));
        return reply('fallback', t('bot.fallback'), { suggestions: [t('chip.order'), t('chip.shipping'), t('chip.hours'), advisor()] });
      }
      return answerProducts(query, words, found, session, !!context.offline);
    },
  };
}

// Words that are neither parts nor unknown terms worth reporting: greetings, thanks, fillers.
const FILLERS = new Set(['hola', 'buenas', 'buenos', 'gracias', 'thanks', 'thank', 'hello', 'hi', 'hey', 'please', 'porfa', 'bien',
  'listo', 'okay', 'ok', 'oi', 'ola', 'obrigado', 'obrigada', 'merci', 'bonjour', 'salut', 'tengo', 'have', 'tenho', 'ai',
  'muchas', 'mucha', 'muchisimas', 'mil', 'perfecto', 'excelente', 'genial', 'dale', 'chevere', 'bacano', 'much', 'lot', 'beaucoup', 'muito',
  // "repuestos" says nothing about which part
  'repuesto', 'repuestos', 'parte', 'partes', 'pieza', 'piezas', 'part', 'parts', 'peca', 'pecas', 'piece', 'pieces',
  'comprar', 'compro', 'conseguir', 'encontrar', 'buy', 'purchase', 'acheter', 'trocar']);
