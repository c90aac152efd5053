import type { Clock } from '../core/clock';
import type { AssistantSession, ProductCard, ReplyKind } from '../storage';
import type { I18n, MessageKey } from '../i18n';
import type { BikeModel, Catalog, Product } from './catalog';
import { fillCopy, type BotCopy } from './copy';
import { describeHours, isOpenAt } from './hours';
import { classify, type Intent } from './intents';
import { BUILT_IN_LEXICONS, createLexicon, type Lexicon } from './lexicon';
import { createBikeIndex, narrowTo } from './models';
import { findOrder, STATUS_KEYS, type Order } from './orders';
import { answerPart, type BikeContext, type SavedQuestion } from './part-answer';
import { parseQuestion, type Question, type QuestionContext } from './query';
import { bikeLabel, composeParts, composeReferences, reply, type ReplyTools } from './replies';
import { createProductIndex } from './search';
import { DEFAULT_STORE_WORDS } from './copy/store-facts';
import { readBudget } from './budget';
import type { BotSettings } from './settings';
import { normalizeText, tokenize } from './text';

export { REPLY_KINDS } from '../storage';
export type { ProductCard, ReplyKind } from '../storage';

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

export type { AssistantSession } from '../storage';

export interface OrdersResult {
  file: unknown;
  /** Served from the saved copy because the network is down. */
  cached: boolean;
}

export interface AssistantOptions {
  catalog: Catalog;
  settings: BotSettings;
  i18n: I18n;
  /** The assistant's own replies in the store's language (`loadBotCopy`). */
  copy: BotCopy;
  storeName: string;
  clock: Clock;
  /** Loads the store's orders; undefined when the store configured no orders source. */
  loadOrders?: () => Promise<OrdersResult>;
  /** The compiled lexicon, when built ahead (while the catalog downloads); else built here. */
  lexicon?: Lexicon;
}

export interface AnswerContext {
  offline?: boolean;
}

export interface Assistant {
  answer(text: string, session: AssistantSession, context?: AnswerContext): Promise<AssistantReply>;
  readonly catalog: Catalog;
}

/** The built-in lexicons plus the store's own words (`bot.lexicon`). @example createAssistant({ …, lexicon: lexiconFor(settings) }) */
export const lexiconFor = (settings: BotSettings): Lexicon =>
  createLexicon(settings.lexicon ? [...BUILT_IN_LEXICONS, settings.lexicon] : BUILT_IN_LEXICONS);

const INFO_INTENTS = ['shipping', 'payment', 'warranty', 'hours', 'location'] as const satisfies readonly Intent[];
const SMALL_TALK: ReadonlyArray<[Intent, 'goodbye' | 'thanks' | 'greeting' | 'smalltalk']> = [
  ['identity', 'smalltalk'], ['buy', 'smalltalk'], ['catalog', 'smalltalk'], ['goodbye', 'goodbye'], ['thanks', 'thanks'], ['greeting', 'greeting'], ['ack', 'smalltalk'],
];

/**
 * The parts assistant over one catalog: reads the question (lexicon, bike, part grammar),
 * searches, and writes the answer in the store's language. Pure apart from `loadOrders`; the
 * session is updated in place.
 * @example
 * const assistant = createAssistant({ catalog, settings, i18n: await loadI18n('es'), copy: await loadBotCopy('es'), storeName: 'Repuestos Motos', clock: systemClock });
 * const reply = await assistant.answer('¿tienen filtro de aceite para Boxer CT100?', {});
 * reply.products[0].sku // 'FIL-ACE-BOX-CT100'
 */
export function createAssistant(options: AssistantOptions): Assistant {
  const { catalog, settings, i18n, copy, clock } = options;
  const t = i18n.t;
  const lexicon = options.lexicon ?? lexiconFor(settings);
  const index = createProductIndex(catalog.products, catalog.models, lexicon);
  const bikes = createBikeIndex(catalog.models, catalog.products, lexicon, (w) => index.typeVocab.has(w), (w) => index.allVocab.has(w));
  const ctx: QuestionContext = { lexicon, bikes, products: index };
  const byKey = new Map(catalog.models.map((m) => [m.key, m]));
  const tools: ReplyTools = { i18n, copy, maxCards: settings.maxCards, byKey };
  const advisor = (): string => t('chip.advisor');

  const answerOrder = async (id: string | undefined, session: AssistantSession): Promise<AssistantReply> => {
    if (!id) {
      session.pending = { kind: 'order' };
      return reply('order_ask_id', t('bot.order.askId'));
    }
    delete session.pending;
    session.order = id;
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

  const infoText = (intents: readonly Intent[]): string => {
    const s = settings;
    const parts: string[] = [];
    for (const intent of intents) {
      if (intent === 'shipping') {
        parts.push(t('bot.shipping', {
          carriers: i18n.list(s.shipping.carriers), cityDays: s.shipping.cityDays, otherDays: s.shipping.otherDays,
          freeFrom: i18n.price(s.shipping.freeFrom), cost: i18n.price(s.shipping.cost),
        }));
        if (s.shipping.cashOnDelivery.length) parts.push(t('bot.shipping.cod', { areas: i18n.list(s.shipping.cashOnDelivery) }));
      } else if (intent === 'payment') {
        parts.push(t('bot.payment', { methods: i18n.list(s.payment.methods ?? DEFAULT_STORE_WORDS[i18n.language].paymentMethods) }));
        // Cash on delivery is only where the carriers take it: said here too, unless shipping said it.
        if (s.shipping.cashOnDelivery.length && !intents.includes('shipping')) parts.push(t('bot.shipping.cod', { areas: i18n.list(s.shipping.cashOnDelivery) }));
      }
      else if (intent === 'warranty') {
        parts.push(t('bot.warranty', { months: s.warranty.months, longMonths: s.warranty.longMonths, longItems: i18n.list(s.warranty.longItems ?? DEFAULT_STORE_WORDS[i18n.language].longWarrantyItems), returnDays: s.warranty.returnDays }));
      } else if (intent === 'hours') {
        parts.push(t('bot.hours', { schedule: describeHours(s.hours, i18n) }), t(isOpenAt(s.hours, clock.now()) ? 'bot.hours.open' : 'bot.hours.closed'));
      } else if (intent === 'location') {
        parts.push(s.address ? `${fillCopy(copy, 'locationAt', { address: s.address })} ${t('bot.hours', { schedule: describeHours(s.hours, i18n) })}` : fillCopy(copy, 'location'));
      }
    }
    return parts.join('\n');
  };

  /** Answers a parts question for a bike (the one named, else the remembered one). */
  const answerQuestion = (question: SavedQuestion, named: BikeContext | undefined, session: AssistantSession, offline: boolean): AssistantReply => {
    if (catalog.products.length === 0) return reply('catalog_unavailable', t('bot.catalogUnavailable'), { suggestions: [advisor()] });
    const remembered = session.bike ? byKey.get(session.bike.key) : undefined;
    const bike: BikeContext = named?.models.length ? named
      : remembered ? { models: [remembered], ...((named?.year ?? session.bike?.year) ? { year: named?.year ?? session.bike?.year } : {}) }
      : { models: [], ...(named?.year ? { year: named.year } : {}) };
    if (bike.models.length === 1) session.bike = { key: bike.models[0]!.key, ...(bike.year ? { year: bike.year } : {}) };
    const outcomes = question.parts.map((part) => answerPart({ index, lexicon }, byKey, question, part, bike));
    const answer = composeParts(tools, outcomes, question, { ...(bike.year ? { year: bike.year } : {}), offline });
    const ask = outcomes.find((o) => o.kind === 'ask');
    if (ask?.kind === 'ask') session.pending = { kind: 'product', question, options: ask.options.map((m) => m.key) };
    else delete session.pending;
    session.last = question;
    delete session.order;
    return answer;
  };

  const savedFrom = (q: Question, last: SavedQuestion | undefined): SavedQuestion => {
    const parts = q.parts.map((p) => (p.elliptic && last?.parts[0] ? { ...p, terms: [last.parts[0].terms[0]!, ...p.terms] } : p));
    return { parts, sizes: q.sizes, rims: q.rims, ...(q.rank ? { rank: q.rank } : {}), ...(q.position ? { position: q.position } : {}) };
  };

  const bikeOf = (q: Question): BikeContext | undefined =>
    q.bike && (q.bike.models.length || q.bike.year) ? { models: q.bike.models, ...(q.bike.year ? { year: q.bike.year } : {}), ...(q.bike.label ? { label: q.bike.label } : {}) } : undefined;

  /**
   * The bike of a parts question. A make named alone ("pastillas para yamaha") means that make's
   * models (the remembered bike when it is one of them): never the remembered bike of another make.
   */
  const bikeAsked = (q: Question, session: AssistantSession): BikeContext | undefined => {
    const named = bikeOf(q);
    const make = q.bike?.make;
    if (named?.models.length || !make) return named;
    const remembered = session.bike ? byKey.get(session.bike.key) : undefined;
    if (remembered?.make === make) return named;
    const models = catalog.models.filter((m) => m.make === make);
    return models.length ? { models, label: make, ...(named?.year ? { year: named.year } : {}) } : named;
  };

  /** A message without part words: a bike for the question waiting, a new bike or wheel for the last one. */
  const followUp = (q: Question, session: AssistantSession, offline: boolean): AssistantReply | undefined => {
    const named = bikeOf(q);
    const pending = session.pending?.kind === 'product' ? session.pending : undefined;
    if (pending) {
      const offered = (pending.options ?? []).map((key) => byKey.get(key)).filter((m): m is BikeModel => !!m);
      const picked = named?.models.length ? named : offered.length ? narrowTo(bikes, offered, q.words) : undefined;
      if (picked) return answerQuestion(pending.question, 'models' in picked ? picked : { models: [picked], ...(q.bike?.year ? { year: q.bike.year } : {}) }, session, offline);
    }
    if (session.last && (named?.models.length || q.position || q.rank)) {
      const last = session.last;
      const parts = q.position ? last.parts.map((p) => ({ ...p, position: q.position! })) : last.parts;
      return answerQuestion({ ...last, parts, ...(q.rank ? { rank: q.rank } : {}) }, named, session, offline);
    }
    if (named?.models.length === 1) {
      session.bike = { key: named.models[0]!.key, ...(named.year ? { year: named.year } : {}) };
      return reply('bike_noted', t('bot.bikeNoted', { bike: bikeLabel(i18n, named.models, named.year) }));
    }
    if (named && named.models.length > 1) {
      const names = named.models.map((m) => m.model);
      session.pending = { kind: 'product', question: { parts: [], sizes: [], rims: [] }, options: named.models.map((m) => m.key) };
      return reply('ask_model', t('bot.askFamily', { family: named.label ?? names[0]!, options: i18n.list(names, 'disjunction') }), { suggestions: names });
    }
    if (q.bike?.make) {
      const ofMake = catalog.models.filter((m) => m.make === q.bike!.make).map((m) => m.model);
      return reply('ask_model', t('bot.askPart', { make: q.bike.make, models: i18n.list(ofMake) }), { suggestions: ofMake.slice(0, 6) });
    }
    return undefined;
  };

  const bySku = new Map(catalog.products.map((p) => [normalizeText(p.sku), p]));

  /**
   * Products named by reference. With one bike named ("¿el FIL-ACE-BOX-S le sirve a la CT100?"),
   * says whether it fits by the catalog, and when it does not, what does fit that bike.
   */
  const answerReference = (products: readonly Product[], q: Question, session: AssistantSession, offline: boolean): AssistantReply => {
    delete session.pending;
    const [product] = products;
    const model = q.bike?.models.length === 1 ? q.bike.models[0] : undefined;
    if (!product || products.length > 1 || !model) return composeReferences(tools, products, offline);
    const bike = bikeLabel(i18n, [model], q.bike?.year);
    const fits = product.universal || product.compatible.some((fit) => fit.make === model.make && fit.model === model.model && (!q.bike?.year || !fit.years.length || fit.years.includes(q.bike.year)));
    if (fits) {
      const shown = composeReferences(tools, products, offline);
      return { ...shown, text: `${fillCopy(copy, 'referenceFits', { product: product.name, bike })}\n${shown.text.split('\n').slice(1).join('\n')}` };
    }
    const models = [...new Set(product.compatible.map((fit) => fit.model))];
    const verdict = fillCopy(copy, 'referenceNoFit', { product: product.name, bike, fits: i18n.list(models) });
    const type = index.items.find((item) => item.product.sku === product.sku)?.type ?? [];
    const instead = answerQuestion({ parts: [{ terms: type, display: product.name }], sizes: [], rims: [] }, { models: [model], ...(q.bike?.year ? { year: q.bike.year } : {}) }, session, offline);
    return instead.kind === 'products' ? { ...instead, text: `${verdict}\n${instead.text}` } : reply('no_fit', verdict, { suggestions: [advisor()] });
  };
  const makes = [...new Set(catalog.models.map((m) => m.make))];
  const categories = [...new Set(catalog.products.map((p) => p.category.toLowerCase()).filter(Boolean))];
  const smallTalk = (intent: Intent): string => {
    if (intent === 'greeting') return t('bot.hello');
    if (intent === 'thanks') return t('bot.thanks');
    if (intent === 'goodbye') return fillCopy(copy, 'goodbye');
    if (intent === 'identity') return fillCopy(copy, 'identity', { store: options.storeName });
    if (intent === 'buy') return fillCopy(copy, 'howToBuy');
    if (intent === 'catalog') return fillCopy(copy, 'catalog', { categories: i18n.list(categories), makes: i18n.list(makes) });
    return fillCopy(copy, 'ack');
  };

  return {
    catalog,
    async answer(said, session, context = {}) {
      const offline = !!context.offline;
      const budget = readBudget(said);
      const text = budget?.rest ?? said;
      const words = tokenize(text);
      const { intents, orderId } = classify(words, lexicon);
      if (intents.includes('handoff')) {
        delete session.pending;
        const key = context.offline ? 'bot.handoff.offline' : isOpenAt(settings.hours, clock.now()) ? 'bot.handoff' : 'bot.handoff.closed';
        return reply('handoff', t(key), { handoff: true });
      }
      const info = INFO_INTENTS.filter((intent) => intents.includes(intent));
      const q = parseQuestion(text, ctx);
      const referenced = [...new Set(words.flatMap((w) => bySku.get(w) ?? []))].slice(0, settings.maxCards);
      if (referenced.length) {
        const found = answerReference(referenced, q, session, offline);
        return info.length ? { ...found, text: `${found.text}\n\n${infoText(info)}` } : found;
      }
      const number = words.find((w) => /^#?\d{3,10}$/.test(w) && !/^(19|20)\d\d$/.test(w));
      // "¿y el 1235?" after an order: another order number; "kit de arrastre para apache 160" is not.
      const asksParts = q.parts.length > 0 || q.sizes.length > 0 || q.rims.length > 0 || !!q.bike?.models.length;
      // A number alone ("1234") is an order number: nothing else a customer sends reads that way.
      const onlyNumber = !!number && words.length === 1;
      if (intents.includes('order') || (number && !asksParts && (session.pending?.kind === 'order' || session.order || onlyNumber))) return answerOrder(orderId ?? number, session);
      if (session.pending?.kind === 'order' && !intents.length) {
        delete session.pending;
        return reply('order_ask_id', fillCopy(copy, 'orderWithoutNumber'), { suggestions: [advisor()] });
      }
      let parts: AssistantReply | undefined;
      if (q.bike?.notCovered) {
        delete session.pending;
        delete session.bike;
        parts = reply('not_covered', fillCopy(copy, 'notCovered', { bike: q.bike.notCovered }), { suggestions: [advisor()] });
      } else if (q.parts.length || q.sizes.length || q.rims.length) {
        const question = savedFrom(q, session.last);
        if (budget) question.maxPrice = budget.maxPrice;
        if (!question.parts.length) question.parts.push({ terms: [], display: [...q.sizes, ...q.rims.map(String)].join(' ') });
        parts = answerQuestion(question, bikeAsked(q, session), session, offline);
      } else if (budget && session.last) {
        // "¿y de menos de 40 mil?": the last question again, within the budget.
        parts = answerQuestion({ ...session.last, maxPrice: budget.maxPrice }, bikeOf(q), session, offline);
      } else parts = followUp(q, session, offline);
      // "¿cuáles son los medios de pago?": with a store question asked, words that name no kind of
      // part ("medio", as in gloves "medio dedo") are not a parts question.
      const namesPart = q.sizes.length > 0 || q.rims.length > 0
        || q.parts.some((part) => part.elliptic || part.terms.some((term) => index.typeHeads.has(term) || lexicon.concepts.has(term)));
      if (parts && info.length && !namesPart && !q.bike?.models.length) return reply('info', infoText(info));
      if (parts && info.length) {
        // Both answered; a parts answer that found nothing gives way to the store question asked.
        // "¿las baterías tienen garantía?": the part is what the policy is asked about, not a purchase.
        if (parts.kind === 'ask_model' && info.includes('warranty')) {
          delete session.pending;
          return reply('info', infoText(info));
        }
        if (parts.kind === 'ask_model') return { ...parts, text: `${infoText(info)}\n\n${parts.text}` };
        if (parts.kind !== 'products' && parts.kind !== 'no_fit' && parts.kind !== 'not_covered') return reply('info', infoText(info));
        return { ...parts, text: `${parts.text}\n\n${infoText(info)}` };
      }
      if (parts) return parts;
      if (info.length) return reply('info', infoText(info));
      // "¿cuánto vale?", "¿hay disponible?" after an answer: prices and stock are in it; answer it
      // again (stock may have moved).
      if (intents.includes('price') && session.last) return answerQuestion(session.last, undefined, session, offline);
      for (const [intent, kind] of SMALL_TALK) {
        if (!intents.includes(intent)) continue;
        return reply(kind, smallTalk(intent));
      }
      // Only emoji or punctuation ("👍"): an acknowledgement.
      if (!words.length && text.trim()) return reply('smalltalk', fillCopy(copy, 'ack'));
      if (q.unknown.length && q.unknown.length <= 4) {
        return reply('unsure', fillCopy(copy, 'unsureNone', { query: q.unknown.join(' '), forBike: '' }), { suggestions: [advisor()] });
      }
      return reply('fallback', t('bot.fallback'), { suggestions: [t('chip.order'), t('chip.shipping'), t('chip.hours'), advisor()] });
    },
  };
}
