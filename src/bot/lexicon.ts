import { stem } from './text';

/**
 * The words customers use for parts, mapped to the catalog's Spanish terms, and the words that
 * carry no meaning for a search. Keys and values are normalised and stemmed (see text.ts), so
 * "balatas" → "balata" → "pastilla" and "neumáticos" → "neumatico" → "llanta".
 */
export const SYNONYMS: Readonly<Record<string, string>> = {
  // brakes
  balata: 'pastilla', pastilha: 'pastilla', plaquette: 'pastilla', pad: 'pastilla',
  brake: 'freno', frein: 'freno', freio: 'freno', travao: 'freno', frenado: 'freno',
  zapata: 'banda', shoe: 'banda', lona: 'banda',
  disc: 'disco', disque: 'disco',
  // tyres
  neumatico: 'llanta', caucho: 'llanta', tire: 'llanta', tyre: 'llanta', pneu: 'llanta', pneumatico: 'llanta',
  pneumatique: 'llanta', cubierta: 'llanta', rueda: 'llanta',
  // engine and oil
  oil: 'aceite', oleo: 'aceite', huile: 'aceite', lubricant: 'lubricante', lubrificante: 'lubricante',
  filter: 'filtro', filtre: 'filtro',
  air: 'aire', ar: 'aire',
  buji: 'bujia', plug: 'bujia', spark: 'bujia', vela: 'bujia', bougie: 'bujia',
  engine: 'motor', moteur: 'motor', pistao: 'piston',
  gasket: 'empaque', junta: 'empaque', joint: 'empaque',
  exhosto: 'escape', mofle: 'escape', silenciador: 'escape', exhaust: 'escape', echappement: 'escape',
  // transmission
  chain: 'cadena', corrente: 'cadena', chaine: 'cadena',
  sprocket: 'pinon', pignon: 'pinon', catalina: 'corona', crown: 'corona', couronne: 'corona',
  clutch: 'embrague', embreagem: 'embrague', embrayage: 'embrague', croche: 'embrague',
  transmision: 'arrastre', transmission: 'arrastre', transmissao: 'arrastre',
  // electrical
  battery: 'bateria', batterie: 'bateria', acumulador: 'bateria',
  headlight: 'farola', farol: 'farola', phare: 'farola', bulb: 'bombillo', bombilla: 'bombillo', lampada: 'bombillo',
  // suspension, body, gear
  shock: 'amortiguador', amortecedor: 'amortiguador', amortisseur: 'amortiguador', monoshock: 'amortiguador',
  helmet: 'casco', capacete: 'casco', casque: 'casco',
  mirror: 'espejo', retrovisor: 'espejo', espelho: 'espejo', retroviseur: 'espejo',
  cable: 'guaya', cabo: 'guaya',
  glove: 'guante', luva: 'guante', gant: 'guante',
  // positions
  delantero: 'delantera', front: 'delantera', dianteira: 'delantera', dianteiro: 'delantera', avant: 'delantera',
  trasero: 'trasera', rear: 'trasera', back: 'trasera', traseira: 'trasera', traseiro: 'trasera', arriere: 'trasera',
};

/** Words that never narrow a search (es, en, pt, fr), stemmed like the index. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'de del la el lo los las un una uno unos unas para pa pal por con sin y e o u a al en mi su que q ' +
    'me se le te tu ti es son esta este esa ese eso esto hay ahi alla aqui como cual cuale donde cuando ' +
    'tiene tienen tenga tengo tien tenes busco buscando necesito ocupo quiero quisiera queria venden vende ' +
    'manejan consigo consiguen dan precio cuanto cuanta cuesta vale valor moto motocicleta favor porfa porfavor ' +
    'hola buena bueno dia tarde noche gracia disponible disponibilidad referencia algun alguna sirve sirva ' +
    'the an for my do doe you have any need want looking price of bike motorcycle motorbike please is are there ' +
    'what which with to it i some sell got fit fits cost how much ' +
    'o os as um uma pra do da voce tem preciso quero minha meu preco ' +
    'le les une de des pour du ma mon vou avez je cherche besoin prix'
  ).split(' '),
);

/** @example isStopword('tienen') // true */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(word) || STOPWORDS.has(stem(word));
}
