import type { BikeModel } from './catalog';
import { findPart, fits, rankItems, type PartMatch } from './find-parts';
import type { Lexicon } from './lexicon';
import type { PartAsked } from './query';
import { positionOn, type IndexedProduct, type ProductIndex } from './search';

import type { SavedQuestion } from '../storage';

export type { SavedQuestion };

/** The bike a question is about: one model, a family ("la fz"), or none. */
export interface BikeContext {
  models: BikeModel[];
  year?: number;
  /** How the customer named a family ("Pulsar"), for "¿cuál Pulsar tienes?". */
  label?: string;
}

/** What the catalog says about one part of a question. */
export type PartOutcome =
  | { kind: 'found'; part: PartAsked; items: IndexedProduct[]; models: BikeModel[]; match: PartMatch }
  | { kind: 'ask'; part: PartAsked; options: BikeModel[]; family?: string }
  | { kind: 'no_fit'; part: PartAsked; alternatives: IndexedProduct[]; models: BikeModel[]; sizeNoFit?: string }
  | { kind: 'no'; part: PartAsked }
  | { kind: 'unsure'; part: PartAsked; items: IndexedProduct[] };

export interface PartContext {
  index: ProductIndex;
  lexicon: Lexicon;
}

const skus = (items: readonly IndexedProduct[]): string => items.map((it) => it.product.sku).sort().join(',');

/** With a wheel asked for, the parts made for that wheel, when there are any ("freno de atrás": bandas traseras, not the brake fluid). */
function onWheel(items: IndexedProduct[], position: 'front' | 'rear' | undefined, model: BikeModel | undefined): IndexedProduct[] {
  const made = position ? items.filter((it) => positionOn(it, model) === position) : [];
  return made.length ? made : items;
}

/** The bikes a set of products fits, most common first. */
export function modelsOf(items: readonly IndexedProduct[], byKey: ReadonlyMap<string, BikeModel>): BikeModel[] {
  const counts = new Map<string, number>();
  for (const it of items) for (const fit of it.product.compatible) counts.set(`${fit.make} ${fit.model}`, (counts.get(`${fit.make} ${fit.model}`) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([key]) => byKey.get(key)).filter((m): m is BikeModel => !!m);
}

/**
 * Answers one part of a question for the bike: the products that fit (ranked), a question when
 * the bike decides and is not known, the fitting alternatives when the part does not fit it, an
 * honest "not carried", or "not sure" when the words only come near a part.
 * @example answerPart(ctx, byKey, question, question.parts[0], { models: [nkd] }).kind // 'found'
 */
export function answerPart(ctx: PartContext, byKey: ReadonlyMap<string, BikeModel>, question: SavedQuestion, part: PartAsked, bike: BikeContext): PartOutcome {
  const match = findPart(ctx.index, ctx.lexicon, { terms: part.terms, sizes: question.sizes, rims: question.rims });
  const position = part.position ?? question.position;
  const { year } = bike;
  const rank = (items: readonly IndexedProduct[], model?: BikeModel): IndexedProduct[] =>
    rankItems(ctx.index, items, { terms: part.terms, soft: match.soft, ...(position ? { position } : {}), ...(question.rank ? { rank: question.rank } : {}), ...(model ? { model } : {}) });
  const [model] = bike.models;
  if (match.level === 'none' || match.items.length === 0) {
    // The size exists, not for this bike: say so and show the tyres that fit it.
    if (match.sizeMissing && model && question.sizes.length) {
      const same = findPart(ctx.index, ctx.lexicon, { terms: part.terms, sizes: [], rims: [] }).items.filter((it) => fits(it, model, year, position));
      if (same.length) return { kind: 'no_fit', part, alternatives: rank(same, model).slice(0, 3), models: [model], sizeNoFit: question.sizes[0]! };
    }
    // Words near no part at all: not a "we do not have it", an "I did not understand".
    return match.required.length || match.sizeMissing ? { kind: 'no', part } : { kind: 'unsure', part, items: [] };
  }
  if (match.level === 'related' || match.level === 'loose') {
    const near = bike.models.length ? match.items.filter((it) => bike.models.some((m) => fits(it, m, year, position))) : match.items;
    return { kind: 'unsure', part, items: rank(near, bike.models.length === 1 ? model : undefined).slice(0, 3) };
  }
  // The wheel the name says (delantero/trasero); the fit's own wheel is checked per bike.
  let items = position ? match.items.filter((it) => !it.position || it.position === position) : match.items;
  if (bike.models.length === 1) {
    const fitting = onWheel(items.filter((it) => fits(it, model!, year, position)), position, model);
    if (fitting.length) return { kind: 'found', part, items: rank(fitting, model), models: [model!], match };
    const category = match.items[0]!.product.category;
    const alternatives = ctx.index.items.filter((it) => it.product.category === category && !it.product.universal && fits(it, model!, year, undefined));
    return { kind: 'no_fit', part, alternatives: rank(alternatives, model).slice(0, 3), models: [model!] };
  }
  if (bike.models.length > 1) {
    const perModel = bike.models.map((m) => onWheel(items.filter((it) => fits(it, m, year, position)), position, m));
    if (perModel.every((list) => list.length === 0)) return { kind: 'no_fit', part, alternatives: [], models: bike.models };
    if (perModel.every((list) => skus(list) === skus(perModel[0]!))) return { kind: 'found', part, items: rank(perModel[0]!), models: bike.models, match };
    const options = [...bike.models].sort((a, b) => Number(perModel[bike.models.indexOf(b)]!.length > 0) - Number(perModel[bike.models.indexOf(a)]!.length > 0));
    return { kind: 'ask', part, options, ...(bike.label ? { family: bike.label } : {}) };
  }
  if (!items.length) return { kind: 'no', part };
  items = onWheel(items, position, undefined);
  const specific = items.filter((it) => !it.product.universal);
  const signatures = new Set(specific.map((it) => it.product.compatible.map((f) => `${f.make} ${f.model}`).sort().join('|')));
  if (question.sizes.length || question.rims.length || signatures.size <= 1) return { kind: 'found', part, items: rank(items), models: [], match };
  return { kind: 'ask', part, options: modelsOf(specific, byKey).slice(0, 4) };
}
