import type { Language } from '../../core/config';
import type { Category } from './constants';

type Fill = Record<string, string | number>;

/** Notification copy in the widget's four languages. Placeholders: `{name}`, `{n}`. */
const COPY = {
  es: {
    orderTitle: 'Pedido #{id}',
    orderStatus: {
      pending: 'Recibimos tu pedido #{id}',
      confirmed: 'Tu pedido #{id} fue confirmado',
      processing: 'Estamos preparando tu pedido #{id}',
      shipped: 'Tu pedido #{id} está en camino',
      delivered: 'Tu pedido #{id} fue entregado',
      cancelled: 'Tu pedido #{id} fue cancelado',
      refunded: 'Reembolsamos tu pedido #{id}',
      other: 'Tu pedido #{id} cambió a: {status}',
    },
    orderStatusName: { pending: 'recibido', confirmed: 'confirmado', processing: 'en preparación', shipped: 'enviado', delivered: 'entregado', cancelled: 'cancelado', refunded: 'reembolsado' },
    messageTitle: 'Nuevo mensaje de {name}',
    messagesTitle: '{n} mensajes nuevos de {name}',
    reviewTitle: 'Nueva reseña de {name}',
    reviewBody: '{stars} ({rating}/5)',
    genericTitle: 'Nueva notificación de {store}',
    genericBody: 'Tienes una novedad. Toca para verla.',
    actions: { viewOrder: 'Ver pedido', track: 'Rastrear', reply: 'Responder', markRead: 'Marcar como leído', viewOffer: 'Ver oferta', viewReview: 'Ver reseña', dismiss: 'Descartar' },
    summary: { orders: '{n} actualizaciones de pedidos', messages: '{n} mensajes nuevos', promotions: '{n} promociones nuevas', reviews: '{n} reseñas nuevas', system: '{n} notificaciones nuevas' },
  },
  en: {
    orderTitle: 'Order #{id}',
    orderStatus: {
      pending: 'We received your order #{id}',
      confirmed: 'Your order #{id} is confirmed',
      processing: 'We are preparing your order #{id}',
      shipped: 'Your order #{id} is on its way',
      delivered: 'Your order #{id} was delivered',
      cancelled: 'Your order #{id} was cancelled',
      refunded: 'Your order #{id} was refunded',
      other: 'Your order #{id} changed to: {status}',
    },
    orderStatusName: { pending: 'received', confirmed: 'confirmed', processing: 'being prepared', shipped: 'shipped', delivered: 'delivered', cancelled: 'cancelled', refunded: 'refunded' },
    messageTitle: 'New message from {name}',
    messagesTitle: '{n} new messages from {name}',
    reviewTitle: 'New review from {name}',
    reviewBody: '{stars} ({rating}/5)',
    genericTitle: 'New notification from {store}',
    genericBody: 'Something new is waiting for you. Tap to see it.',
    actions: { viewOrder: 'View order', track: 'Track', reply: 'Reply', markRead: 'Mark as read', viewOffer: 'View offer', viewReview: 'View review', dismiss: 'Dismiss' },
    summary: { orders: '{n} order updates', messages: '{n} new messages', promotions: '{n} new promotions', reviews: '{n} new reviews', system: '{n} new notifications' },
  },
  pt: {
    orderTitle: 'Pedido #{id}',
    orderStatus: {
      pending: 'Recebemos seu pedido #{id}',
      confirmed: 'Seu pedido #{id} foi confirmado',
      processing: 'Estamos preparando seu pedido #{id}',
      shipped: 'Seu pedido #{id} está a caminho',
      delivered: 'Seu pedido #{id} foi entregue',
      cancelled: 'Seu pedido #{id} foi cancelado',
      refunded: 'Reembolsamos seu pedido #{id}',
      other: 'Seu pedido #{id} mudou para: {status}',
    },
    orderStatusName: { pending: 'recebido', confirmed: 'confirmado', processing: 'em preparação', shipped: 'enviado', delivered: 'entregue', cancelled: 'cancelado', refunded: 'reembolsado' },
    messageTitle: 'Nova mensagem de {name}',
    messagesTitle: '{n} mensagens novas de {name}',
    reviewTitle: 'Nova avaliação de {name}',
    reviewBody: '{stars} ({rating}/5)',
    genericTitle: 'Nova notificação de {store}',
    genericBody: 'Você tem uma novidade. Toque para ver.',
    actions: { viewOrder: 'Ver pedido', track: 'Rastrear', reply: 'Responder', markRead: 'Marcar como lida', viewOffer: 'Ver oferta', viewReview: 'Ver avaliação', dismiss: 'Descartar' },
    summary: { orders: '{n} atualizações de pedidos', messages: '{n} mensagens novas', promotions: '{n} promoções novas', reviews: '{n} avaliações novas', system: '{n} notificações novas' },
  },
  fr: {
    orderTitle: 'Commande n° {id}',
    orderStatus: {
      pending: 'Nous avons reçu votre commande n° {id}',
      confirmed: 'Votre commande n° {id} est confirmée',
      processing: 'Nous préparons votre commande n° {id}',
      shipped: 'Votre commande n° {id} est en route',
      delivered: 'Votre commande n° {id} a été livrée',
      cancelled: 'Votre commande n° {id} a été annulée',
      refunded: 'Votre commande n° {id} a été remboursée',
      other: 'Votre commande n° {id} est passée à : {status}',
    },
    orderStatusName: { pending: 'reçue', confirmed: 'confirmée', processing: 'en préparation', shipped: 'expédiée', delivered: 'livrée', cancelled: 'annulée', refunded: 'remboursée' },
    messageTitle: 'Nouveau message de {name}',
    messagesTitle: '{n} nouveaux messages de {name}',
    reviewTitle: 'Nouvel avis de {name}',
    reviewBody: '{stars} ({rating}/5)',
    genericTitle: 'Nouvelle notification de {store}',
    genericBody: 'Du nouveau vous attend. Touchez pour voir.',
    actions: { viewOrder: 'Voir la commande', track: 'Suivre', reply: 'Répondre', markRead: 'Marquer comme lu', viewOffer: "Voir l'offre", viewReview: "Voir l'avis", dismiss: 'Ignorer' },
    summary: { orders: '{n} mises à jour de commandes', messages: '{n} nouveaux messages', promotions: '{n} nouvelles promotions', reviews: '{n} nouveaux avis', system: '{n} nouvelles notifications' },
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Copy = Widen<(typeof COPY)['es']>;
export type OrderStatusKey = keyof Copy['orderStatusName'];

/** Store-side spellings (Spanish, English, Portuguese, French) of each order status. */
const STATUS_ALIASES: Record<string, OrderStatusKey> = {
  pendiente: 'pending', pending: 'pending', recibido: 'pending', pendente: 'pending', en_attente: 'pending',
  confirmado: 'confirmed', confirmed: 'confirmed', pagado: 'confirmed', paid: 'confirmed', confirmee: 'confirmed',
  preparando: 'processing', procesando: 'processing', en_preparacion: 'processing', processing: 'processing', preparing: 'processing',
  enviado: 'shipped', shipped: 'shipped', en_camino: 'shipped', despachado: 'shipped', expediee: 'shipped', in_transit: 'shipped',
  entregado: 'delivered', delivered: 'delivered', entregue: 'delivered', livree: 'delivered',
  cancelado: 'cancelled', cancelled: 'cancelled', canceled: 'cancelled', annulee: 'cancelled',
  reembolsado: 'refunded', refunded: 'refunded', devuelto: 'refunded', remboursee: 'refunded',
};

/** @example orderStatusKey('Enviado') // 'shipped' */
export function orderStatusKey(status: string): OrderStatusKey | undefined {
  const key = status.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
  return STATUS_ALIASES[key];
}

/** The copy by language tag; assigning COPY here checks every language has every text. */
const COPY_BY_LANGUAGE: Readonly<Partial<Record<string, Copy>>> = COPY;

/** @example copyFor('pt').summary.messages */
export function copyFor(language: Language | string | undefined): Copy {
  const key = language ?? 'es';
  // Own keys only: a stray tag such as 'constructor' must not pick up Object.prototype.
  return (Object.hasOwn(COPY_BY_LANGUAGE, key) ? COPY_BY_LANGUAGE[key] : undefined) ?? COPY.es;
}

/** @example fill('Nuevo mensaje de {name}', { name: 'Juan' }) // 'Nuevo mensaje de Juan' */
export function fill(template: string, values: Fill): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
}

/** @example summaryTitle('es', 'messages', 3) // '3 mensajes nuevos' */
export function summaryTitle(language: Language | string | undefined, category: Category, count: number): string {
  return fill(copyFor(language).summary[category], { n: count });
}
