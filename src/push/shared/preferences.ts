import * as z from 'zod/mini';
import type { PushSettingRecord } from '../../storage';
import type { Category } from './constants';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const QuietHoursSchema = z.object({
  enabled: z.boolean(),
  /** Local time `HH:MM`; a window may span midnight (`22:00`–`08:00`). */
  start: z.string().check(z.regex(TIME)),
  end: z.string().check(z.regex(TIME)),
});
export type QuietHours = z.infer<typeof QuietHoursSchema>;

const CategoryPreferencesSchema = z.object({
  orders: z.boolean(),
  messages: z.boolean(),
  promotions: z.boolean(),
  reviews: z.boolean(),
  system: z.boolean(),
});

/**
 * The user's notification preferences (kv record `push:preferences`, read by the worker too).
 * @example PreferencesSchema.parse(DEFAULT_PREFERENCES)
 */
export const PreferencesSchema = z
  .object({
    enabled: z.boolean(),
    categories: CategoryPreferencesSchema,
    quietHours: QuietHoursSchema,
    sound: z.boolean(),
    vibration: z.boolean(),
  })
  .check(
    z.refine((p) => p.quietHours.start !== p.quietHours.end, {
      message: 'quietHours.start and quietHours.end must differ',
      path: ['quietHours'],
    }),
  );
export type Preferences = z.infer<typeof PreferencesSchema>;

/** What `setPreferences` accepts: any subset, unknown keys rejected (a typo must not pass silently). */
export const PreferencesPatchSchema = z.strictObject({
  enabled: z.optional(z.boolean()),
  categories: z.optional(
    z.strictObject({
      orders: z.optional(z.boolean()),
      messages: z.optional(z.boolean()),
      promotions: z.optional(z.boolean()),
      reviews: z.optional(z.boolean()),
      system: z.optional(z.boolean()),
    }),
  ),
  quietHours: z.optional(
    z.strictObject({
      enabled: z.optional(z.boolean()),
      start: z.optional(z.string().check(z.regex(TIME))),
      end: z.optional(z.string().check(z.regex(TIME))),
    }),
  ),
  sound: z.optional(z.boolean()),
  vibration: z.optional(z.boolean()),
});
export type PreferencesPatch = z.infer<typeof PreferencesPatchSchema>;

/** @example getPreferences() before any setPreferences() deep-equals DEFAULT_PREFERENCES */
export const DEFAULT_PREFERENCES: Preferences = Object.freeze({
  enabled: true,
  categories: { orders: true, messages: true, promotions: true, reviews: true, system: true },
  quietHours: { enabled: false, start: '22:00', end: '08:00' },
  sound: true,
  vibration: true,
}) as Preferences;

/**
 * Merges a validated patch into preferences (nested objects merge field by field).
 * @example mergePreferences(DEFAULT_PREFERENCES, { categories: { promotions: false } })
 */
export function mergePreferences(base: Preferences, patch: PreferencesPatch): Preferences {
  return {
    enabled: patch.enabled ?? base.enabled,
    categories: { ...base.categories, ...definedOnly(patch.categories ?? {}) } as Record<Category, boolean>,
    quietHours: { ...base.quietHours, ...definedOnly(patch.quietHours ?? {}) },
    sound: patch.sound ?? base.sound,
    vibration: patch.vibration ?? base.vibration,
  };
}

/**
 * Reads preferences from a stored record, falling back field by field to the defaults, so a
 * damaged or older record never stops notifications (the worker must never throw on it).
 * @example readPreferences(await storage.get('kv', PUSH_KV.preferences))
 */
export function readPreferences(record: PushSettingRecord | undefined): Preferences {
  if (!record) return DEFAULT_PREFERENCES;
  const value = record.value;
  const parsed = PreferencesSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const patch = PreferencesPatchSchema.safeParse(value);
  if (!patch.success) return DEFAULT_PREFERENCES;
  const merged = mergePreferences(DEFAULT_PREFERENCES, patch.data);
  return PreferencesSchema.safeParse(merged).success ? merged : DEFAULT_PREFERENCES;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
