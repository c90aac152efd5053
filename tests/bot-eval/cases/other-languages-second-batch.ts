import { builders, part } from './build';

const en = builders('en');
const pt = builders('pt');
const fr = builders('fr');

/** A second batch in English, Portuguese and French, written after the first tuning round. */
export const OTHER_SECOND_BATCH = [
  en.product('slang', 'hey, got any brake shoes for the boxer ct100 rear?', part(/^Bandas de freno traseras/, 'Boxer CT100')),
  en.product('product', 'looking for a clutch lever for the nkd', part(/^Manigueta/, 'NKD 125')),
  en.product('product', 'voltage regulator for the pulsar ns200', part(/^Regulador/, 'Pulsar NS200')),
  en.product('comparative', 'what is the best tyre for the rear of the fz16?', part(/^Llanta/, 'FZ16', { position: 'rear', rank: 'best' })),
  en.product('comparative', 'cheapest chain for the ybr 125', part(/^Cadena /, 'YBR 125', { rank: 'cheapest' })),
  en.product('size', 'do you have 100/80-17 tires?', part(/^Llanta .*100\/80-17/)),
  en.product('story', 'my gn 125 battery died this morning, do you have one?', part(/^Batería/, 'GN 125')),
  en.product('position', 'front fender for the nkd', part(/^Guardabarros delantero/, 'NKD 125')),
  en.notCovered('spark plug for a ktm duke 390'),
  en.no('handlebar for the fz 2.0', part(/^Manubrio/, 'FZ 2.0')),
  en.reply('order', 'can you check order 1240?', ['order'], /1240/),
  en.reply('info', 'how long does shipping take?', ['info'], /days|business/),
  en.reply('smalltalk', 'good morning', ['greeting']),
  en.ask('chain kit'),
  pt.product('slang', 'lona de freio traseira para a crypton', part(/^Bandas de freno traseras/, 'Crypton FI')),
  pt.product('product', 'regulador retificador da xr150l', part(/^Regulador/, 'XR150L')),
  pt.product('comparative', 'qual é o melhor óleo?', part(/^Aceite (?!de )/, undefined, { rank: 'best' })),
  pt.product('position', 'pneu traseiro para a pulsar 180', part(/^Llanta/, 'Pulsar 180', { position: 'rear' })),
  pt.product('slang', 'corrente e coroa para a nkd', part(/^(Cadena|Corona)/, 'NKD 125'), { also: [part(/^Corona/, 'NKD 125')] }),
  pt.product('product', 'bateria para a nmax', part(/^Batería/, 'NMAX 155')),
  pt.notCovered('peças para a honda cg 160'),
  pt.no('guidão para a boxer ct100', part(/^Manubrio/, 'Boxer CT100')),
  pt.reply('order', 'qual o status do pedido 1238?', ['order'], /1238/),
  pt.reply('info', 'qual é o horário de vocês?', ['info'], /horário|Horário/),
  pt.reply('smalltalk', 'boa tarde', ['greeting']),
  pt.reply('handoff', 'posso falar com uma pessoa?', ['handoff']),
  fr.product('slang', 'mâchoires de frein arrière pour la wave 110', part(/^Bandas de freno traseras/, 'Wave 110S')),
  fr.product('product', 'régulateur pour la pulsar 180', part(/^Regulador/, 'Pulsar 180')),
  fr.product('comparative', 'la meilleure batterie pour la fz 2.0', part(/^Batería/, 'FZ 2.0', { rank: 'best' })),
  fr.product('position', 'pneu avant pour la xtz 125', part(/^Llanta/, 'XTZ 125', { position: 'front' })),
  fr.product('product', 'kit chaîne pour la cb 190r et livraison à bogota ?', part(/^Kit de arrastre/, 'CB 190R'), { text: /Servientrega/ }),
  fr.product('product', 'filtre à air pour la nmax', part(/^Filtro de aire/, 'NMAX 155')),
  fr.notCovered('plaquettes pour la yamaha mt 07'),
  fr.no('carburateur pour la gn 125', part(/^Carburador/, 'GN 125')),
  fr.reply('order', 'suivi de ma commande 1236', ['order'], /1236/),
  fr.reply('info', 'quels sont vos horaires ?', ['info'], /horaires|Horaires/),
  fr.reply('smalltalk', 'salut', ['greeting']),
  fr.reply('handoff', 'je voudrais parler à une personne', ['handoff']),
];
