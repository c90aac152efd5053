/** Defensive readers for JSON of unknown shape (the catalog file, localStorage, event details). */

/** @example isRecord({ sku: 'A' }) // true; isRecord([1]) // false */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @example asString(42, 'n/a') // 'n/a' */
export function asString(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

/** @example asNumber(Number.NaN, 0) // 0 */
export function asNumber(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** @example asStringArray(['a', 1, 'b']) // ['a', 'b'] */
export function asStringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
