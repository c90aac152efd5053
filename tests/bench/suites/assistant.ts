import catalogUrl from '../../../public/catalog.json?url';
import { systemClock } from '../../../src/core/clock';
import type { Language } from '../../../src/core/config';
import { parseBotSettings } from '../../../src/bot/settings';
import { ALL_CASES } from '../../bot-eval/cases';
import { median, percentile } from '../measure';
import type { BenchRow } from '../types';

const settings = parseBotSettings({});
const runtimeOptions = (language: Language) => ({
  settings, language, storeName: 'Repuestos Motos', catalogUrl: new URL(catalogUrl, location.href).href, clock: systemClock,
  fetch: (url: RequestInfo | URL, init?: RequestInit) => fetch(url, { ...init, cache: 'no-store' }),
});

/**
 * The parts assistant in the browser, once its catalog is loaded: every reply of the evaluation
 * set (tests/bot-eval, 500+ messages in es/en/pt/fr), and the catalog's parse, validation and
 * index alone. The first reply of a fresh page is `assistant-first` (and `node/assistant-first.mjs`).
 */
export default async function assistant(): Promise<BenchRow[]> {
  const { createRuntime } = await import('../../../src/bot/runtime');
  const es = await createRuntime(runtimeOptions('es'));
  await es.answer('hola', {});
  const runtimes = new Map<Language, Awaited<ReturnType<typeof createRuntime>>>([['es', es]]);
  for (const language of ['en', 'pt', 'fr'] as const) {
    const runtime = await createRuntime(runtimeOptions(language));
    await runtime.answer('hola', {});
    runtimes.set(language, runtime);
  }
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const c of ALL_CASES) {
      const session = {};
      for (const turn of c.turns) {
        const t0 = performance.now();
        await runtimes.get(c.lang)!.answer(turn, session);
        times.push(performance.now() - t0);
      }
    }
  }

  // The catalog once fetched: parsing, validation and indexing alone (a page that already has it).
  const text = await (await fetch(catalogUrl)).text();
  const builds: number[] = [];
  const { normalizeCatalog } = await import('../../../src/bot/catalog');
  const { createAssistant } = await import('../../../src/bot/engine');
  const { loadI18n } = await import('../../../src/i18n');
  const { loadBotCopy } = await import('../../../src/bot/copy');
  const [i18n, copy] = await Promise.all([loadI18n('es'), loadBotCopy('es')]);
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    createAssistant({ catalog: normalizeCatalog(JSON.parse(text)), settings, i18n, copy, storeName: 'Repuestos Motos', clock: systemClock });
    builds.push(performance.now() - t0);
  }
  const p95 = percentile(times, 95);
  return [
    { figure: 'assistant: catalog parse + validation + index (369 parts), median of 5', value: Number(median(builds).toFixed(1)), unit: 'ms' },
    { figure: `assistant: reply p50 over the evaluation set (${times.length} replies, es/en/pt/fr)`, value: Number(median(times).toFixed(2)), unit: 'ms' },
    { figure: 'assistant: reply p95 over the evaluation set', value: Number(p95.toFixed(2)), unit: 'ms', goal: '≤ 20 ms', pass: p95 <= 20 },
    { figure: 'assistant: slowest reply over the evaluation set', value: Number(Math.max(...times).toFixed(2)), unit: 'ms' },
  ];
}
