import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { ensureChromium } from '../../../scripts/ensure-packages.mjs';

/** Browser tests run against the built site: build it if `npm test` did not already. */
export default function setup(): void {
  ensureChromium();
  const dist = process.env.CHATBOT_DIST ?? 'dist';
  if (!existsSync(`${dist}/chatbot.js`) || !existsSync(`${dist}/sw.js`) || process.env.E2E_REBUILD) {
    const result = spawnSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
    if (result.status !== 0) throw new Error('build failed');
  }
}
