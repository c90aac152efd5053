import * as z from 'zod/mini';
import { jsonObjectSchema } from '../../core/json-object-schema';
import { CATEGORIES, MAX_ACTIONS, PRIORITIES } from './constants';

/** A same-origin path (`/promo.jpg`, `/?chat=conv_1`) or an absolute http(s) URL. */
export const LinkSchema = z.string().check(
  z.minLength(1),
  z.maxLength(2048),
  z.refine((value) => isSafeLink(value), { message: 'expected a path starting with / or an http(s) URL' }),
);

/**
 * Only paths and http(s) URLs become links or images: `javascript:` and `data:` never do.
 * @example isSafeLink('/?chat=conv_1') // true; isSafeLink('javascript:alert(1)') // false
 */
export function isSafeLink(value: string): boolean {
  if (value.startsWith('/') && !value.startsWith('//')) return true;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export const ActionSchema = z.strictObject({
  action: z.string().check(z.minLength(1), z.maxLength(64)),
  title: z.string().check(z.minLength(1), z.maxLength(60)),
  icon: z.optional(LinkSchema),
  /** Where this action leads (our extension; defaults to the notification's `url`). */
  url: z.optional(LinkSchema),
});
export type NotificationActionInput = z.infer<typeof ActionSchema>;

/**
 * The bounds of a notification's `data` (send options and Web Push payloads alike): it is stored in
 * the notification center and cloned into `showNotification`, and a value nested thousands of
 * levels deep overflows structured clone in both.
 */
const DATA_BOUNDS = { maxDepth: 16, maxChars: 8_000 } as const;

/** A notification's `data`: a JSON object within `DATA_BOUNDS`. */
export const DataSchema = jsonObjectSchema(DATA_BOUNDS);

/** A notification's title: 1–200 characters, not only whitespace (the browser would show a blank one). */
export const TitleSchema = z.string().check(z.minLength(1), z.maxLength(200), z.regex(/\S/, 'must not be blank'));

/**
 * The options of `send(title, options)` and `schedule(title, options, date)`.
 * @example validate(SendOptionsSchema, { body: 'Tu pedido #1234 está en camino', category: 'orders' }, 'send options')
 */
export const SendOptionsSchema = z.strictObject({
  body: z.optional(z.string().check(z.maxLength(1000))),
  icon: z.optional(LinkSchema),
  image: z.optional(LinkSchema),
  badge: z.optional(LinkSchema),
  category: z.optional(z.enum(CATEGORIES)),
  priority: z.optional(z.enum(PRIORITIES)),
  actions: z.optional(z.array(ActionSchema).check(z.maxLength(MAX_ACTIONS))),
  data: z.optional(DataSchema),
  url: z.optional(LinkSchema),
  tag: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  renotify: z.optional(z.boolean()),
  requireInteraction: z.optional(z.boolean()),
  silent: z.optional(z.boolean()),
  lang: z.optional(z.string().check(z.maxLength(35))),
});
export type SendOptions = z.infer<typeof SendOptionsSchema>;
