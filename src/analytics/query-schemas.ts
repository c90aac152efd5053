import * as z from 'zod/mini';
import { toEpochMs } from '../core/time';
import { EventNameSchema as name } from './schemas';
import { DateSchema } from '../core/date-schema';

// The analyses' and live views' arguments (the full system's API): apart from the tracker's
// schemas, so the start-up runtime does not carry them.

const time = z.union([z.number().check(z.minimum(0)), DateSchema, z.string().check(z.minLength(1))]);

export const CountSchema = z.int().check(z.minimum(1), z.maximum(1_000_000));
export const DurationSchema = z.number().check(z.minimum(1));
export const FilterSchema = z.optional(z.union([
  z.custom<(event: unknown) => boolean>((v) => typeof v === 'function'),
  name,
  z.array(name),
]));
export const CallbackSchema = z.custom<(type: string, data: unknown) => void>((v) => typeof v === 'function', 'expected a function');
export const FunnelStepsSchema = z.array(name).check(z.minLength(1), z.maxLength(30));
export const FunnelOptionsSchema = z.optional(z.object({
  by: z.optional(z.enum(['session', 'user'])),
  windowMs: z.optional(z.number().check(z.minimum(1))),
  since: z.optional(time),
  until: z.optional(time),
}));
export const EventNamesSchema = z.array(name).check(z.maxLength(200));
export const CohortPeriodSchema = z._default(z.enum(['day', 'week', 'month']), 'day');
export const ExportFormatSchema = z._default(z.enum(['json', 'csv']), 'json');
export const RangeSchema = z.optional(z.object({ since: z.optional(time), until: z.optional(time) }));

/** since/until as ms; strings must be dates. */
export function toTime(value: number | Date | string | undefined): number | undefined {
  return value === undefined ? undefined : toEpochMs(value);
}
