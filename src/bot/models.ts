import type { BikeModel, Product } from './catalog';
import type { Lexicon } from './lexicon';
import { editDistance, normalizeText } from './text';

// Words of model names that are ordinary words too: alone they name no bike ("sport", "best").
const WEAK = new Set(['sport', 'eco', 'deluxe', 'plus', 'super', 'city', 'pro', 'fi', 'max', 'street', 'classic', 'special', 'racing', 'new', 'best']);
const YEAR = /^(19[5-9]\d|20\d\d)$/;
const FILLERS = new Set(['modelo', 'model', 'modele', 'ano', 'year', 'version']);

/** The letter and number runs a bike is written with: "pulsar200ns" → pulsar, 200, ns; "fz 2.0" → fz, 2. */
export function runsOf(word: string): string[] {
  return (word.match(/[a-z]+|\d+(?:\.\d+)?/g) ?? []).map((run) => run.replace(/\.0$/, ''));
}

export interface BikeIndex {
  models: BikeModel[];
  /** Each model's runs: its name's, plus those of the catalog keywords every one of its parts carries. */
  runs: ReadonlyMap<BikeModel, ReadonlySet<string>>;
  allRuns: ReadonlySet<string>;
  /** Catalog makes, normalised → as written. */
  makes: ReadonlyMap<string, string>;
  /** Bikes and makes of the market the catalog has no parts for. */
  market: Array<{ runs: Set<string>; name: string }>;
  marketMakes: Map<string, string>;
  /** Whether a word means something to the catalog or the lexicon, bike names aside. */
  isWord: (word: string) => boolean;
}

export interface BikeMatch {
  /** One model when named exactly; several when only a family ("boxer", "la fz"). */
  models: BikeModel[];
  year?: number;
  /** A make named (alone, or with the model). */
  make?: string;
  /** A bike the store has no parts for, as the customer wrote it ("Dominar 400"). */
  notCovered?: string;
  /** The words that named the bike, as written. */
  label?: string;
  /** Word positions that named the bike (they are not search words). */
  used: Set<number>;
}

const title = (words: string[]): string =>
  words.map((w) => (/\d/.test(w) || w.length <= 3 ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1))).join(' ');

/**
 * Indexes the catalog's bikes (from the products' `compatible` data) and the market's.
 * `isPartWord` tells the words naming parts (never bike aliases), `isWord` any word of the catalog.
 * @example const bikes = createBikeIndex(catalog.models, catalog.products, lexicon, (w) => index.typeVocab.has(w), (w) => index.allVocab.has(w));
 */
export function createBikeIndex(models: BikeModel[], products: readonly Product[], lexicon: Lexicon, isPartWord: (word: string) => boolean, isWord: (word: string) => boolean): BikeIndex {
  const makes = new Map(models.map((m) => [normalizeText(m.make), m.make]));
  const runs = new Map<BikeModel, Set<string>>();
  for (const model of models) {
    const set = new Set(normalizeText(model.model).split(' ').flatMap(runsOf));
    // "FZ 2.0" is also written "fz20".
    for (const run of [...set]) if (/^\d$/.test(run) && model.model.includes(`${run}.0`)) set.add(`${run}0`);
    runs.set(model, set);
  }
  // Keywords every part of a model carries are how the store writes the bike ("ax 115", "180 ug").
  const normalized = new Map<string, string>();
  const norm = (k: string): string => normalized.get(k) ?? (normalized.set(k, normalizeText(k)), normalized.get(k)!);
  const keywords = new Map(products.map((p) => [p, new Set(p.keywords.map(norm))]));
  const partsOf = new Map<string, Product[]>();
  for (const p of products) {
    if (p.universal) continue;
    for (const f of p.compatible) {
      const key = `${f.make} ${f.model}`;
      const list = partsOf.get(key);
      if (list) list.push(p);
      else partsOf.set(key, [p]);
    }
  }
  for (const model of models) {
    const own = partsOf.get(model.key) ?? [];
    if (own.length < 3) continue;
    let shared: Set<string> | undefined;
    for (const p of own) {
      const words = keywords.get(p)!;
      shared = shared ? new Set([...shared].filter((k) => words.has(k))) : new Set(words);
    }
    for (const keyword of shared ?? []) {
      const words = keyword.split(' ').filter((w) => !makes.has(w));
      if (!words.length || words.some((w) => isPartWord(w) || lexicon.isKnown(w))) continue;
      for (const w of words) for (const run of runsOf(w)) runs.get(model)!.add(run);
    }
  }
  const allRuns = new Set([...runs.values()].flatMap((s) => [...s]));
  const owned = [...runs.values()];
  const covered = (set: Set<string>): boolean => {
    const wanted = [...set];
    return owned.some((own) => wanted.every((r) => own.has(r)));
  };
  const market = lexicon.bikes
    .map((name) => ({ name, runs: new Set(normalizeText(name).split(' ').flatMap(runsOf)) }))
    .filter((bike) => bike.runs.size && !covered(bike.runs));
  const marketMakes = new Map(lexicon.makes.map((m) => [normalizeText(m), m]).filter(([m]) => !makes.has(m!)) as Array<[string, string]>);
  return { models, runs, allRuns, makes, market, marketMakes, isWord: (w) => lexicon.isKnown(w) || (isWord(w) && !allRuns.has(w)) };
}

function closestRun(index: BikeIndex, run: string): string | undefined {
  if (index.allRuns.has(run)) return run;
  if (run.length < 4 || /\d/.test(run) || index.isWord(run)) return undefined;
  const max = run.length >= 8 ? 2 : 1;
  for (const candidate of index.allRuns) if (candidate.length >= 3 && !/\d/.test(candidate) && editDistance(run, candidate, max) <= max) return candidate;
  return undefined;
}

/** A run of the bike's name, or an engine size within 5 % of one ("gixxer 155" is the Gixxer 150). */
function hasRun(own: ReadonlySet<string>, run: string): boolean {
  if (own.has(run)) return true;
  const n = Number(run);
  if (!(n >= 50)) return false;
  for (const r of own) if (/^\d+$/.test(r) && Math.abs(Number(r) - n) <= 0.05 * Number(r)) return true;
  return false;
}

interface Span {
  start: number;
  end: number;
  runs: string[];
  models: BikeModel[];
}

/** Whether the runs can name a bike: a real word of a name, or a word with a number, or several. */
function significant(runs: string[], index: BikeIndex, make: boolean): boolean {
  const alpha = runs.filter((r) => /[a-z]/.test(r));
  const strong = alpha.some((r) => r.length >= 2 && !WEAK.has(r) && !index.isWord(r));
  return strong || (alpha.length > 0 && runs.length > alpha.length) || alpha.length >= 2 || (make && runs.length > 0);
}

function bestSpan(words: readonly string[], used: ReadonlySet<number>, makeAt: ReadonlySet<number>, candidatesOf: (runs: string[]) => BikeModel[] | undefined, index: BikeIndex, make: boolean): Span | undefined {
  let best: Span | undefined;
  for (let start = 0; start < words.length; start++) {
    const runs: string[] = [];
    for (let end = start; end < Math.min(words.length, start + 4); end++) {
      if (used.has(end)) break;
      if (makeAt.has(end)) {
        if (end === start) break;
        continue;
      }
      const own = runsOf(words[end]!).map((r) => closestRun(index, r) ?? r);
      if (!own.length) break;
      runs.push(...own);
      if (!significant(runs, index, make)) continue;
      const models = candidatesOf(runs);
      if (!models?.length) continue;
      if (!best || runs.length > best.runs.length || (runs.length === best.runs.length && models.length < best.models.length)) {
        best = { start, end, runs: [...runs], models };
      }
    }
  }
  return best;
}

/**
 * Finds the bike a message names: exact models beat families, longer names beat shorter, a year
 * narrows a family ("fz modelo 2013" is the FZ16); a bike of the market the catalog lacks
 * ("dominar 400", "mt 03", "pulsar 220") is reported as not covered.
 * @example findBike(bikes, tokenize('pastillas pulsar200ns')).models // [Pulsar NS200]
 */
export function findBike(index: BikeIndex, words: readonly string[]): BikeMatch | undefined {
  const used = new Set<number>();
  let year: number | undefined;
  let make: string | undefined;
  let foreignMake: string | undefined;
  const makeAt = new Set<number>();
  words.forEach((word, i) => {
    if (YEAR.test(word)) {
      year = Number(word);
      used.add(i);
    } else if (FILLERS.has(word)) used.add(i);
    else if (index.makes.has(word)) {
      make = index.makes.get(word);
      makeAt.add(i);
    } else if (index.marketMakes.has(word) || index.marketMakes.has(`${word} ${words[i + 1]}`)) {
      foreignMake ??= index.marketMakes.get(word) ?? index.marketMakes.get(`${word} ${words[i + 1]}`);
      makeAt.add(i);
    }
  });
  const withMake = (models: BikeModel[]): BikeModel[] => (make ? models.filter((m) => m.make === make) : models);
  const candidatesOf = (runs: string[]): BikeModel[] => withMake(index.models.filter((m) => runs.every((r) => hasRun(index.runs.get(m)!, r))));
  let catalog = bestSpan(words, used, makeAt, candidatesOf, index, !!make);
  // Two bikes named ("¿el kit de la boxer ct100 le sirve a la discover?"): the later one is asked for.
  if (catalog) {
    const first = catalog;
    const taken = new Set([...used, ...Array.from({ length: first.end - first.start + 1 }, (_, i) => first.start + i)]);
    const other = bestSpan(words, taken, makeAt, candidatesOf, index, !!make);
    if (other && other.start > first.end + 1 && other.models.some((m) => !first.models.includes(m))) {
      for (const i of taken) used.add(i);
      catalog = other;
    }
  }
  const market = bestSpan(words, used, makeAt, (runs) => {
    // The whole name, plus an engine size when the list names the bike without one ("dominar 400").
    const hit = index.market.find((b) => {
      for (const r of b.runs) if (!runs.includes(r)) return false;
      const extra = runs.filter((r) => !b.runs.has(r));
      return extra.length === 0 || (extra.length === 1 && /^\d+$/.test(extra[0]!) && ![...b.runs].some((x) => /\d/.test(x)));
    });
    return hit ? [{ key: hit.name, make: '', model: hit.name, years: [] }] : undefined;
  }, index, false);
  const label = (span: Span, extra = 0): string => title(words.slice(span.start, span.end + 1 + extra).filter((w) => !index.makes.has(w)));
  const base = { used, ...(year !== undefined ? { year } : {}), ...(make ? { make } : {}) };
  const notCovered = (name: string, span?: Span, extra = 0): BikeMatch => {
    if (span) for (let i = span.start; i <= span.end + extra; i++) used.add(i);
    for (const i of makeAt) used.add(i);
    return { ...base, models: [], notCovered: name };
  };
  // "honda cbf 150", "suzuki gs 125": a make, then a model name the catalog does not know; the
  // engine size after it must not pick the make's model of that size.
  const unknownAfterMake = [...makeAt].map((i) => i + 1).find((i) => {
    const word = words[i];
    return word !== undefined && !used.has(i) && /^[a-z]/.test(word) && !index.isWord(word) && !index.allRuns.has(word) && closestRun(index, runsOf(word)[0]!) === undefined;
  });
  if (unknownAfterMake !== undefined && (!catalog || catalog.start > unknownAfterMake || catalog.end < unknownAfterMake) && !market) {
    const size = /^\d{2,4}$/.test(words[unknownAfterMake + 1] ?? '') ? 1 : 0;
    return notCovered(title(words.slice(unknownAfterMake - 1, unknownAfterMake + 1 + size)), { start: unknownAfterMake - 1, end: unknownAfterMake, runs: [], models: [] }, size);
  }
  if (market && (!catalog || market.runs.length > catalog.runs.length)) {
    const exact = index.market.find((b) => b.name === market.models[0]!.model && b.runs.size === market.runs.length);
    return notCovered(exact ? exact.name : label(market), market);
  }
  if (catalog) {
    // "pulsar 220": a family and a size of engine none of its models has.
    const next = words[catalog.end + 1];
    const number = next && !used.has(catalog.end + 1) ? runsOf(next).find((r) => /^\d+$/.test(r)) : undefined;
    const numbered = catalog.models.some((m) => [...index.runs.get(m)!].some((r) => /^\d{2,}$/.test(r)));
    if (number && numbered && Number(number) >= 50 && Number(number) <= 1300 && !catalog.runs.some((r) => /^\d/.test(r))
      && !catalog.models.some((m) => hasRun(index.runs.get(m)!, number))) {
      return notCovered(`${label(catalog, 1)}`, catalog, 1);
    }
    for (let i = catalog.start; i <= catalog.end; i++) used.add(i);
    for (const i of makeAt) used.add(i);
    let models = catalog.models;
    // A year narrows a family: "pulsar 2012" can only be a model sold that year.
    if (year !== undefined && models.length > 1) {
      const fitting = models.filter((m) => m.years.length === 0 || m.years.includes(year!));
      if (fitting.length > 0) models = fitting;
    }
    return { ...base, models, label: title(words.slice(catalog.start, catalog.end + 1)) };
  }
  if (foreignMake) {
    const at = Math.min(...makeAt);
    const after = words.slice(at + 1, at + 3).filter((w, i) => !index.isWord(w) || (i === 1 && /^\d+$/.test(w)));
    return notCovered(title([...normalizeText(foreignMake).split(' '), ...after].filter((w, i, all) => all.indexOf(w) === i)));
  }
  // A make with a model the catalog does not know ("yamaha r15", "honda pcx"), or an unknown word
  // with an engine size ("raider 125").
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    // "akt 200": an engine size none of the make's models has.
    if (make && makeAt.has(i - 1) && /^\d{2,4}$/.test(word) && Number(word) >= 50 && Number(word) <= 1300
      && !index.models.some((m) => m.make === make && hasRun(index.runs.get(m)!, word))) {
      return notCovered(title([words[i - 1]!, word]), { start: i - 1, end: i, runs: [], models: [] });
    }
    if (used.has(i) || makeAt.has(i) || index.isWord(word) || index.allRuns.has(word) || !/[a-z]/.test(word) || word.length < 2) continue;
    const afterMake = makeAt.has(i - 1);
    const next = words[i + 1];
    const size = next !== undefined && /^\d{2,4}$/.test(next) && Number(next) >= 50 && Number(next) <= 1300;
    if (afterMake || (size && word.length >= 3)) {
      return notCovered(title([...(afterMake ? [words[i - 1]!] : []), word, ...(size ? [next!] : [])]), { start: afterMake ? i - 1 : i, end: i, runs: [], models: [] }, size ? 1 : 0);
    }
  }
  if (make === undefined && year === undefined) return undefined;
  for (const i of makeAt) used.add(i);
  return { ...base, models: [] };
}

/**
 * Picks one of the models offered in a question from a short answer ("la 2.0", "la s", "2018").
 * @example narrowTo(bikes, [fz16, fz20], tokenize('la 2.0')) // fz20
 */
export function narrowTo(index: BikeIndex, options: readonly BikeModel[], words: readonly string[]): BikeModel | undefined {
  const runs = words.filter((w) => !YEAR.test(w)).flatMap(runsOf).filter((r) => index.allRuns.has(r));
  const year = words.map(Number).find((n) => YEAR.test(String(n)));
  let fitting = runs.length ? options.filter((m) => runs.every((r) => index.runs.get(m)!.has(r))) : [...options];
  if (year !== undefined) fitting = fitting.filter((m) => m.years.length === 0 || m.years.includes(year));
  return fitting.length === 1 && (runs.length || year !== undefined) ? fitting[0] : undefined;
}
