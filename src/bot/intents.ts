import { allowedTypos, editDistance, stem } from './text';

/** What a customer's message asks for, before any product search. */
export const INTENTS = ['handoff', 'order', 'shipping', 'payment', 'warranty', 'hours', 'greeting', 'thanks'] as const;
export type Intent = (typeof INTENTS)[number];

// Normalised, accent-free words (es, en, pt, fr). Multi-word cues are matched on the joined text.
const CUES: Record<Intent, { words: string[]; phrases?: string[] }> = {
  handoff: {
    words: ['asesor', 'asesora', 'humano', 'persona', 'agente', 'operador', 'vendedor', 'human', 'agent', 'representative',
      'someone', 'atendente', 'pessoa', 'humain', 'conseiller', 'vendeur'],
    phrases: ['hablar con alguien', 'talk to a', 'speak to a', 'falar com', 'parler a'],
  },
  order: {
    words: ['pedido', 'orden', 'order', 'encomenda', 'commande', 'rastrear', 'rastreo', 'tracking', 'track', 'guia', 'paquete', 'package', 'colis'],
  },
  shipping: {
    words: ['envio', 'enviar', 'envian', 'envias', 'domicilio', 'despacho', 'despachan', 'shipping', 'ship', 'delivery', 'deliver',
      'frete', 'entrega', 'entregam', 'livraison', 'livrer', 'livrez', 'transportadora', 'flete'],
    phrases: ['cuanto demora', 'cuanto tarda', 'how long'],
  },
  payment: {
    words: ['pago', 'pagar', 'pagos', 'nequi', 'daviplata', 'pse', 'tarjeta', 'credito', 'contraentrega', 'efectivo', 'transferencia',
      'payment', 'pay', 'card', 'cash', 'pagamento', 'pix', 'cartao', 'boleto', 'paiement', 'payer', 'carte'],
    phrases: ['medios de pago', 'formas de pago', 'metodos de pago'],
  },
  warranty: {
    words: ['garantia', 'devolucion', 'devolver', 'devoluciones', 'cambiar', 'retracto', 'warranty', 'guarantee', 'return', 'refund',
      'reembolso', 'troca', 'trocar', 'garantie', 'retour', 'rembourser', 'remboursement'],
  },
  hours: {
    words: ['horario', 'horarios', 'abren', 'abierto', 'abiertos', 'cierran', 'cerrado', 'atienden', 'hours', 'open', 'opening', 'closed',
      'close', 'horas', 'aberto', 'abrem', 'fecham', 'horaires', 'ouvert', 'ouvre', 'ferme'],
    phrases: ['a que hora', 'what time'],
  },
  greeting: { words: ['hola', 'buenas', 'buenos', 'saludos', 'hello', 'hi', 'hey', 'ola', 'oi', 'bonjour', 'salut', 'bonsoir'] },
  thanks: { words: ['gracias', 'thanks', 'thank', 'thx', 'obrigado', 'obrigada', 'merci', 'agradezco'] },
};

const WORD_SETS = Object.fromEntries(
  INTENTS.map((intent) => [intent, new Set(CUES[intent].words.flatMap((w) => [w, stem(w)]))]),
) as Record<Intent, Set<string>>;

function hasCue(intent: Intent, tokens: readonly string[], text: string): boolean {
  const words = WORD_SETS[intent];
  for (const token of tokens) {
    if (words.has(token) || words.has(stem(token))) return true;
    // Typos only on longer cue words ("asesr", "garantai"): short ones would hit ordinary words.
    const max = Math.min(1, allowedTypos(token.length));
    if (max > 0 && token.length >= 5) {
      for (const word of CUES[intent].words) if (word.length >= 6 && editDistance(token, word, max) <= max) return true;
    }
  }
  return (CUES[intent].phrases ?? []).some((phrase) => ` ${text} `.includes(` ${phrase} `));
}

export interface Classification {
  /** Every intent whose cue words appear, in the order of INTENTS (most specific first). */
  intents: Intent[];
  /** An order number written in the message ("pedido 1234", "#1234"). */
  orderId?: string;
}

/**
 * Finds what a message asks for. Products are not an intent here: whatever is not a handoff, an
 * order or a store question is searched in the catalog.
 * @example classify(tokenize('¿cómo va mi pedido 1234?')) // { intents: ['order'], orderId: '1234' }
 */
export function classify(tokens: readonly string[]): Classification {
  const text = tokens.join(' ');
  const intents = INTENTS.filter((intent) => hasCue(intent, tokens, text));
  const result: Classification = { intents };
  if (intents.includes('order')) {
    const id = tokens.find((token) => /^[a-z]{0,4}-?\d{3,10}$/.test(token) && !/^(19|20)\d\d$/.test(token));
    if (id) result.orderId = id.toUpperCase();
    else {
      const year = tokens.find((token) => /^\d{3,10}$/.test(token));
      if (year) result.orderId = year;
    }
  }
  return result;
}
