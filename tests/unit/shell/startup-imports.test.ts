import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

// Modules a file loads with it: static imports and re-exports, `import type` left out (erased),
// `import()` left out (a chunk of its own).
function staticImports(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of code.matchAll(/(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?['"]([^'"]+)['"]/g)) {
    if (!match[1] && match[2]) found.push(match[2]);
  }
  return found;
}

function resolve(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = join(dirname(from), specifier);
  return [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
}

/** Every package a page's start-up code loads, with the file that imports it. */
function packagesLoadedFrom(entries: string[]): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const walk = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of staticImports(file)) {
      const target = resolve(file, specifier);
      if (target) walk(target);
      else if (!specifier.startsWith('.')) packages.set(specifier, relative(ROOT, file));
    }
  };
  for (const entry of entries) walk(join(ROOT, entry));
  return packages;
}

describe('what every page loads before the chat opens', () => {
  it('leaves zod out: the config, the analytics config and the tracker check their input by hand', () => {
    const packages = packagesLoadedFrom(['src/main.ts', 'src/shell/boot-startup.ts']);
    expect(packages.size).toBeGreaterThan(0); // idb, mitt…: the walk does reach the start-up code
    const zod = [...packages].filter(([name]) => name === 'zod' || name.startsWith('zod/'));
    expect(zod).toEqual([]);
  });
});
