import { defineConfig } from 'vite';

// chatbot.js: the classic script a store pastes into its pages (an IIFE, no module syntax).
export default defineConfig({
  publicDir: false,
  build: {
    target: 'es2020',
    outDir: process.env.CHATBOT_DIST ?? 'dist',
    emptyOutDir: false,
    sourcemap: true,
    lib: {
      entry: 'src/loader/loader.ts',
      formats: ['iife'],
      name: 'ChatbotLoader',
      fileName: () => 'chatbot.js',
    },
  },
});
