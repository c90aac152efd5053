import { ChatbotError } from './errors';
import { formatIssues, unreadable, type Issue } from './validate';

/**
 * Hand-written checks for what every page validates before the chat opens (the widget's config,
 * the analytics config, the tracker's calls). zod's core is one module, so any schema on that
 * path would bring all of it (~8 KB gzip) to every storefront page. Each guard mirrors one zod
 * schema exactly: same values accepted, same output (defaults, stripped keys), same issues in the
 * same words (tests/unit/core/guards.test.ts runs both over many inputs). The zod schemas stay
 * the public contract and are what the full system validates with.
 */

/** One problem found, shaped like a zod issue so that `formatIssues` words it the same way. */
export type GuardIssue = Issue;

/** Checks `value` (found at `path`), adds what is wrong to `issues`, returns the output. */
export interface Guard<T> {
  (value: unknown, issues: GuardIssue[], path: PropertyKey[]): T;
  /** Set on `withDefault`: the key is always written to an object's output. */
  readonly defaulted?: true;
  /** Set on `optional`: the key may be missing from an object's output. */
  readonly optional?: true;
}

type Out<G> = G extends Guard<infer T> ? T : never;
type Shape = Record<string, Guard<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K]['optional'] extends true ? K : never }[keyof S];
type ObjectOut<S extends Shape> = { [K in Exclude<keyof S, OptionalKeys<S>>]: Out<S[K]> } & { [K in OptionalKeys<S>]?: Out<S[K]> };

// Issues after which zod still runs the value's remaining checks (all others stop them).
const SOFT = new Set(['too_small', 'too_big', 'invalid_format', 'custom']);

const add = (issues: GuardIssue[], path: PropertyKey[], code: string, extra?: Partial<GuardIssue>): void => {
  issues.push({ code, path, message: 'Invalid input', ...extra });
};

// zod counts a string's length in code points.
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    if ((text.charCodeAt(i) & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}

/** zod's `isPlainObject`, what `z.record` accepts. */
function isRecordLike(value: unknown): value is Record<PropertyKey, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const ctor: unknown = (value as { constructor?: unknown }).constructor;
  if (typeof ctor !== 'function') return true;
  const proto: unknown = (ctor as { prototype?: unknown }).prototype;
  return typeof proto === 'object' && proto !== null && !Array.isArray(proto) && Object.hasOwn(proto, 'isPrototypeOf');
}

/**
 * `z.string().check(z.minLength(min), z.maxLength(max), z.regex(pattern, message))`.
 * @example string({ min: 1, max: 80 })
 */
export function string(opts: { min?: number; max?: number; pattern?: RegExp; message?: string } = {}): Guard<string> {
  const { min, max, pattern, message } = opts;
  return (value, issues, path) => {
    const isString = typeof value === 'string';
    if (!isString) add(issues, path, 'invalid_type', { expected: 'string' });
    // zod's length checks also measure a non-string that has a length, after its type failed.
    const units: unknown = value == null ? undefined : (value as { length?: unknown }).length;
    if (units !== undefined) {
      const n = units as number;
      if (min !== undefined && !((isString && n < min * 2 ? codePoints(value) : n) >= min)) add(issues, path, 'too_small', { minimum: min });
      if (max !== undefined && !((isString && n > max && n <= max * 2 ? codePoints(value) : n) <= max)) add(issues, path, 'too_big', { maximum: max });
    }
    if (isString && pattern && !pattern.test(value)) add(issues, path, 'invalid_format', { format: 'regex', ...(message ? { message } : {}) });
    return value as string;
  };
}

/**
 * `z.number()` (finite) or, with `int`, `z.int()` (a safe integer), then `z.minimum`/`z.maximum`.
 * @example number({ int: true, min: 1, max: 20 })
 */
export function number(opts: { int?: boolean; min?: number; max?: number } = {}): Guard<number> {
  const { int, min, max } = opts;
  return (value, issues, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      add(issues, path, 'invalid_type', { expected: 'number' });
      return value as number;
    }
    if (int) {
      if (!Number.isInteger(value)) {
        add(issues, path, 'invalid_type', { expected: 'int' });
        return value;
      }
      if (value > Number.MAX_SAFE_INTEGER) add(issues, path, 'too_big', { maximum: Number.MAX_SAFE_INTEGER });
      if (value < Number.MIN_SAFE_INTEGER) add(issues, path, 'too_small', { minimum: Number.MIN_SAFE_INTEGER });
    }
    if (min !== undefined && !(value >= min)) add(issues, path, 'too_small', { minimum: min });
    if (max !== undefined && !(value <= max)) add(issues, path, 'too_big', { maximum: max });
    return value;
  };
}

/** `z.boolean()`. */
export const boolean: Guard<boolean> = (value, issues, path) => {
  if (typeof value !== 'boolean') add(issues, path, 'invalid_type', { expected: 'boolean' });
  return value as boolean;
};

/**
 * `z.enum(values)`, or `z.literal(value)` with one value.
 * @example oneOf(['right', 'left'] as const)
 */
export function oneOf<const T extends readonly unknown[]>(values: T): Guard<T[number]> {
  return (value, issues, path) => {
    if (!values.includes(value)) add(issues, path, 'invalid_value', { values });
    return value as T[number];
  };
}

/** `z.custom(accept, message)`. */
export function custom<T>(accept: (value: unknown) => boolean, message: string): Guard<T> {
  return (value, issues, path) => {
    if (!accept(value)) add(issues, path, 'custom', { message });
    return value as T;
  };
}

/**
 * `z.union([a, b])`: the first that accepts; when none does and exactly one failed only its
 * later checks (a too-short string), that one's issues, as zod reports them.
 */
export function union<A, B>(a: Guard<A>, b: Guard<B>): Guard<A | B> {
  return (value, issues, path) => {
    const tries: Array<{ out: A | B; found: GuardIssue[] }> = [];
    for (const guard of [a, b]) {
      const found: GuardIssue[] = [];
      const out = guard(value, found, path);
      if (found.length === 0) return out;
      tries.push({ out, found });
    }
    const soft = tries.filter(({ found }) => found.every((issue) => SOFT.has(issue.code)));
    if (soft.length === 1 && soft[0]) {
      issues.push(...soft[0].found);
      return soft[0].out;
    }
    add(issues, path, 'invalid_union');
    return value as A | B;
  };
}

/** `z.array(element)`: a new array. */
export function array<T>(element: Guard<T>): Guard<T[]> {
  return (value, issues, path) => {
    if (!Array.isArray(value)) {
      add(issues, path, 'invalid_type', { expected: 'array' });
      return [];
    }
    const out: T[] = new Array<T>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = element(value[i], issues, [...path, i]);
    return out;
  };
}

/**
 * `z.record(z.string(), values ?? z.unknown())`: a copy of the own enumerable string keys
 * (an own `__proto__` key left out).
 */
export function record<T = unknown>(values?: Guard<T>): Guard<Record<string, T>> {
  return (value, issues, path) => {
    const out: Record<string, T> = {};
    if (!isRecordLike(value)) {
      add(issues, path, 'invalid_type', { expected: 'record' });
      return out;
    }
    for (const key of Reflect.ownKeys(value)) {
      if (key === '__proto__' || !Object.prototype.propertyIsEnumerable.call(value, key)) continue;
      if (typeof key !== 'string') add(issues, [...path, key], 'invalid_key');
      else out[key] = values ? values(value[key], issues, [...path, key]) : (value[key] as T);
    }
    return out;
  };
}

/** `z.optional(inner)`. */
export function optional<T>(inner: Guard<T>): Guard<T | undefined> & { optional: true } {
  return Object.assign((value: unknown, issues: GuardIssue[], path: PropertyKey[]) => (value === undefined ? undefined : inner(value, issues, path)), { optional: true as const });
}

/** `z._default(inner, fallback)`: a shallow copy of `fallback` for `undefined`. */
export function withDefault<T>(inner: Guard<T>, fallback: T): Guard<T> & { defaulted: true } {
  const copy = (): T => (Array.isArray(fallback) ? ([...fallback] as T) : typeof fallback === 'object' && fallback !== null ? { ...fallback } : fallback);
  return Object.assign((value: unknown, issues: GuardIssue[], path: PropertyKey[]) => (value === undefined ? copy() : inner(value, issues, path)), { defaulted: true as const });
}

/**
 * `z.object(shape)` (unknown keys dropped) or, with `loose`, `z.looseObject(shape)` (kept after
 * the shape's). Like zod, it reads inherited properties too.
 */
export function object<S extends Shape>(shape: S, loose = false): Guard<ObjectOut<S>> {
  const keys = Object.keys(shape);
  return (value, issues, path) => {
    const out: Record<string, unknown> = {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      add(issues, path, 'invalid_type', { expected: 'object' });
      return out as ObjectOut<S>;
    }
    const input = value as Record<string, unknown>;
    for (const key of keys) {
      const guard = shape[key] as Guard<unknown>;
      const result = guard(input[key], issues, [...path, key]);
      if (guard.defaulted || key in input) out[key] = result;
    }
    if (loose) {
      for (const key in input) if (!Object.hasOwn(shape, key) && key !== '__proto__') out[key] = input[key];
    }
    return out as ObjectOut<S>;
  };
}

/**
 * Runs `guard` over `value`, or throws a `VALIDATION` ChatbotError worded as `validate` words zod's.
 * @example const config = check(ConfigGuard, input ?? {}, 'config');
 */
export function check<T>(guard: Guard<T>, value: unknown, what: string): T {
  const issues: GuardIssue[] = [];
  let out: T;
  try {
    out = guard(value, issues, []);
  } catch (error) {
    throw unreadable(what, error);
  }
  if (issues.length) throw new ChatbotError('VALIDATION', `${what}: ${formatIssues(issues)}`, { details: issues });
  return out;
}
