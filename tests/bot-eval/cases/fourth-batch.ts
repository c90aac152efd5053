import { builders } from './build';

const es = builders('es');
const en = builders('en');
const pt = builders('pt');
const fr = builders('fr');

/**
 * A fourth batch, from a probe of session 6: each case failed before the change that made it
 * pass (a warranty question naming a part asked for the bike; payment methods and warranty items
 * answered in Spanish to customers writing in English, Portuguese or French; cash on delivery
 * offered without saying where; Brazilian bikes not known as bikes).
 */
export const FOURTH_BATCH = [
  es.reply('info', 'las baterías tienen garantía?', ['info'], /^Tienes garantía[^?]*$/),
  es.reply('info', 'cuanto dura la garantia de las pastillas', ['info'], /^Tienes garantía[^?]*$/),
  en.reply('info', 'is there a warranty on batteries?', ['info'], /^You get a 6-month warranty on batteries[^?]*$/),
  pt.reply('info', 'as baterias têm garantia?', ['info'], /garantia de 6 meses em baterias[^?]*$/),
  fr.reply('info', 'quels sont les moyens de paiement ?', ['info'], /carte de crédit ou de débit/),
  en.reply('info', 'how can I pay?', ['info'], /credit or debit card.*cash on delivery/),
  pt.reply('info', 'quais são as formas de pagamento?', ['info'], /cartão de crédito ou débito/),
  es.reply('info', 'puedo pagar contra entrega', ['info'], /contraentrega en Medellín/),
  pt.notCovered('vocês têm pastilha de freio para cg 160?'),
  pt.notCovered('tem filtro de óleo para honda titan 160?'),
  es.notCovered('kit de arrastre para una factor 150'),
];
