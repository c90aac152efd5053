import * as z from 'zod/mini';
import { CATEGORIES, PRIORITIES } from './constants';
import { copyFor, fill } from './copy';
import { ActionSchema, DataSchema, LinkSchema, TitleSchema, type SendOptions } from './schemas';
import type { PushSettings } from './settings';

/**
 * The JSON body a store's server sends through Web Push (see docs/push.md and
 * `npm run push:send`). Only `title` is required.
 * @example { "title": "Pedido enviado", "body": "Tu pedido #1234 está en camino", "category": "orders", "url": "/?order=1234" }
 */
export const PushPayloadSchema = z.object({
  /** Optional sender id: a push delivered twice (retries) is recorded and shown once. */
  id: z.optional(z.string().check(z.minLength(1), z.maxLength(128), z.regex(/^[\w.:-]+$/))),
  title: TitleSchema,
  body: z.optional(z.string().check(z.maxLength(1000))),
  icon: z.optional(LinkSchema),
  image: z.optional(LinkSchema),
  badge: z.optional(LinkSchema),
  category: z._default(z.enum(CATEGORIES), 'system'),
  priority: z._default(z.enum(PRIORITIES), 'normal'),
  tag: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  url: z.optional(LinkSchema),
  actions: z.optional(z.array(ActionSchema).check(z.maxLength(2))),
  data: z.optional(DataSchema),
});
export type PushPayload = z.output<typeof PushPayloadSchema>;

export interface ParsedPush {
  valid: boolean;
  /** Stable id for de-duplication (from the payload's `id`). */
  pushId?: string;
  title: string;
  options: SendOptions;
  /** Why the payload was rejected (kept on the record for debugging). */
  problem?: string;
}

/**
 * Reads a push event's data. Never throws: an empty, non-JSON or invalid payload becomes a safe
 * generic notification in the widget's language (Chromium requires a visible notification per push).
 * @example parsePush(event.data?.text(), settings)
 */
export function parsePush(text: string | undefined | null, settings: PushSettings): ParsedPush {
  const generic = (problem: string): ParsedPush => {
    const copy = copyFor(settings.language);
    return {
      valid: false,
      problem,
      title: fill(copy.genericTitle, { store: settings.storeName }),
      options: { body: copy.genericBody, category: 'system', priority: 'normal', url: settings.routes.home, tag: 'chatbot-generic' },
    };
  };
  if (!text) return generic('empty payload');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return generic('payload is not JSON');
  }
  const result = PushPayloadSchema.safeParse(json);
  if (!result.success) return generic(`invalid payload: ${result.error.issues.map((i) => i.path.join('.') || i.code).join(', ')}`);
  const { id, title, ...rest } = result.data;
  const options: SendOptions = {};
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) (options as Record<string, unknown>)[key] = value;
  return { valid: true, title, options, ...(id ? { pushId: id } : {}) };
}
