import type { BikeModel } from './catalog';
import { allowedTypos, compact, editDistance, normalizeText } from './text';

/** Single words that name a family of bikes only in the catalog, never in a customer's sentence. */
const NOT_A_FAMILY = new Set(['best', 'sport', 'plus', 'eco', 'deluxe', 'fi', 'super', 'city', 'pro', 's', 'l', 'r', 'f']);

export interface ModelIndex {
  /** compact alias → the models it names (one: exact; several: a family such as "pulsar"). */
  aliases: Map<string, BikeModel[]>;
  /** normalised make → the catalog's spelling */
  makes: Map<string, string>;
  models: BikeModel[];
}

export interface ModelMatch {
  /** One model when the customer named it exactly; several when only the family ("boxer"). */
  models: BikeModel[];
  /** Token positions that named the bike (they are not search words). */
  used: Set<number>;
  year?: number;
  /** A make named on its own ("yamaha"), as the catalog writes it. */
  make?: string;
}

const hasDigit = (s: string): boolean => /\d/.test(s);
const hasLetter = (s: string): boolean => /[a-z]/.test(s);

function add(aliases: Map<string, BikeModel[]>, alias: string, model: BikeModel): void {
  const list = aliases.get(alias) ?? [];
  if (!list.includes(model)) list.push(model);
  aliases.set(alias, list);
}

function aliasesOf(model: BikeModel): string[] {
  const out = new Set<string>();
  // "FZ 2.0" is also written "FZ 2" and "FZ20".
  const spellings = new Set([model.model, model.model.replace(/\.0\b/g, '')]);
  for (const spelling of spellings) {
    const tokens = normalizeText(spelling).split(' ');
    out.add(compact(`${normalizeText(model.make)}${tokens.join('')}`));
    for (let i = 0; i < tokens.length; i++) {
      for (let j = i + 1; j <= tokens.length; j++) {
        const alias = compact(tokens.slice(i, j).join(''));
        if (hasDigit(alias) ? hasLetter(alias) && alias.length >= 3 : j - i === 1 && alias.length >= 2 && !NOT_A_FAMILY.has(alias)) {
          out.add(alias);
          // "XR150L" is also said "XR150", "CB 190R" "CB 190".
          const short = alias.replace(/(\d)[a-z]+$/, '$1');
          if (short !== alias && hasLetter(short)) out.add(short);
        }
      }
    }
  }
  return [...out];
}

/**
 * Indexes the catalog's bike models under the ways customers write them: "Boxer CT100",
 * "ct 100", "CT-100", "bajaj boxer ct100", "NS200", "FZ 2.0"/"fz2", "XR150", family names.
 * @example const index = createModelIndex(catalog.models); findModel(index, tokenize('pastillas ns 200'))
 */
export function createModelIndex(models: BikeModel[]): ModelIndex {
  const aliases = new Map<string, BikeModel[]>();
  const makes = new Map<string, string>();
  for (const model of models) {
    makes.set(normalizeText(model.make), model.make);
    for (const alias of aliasesOf(model)) add(aliases, alias, model);
  }
  return { aliases, makes, models };
}

const YEAR = /^(19[5-9]\d|20\d\d)$/;

/**
 * Finds the bike (and year) a tokenised question names. Exact names beat family names, longer
 * beat shorter; a make alone ("bajaj") narrows nothing but is not a search word either.
 * @example findModel(index, tokenize('balatas ns 200 2019')) // { models: [Pulsar NS200], year: 2019, used: {1, 2, 3} }
 */
export function findModel(index: ModelIndex, tokens: readonly string[]): ModelMatch | undefined {
  const used = new Set<number>();
  let best: { models: BikeModel[]; start: number; length: number } | undefined;
  const better = (models: BikeModel[], length: number): boolean =>
    !best || (models.length === 1 && best.models.length > 1) || (models.length === 1) === (best.models.length === 1) && length > best.length;
  for (let length = Math.min(4, tokens.length); length >= 1; length--) {
    for (let start = 0; start + length <= tokens.length; start++) {
      const alias = compact(tokens.slice(start, start + length).join(''));
      const models = index.aliases.get(alias);
      if (models && better(models, length)) best = { models, start, length };
    }
  }
  if (!best) best = fuzzyFamily(index, tokens);
  let year: number | undefined;
  let make: string | undefined;
  tokens.forEach((token, i) => {
    if (YEAR.test(token)) {
      year = Number(token);
      used.add(i);
    } else if (index.makes.has(token)) {
      make = index.makes.get(token);
      used.add(i);
    } else if (token === 'modelo' || token === 'model') used.add(i);
  });
  if (!best) return year === undefined && make === undefined ? undefined : { models: [], used, ...(year !== undefined ? { year } : {}), ...(make ? { make } : {}) };
  for (let i = best.start; i < best.start + best.length; i++) used.add(i);
  let models = best.models;
  // A year narrows a family: "pulsar 2012" can only be a model sold that year.
  if (year !== undefined && models.length > 1) {
    const fitting = models.filter((m) => m.years.length === 0 || m.years.includes(year!));
    if (fitting.length > 0) models = fitting;
  }
  return { models, used, ...(year !== undefined ? { year } : {}) };
}

function fuzzyFamily(index: ModelIndex, tokens: readonly string[]): { models: BikeModel[]; start: number; length: number } | undefined {
  for (let start = 0; start < tokens.length; start++) {
    const token = tokens[start]!;
    const max = allowedTypos(token.length);
    if (max === 0 || hasDigit(token)) continue;
    for (const [alias, models] of index.aliases) {
      if (!hasDigit(alias) && alias.length >= 5 && editDistance(token, alias, max) <= max) return { models, start, length: 1 };
    }
  }
  return undefined;
}
