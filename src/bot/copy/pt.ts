import type { BotCopy } from './es';

/** The assistant's own replies in Portuguese. */
export const PT_COPY: BotCopy = {
  notCovered: 'Por enquanto não temos peças para {bike} no catálogo. Quer falar com um atendente? Talvez possamos encomendar.',
  unsure: 'Não encontrei «{query}» exatamente{forBike}; o mais parecido que tenho é isto (se não for, um atendente ajuda):',
  unsureNone: 'Entendi «{query}»{forBike}, mas não sei que peça é. Diga o nome dela (por exemplo «pastilha de freio» ou «kit relação») ou fale com um atendente.',
  sizeFits: 'Na medida {size} tenho estas opções; servem para {bikes}:',
  sizeNoFit: 'A medida {size} não é a que a {bike} usa.',
  budgetFits: 'Por {price} ou menos{forBike}:',
  budgetNone: 'Não tenho opções por {price} ou menos{forBike}; estas são as mais baratas:',
  'rank.cheapest': 'Da mais barata à mais cara{forBike}:',
  'rank.priciest': 'Da mais cara à mais barata{forBike}:',
  'rank.best': 'Primeiro as melhores marcas{forBike}:',
  'rank.genuine': 'Primeiro as originais de fábrica{forBike}:',
  'rank.noGenuine': 'Não tenho a original de fábrica{forBike}; estas são as opções de outras marcas:',
  'rank.generic': 'Primeiro as marcas alternativas, mais baratas{forBike}:',
  howToBuy: "Claro: diga qual peça e para qual moto (por exemplo «kit relação para NKD 125»); mostro as opções e você adiciona ao carrinho. Se preferir, um atendente anota o pedido.",
  catalog: "Temos peças de {categories} para motos {makes}. Diga qual peça procura e para qual moto.",
  orderWithoutNumber: 'Também ajudamos sem o número: um atendente procura seu pedido pelo seu nome. Quer que eu chame um?',
  goodbye: 'Até logo! Estou aqui quando precisar de uma peça.',
  ack: 'Certo! Posso ajudar em mais alguma coisa?',
  identity: 'Sou o assistente virtual de {store}: procuro peças no catálogo, consulto pedidos e respondo sobre envio e pagamento. Se preferir, chamo um atendente.',
  location: 'Vendemos on-line e enviamos para toda a Colômbia. Se quiser retirar pessoalmente, um atendente confirma onde e quando.',
  locationAt: 'Nossa loja física fica em {address}.',
  referenceFits: 'Sim: {product} serve na sua {bike}.',
  referenceNoFit: '{product} não é para a sua {bike}: o catálogo o indica para {fits}.',
};
