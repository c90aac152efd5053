import { defineConfig } from 'vite';

export default defineConfig({
  root: 'tests/bench',
  publicDir: false,
  logLevel: 'warn',
  build: { outDir: '../../.bench-dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
});
