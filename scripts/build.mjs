// npm run build: chatbot.js (classic stub) first, then the app, the ES module, the service worker
// with its precache manifest (which must list the stub), then the .d.ts types.
import { rm } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { build } from 'vite';

const started = performance.now();
const outDir = process.env.CHATBOT_DIST ?? 'dist';
await rm(outDir, { recursive: true, force: true });
await build({ configFile: 'vite.loader.config.ts', logLevel: 'warn' });
await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', `${outDir}/types`], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
console.log(`build: ${outDir}/ ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
