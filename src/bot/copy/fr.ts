import type { BotCopy } from './es';

/** The assistant's own replies in French. */
export const FR_COPY: BotCopy = {
  notCovered: "Nous n'avons pas encore de pièces pour la {bike} dans le catalogue. Voulez-vous parler à un conseiller ? Nous pourrons peut-être la commander.",
  unsure: "Je n'ai pas trouvé « {query} » tel quel{forBike} ; voici ce que j'ai de plus proche (sinon, un conseiller peut vous aider) :",
  unsureNone: "J'ai compris « {query} »{forBike}, mais je ne sais pas de quelle pièce il s'agit. Donnez-moi son nom (par exemple « plaquettes de frein » ou « kit chaîne ») ou parlez à un conseiller.",
  sizeFits: 'En {size}, j’ai ces options ; elles vont sur {bikes} :',
  sizeNoFit: "La dimension {size} n'est pas celle de la {bike}.",
  budgetFits: 'À {price} ou moins{forBike} :',
  budgetNone: "Je n'ai rien pour {price} ou moins{forBike} ; voici les moins chères :",
  'rank.cheapest': 'De la moins chère à la plus chère{forBike} :',
  'rank.priciest': "De la plus chère à la moins chère{forBike} :",
  'rank.best': "D'abord les meilleures marques{forBike} :",
  'rank.genuine': "D'abord les pièces d'origine{forBike} :",
  'rank.noGenuine': "Je n'ai pas la pièce d'origine{forBike} ; voici les options d'autres marques :",
  'rank.generic': "D'abord les marques adaptables, moins chères{forBike} :",
  howToBuy: "Bien sûr : dites-moi quelle pièce et pour quelle moto (par exemple « kit chaîne pour NKD 125 ») ; je vous montre les options et vous les ajoutez au panier. Si vous préférez, un conseiller prend votre commande.",
  catalog: "Nous avons des pièces {categories} pour les motos {makes}. Dites-moi quelle pièce et pour quelle moto.",
  orderWithoutNumber: 'Nous pouvons aussi vous aider sans le numéro : un conseiller retrouve votre commande avec votre nom. Je vous mets en relation ?',
  goodbye: 'À bientôt ! Je suis là quand vous aurez besoin d’une pièce.',
  ack: 'Parfait ! Puis-je vous aider pour autre chose ?',
  identity: "Je suis l'assistant virtuel de {store} : je cherche les pièces dans le catalogue, je suis les commandes et je réponds sur la livraison et le paiement. Si vous préférez, je vous mets en relation avec un conseiller.",
  location: 'Nous vendons en ligne et livrons partout en Colombie. Pour retirer en personne, un conseiller vous dira où et quand.',
  locationAt: 'Notre magasin se trouve {address}.',
  referenceFits: 'Oui : {product} convient à votre {bike}.',
  referenceNoFit: '{product} ne convient pas à votre {bike} : le catalogue l’indique pour {fits}.',
};
