import * as z from 'zod/mini';

/**
 * A valid `Date`, as `DateSchema` accepts it (an Invalid Date is refused with the same "expected
 * date"). A guard, not z.date: zod's core is one module, so each constructor used anywhere adds
 * bytes to the chunk every use of the full system loads.
 * @example z.union([DateSchema, z.number()]).parse(new Date())
 */
export const DateSchema = z.custom<Date>((value) => value instanceof Date && !Number.isNaN(value.getTime()), 'expected date');
