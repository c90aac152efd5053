import { defineConfig } from 'vitest/config';
import { VitePWA } from 'vite-plugin-pwa';

// CHATBOT_DIST lets parallel work build into its own folder without clobbering dist/.
export const OUT_DIR = process.env.CHATBOT_DIST ?? 'dist';
const APP_ENTRIES = new Set(['chatbot-app', 'chatbot-module']);

export default defineConfig({
  publicDir: 'public',
  build: {
    target: 'es2022',
    outDir: OUT_DIR,
    // scripts/build.mjs empties dist/ and builds the chatbot.js stub first, so the precache
    // manifest injected below lists it too.
    emptyOutDir: false,
    sourcemap: true,
    rollupOptions: {
      input: {
        index: 'index.html',
        // The installable staff page (own manifest and icons, precached like the store page).
        admin: 'admin.html',
        'chatbot-app': 'src/main.ts',
        'chatbot-module': 'src/index.ts',
      },
      // The module entry is a library: keep its exports.
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: (chunk) => (APP_ENTRIES.has(chunk.name) ? '[name].js' : 'assets/[name]-[hash].js'),
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
  plugins: [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: false,
      injectManifest: {
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,json,png,svg,webmanifest}'],
        globIgnores: ['**/*.map', 'types/**', 'chatbot-module.js'],
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      },
    }),
  ],
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/bot-eval/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/unit/setup.ts'],
          // Work-sized tests (10,000 writes, edits) take seconds on a loaded machine: a timeout is
          // a hang detector here, not a speed check (speed is `npm run bench`).
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          globalSetup: ['tests/e2e/helpers/global-setup.ts'],
        },
      },
    ],
  },
});
