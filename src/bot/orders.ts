import * as z from 'zod/mini';

const OrderItemSchema = z.object({
  sku: z.optional(z.string()),
  name: z.string(),
  qty: z._default(z.number(), 1),
  price: z.optional(z.number()),
});

/** One order of the store's orders source (the shape of `public/orders.json`). */
export const OrderSchema = z.object({
  id: z.union([z.string().check(z.minLength(1)), z.number()]),
  status: z.string().check(z.minLength(1)),
  createdAt: z.optional(z.string()),
  updatedAt: z.optional(z.string()),
  carrier: z.optional(z.nullable(z.string())),
  tracking: z.optional(z.nullable(z.string())),
  city: z.optional(z.nullable(z.string())),
  items: z._default(z.array(OrderItemSchema), []),
  total: z.optional(z.number()),
  eta: z.optional(z.nullable(z.string())),
});
export type Order = z.output<typeof OrderSchema>;

/** Order status words (as stores write them, es/en) → the message key that says them. */
export const STATUS_KEYS = {
  enviado: 'bot.status.shipped',
  shipped: 'bot.status.shipped',
  'en preparacion': 'bot.status.preparing',
  preparing: 'bot.status.preparing',
  processing: 'bot.status.preparing',
  entregado: 'bot.status.delivered',
  delivered: 'bot.status.delivered',
  'pendiente de pago': 'bot.status.awaitingPayment',
  pending_payment: 'bot.status.awaitingPayment',
  cancelado: 'bot.status.cancelled',
  cancelled: 'bot.status.cancelled',
  canceled: 'bot.status.cancelled',
} as const;

const normalizeId = (id: string | number): string => String(id).replace(/^#/, '').trim().toUpperCase();

/**
 * Finds an order in an orders file (`{ orders: [...] }` or a bare array); invalid rows are ignored.
 * @example findOrder(await (await fetch('/orders.json')).json(), '1234')?.status // 'enviado'
 */
export function findOrder(file: unknown, id: string): Order | undefined {
  const list = Array.isArray(file) ? file : (file as { orders?: unknown } | null)?.orders;
  if (!Array.isArray(list)) return undefined;
  const wanted = normalizeId(id);
  for (const row of list) {
    const parsed = OrderSchema.safeParse(row);
    if (parsed.success && normalizeId(parsed.data.id) === wanted) return parsed.data;
  }
  return undefined;
}
