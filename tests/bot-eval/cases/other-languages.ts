import { builders, part } from './build';

const en = builders('en');
const pt = builders('pt');
const fr = builders('fr');

/** English customers (the store answers in English). */
export const EN_CASES = [
  en.product('product', 'do you have brake pads for the pulsar ns200?', part(/^Pastillas/, 'Pulsar NS200')),
  en.product('product', 'oil filter for a yamaha ybr 125', part(/^Filtro de aceite/, 'YBR 125')),
  en.product('position', 'rear tire for the fz 2.0', part(/^Llanta/, 'FZ 2.0', { position: 'rear' })),
  en.product('position', 'front tyre nkd 125', part(/^Llanta/, 'NKD 125', { position: 'front' })),
  en.product('comparative', 'cheapest battery for the nkd', part(/^Batería/, 'NKD 125', { rank: 'cheapest' })),
  en.product('product', 'spark plug for honda cb 190r', part(/^Bujía/, 'CB 190R')),
  en.product('slang', 'chain kit for boxer ct100', part(/^Kit de arrastre/, 'Boxer CT100')),
  en.product('slang', 'clutch cable gn 125', part(/^Guaya de clutch/, 'GN 125')),
  en.product('position', 'rear shock for the xtz 125', part(/amortiguador/i, 'XTZ 125')),
  en.product('size', 'tire 90/90-18', part(/^Llanta .*90\/90-18/)),
  en.ask('air filter'),
  en.notCovered('brake pads for a dominar 400'),
  en.reply('smalltalk', 'hi there', ['greeting']),
  en.reply('smalltalk', 'thanks a lot', ['thanks']),
  en.reply('order', 'where is my order 1236?', ['order'], /1236/),
  en.reply('info', 'do you ship to bogota?', ['info'], /Servientrega/),
  en.reply('handoff', 'can I talk to a human?', ['handoff']),
  en.product('comparative', 'best helmet you have', part(/^Casco/, undefined, { rank: 'best' })),
  en.product('position', 'inner tube for xr150 front', part(/^Neumático \(tubo\)/, 'XR150L', { position: 'front' })),
  en.product('switch', ['brake pads for the nkd', 'and for the ybr?'], part(/^Pastillas/, 'YBR 125')),
  en.reply('info', 'do you have a physical store?', ['info'], /store|online|person/),
  en.no('carburetor for gn 125', part(/^Carburador/, 'GN 125')),
  en.product('comparative', 'genuine oil filter for the boxer ct100', part(/^Filtro de aceite/, 'Boxer CT100', { rank: 'genuine' })),
  en.product('slang', 'clutch plates for pulsar 180', part(/^Discos de clutch/, 'Pulsar 180')),
  en.product('slang', 'sprocket kit for the xr 150', part(/^Kit de arrastre/, 'XR150L')),
  en.product('position', 'rear brake shoes for wave 110', part(/^Bandas de freno traseras/, 'Wave 110S')),
  en.product('story', 'battery for my pulsar 180, it died yesterday', part(/^Batería/, 'Pulsar 180')),
  en.product('two', 'how much is the chain kit for the nkd and do you ship to cali?', part(/^Kit de arrastre/, 'NKD 125'), { text: /Servientrega/ }),
];

/** Portuguese customers (the store answers in Portuguese). */
export const PT_CASES = [
  pt.product('product', 'vocês têm pastilha de freio para a ns200?', part(/^Pastillas/, 'Pulsar NS200')),
  pt.product('product', 'filtro de óleo para ybr 125', part(/^Filtro de aceite/, 'YBR 125')),
  pt.product('position', 'pneu traseiro da fz 2.0', part(/^Llanta/, 'FZ 2.0', { position: 'rear' })),
  pt.product('comparative', 'bateria mais barata para nkd', part(/^Batería/, 'NKD 125', { rank: 'cheapest' })),
  pt.product('product', 'vela de ignição para cb 190r', part(/^Bujía/, 'CB 190R')),
  pt.product('slang', 'kit relação para boxer ct100', part(/^Kit de arrastre/, 'Boxer CT100')),
  pt.product('slang', 'cabo de embreagem gn 125', part(/^Guaya de clutch/, 'GN 125')),
  pt.product('position', 'amortecedor traseiro xtz 125', part(/amortiguador/i, 'XTZ 125')),
  pt.product('size', 'pneu 90/90-18', part(/^Llanta .*90\/90-18/)),
  pt.reply('smalltalk', 'olá, bom dia', ['greeting']),
  pt.reply('smalltalk', 'muito obrigado', ['thanks']),
  pt.reply('order', 'onde está meu pedido 1234', ['order'], /1234/),
  pt.reply('info', 'vocês entregam em medellín?', ['info'], /Servientrega/),
  pt.reply('handoff', 'quero falar com um atendente', ['handoff']),
  pt.product('slang', 'câmara de ar aro 18', part(/^Neumático \(tubo\) IRC 2\.75\/3\.00-18/)),
  pt.notCovered('pastilha para dominar 400'),
  pt.product('switch', ['filtro de ar para nkd', 'e para a ybr?'], part(/^Filtro de aire/, 'YBR 125')),
  pt.product('product', 'corrente para ns200', part(/^Cadena /, 'Pulsar NS200')),
  pt.product('position', 'pneu dianteiro da nkd', part(/^Llanta/, 'NKD 125', { position: 'front' })),
  pt.product('comparative', 'melhor capacete', part(/^Casco/, undefined, { rank: 'best' })),
  pt.reply('info', 'aceitam cartão de crédito?', ['info'], /cartão|crédito/),
  pt.ask('pastilha de freio'),
];

/** French customers (the store answers in French). */
export const FR_CASES = [
  fr.product('product', 'plaquettes de frein pour la ns200', part(/^Pastillas/, 'Pulsar NS200')),
  fr.product('product', 'filtre à huile pour ybr 125', part(/^Filtro de aceite/, 'YBR 125')),
  fr.product('position', 'pneu arrière fz 2.0', part(/^Llanta/, 'FZ 2.0', { position: 'rear' })),
  fr.product('comparative', 'la batterie la moins chère pour nkd', part(/^Batería/, 'NKD 125', { rank: 'cheapest' })),
  fr.product('product', 'bougie pour cb 190r', part(/^Bujía/, 'CB 190R')),
  fr.product('slang', 'kit chaîne boxer ct100', part(/^Kit de arrastre/, 'Boxer CT100')),
  fr.product('slang', "câble d'embrayage gn 125", part(/^Guaya de clutch/, 'GN 125')),
  fr.product('position', 'amortisseur arrière xtz 125', part(/amortiguador/i, 'XTZ 125')),
  fr.product('size', 'pneu 90/90-18', part(/^Llanta .*90\/90-18/)),
  fr.reply('smalltalk', 'bonjour', ['greeting']),
  fr.reply('smalltalk', 'merci beaucoup', ['thanks']),
  fr.reply('order', 'où en est ma commande 1235', ['order'], /1235/),
  fr.reply('info', 'vous livrez à cali ?', ['info'], /Servientrega/),
  fr.reply('handoff', 'je veux parler à un conseiller', ['handoff']),
  fr.product('slang', 'chambre à air 90/90-19', part(/^Neumático \(tubo\) IRC 90\/90-19/)),
  fr.notCovered('plaquettes pour dominar 400'),
  fr.product('switch', ['filtre à air pour nkd', 'et pour la ybr ?'], part(/^Filtro de aire/, 'YBR 125')),
  fr.product('position', 'pneu avant de la nkd', part(/^Llanta/, 'NKD 125', { position: 'front' })),
  fr.product('comparative', 'le meilleur casque', part(/^Casco/, undefined, { rank: 'best' })),
  fr.product('comparative', "bougie d'origine pour la crypton", part(/^Bujía/, 'Crypton FI', { rank: 'genuine' })),
  fr.reply('info', 'vous avez un magasin physique ?', ['info'], /magasin|ligne|conseiller/),
  fr.ask('filtre à air'),
];
