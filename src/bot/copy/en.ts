import type { BotCopy } from './es';

/** The assistant's own replies in English. */
export const EN_COPY: BotCopy = {
  notCovered: "We don't carry parts for the {bike} in our catalog yet. Would you like to talk to a person? We may be able to order it for you.",
  unsure: 'I did not find "{query}" as such{forBike}; this is the closest I have (if it is not it, a person can help):',
  unsureNone: "I understood \"{query}\"{forBike}, but I don't know which part that is. Tell me its name (for example \"brake pads\" or \"chain kit\") or talk to a person.",
  sizeFits: 'In size {size} I have these options; they fit the {bikes}:',
  sizeNoFit: 'Size {size} is not the one the {bike} takes.',
  budgetFits: "At {price} or less{forBike}:",
  budgetNone: 'I have nothing for {price} or less{forBike}; these are the cheapest:',
  'rank.cheapest': 'From the cheapest to the most expensive{forBike}:',
  'rank.priciest': 'From the most expensive to the cheapest{forBike}:',
  'rank.best': 'Best brands first{forBike}:',
  'rank.genuine': 'Genuine parts first{forBike}:',
  'rank.noGenuine': "I don't have the genuine part{forBike}; these are the options from other brands:",
  'rank.generic': 'Aftermarket brands first, the cheaper ones{forBike}:',
  howToBuy: "Sure: tell me which part and for which bike (for example “chain kit for NKD 125”); I show you the options and you add them to the cart. If you prefer, a person can take your order.",
  catalog: "We have {categories} parts for {makes} bikes. Tell me which part you need and for which bike.",
  orderWithoutNumber: 'We can help without the number too: a person can find your order by your name. Shall I put you through?',
  goodbye: "Bye for now! I'm here whenever you need a part.",
  ack: 'Great! Can I help you with anything else?',
  identity: "I'm the virtual assistant of {store}: I search parts in the catalog, check orders and answer about shipping and payment. If you prefer, I can put you through to a person.",
  location: 'We sell online and ship all over Colombia. If you want to pick up in person, a person from the store will tell you where and when.',
  locationAt: 'Our store is at {address}.',
  referenceFits: 'Yes: {product} fits your {bike}.',
  referenceNoFit: '{product} is not for your {bike}: the catalog lists it for {fits}.',
};
