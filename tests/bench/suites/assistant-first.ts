import catalogUrl from '../../../public/catalog.json?url';
import { systemClock } from '../../../src/core/clock';
import { parseBotSettings } from '../../../src/bot/settings';
import type { BenchRow } from '../types';

/**
 * The assistant's first reply on a fresh page: its chunk, then its strings, the catalog download,
 * validation and index, and the answer. One sample; `node/assistant-first.mjs` takes the median
 * of fresh pages and the main thread's CPU time.
 */
export default async function assistantFirst(): Promise<BenchRow[]> {
  const settings = parseBotSettings({});
  const start = performance.now();
  const { createRuntime } = await import('../../../src/bot/runtime');
  const loaded = performance.now();
  const runtime = await createRuntime({ settings, language: 'es', storeName: 'Repuestos Motos', catalogUrl: new URL(catalogUrl, location.href).href, clock: systemClock });
  const reply = await runtime.answer('¿tienen filtro de aceite para Boxer CT100?', {});
  if (!reply.products.some((p) => p.sku === 'FIL-ACE-BOX-CT100')) throw new Error(`unexpected first answer: ${reply.text}`);
  const end = performance.now();
  return [
    { figure: 'assistant: first reply of a fresh page (chunk, strings, catalog fetch, validation, index, answer), one page', value: Number((end - start).toFixed(1)), unit: 'ms' },
    { figure: 'assistant: first reply including the catalog load, chunk loaded, one page', value: Number((end - loaded).toFixed(1)), unit: 'ms' },
  ];
}
