import * as z from 'zod/mini';
import type { Language } from '../../core/config';
import { copyFor, fill, orderStatusKey } from './copy';
import { LinkSchema, type SendOptions } from './schemas';
import { route, type PushSettings } from './settings';

const Id = z.union([z.string().check(z.minLength(1), z.maxLength(128)), z.number().check(z.int(), z.minimum(0))]);
const Text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max), z.regex(/\S/, 'must not be blank'));

/** `sendOrderNotification(order)`: the seed's `{ id, status }`; other order fields are allowed and ignored. */
export const OrderInputSchema = z.looseObject({
  id: Id,
  status: Text(64),
  trackingUrl: z.optional(LinkSchema),
  total: z.optional(z.number()),
});
export type OrderInput = z.infer<typeof OrderInputSchema>;

export const MessageInputSchema = z.looseObject({
  id: Text(128),
  senderName: Text(120),
  text: z.string().check(z.maxLength(4000)),
  conversationId: Text(128),
  /** Messages of the conversation this notification stands for (a burst, `text` the newest's). */
  count: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(1_000_000))),
});
export type MessageInput = z.infer<typeof MessageInputSchema>;

export const PromotionInputSchema = z.looseObject({
  title: Text(200),
  description: z.optional(z.string().check(z.maxLength(1000))),
  image: z.optional(LinkSchema),
  url: z.optional(LinkSchema),
  code: z.optional(Text(64)),
  id: z.optional(Id),
});
export type PromotionInput = z.infer<typeof PromotionInputSchema>;

export const ReviewInputSchema = z.looseObject({
  userName: Text(120),
  rating: z.number().check(z.int(), z.minimum(1), z.maximum(5)),
  productId: Id,
  productName: z.optional(Text(200)),
  comment: z.optional(z.string().check(z.maxLength(1000))),
});
export type ReviewInput = z.infer<typeof ReviewInputSchema>;

export interface TypedNotification {
  title: string;
  options: SendOptions;
}

const truncate = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** @example orderNotification({ id: '1234', status: 'enviado' }, settings).title // 'Pedido #1234 enviado' */
export function orderNotification(order: OrderInput, settings: PushSettings, language: Language = settings.language): TypedNotification {
  const copy = copyFor(language);
  const id = String(order.id);
  const key = orderStatusKey(order.status);
  const statusName = key ? copy.orderStatusName[key] : order.status;
  const body = fill(key ? copy.orderStatus[key] : copy.orderStatus.other, { id, status: order.status });
  const url = route(settings.routes.order, { id });
  const trackable = key === 'shipped' || key === 'processing' || key === 'confirmed';
  const actions: NonNullable<SendOptions['actions']> = [{ action: 'view', title: copy.actions.viewOrder, url }];
  if (trackable) actions.push({ action: 'track', title: copy.actions.track, url: order.trackingUrl ?? route(settings.routes.track, { id }) });
  return {
    title: `${fill(copy.orderTitle, { id })} ${statusName}`,
    options: { body, category: 'orders', priority: 'high', url, tag: `order-${id}`, actions, data: { orderId: id, status: order.status } },
  };
}

/** @example messageNotification({ id: 'msg_1', senderName: 'Juan', text: 'Hola!', conversationId: 'conv_1' }, settings).title // 'Nuevo mensaje de Juan' */
export function messageNotification(message: MessageInput, settings: PushSettings, language: Language = settings.language): TypedNotification {
  const copy = copyFor(language);
  const url = route(settings.routes.chat, { conversationId: message.conversationId });
  return {
    title: message.count !== undefined && message.count > 1 ? fill(copy.messagesTitle, { n: message.count, name: message.senderName }) : fill(copy.messageTitle, { name: message.senderName }),
    options: {
      body: truncate(message.text, 240),
      category: 'messages',
      priority: 'high',
      url,
      // One notification per conversation: a newer message replaces the older one.
      tag: `chat-${message.conversationId}`,
      actions: [
        { action: 'reply', title: copy.actions.reply, url },
        { action: 'mark_read', title: copy.actions.markRead },
      ],
      data: { messageId: message.id, conversationId: message.conversationId },
    },
  };
}

/** @example promotionNotification({ title: '50% OFF', description: 'Descuento en todos los repuestos' }, settings) */
export function promotionNotification(promo: PromotionInput, settings: PushSettings, language: Language = settings.language): TypedNotification {
  const copy = copyFor(language);
  const url = promo.url ?? settings.routes.promotions;
  const options: SendOptions = {
    body: promo.description ?? '',
    category: 'promotions',
    priority: 'low',
    url,
    actions: [
      { action: 'view', title: copy.actions.viewOffer, url },
      { action: 'dismiss', title: copy.actions.dismiss },
    ],
    data: { ...(promo.code ? { code: promo.code } : {}), ...(promo.id !== undefined ? { promotionId: String(promo.id) } : {}) },
  };
  if (promo.image) options.image = promo.image;
  return { title: promo.title, options };
}

/** @example reviewNotification({ userName: 'Carlos', rating: 5, productId: '123' }, settings).body // '★★★★★ (5/5)' */
export function reviewNotification(review: ReviewInput, settings: PushSettings, language: Language = settings.language): TypedNotification {
  const copy = copyFor(language);
  const productId = String(review.productId);
  const url = route(settings.routes.product, { productId });
  const stars = '★'.repeat(review.rating) + '☆'.repeat(5 - review.rating);
  const parts = [fill(copy.reviewBody, { stars, rating: review.rating })];
  if (review.productName) parts.push(review.productName);
  if (review.comment) parts.push(`“${truncate(review.comment, 200)}”`);
  return {
    title: fill(copy.reviewTitle, { name: review.userName }),
    options: {
      body: parts.join(' · '),
      category: 'reviews',
      priority: 'normal',
      url,
      actions: [{ action: 'view', title: copy.actions.viewReview, url }],
      data: { productId, rating: review.rating },
    },
  };
}
