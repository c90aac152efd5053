import type { BenchRow, BenchSuite } from './types';

// Each file in suites/ is one suite, run in a fresh browser context by run.mjs.
const suites = import.meta.glob<{ default: BenchSuite }>('./suites/*.ts');

const names = Object.keys(suites).map((path) => path.replace('./suites/', '').replace(/\.ts$/, ''));

Object.assign(window, {
  BENCH_SUITES: names,
  runSuite: async (name: string): Promise<BenchRow[]> => {
    const load = suites[`./suites/${name}.ts`];
    if (!load) throw new Error(`no suite ${name}`);
    return (await load()).default();
  },
});
