// npm run bench [-- filter]: builds the site and the bench pages, runs every suite in headless
// Chromium (a fresh context each) plus the Node-side suites, and prints one table.
import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { ensureChromium } from '../../scripts/ensure-packages.mjs';

const filter = process.argv[2] ?? '';
const executablePath = ensureChromium();
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info', '--js-flags=--expose-gc'];

if (!process.argv.includes('--no-build')) {
  const result = spawnSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
await build({ configFile: 'tests/bench/vite.config.ts' });

const rows = [];
const failures = [];

for (const file of (await readdir('tests/bench/node')).filter((f) => f.endsWith('.mjs')).sort()) {
  const name = file.replace(/\.mjs$/, '');
  if (filter && !name.includes(filter)) continue;
  const suite = (await import(`./node/${file}`)).default;
  try {
    for (const row of await suite({ executablePath, args })) rows.push({ suite: name, ...row });
  } catch (error) {
    failures.push(`${name}: ${error?.stack ?? error}`);
  }
}

const server = await preview({ root: 'tests/bench', build: { outDir: '../../.bench-dist' }, preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
const origin = server.resolvedUrls.local[0].replace(/\/$/, '');
const browser = await chromium.launch({ executablePath, headless: true, args });
const probe = await browser.newPage();
await probe.goto(`${origin}/index.html`);
const suites = await probe.evaluate(() => window.BENCH_SUITES);
await probe.close();
for (const name of suites.sort()) {
  if (filter && !name.includes(filter)) continue;
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => failures.push(`${name}: ${error.message}`));
  try {
    await page.goto(`${origin}/index.html`);
    const started = Date.now();
    const result = await page.evaluate((suite) => window.runSuite(suite), name);
    for (const row of result) rows.push({ suite: name, ...row });
    process.stderr.write(`  ${name}: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } catch (error) {
    failures.push(`${name}: ${error?.message ?? error}`);
  }
  await context.close();
}
await browser.close();
server.httpServer.close();

const fmt = (n) => (typeof n !== 'number' ? '' : Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : Number(n.toFixed(2)).toString());
const table = rows.map((r) => [
  r.suite,
  r.figure,
  `${fmt(r.value)} ${r.unit}`,
  r.baseline ? `${fmt(r.baseline.value)} (${r.baseline.label})` : '',
  r.ratio !== undefined ? `${r.ratio.toFixed(2)}×` : '',
  r.goal ?? '',
  r.pass === undefined ? '' : r.pass ? 'ok' : 'MISSED',
]);
const header = ['suite', 'figure', 'value', 'baseline (same run)', 'ratio', 'goal', ''];
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(`\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of table) console.log(line(row));
if (failures.length) {
  console.error(`\n${failures.length} suite(s) failed:\n${failures.join('\n')}`);
  process.exit(1);
}
