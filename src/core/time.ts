/**
 * A `Date`, an ISO string or epoch ms as epoch ms; `NaN` when the string or Date is not a date.
 * @example toEpochMs('2025-01-15T10:30:00Z') // 1736937000000
 */
export function toEpochMs(value: Date | string | number): number {
  if (typeof value === 'number') return value;
  return value instanceof Date ? value.getTime() : Date.parse(value);
}
