import { readFileSync } from 'node:fs';
import { createManualClock } from '../../src/core/manual-clock';
import type { Language } from '../../src/core/config';
import { normalizeCatalog, type Catalog } from '../../src/bot/catalog';
import { createAssistant, type Assistant, type AssistantReply, type AssistantSession } from '../../src/bot/engine';
import { parseBotSettings } from '../../src/bot/settings';
import { createI18n } from '../../src/i18n';
import { DICTIONARIES } from '../../src/i18n/dictionaries';
import { BOT_COPIES } from '../../src/bot/copy/all';
import { acceptable, fitsBike } from './oracle';
import type { CaseKind, EvalCase, Pick } from './types';

// Saturday 21 Nov 2026, 10:00 in Bogotá: the store is open.
const NOW = Date.parse('2026-11-21T15:00:00Z');
const NO_KINDS = new Set(['no_results', 'no_fit', 'not_covered']);

export const METRICS = ['productTop1', 'productTop3', 'clarification', 'honesty', 'talk'] as const;
export type Metric = (typeof METRICS)[number];

export interface CaseResult {
  case: EvalCase;
  reply: AssistantReply;
  pass: boolean;
  top3?: boolean;
  /** Cards that do not fit the case's bike. */
  wrongFit: string[];
  why?: string;
}

export interface EvalReport {
  results: CaseResult[];
  /** metric → [passed, total] */
  scores: Record<Metric, [number, number]>;
  byKind: Record<string, [number, number]>;
  wrongFit: number;
  /** Product questions answered with "we do not have it": the failure the issue is about. */
  falseNo: number;
}

/** The demo catalog and orders (public/). */
export function demoData(): { catalog: Catalog; orders: unknown } {
  return {
    catalog: normalizeCatalog(JSON.parse(readFileSync('public/catalog.json', 'utf8'))),
    orders: JSON.parse(readFileSync('public/orders.json', 'utf8')),
  };
}

function assistantFor(catalog: Catalog, orders: unknown, language: Language): Assistant {
  return createAssistant({
    catalog, settings: parseBotSettings({}), i18n: createI18n(language, DICTIONARIES[language]), copy: BOT_COPIES[language],
    storeName: 'Repuestos Motos', clock: createManualClock(NOW), loadOrders: async () => ({ file: orders, cached: false }),
  });
}

const metricOf = (c: EvalCase): Metric => {
  const e = c.expect;
  if ('products' in e) return 'productTop1';
  if ('ask' in e) return 'clarification';
  if ('no' in e || 'notCovered' in e) return 'honesty';
  return 'talk';
};

function check(catalog: Catalog, c: EvalCase, reply: AssistantReply): Omit<CaseResult, 'case' | 'reply' | 'wrongFit'> {
  const e = c.expect;
  const shown = reply.products.map((p) => p.sku);
  if ('products' in e) {
    const ok = acceptable(catalog, e.products);
    if (ok.size === 0) throw new Error(`eval case "${c.turns.join(' / ')}": its predicate matches no product`);
    const top1 = shown[0] !== undefined && ok.has(shown[0]);
    const top3 = shown.slice(0, 3).some((sku) => ok.has(sku));
    const missing = (e.also ?? []).filter((pick) => !shown.some((sku) => acceptable(catalog, pick).has(sku)));
    const text = !e.text || e.text.test(reply.text);
    const why = !top1 ? `first card ${shown[0] ?? '(none)'} (${reply.kind})` : missing.length ? `missing ${missing.map((m) => m.type).join(', ')}` : !text ? `text lacks ${e.text}` : undefined;
    return { pass: top1 && !missing.length && text, top3, ...(why ? { why } : {}) };
  }
  if ('ask' in e) {
    const pass = reply.kind === 'ask_model' && e.ask.every((option) => reply.suggestions.includes(option));
    return { pass, ...(pass ? {} : { why: `${reply.kind} [${reply.suggestions.join(', ')}]` }) };
  }
  if ('no' in e) {
    if (acceptable(catalog, e.no).size > 0) throw new Error(`eval case "${c.turns.join(' / ')}": the catalog has this part`);
    // "Not as such; the closest I have is…" with a person offered is honest too: nothing shown is the part asked for.
    const pass = NO_KINDS.has(reply.kind) || (reply.kind === 'unsure' && reply.suggestions.length > 0);
    return { pass, ...(pass ? {} : { why: `${reply.kind} ${shown.slice(0, 2).join(', ')}` }) };
  }
  if ('notCovered' in e) {
    const pass = reply.kind === 'not_covered' && reply.products.length === 0 && reply.suggestions.length > 0;
    return { pass, ...(pass ? {} : { why: reply.kind }) };
  }
  const pass = e.reply.includes(reply.kind) && (!e.text || e.text.test(reply.text));
  return { pass, ...(pass ? {} : { why: `${reply.kind}: ${reply.text.slice(0, 80)}` }) };
}

function bikeOf(c: EvalCase): Pick | undefined {
  const e = c.expect;
  const pick = 'products' in e ? e.products : 'no' in e ? e.no : undefined;
  return pick?.fits ? pick : undefined;
}

/**
 * Runs every case through a fresh conversation with the assistant over `catalog` and scores it.
 * @example const report = await evaluate(ALL_CASES); report.scores.productTop1 // [312, 320]
 */
export async function evaluate(cases: EvalCase[], data = demoData()): Promise<EvalReport> {
  const assistants = new Map<Language, Assistant>();
  const results: CaseResult[] = [];
  for (const c of cases) {
    let assistant = assistants.get(c.lang);
    if (!assistant) assistants.set(c.lang, (assistant = assistantFor(data.catalog, data.orders, c.lang)));
    const session: AssistantSession = {};
    let reply: AssistantReply | undefined;
    for (const turn of c.turns) reply = await assistant.answer(turn, session);
    const bike = bikeOf(c);
    const wrongFit = bike
      ? reply!.products.filter((card) => !fitsBike(data.catalog, data.catalog.products.find((p) => p.sku === card.sku)!, bike.fits!, bike.year)).map((p) => p.sku)
      : [];
    results.push({ case: c, reply: reply!, wrongFit, ...check(data.catalog, c, reply!) });
  }
  const scores = Object.fromEntries(METRICS.map((m) => [m, [0, 0]])) as Record<Metric, [number, number]>;
  const byKind: Record<string, [number, number]> = {};
  let falseNo = 0;
  for (const r of results) {
    const metric = metricOf(r.case);
    scores[metric][1]++;
    if (r.pass) scores[metric][0]++;
    if (metric === 'productTop1') {
      scores.productTop3[1]++;
      if (r.top3) scores.productTop3[0]++;
      if (NO_KINDS.has(r.reply.kind)) falseNo++;
    }
    const kind: CaseKind = r.case.kind;
    const slot = (byKind[`${r.case.lang}:${kind}`] ??= [0, 0]);
    slot[1]++;
    if (r.pass) slot[0]++;
  }
  return { results, scores, byKind, wrongFit: results.reduce((sum, r) => sum + r.wrongFit.length, 0), falseNo };
}
