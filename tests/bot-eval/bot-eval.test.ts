import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_CASES } from './cases';
import { evaluate, METRICS, type EvalReport, type Metric } from './evaluate';

const THRESHOLDS = JSON.parse(readFileSync('tests/bot-eval/thresholds.json', 'utf8')) as Record<Metric | 'wrongFit', number>;
const LABELS: Record<Metric, string> = {
  productTop1: 'product answers, right part first (top-1)',
  productTop3: 'product answers, right part in the first 3 (top-3)',
  clarification: 'asks which bike when it must',
  honesty: 'out of catalog: says so honestly',
  talk: 'small talk, orders, store questions, handoff',
};

const pct = ([passed, total]: [number, number]): string => `${total ? ((100 * passed) / total).toFixed(1) : '—'} % (${passed}/${total})`;

function table(report: EvalReport): string {
  const rows = METRICS.map((m) => `| ${LABELS[m].padEnd(52)} | ${pct(report.scores[m]).padEnd(18)} | ≥ ${(THRESHOLDS[m] * 100).toFixed(1)} % |`);
  rows.push(`| ${'wrong-fit parts shown'.padEnd(52)} | ${String(report.wrongFit).padEnd(18)} | ≤ ${THRESHOLDS.wrongFit} |`);
  rows.push(`| ${'product questions answered "we do not have it"'.padEnd(52)} | ${String(report.falseNo).padEnd(18)} |  |`);
  const kinds = Object.entries(report.byKind).sort().map(([kind, score]) => `${kind} ${pct(score)}`);
  const failures = report.results.filter((r) => !r.pass || r.wrongFit.length)
    .map((r) => `  ✗ [${r.case.lang}:${r.case.kind}] ${r.case.turns.join(' → ')}  ⇒ ${r.why ?? ''}${r.wrongFit.length ? ` WRONG FIT ${r.wrongFit.join(', ')}` : ''}`);
  return [
    `\nbot eval: ${report.results.length} cases`,
    `| ${'figure'.padEnd(52)} | ${'value'.padEnd(18)} | committed |`,
    ...rows,
    `by kind: ${kinds.join(' · ')}`,
    ...(process.env.EVAL_VERBOSE || failures.length <= 40 ? failures : [`  (${failures.length} failures; EVAL_VERBOSE=1 lists them)`]),
  ].join('\n');
}

describe('the parts assistant on the evaluation set (tests/bot-eval)', () => {
  it('keeps accuracy at or above the committed figures and never shows a part that does not fit', { timeout: 60_000 }, async () => {
    const report = await evaluate(ALL_CASES);
    console.log(table(report));
    expect(report.results.length).toBeGreaterThanOrEqual(300);
    expect(report.results.filter((r) => r.case.lang !== 'es').length).toBeGreaterThanOrEqual(30);
    for (const metric of METRICS) {
      const [passed, total] = report.scores[metric];
      expect(passed / total, metric).toBeGreaterThanOrEqual(THRESHOLDS[metric]);
    }
    expect(report.wrongFit).toBeLessThanOrEqual(THRESHOLDS.wrongFit);
  });
});
