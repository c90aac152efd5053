// npm test: typecheck, lint, build, unit tests and browser tests (in that order; stops at the first failure).
import { spawnSync } from 'node:child_process';
import { ensureChromium, ensureProsody } from './ensure-packages.mjs';

const steps = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npx', ['eslint', '.']],
  ['build', 'node', ['scripts/build.mjs']],
  ['unit + browser tests', 'npx', ['vitest', 'run']],
];
const started = performance.now();
ensureChromium();
ensureProsody();
for (const [name, command, args] of steps) {
  const stepStart = performance.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  const seconds = ((performance.now() - stepStart) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${name} (${seconds} s)`);
}
console.log(`\nAll checks passed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
