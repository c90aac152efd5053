/** The assistant's own replies in Spanish (Colombia); the widget's strings live in src/i18n. */
export const ES_COPY = {
  notCovered: 'Por ahora no tenemos repuestos para {bike} en el catálogo. ¿Quieres que te comunique con un asesor? Puede que lo consigamos por encargo.',
  unsure: 'No encontré «{query}» tal cual{forBike}; lo más parecido que tengo es esto (si no es, un asesor te ayuda):',
  unsureNone: 'Entendí «{query}»{forBike}, pero no sé qué repuesto es. Dime cómo se llama (por ejemplo «pastillas de freno» o «kit de arrastre») o habla con un asesor.',
  sizeFits: 'En medida {size} tengo estas opciones; le sirven a {bikes}:',
  sizeNoFit: 'La medida {size} no es la que lleva la {bike}.',
  budgetFits: 'Por {price} o menos{forBike}:',
  budgetNone: 'No tengo opciones por {price} o menos{forBike}; estas son las más económicas:',
  'rank.cheapest': 'De la más económica a la más cara{forBike}:',
  'rank.priciest': 'De la más cara a la más económica{forBike}:',
  'rank.best': 'Primero las de mejor marca{forBike}:',
  'rank.genuine': 'Primero las originales de fábrica{forBike}:',
  'rank.noGenuine': 'No tengo la original de fábrica{forBike}; estas son las opciones de otras marcas:',
  'rank.generic': 'Primero las de marca alterna, más económicas{forBike}:',
  howToBuy: "Claro: dime qué repuesto buscas y para qué moto (por ejemplo «kit de arrastre para NKD 125»); te muestro las opciones y lo agregas al carrito. Si prefieres, un asesor te toma el pedido.",
  catalog: "Tenemos repuestos de {categories} para motos {makes}. Dime qué repuesto buscas y para qué moto.",
  orderWithoutNumber: 'Sin el número también te ayudamos: un asesor lo busca con tu nombre o tu cédula. ¿Te comunico con uno?',
  goodbye: '¡Hasta pronto! Aquí estaré cuando necesites un repuesto.',
  ack: '¡Listo! ¿Te ayudo con algo más?',
  identity: 'Soy el asistente virtual de {store}: busco repuestos en el catálogo, reviso pedidos y respondo sobre envíos y pagos. Si prefieres, te comunico con un asesor.',
  location: 'Vendemos en línea y enviamos a toda Colombia. Si quieres recoger en persona, un asesor te confirma dónde y cuándo.',
  locationAt: 'Nuestra tienda física queda en {address}.',
  referenceFits: 'Sí: {product} le sirve a tu {bike}.',
  referenceNoFit: '{product} no es para tu {bike}: el catálogo lo indica para {fits}.',
} as const;

export type CopyKey = keyof typeof ES_COPY;
export type BotCopy = Record<CopyKey, string>;
