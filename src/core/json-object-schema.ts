import * as z from 'zod/mini';

/** Bounds for caller-supplied JSON (metadata, payload data): see `jsonProblem`. */
export interface JsonBounds {
  /** Levels of objects and arrays below the top value. */
  maxDepth: number;
  /** Rough serialised size in characters (strings, keys and scalars counted as JSON writes them). */
  maxChars: number;
}

/** The bound on metadata-like JSON objects the widget stores and exports. */
export const DEFAULT_JSON_BOUNDS: JsonBounds = { maxDepth: 32, maxChars: 256 * 1024 };

/**
 * What makes `value` unfit to store and export as JSON, or `undefined` when it is fine: plain
 * objects, arrays, strings, finite numbers, booleans, null and valid Dates (written as ISO
 * strings), no cycles, within `bounds`. A property whose value is `undefined` is allowed (JSON
 * leaves it out). The walk stops at the first problem, so a 10,000-level or circular value costs
 * at most `maxDepth` frames and `maxChars` of work; structured clone and `JSON.stringify` would
 * overflow the stack on it instead.
 * @example jsonProblem({ a: { b: 1 } }, { maxDepth: 1, maxChars: 100 }) // 'a: nested deeper than 1 levels'
 */
export function jsonProblem(value: unknown, bounds: JsonBounds = DEFAULT_JSON_BOUNDS): string | undefined {
  const ancestors: object[] = [];
  let chars = 0;
  const walk = (node: unknown, path: string, depth: number): string | undefined => {
    const at = (problem: string): string => (path ? `${path}: ${problem}` : problem);
    switch (typeof node) {
      case 'string':
        chars += node.length + 2;
        break;
      case 'number':
        if (!Number.isFinite(node)) return at('not a finite number');
        chars += 8;
        break;
      case 'boolean':
        chars += 5;
        break;
      case 'object': {
        if (node === null) {
          chars += 4;
          break;
        }
        if (node instanceof Date) {
          if (Number.isNaN(node.getTime())) return at('an invalid Date');
          chars += 26;
          break;
        }
        if (ancestors.includes(node)) return at('circular reference');
        if (depth >= bounds.maxDepth) return at(`nested deeper than ${bounds.maxDepth} levels`);
        const isArray = Array.isArray(node);
        const proto: unknown = Object.getPrototypeOf(node);
        if (!isArray && proto !== Object.prototype && proto !== null) return at('not a plain object');
        ancestors.push(node);
        chars += 2;
        const keys = Object.keys(node);
        for (const key of keys) {
          if (chars > bounds.maxChars) break;
          const inner = (node as Record<string, unknown>)[key];
          if (inner === undefined && !isArray) continue;
          chars += isArray ? 1 : key.length + 4;
          const problem = walk(inner, path ? `${path}.${key}` : key, depth + 1);
          if (problem) return problem;
        }
        ancestors.pop();
        break;
      }
      default:
        return at(`a ${typeof node} cannot be stored as JSON`);
    }
    return chars > bounds.maxChars ? `larger than ${bounds.maxChars} characters as JSON` : undefined;
  };
  return walk(value, '', 0);
}

/**
 * A zod schema for a JSON object (a record) within `bounds`; see `jsonProblem`.
 * @example const MetadataSchema = jsonObjectSchema(); validate(MetadataSchema, meta, 'metadata');
 */
export function jsonObjectSchema(bounds: JsonBounds = DEFAULT_JSON_BOUNDS): z.ZodMiniCustom<Record<string, unknown>> {
  return z.custom<Record<string, unknown>>((value) => isRecord(value) && jsonProblem(value, bounds) === undefined, {
    error: (issue) => (isRecord(issue.input) ? jsonProblem(issue.input, bounds) : 'expected an object'),
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
