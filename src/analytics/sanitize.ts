import { unreadable } from '../core/validate';
import type { Properties } from './types';

const MAX_DEPTH = 5;
const MAX_STRING = 8192;
const MAX_KEYS = 200;

/**
 * A copy of caller-supplied properties that IndexedDB and JSON can store: functions, symbols and
 * DOM nodes dropped, Dates as ISO strings, long strings cut, depth and width bounded. A value
 * IndexedDB cannot clone would otherwise fail the whole batch it is written in. Properties that
 * throw while read (a getter, a proxy trap, a revoked proxy) are refused with a `VALIDATION`
 * ChatbotError naming `what`, before anything is recorded.
 * @example sanitizeProperties({ when: new Date(0), fn() {} }) // { when: '1970-01-01T00:00:00.000Z' }
 */
export function sanitizeProperties(input: Properties, what = 'properties'): Properties {
  try {
    return sanitizeObject(input, 0);
  } catch (error) {
    throw unreadable(what, error);
  }
}

function sanitizeObject(input: Record<string, unknown>, depth: number): Properties {
  const out: Properties = {};
  let keys = 0;
  for (const key in input) {
    if (!Object.prototype.hasOwnProperty.call(input, key)) continue;
    if (++keys > MAX_KEYS) break;
    const value = sanitizeValue(input[key], depth);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function sanitizeValue(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
      return value.length > MAX_STRING ? value.slice(0, MAX_STRING) : value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'object': {
      if (value === null) return null;
      if (depth >= MAX_DEPTH) return undefined;
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
      if (Array.isArray(value)) return value.slice(0, MAX_KEYS).map((item) => sanitizeValue(item, depth + 1) ?? null);
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        if (value instanceof Error) return { name: value.name, message: value.message };
        return undefined;
      }
      return sanitizeObject(value as Record<string, unknown>, depth + 1);
    }
    default:
      return undefined;
  }
}
