import * as z from 'zod/mini';

/**
 * A valid `Date`, as `DateSchema` accepts it (an Invalid Date is refused with the same "expected
 * date"). A guard, not z.date: zod's core is one module every page loads, so each constructor
 * used anywhere adds start-up bytes.
 * @example z.union([DateSchema, z.number()]).parse(new Date())
 */
export const DateSchema = z.custom<Date>((value) => value instanceof Date && !Number.isNaN(value.getTime()), 'expected date');
