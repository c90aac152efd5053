import type { LexiconData } from './types';

/**
 * The Colombian market beyond any one catalog: bikes and makes people ride (so the assistant can
 * tell a bike it has no parts for from a word it does not know) and the brands sold as premium.
 */
export const MARKET: LexiconData = {
  bikes: [
    'Dominar 400', 'Dominar 250', 'Dominar', 'Pulsar RS 200', 'Pulsar N250', 'Pulsar N160', 'Pulsar 220', 'Pulsar 150', 'Pulsar 135', 'Boxer 150', 'Platino',
    'Avenger', 'Discover 150', 'Discover 100', 'MT-03', 'MT-09', 'MT-07', 'MT-15', 'R15', 'R3', 'R6', 'R1', 'XTZ 150', 'XTZ 250', 'FZ 25', 'FZ 250', 'FZ 3.0',
    'SZ-RR', 'YBR 250', 'XT 660', 'Tenere', 'Ray ZR', 'Aerox', 'Fazer', 'CB 160F', 'CB 250 Twister', 'Twister', 'XRE 300', 'XRE 190', 'Navi', 'Dio', 'PCX',
    'Click', 'CBR 250', 'CBR 600', 'Africa Twin', 'Invicta', 'Splendor 150', 'GSX-R150', 'GSX-S150', 'GSX-R 600', 'V-Strom', 'DR 150', 'DR 650', 'Viva R', 'Hayate',
    'Address', 'Dinamic', 'CR4', 'CR5', 'AK 200', 'AK 125', 'Evo', 'Jet 5', 'Special 110', 'Flex', 'Raider 125', 'Apache RTR 310', 'Apache 180', 'Ntorq', 'Neo',
    'Hunk', 'Xpulse', 'Ignitor', 'Duke 200', 'Duke 390', 'Duke 250', 'RC 200', 'RC 390', 'Adventure 390', 'Z400', 'Ninja 400', 'Ninja 300', 'Versys', 'KLR 650',
    'Himalayan', 'Classic 350', 'Meteor', 'Interceptor', 'TNT 135', 'TNT 15', 'Leoncino', 'MRX 150', 'Agility', 'Twist', 'Fly', 'Vespa', 'Zontes',
  ],
  makes: [
    'KTM', 'Kawasaki', 'Royal Enfield', 'Benelli', 'Victory', 'Kymco', 'Auteco', 'Ducati', 'BMW', 'Harley', 'Harley Davidson', 'Vespa', 'Piaggio', 'Zontes',
    'CFMoto', 'Husqvarna', 'Triumph', 'UM', 'SYM', 'Lifan', 'Jialing', 'Ayco', 'Keeway', 'Italika', 'Bajaj', 'Yamaha', 'Honda', 'Suzuki', 'AKT', 'TVS', 'Hero',
  ],
  premiumBrands: ['Brembo', 'Michelin', 'Pirelli', 'Metzeler', 'Motul', 'NGK', 'Yuasa', 'DID', 'Bosch', 'Ferodo', 'Castrol', 'LS2', 'Denso', 'EBC', 'Dunlop'],
};
