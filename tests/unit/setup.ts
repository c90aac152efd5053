import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, vi } from 'vitest';

// A fresh database per test, and a test fails on any console.error it did not expect.
let errors: unknown[][] = [];
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length > 0) {
    const text = errors.map((args) => args.map(String).join(' ')).join('\n');
    throw new Error(`unexpected console.error:\n${text}`);
  }
});
