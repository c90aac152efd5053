import type { Language } from '../../core/config';

/**
 * The default store facts that are words, in each language: what the assistant says when the
 * store did not list its own (`bot.payment.methods`, `bot.warranty.longItems`). Brand names stay.
 */
export const DEFAULT_STORE_WORDS: Record<Language, { paymentMethods: string[]; longWarrantyItems: string[] }> = {
  es: {
    paymentMethods: ['PSE', 'tarjeta de crédito o débito', 'Nequi', 'Daviplata', 'transferencia Bancolombia', 'contraentrega'],
    longWarrantyItems: ['baterías', 'partes eléctricas', 'suspensión'],
  },
  en: {
    paymentMethods: ['PSE', 'credit or debit card', 'Nequi', 'Daviplata', 'Bancolombia bank transfer', 'cash on delivery'],
    longWarrantyItems: ['batteries', 'electrical parts', 'suspension'],
  },
  pt: {
    paymentMethods: ['PSE', 'cartão de crédito ou débito', 'Nequi', 'Daviplata', 'transferência Bancolombia', 'pagamento na entrega'],
    longWarrantyItems: ['baterias', 'peças elétricas', 'suspensão'],
  },
  fr: {
    paymentMethods: ['PSE', 'carte de crédit ou de débit', 'Nequi', 'Daviplata', 'virement Bancolombia', 'paiement à la livraison'],
    longWarrantyItems: ['batteries', 'pièces électriques', 'suspension'],
  },
};
