import { builders, part } from './build';

const es = builders('es');
const en = builders('en');
const pt = builders('pt');
const fr = builders('fr');

/**
 * A third batch, written from a probe of session 5: each case failed before the change that
 * made it pass (store questions read as parts, a remembered bike of another make, an order
 * number inside a bike name, follow-ups about price and stock, references copied from the store).
 */
export const THIRD_BATCH = [
  es.reply('info', 'cuales son los medios de pago', ['info'], /Nequi/),
  es.reply('info', 'aceptan paypal?', ['info'], /Nequi/),
  es.product('slang', 'algo barato para el frenado de una wave', part(/freno/, 'Wave 110S')),
  es.ask('mi moto hace un ruido al frenar que puede ser'),
  es.product('switch', ['mi pedido es el 1234', 'tienen kit de arrastre para apache 160?'], part(/^Kit de arrastre/, 'Apache RTR 160')),
  es.product('switch', ['mi pedido es el 1234', 'bujia para pulsar 180 ug'], part(/^Bujía/, 'Pulsar 180')),
  es.ask(['mi moto es una nkd 125', 'pastillas de freno para yamaha'], ['FZ 2.0', 'YBR 125']),
  es.ask('pastillas para akt', ['NKD 125', 'TT 125']),
  es.product('product', 'tienen impermeables?', part(/^Impermeable/)),
  es.reply('smalltalk', 'venden motos?', ['smalltalk'], /Tenemos repuestos/),
  es.product('switch', ['tienen pastiyas pa la nmax', 'cuanto vale'], part(/^Pastillas/, 'NMAX 155')),
  es.product('switch', ['filtro de aceite para Boxer CT100', 'hay disponible?'], part(/^Filtro de aceite/, 'Boxer CT100')),
  es.reply('smalltalk', ['filtro de aceite para Boxer CT100', 'agregalo al carrito'], ['smalltalk'], /carrito/),
  es.product('product', '¿tienen el FIL-ACE-NS200?', part(/^Filtro de aceite Pulsar NS200/, 'Pulsar NS200')),
  es.product('product', 'el filtro FIL-ACE-BOX-S es compatible con la boxer ct100?', part(/^Filtro de aceite/, 'Boxer CT100'), { text: /no es para tu Boxer CT100/ }),
  es.product('product', 'el FIL-ACE-BOX-CT100-VAI le sirve a la discover 125?', part(/^Filtro de aceite/, 'Discover 125'), { text: /^Sí/ }),
  es.reply('smalltalk', 'hacen descuento si compro varias cosas', ['fallback']),
  en.product('product', 'does FIL-ACE-BOX-S fit the boxer ct100?', part(/^Filtro de aceite/, 'Boxer CT100'), { text: /is not for your Boxer CT100/ }),
  en.reply('info', 'do you accept paypal?', ['info']),
  en.product('switch', ['I need a chain kit for my honda cb 190r', 'is it in stock?'], part(/^Kit de arrastre/, 'CB 190R')),
  pt.product('switch', ['preciso de pastilhas de freio para pulsar ns 160', 'quanto custa?'], part(/^Pastillas/, 'Pulsar NS160')),
  fr.product('switch', ['je cherche un filtre à huile pour une yamaha ybr 125', 'combien ?'], part(/^Filtro de aceite/, 'YBR 125')),
];
