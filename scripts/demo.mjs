// npm run demo: builds, then serves dist/ (a secure context on 127.0.0.1, so the service worker,
// push and CompressionStream all work) and prints the URL.
import { spawnSync } from 'node:child_process';
import { preview } from 'vite';

if (!process.argv.includes('--no-build')) {
  const result = spawnSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
const port = Number(process.env.PORT ?? 4173);
const server = await preview({ preview: { host: '127.0.0.1', port, strictPort: false } });
const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
console.log(`\n  Repuestos Motos demo store with the chat widget: ${url}\n  (Ctrl+C to stop)\n`);
