import * as z from 'zod/mini';
import { jsonObjectSchema } from '../core/json-object-schema';
import { BACKUP_TYPES } from './records';
import { INCLUDED_DATA } from './selection';
import { DateSchema } from '../core/date-schema';

/** Arguments of the public API, validated at every entry point. */
export const CreateOptionsSchema = z.optional(z.object({
  passphrase: z.optional(z.string().check(z.minLength(8), z.maxLength(1024))),
  includedData: z.optional(z.array(z.enum(INCLUDED_DATA))),
}));
/**
 * A backup's metadata is stored, listed and exported as JSON: bounded in depth and size, so a
 * caller's 10,000-level or circular object is refused here instead of failing the write (and
 * every read of the backup list) later.
 */
export const MetadataSchema = z._default(
  jsonObjectSchema().check(z.refine((value) => Object.keys(value).every((key) => key.length <= 100), { message: 'keys must be at most 100 characters' })),
  {},
);
export const ListFilterSchema = z.optional(z.object({
  type: z.optional(z.enum(BACKUP_TYPES)),
  since: z.optional(z.union([DateSchema, z.string(), z.number()])),
  before: z.optional(z.union([DateSchema, z.string(), z.number()])),
}));
/** restoreToPointInTime's target: a Date, an ISO string or epoch ms. */
export const PointInTimeSchema = z.union([DateSchema, z.string().check(z.maxLength(100)), z.number()]);
export const IdSchema = z.string().check(z.minLength(1), z.maxLength(200));

export const RetentionPreviewSchema = z.object({
  last: z.optional(z.int().check(z.minimum(0))),
  hourly: z.optional(z.int().check(z.minimum(0))),
  daily: z.optional(z.int().check(z.minimum(0))),
  weekly: z.optional(z.int().check(z.minimum(0))),
  monthly: z.optional(z.int().check(z.minimum(0))),
});
