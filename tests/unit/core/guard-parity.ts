import { expect } from 'vitest';
import type * as z from 'zod/mini';
import { check, type Guard } from '../../../src/core/guards';
import { isChatbotError } from '../../../src/core/errors';
import { validate } from '../../../src/core/validate';

/** What a parse gave: the output's structure (keys in order, prototypes, values) or the error. */
type Outcome = { ok: true; out: unknown } | { ok: false; message: string; issues: Array<{ code: unknown; path: string }> };

// The output as a tree that keeps what toStrictEqual ignores: key order and own undefined keys.
function structure(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null || depth > 6) return value;
  const proto: unknown = Object.getPrototypeOf(value);
  const kind = Array.isArray(value) ? 'array' : proto === Object.prototype ? 'object' : proto === null ? 'null-proto' : 'other';
  if (kind === 'other') return value;
  return { kind, entries: Reflect.ownKeys(value).map((key) => [key, structure((value as Record<PropertyKey, unknown>)[key], depth + 1)]) };
}

function outcome(run: () => unknown): Outcome {
  try {
    return { ok: true, out: structure(run()) };
  } catch (error) {
    if (!isChatbotError(error, 'VALIDATION')) throw error;
    const details = error.details as Array<{ code: unknown; path: PropertyKey[] }>;
    return { ok: false, message: error.message, issues: details.map(({ code, path }) => ({ code, path: path.map(String).join('.') })) };
  }
}

/** Asserts that `guard` and `schema` agree on `value`: both accept with the same output, or both refuse in the same words. */
export function expectSameAsSchema(schema: z.ZodMiniType, guard: Guard<unknown>, value: unknown, what = 'input'): void {
  const expected = outcome(() => validate(schema, value, what));
  const actual = outcome(() => check(guard, value, what));
  expect(actual, describeValue(value)).toStrictEqual(expected);
}

function describeValue(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' || typeof inner === 'symbol' || typeof inner === 'function' ? String(inner) : inner));
    return `for ${(text ?? String(value)).slice(0, 200)}`;
  } catch {
    return `for ${Object.prototype.toString.call(value)}`;
  }
}

class Part {
  id = 'p1';
  price = 3;
}

const parsedProto = JSON.parse('{"__proto__": {"polluted": true}, "name": "x"}') as Record<string, unknown>;
const withSymbol = { a: 1, [Symbol('s')]: 2 };
const withHidden = Object.defineProperty({ a: 1 }, 'hidden', { value: 2, enumerable: false });
const inherited = Object.create({ storeName: 'Inherited', id: 'inh', bufferSize: 500, language: 'en' }) as object;
const emoji = (n: number): string => '😀'.repeat(n);

/**
 * Values of every kind a caller could pass: wrong types, NaN and infinities, unsafe integers,
 * strings around each bound (in UTF-16 units and in code points), huge strings, odd objects
 * (`__proto__` keys, symbol keys, hidden and inherited properties, class instances, null prototypes).
 */
export const ATOMS: readonly unknown[] = [
  undefined, null, true, false, 0, -0, 1, -1, 1.5, 7, 20, 21, 99, 100, 365, 366, 840, 841, -840, -841, 1000, 60_000, 1e6, 1e6 + 1,
  Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53, -(2 ** 53), 2 ** 60, -(2 ** 60), Number.MAX_VALUE, 10n, Symbol('x'),
  '', ' ', '   ', 'a', 'en', 'de', 'left', 'right', 'view', 'add', 'clear', 'purchase', 'COP', 'cop', '#c1121f', '#C1121F', '#c1121', 'red',
  '/collect', '//evil.example', 'https://collector.example/v1', 'javascript:alert(1)', '/sw.js', 'false',
  'x'.repeat(63), 'x'.repeat(64), 'x'.repeat(65), 'x'.repeat(80), 'x'.repeat(81), 'x'.repeat(100), 'x'.repeat(101), 'x'.repeat(128), 'x'.repeat(129),
  'x'.repeat(200), 'x'.repeat(201), 'x'.repeat(500), 'x'.repeat(501), '/' + 'x'.repeat(1999), '/' + 'x'.repeat(2000), 'x'.repeat(1_000_000),
  emoji(1), emoji(64), emoji(65), emoji(80), emoji(81), emoji(200), emoji(201), '\uD800'.repeat(81), '\uDC00\uD800'.repeat(41), 'a\uD83D',
  [], [''], ['asesor', 'ana'], ['x'.repeat(65)], [1, 'a', null], new Array(3), ['a', emoji(65)],
  {}, { length: 100 }, { length: null }, { length: '5' }, { id: 'p1' }, { id: 7, price: 1 }, { id: '', name: 3 }, { id: 'a', price: -1, category: 'x' },
  { quantity: 2, price: 15000 }, { Authorization: 'Bearer x' }, { a: { b: [1, 2] } }, { pageViews: false, clicks: 'no' }, { newUserDays: 0 },
  Object.create(null) as object, Object.assign(Object.create(null) as object, { id: 'np', storeName: 'NP' }), parsedProto, withSymbol, withHidden, inherited,
  new Date(0), new Date(Number.NaN), new Map([['a', 1]]), new Part(), new Error('boom'), (): void => undefined, /re/,
];

/** A deterministic pseudo-random source (mulberry32). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Inputs for an object schema: every atom in place of each key, every atom whole, and random mixes. */
export function objectInputs(keys: readonly string[], count: number, seed: number, base: Record<string, unknown> = {}): unknown[] {
  const inputs: unknown[] = [...ATOMS, base];
  for (const key of [...keys, 'unknownKey', '__proto__']) {
    for (const atom of ATOMS) {
      const input: Record<string, unknown> = { ...base };
      Object.defineProperty(input, key, { value: atom, enumerable: true, writable: true, configurable: true });
      inputs.push(input);
    }
  }
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  for (let i = 0; i < count; i++) {
    const input: Record<string, unknown> = { ...base };
    const n = 1 + Math.floor(random() * 6);
    for (let k = 0; k < n; k++) input[pick(keys)] = pick(ATOMS);
    inputs.push(input);
  }
  return inputs;
}
