// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const MODULES = ['messaging', 'push', 'analytics', 'backup', 'bot', 'live-chat'];
const moduleGroups = (except) =>
  MODULES.filter((m) => m !== except).flatMap((m) => [`../${m}`, `../${m}/*`, `../../${m}/*`]);
const idb = { name: 'idb', message: 'Only src/storage/ talks to IndexedDB through idb.' };
const noUi = ['../widget', '../widget/*', '../dashboards', '../dashboards/*', '../system', '../main'];

/** Storage is one door: its index. Its other files (schema internals, the queue) are private to it. */
const deepStorage = { group: ['**/storage/*'], message: 'Import storage from its index (src/storage/index.ts), never its files.' };

/** @param {string[]} patterns @param {string} message */
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { paths: [idb], patterns: [{ group: patterns, message }, deepStorage] }],
});

const noIndexedDb = 'Only src/storage/ opens IndexedDB: use createStorage, or createOriginDatabases for other databases.';

export default tseslint.config(
  { ignores: ['dist/**', '.dist*/**', '.bench-dist/**', '.tmp/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use an `as const` object and a union type instead of enum.' },
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(only|skip)$/][callee.object.name=/^(it|test|describe)$/]",
          message: 'Every test runs in CI: no .only / .skip.',
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts', 'sw/**/*.ts'],
    ignores: ['src/storage/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [idb], patterns: [deepStorage] }],
      'no-restricted-globals': ['error', { name: 'indexedDB', message: noIndexedDb }],
      'no-restricted-properties': [
        'error',
        ...['globalThis', 'window', 'self'].map((object) => ({ object, property: 'indexedDB', message: noIndexedDb })),
      ],
    },
  },
  { files: ['src/core/**/*.ts'], rules: restrict(['../*', '!../core'], 'core/ depends on nothing else of the widget.') },
  {
    files: ['src/storage/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../*', '!../core', '!../storage'], message: 'storage/ depends on core/ only.' }] }],
    },
  },
  {
    files: ['src/storage/*/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../../*', '!../../core'], message: 'storage/ depends on core/ only.' }] }],
    },
  },
  ...MODULES.map((module) => ({
    files: [`src/${module}/**/*.ts`],
    rules: restrict([...moduleGroups(module), ...noUi], 'Modules never import each other or the UI: system.ts wires them.'),
  })),
  {
    files: ['src/widget/**/*.ts', 'src/dashboards/**/*.ts'],
    rules: restrict(['../storage', '../storage/*', '../../storage/*'], 'The UI uses the modules\' public API, never storage.'),
  },
  {
    files: ['sw/**/*.ts'],
    rules: restrict(
      ['../src/widget/*', '../src/dashboards/*', '../src/messaging/*', '../src/analytics/*', '../src/backup/*', '../src/bot/*', '../src/system', '../src/main'],
      'The service worker uses storage/, core/ and push/ logic only (no DOM).',
    ),
  },
  {
    files: ['src/demo/**/*.{ts,mjs}', 'scripts/**/*.mjs', 'tests/**/*.{ts,mjs}'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
