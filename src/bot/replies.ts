import type { I18n } from '../i18n';
import type { BikeModel, Product } from './catalog';
import { fillCopy, type BotCopy } from './copy';
import { modelsOf, type PartOutcome, type SavedQuestion } from './part-answer';
import type { IndexedProduct } from './search';
import type { AssistantReply, ProductCard, ReplyKind } from './engine';

export interface ReplyTools {
  i18n: I18n;
  copy: BotCopy;
  maxCards: number;
  byKey: ReadonlyMap<string, BikeModel>;
}

/** @example reply('thanks', '¡Con mucho gusto!') */
export const reply = (kind: ReplyKind, text: string, extra: Partial<AssistantReply> = {}): AssistantReply => ({
  kind, text, products: [], suggestions: [], handoff: false, ...extra,
});

/** What a product card shows: a snapshot, so history keeps showing it if the catalog changes. */
export const card = (product: Product): ProductCard => ({
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

/** "FZ 2.0 2018", "FZ16 o FZ 2.0". */
export function bikeLabel(i18n: I18n, models: readonly BikeModel[], year?: number): string {
  // One bike needs no list formatting (whose first use costs the browser its locale data).
  const name = models.length === 1 ? models[0]!.model : i18n.list(models.map((m) => m.model), 'disjunction');
  return year && models.length === 1 ? `${name} ${year}` : name;
}

/**
 * The answer to a message naming products by their reference ("¿tienen el FIL-ACE-NS200?"):
 * those products, whatever the bike, since the customer chose them.
 * @example composeReferences(tools, [product], false).products[0].sku // 'FIL-ACE-NS200'
 */
export function composeReferences(tools: ReplyTools, products: readonly Product[], offline: boolean): AssistantReply {
  const { i18n } = tools;
  const t = i18n.t;
  const lines = [i18n.tn('bot.found', products.length, { forBike: '' })];
  for (const p of products) lines.push(`• ${p.name} — ${i18n.price(p.price)} (${p.stock > 0 ? i18n.tn('card.stock', p.stock) : t('card.outOfStock')})`);
  if (offline) lines.push(t('bot.offlineNote'));
  return reply('products', lines.join('\n'), { products: products.map(card) });
}

/**
 * Writes the answer to a parts question from what each part found: a question when the bike
 * decides, the cards (shared among the parts asked), and an honest line for what is missing.
 * @example composeParts(tools, outcomes, question, { year: 2018, offline: false })
 */
export function composeParts(tools: ReplyTools, outcomes: readonly PartOutcome[], question: SavedQuestion, options: { year?: number; offline: boolean }): AssistantReply {
  const { i18n, copy } = tools;
  const t = i18n.t;
  const advisor = t('chip.advisor');
  const line = (p: Product): string =>
    `• ${p.name} — ${i18n.price(p.price)} (${p.stock > 0 ? i18n.tn('card.stock', p.stock) : t('card.outOfStock')})`;
  const ask = outcomes.find((o) => o.kind === 'ask');
  if (ask?.kind === 'ask') {
    const names = ask.options.map((m) => m.model);
    const text = ask.family
      ? t('bot.askFamily', { family: ask.family, options: i18n.list(names, 'disjunction') })
      : t('bot.askModel', { examples: i18n.list(names.slice(0, 4), 'disjunction') });
    return reply('ask_model', text, { suggestions: names });
  }
  const lines: string[] = [];
  const cards: Product[] = [];
  type Found = Extract<PartOutcome, { kind: 'found' }>;
  let found = outcomes.filter((o): o is Found => o.kind === 'found');
  // A budget named: what fits in it; when nothing does, the cheapest, said plainly.
  const budget = question.maxPrice;
  let overBudget = false;
  if (budget !== undefined && found.length) {
    const within = found.map((o) => ({ ...o, items: o.items.filter((it) => it.product.price <= budget) })).filter((o) => o.items.length);
    overBudget = within.length === 0;
    found = overBudget ? found.map((o) => ({ ...o, items: [...o.items].sort((a, b) => a.product.price - b.product.price) })) : within;
  }
  if (found.length) {
    const share = Math.max(1, Math.floor(tools.maxCards / found.length));
    const shown = found.flatMap((o, i) => o.items.slice(0, i === 0 ? tools.maxCards - share * (found.length - 1) : share)).map((it) => it.product);
    const unique = [...new Map(shown.map((p) => [p.sku, p])).values()];
    const models = found[0]!.models;
    // Helmets, gloves, locks fit every bike: "para tu XTZ 125" would suggest a fitment check there was none.
    const forBike = models.length && unique.some((p) => !p.universal) ? t('bot.forBike', { bike: bikeLabel(i18n, models, options.year) }) : '';
    if (budget !== undefined) lines.push(fillCopy(copy, overBudget ? 'budgetNone' : 'budgetFits', { price: i18n.price(budget), forBike }));
    else if (question.rank && unique.length > 1) {
      const first = found[0]!.items[0];
      const key = question.rank === 'genuine' && !first?.genuine ? 'rank.noGenuine' : `rank.${question.rank}` as const;
      lines.push(fillCopy(copy, key, { forBike }));
    } else if ((question.sizes.length || question.rims.length) && !models.length) {
      const bikes = modelsOf(found.flatMap((o) => o.items), tools.byKey).map((m) => m.model);
      lines.push(fillCopy(copy, 'sizeFits', { size: question.sizes[0] ?? question.rims.map(String).join(', '), bikes: i18n.list(bikes.slice(0, 6)) }));
    } else lines.push(i18n.tn('bot.found', unique.length, { forBike }));
    lines.push(...unique.map(line));
    const more = found.length === 1 ? found[0]!.items.length - unique.length : 0;
    if (more > 0) lines.push(i18n.tn('bot.more', more));
    cards.push(...unique);
  }
  for (const outcome of outcomes) {
    if (outcome.kind === 'no_fit') {
      const bike = bikeLabel(i18n, outcome.models, options.year);
      lines.push(outcome.sizeNoFit ? fillCopy(copy, 'sizeNoFit', { size: outcome.sizeNoFit, bike }) : t('bot.noFit', { query: outcome.part.display, bike }));
      if (outcome.alternatives.length) {
        lines.push(t('bot.alternatives', { bike, category: outcome.alternatives[0]!.product.category }), ...outcome.alternatives.map((it) => line(it.product)));
        cards.push(...outcome.alternatives.map((it) => it.product).filter((p) => !cards.includes(p)));
      }
    } else if (outcome.kind === 'no') lines.push(t('bot.noResults', { query: outcome.part.display }));
    else if (outcome.kind === 'unsure') {
      const items: IndexedProduct[] = outcome.items;
      if (items.length) {
        lines.push(fillCopy(copy, 'unsure', { query: outcome.part.display, forBike: '' }), ...items.map((it) => line(it.product)));
        cards.push(...items.map((it) => it.product).filter((p) => !cards.includes(p)));
      } else lines.push(fillCopy(copy, 'unsureNone', { query: outcome.part.display, forBike: '' }));
    }
  }
  const kinds = new Set(outcomes.map((o) => o.kind));
  const kind: ReplyKind = found.length ? 'products' : kinds.has('no_fit') ? 'no_fit' : kinds.has('no') ? 'no_results' : 'unsure';
  if (options.offline && cards.length) lines.push(t('bot.offlineNote'));
  return reply(kind, lines.join('\n'), { products: cards.map(card), suggestions: kind === 'products' ? [] : [advisor] });
}
