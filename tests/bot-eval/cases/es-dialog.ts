import { builders, part } from './build';

const { product, notCovered } = builders('es');

/** Two questions in one message, and a conversation that changes bike or part. */
export const ES_DIALOG = [
  product('two', 'cuanto vale el kit de arrastre de la nkd y tienen envio a cali?', part(/^Kit de arrastre/, 'NKD 125'), { text: /Servientrega/ }),
  product('two', 'tienen bujia para la ybr? y aceptan nequi?', part(/^Bujía/, 'YBR 125'), { text: /Nequi/ }),
  product('two', 'hola, necesito pastillas delanteras para la fz 2.0, hacen envios a medellin?', part(/^Pastillas de freno delanteras/, 'FZ 2.0'), { text: /Servientrega/ }),
  product('two', 'filtro de aceite para gn 125 y a que hora cierran', part(/^Filtro de aceite/, 'GN 125'), { text: /horario/i }),
  product('two', 'bateria para cb 125f, que garantia tiene?', part(/^Batería/, 'CB 125F'), { text: /garantía/ }),
  product('two', 'necesito la bujia y el filtro de aire de la gn 125', part(/^Bujía/, 'GN 125'), { also: [part(/^Filtro de aire/, 'GN 125')] }),
  product('two', 'pastillas y bandas traseras para la xtz 125', part(/^Pastillas/, 'XTZ 125'), { also: [part(/^Bandas de freno traseras/, 'XTZ 125')] }),
  product('two', 'cuanto vale la guaya del clutch de la nkd y la manigueta?', part(/^Guaya de clutch/, 'NKD 125'), { also: [part(/^Manigueta/, 'NKD 125')] }),
  product('two', 'tienen llanta trasera para la pulsar ns 200? y cuanto cuesta el envio', part(/^Llanta/, 'Pulsar NS200', { position: 'rear' }), { text: /Servientrega/ }),
  product('two', 'quiero el kit de arrastre de la boxer ct100 y pagar contraentrega', part(/^Kit de arrastre/, 'Boxer CT100'), { text: /contraentrega/i }),
  product('two', 'buenas, el filtro de aire y el de aceite para la pulsar 180', part(/^Filtro de aire/, 'Pulsar 180'), { also: [part(/^Filtro de aceite/, 'Pulsar 180')] }),

  product('switch', ['pastillas para la nkd', 'y para la ybr?'], part(/^Pastillas/, 'YBR 125')),
  product('switch', ['filtro de aceite boxer ct100', 'y para la pulsar 180?'], part(/^Filtro de aceite/, 'Pulsar 180')),
  product('switch', ['kit de arrastre para la fz 2.0', 'y pa la xr150?'], part(/^Kit de arrastre/, 'XR150L')),
  product('switch', ['bateria de la gn 125', 'y la de la nkd cuanto vale'], part(/^Batería/, 'NKD 125')),
  product('switch', ['llanta trasera para la nkd', 'y para la cb 125f?'], part(/^Llanta/, 'CB 125F', { position: 'rear' })),
  product('switch', ['bujia para la crypton', 'y el filtro de aire?'], part(/^Filtro de aire/, 'Crypton FI')),
  product('switch', ['pastillas delanteras para la ns 200', 'y las traseras?'], part(/^Pastillas de freno traseras/, 'Pulsar NS200')),
  product('switch', ['bandas traseras wave 110', 'y para la boxer s'], part(/^Bandas de freno traseras/, 'Boxer S')),
  product('switch', ['mi moto es una xtz 125', 'necesito el filtro de aceite'], part(/^Filtro de aceite/, 'XTZ 125')),
  product('switch', ['filtro de aire para nkd', 'ahora para una gn'], part(/^Filtro de aire/, 'GN 125')),
  product('switch', ['la bateria mas barata para la nkd', 'y para la fz?'], part(/^Batería/, 'FZ 2.0')),
  product('switch', ['pastillas para la nkd', 'y el kit de arrastre?'], part(/^Kit de arrastre/, 'NKD 125')),
  notCovered(['pastillas de freno pulsar ns 160', 'y para la dominar 400?']),
  product('switch', ['hola', 'tengo una cb 190r', 'cuanto vale el kit de arrastre?'], part(/^Kit de arrastre/, 'CB 190R')),
  product('switch', ['filtro de aceite para la gn 125', 'gracias', 'y la bujia?'], part(/^Bujía/, 'GN 125')),
];
