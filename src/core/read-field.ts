/**
 * Reads one field of untrusted data (a message, a notification's `data`, a thrown value) without
 * claiming its shape: `undefined` unless `value` is an object that has `key`.
 * @example const type = readField(event.data, 'type'); if (type === 'SKIP_WAITING') …
 */
export function readField(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value ? Reflect.get(value, key) : undefined;
}
