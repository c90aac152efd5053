import type { LexiconData } from './types';

/**
 * The Colombian market beyond any one catalog: bikes and makes people ride (so the assistant can
 * tell a bike it has no parts for from a word it does not know) and the brands sold as premium.
 */
export const MARKET: LexiconData = {
  // Names the catalog's own rules do not already catch (a family with an engine size it lacks,
  // "pulsar 220", or an unknown word with one, "raider 125"); no ordinary word ("dio", "click").
  bikes: [
    'Dominar', 'FZ 25', 'FZ 250', 'FZ 3.0', 'Pulsar RS', 'Pulsar N250', 'Pulsar N160', 'Avenger', 'MT-03', 'MT-09', 'MT-07', 'MT-15', 'R15', 'R3', 'R6', 'R1', 'SZ-RR', 'Ray ZR',
    'Aerox', 'Fazer', 'Tenere', 'XT 660', 'Twister', 'XRE', 'Navi', 'PCX', 'CBR', 'Africa Twin', 'Invicta', 'GSX-R', 'GSX-S', 'V-Strom', 'DR 150',
    'DR 650', 'Viva R', 'Hayate', 'Dinamic', 'CR4', 'CR5', 'AK 200', 'Jet 5', 'Raider', 'Ntorq', 'Hunk', 'Xpulse', 'Ignitor', 'Duke', 'RC 200',
    'RC 390', 'Z400', 'Ninja', 'Versys', 'KLR', 'Himalayan', 'Classic 350', 'Meteor', 'Interceptor', 'TNT', 'Leoncino', 'MRX', 'Agility', 'Zontes',
    // Bikes a Brazilian customer names (the widget speaks Portuguese).
    'CG 125', 'CG 150', 'CG 160', 'Titan 150', 'Titan 160', 'Fan 150', 'Fan 160', 'Biz 110', 'Biz 125', 'Pop 110', 'Bros 150', 'Bros 160', 'NXR 160',
    'Factor 125', 'Factor 150', 'Crosser 150', 'Lander 250', 'Fazer 250',
  ],

  makes: [
    'KTM', 'Kawasaki', 'Royal Enfield', 'Benelli', 'Victory', 'Kymco', 'Auteco', 'Ducati', 'BMW', 'Harley', 'Harley Davidson', 'Vespa', 'Piaggio', 'Zontes',
    'CFMoto', 'Husqvarna', 'Triumph', 'UM', 'SYM', 'Lifan', 'Jialing', 'Ayco', 'Keeway', 'Italika', 'Bajaj', 'Yamaha', 'Honda', 'Suzuki', 'AKT', 'TVS', 'Hero',
  ],
  premiumBrands: ['Brembo', 'Michelin', 'Pirelli', 'Metzeler', 'Motul', 'NGK', 'Yuasa', 'DID', 'Bosch', 'Ferodo', 'Castrol', 'LS2', 'Denso', 'EBC', 'Dunlop'],
};
