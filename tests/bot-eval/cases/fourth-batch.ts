import { builders, part } from './build';

const es = builders('es');
const en = builders('en');
const pt = builders('pt');
const fr = builders('fr');

/**
 * A fourth batch, from a probe of session 6: each case failed before the change that made it
 * pass (a warranty question naming a part asked for the bike; payment methods and warranty items
 * answered in Spanish to customers writing in English, Portuguese or French; cash on delivery
 * offered without saying where; Brazilian bikes not known as bikes; a budget named and ignored; an order number sent alone; cancelling or changing an order read as an order lookup; a wrong product received).
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
  es.product('comparative', 'pastillas de freno para pulsar ns 200 de menos de 60 mil', part(/^Pastillas de freno traseras/, 'Pulsar NS200'), { text: /^Por \$\s60\.000 o menos para tu Pulsar NS200:\n[^\n]*\n?$/ }),
  es.product('comparative', 'pastillas de freno para pulsar ns 200 de menos de 50 mil', part(/^Pastillas de freno traseras/, 'Pulsar NS200'), { text: /^No tengo opciones por \$\s50\.000 o menos/ }),
  es.product('switch', ['bateria para fz 2.0', 'y de menos de 200 mil?'], part(/^Batería MAG/, 'FZ 2.0'), { text: /^Por \$\s200\.000 o menos para tu FZ 2\.0:\n[^\n]*$/ }),
  es.product('switch', ['pastillas de menos de 60 mil', 'ns 200'], part(/^Pastillas de freno traseras/, 'Pulsar NS200'), { text: /^Por \$\s60\.000 o menos/ }),
  en.product('comparative', 'brake pads for yamaha nmax under 60000', part(/^Pastillas de freno traseras/, 'NMAX 155'), { text: /^At COP\s60,000 or less for your NMAX 155:\n[^\n]*$/ }),
  pt.product('comparative', 'pastilha de freio para nmax até 50 mil', part(/^Pastillas de freno traseras/, 'NMAX 155'), { text: /^Não tenho opções por/ }),
  es.product('model', 'kit de arrastre boxer ct100 hasta 2019', part(/^Kit de arrastre/, 'Boxer CT100')),
  es.reply('order', ['donde queda la tienda', '1234'], ['order']),
  es.reply('handoff', 'cancelar pedido 1235', ['handoff']),
  es.reply('handoff', 'quiero cambiar mi dirección de envío', ['handoff']),
  es.reply('info', 'me llegó el producto equivocado', ['info'], /garantía/),
];
