// Generates public/catalog.json: the demo catalog of the "Repuestos Motos" store.
// Deterministic: prices and stock come from a hash of each SKU, so every run writes the same file.
// Usage: node scripts/demo-data/generate-catalog.mjs
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = resolve(ROOT, 'public', 'catalog.json');

// ---------------------------------------------------------------------------------------------
// Deterministic helpers
// ---------------------------------------------------------------------------------------------

/** FNV-1a 32-bit hash of a string. */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A price between min and max (COP), rounded the way Colombian shops price: ...500 or ...900. */
function priceFor(sku, min, max) {
  const h = hash(`price:${sku}`);
  const raw = min + ((h % 10_000) / 10_000) * (max - min);
  const ending = h % 3 === 0 ? 500 : 900;
  let value = Math.floor(raw / 1000) * 1000 + ending;
  if (value > max) value -= 1000;
  if (value < min) value += 1000;
  return value;
}

/** Stock units; about one product in eleven is sold out. */
function stockFor(sku) {
  const h = hash(`stock:${sku}`);
  if (h % 11 === 0) return 0;
  return 1 + (h % 37);
}

function range(from, to) {
  const years = [];
  for (let y = from; y <= to; y++) years.push(y);
  return years;
}

// ---------------------------------------------------------------------------------------------
// Motorcycle models sold in Colombia
// fb/rb: front/rear brake (disc | drum); ft/rt: tyre sizes; tier: price tier by displacement.
// ---------------------------------------------------------------------------------------------

const MODELS = {
  'BOX-CT100': { make: 'Bajaj', model: 'Boxer CT100', years: [2015, 2026], cc: 100, tier: 1, fb: 'drum', rb: 'drum', ft: '2.75-17', rt: '3.00-17', chain: '428', kit: '428 x 112 eslabones, piñón 14T y corona 42T', piston: '50 mm', keys: ['boxer', 'ct100', 'ct 100', 'boxer ct'] },
  'BOX-S': { make: 'Bajaj', model: 'Boxer S', years: [2019, 2026], cc: 100, tier: 1, fb: 'drum', rb: 'drum', ft: '2.75-17', rt: '3.00-17', chain: '428', kit: '428 x 112 eslabones, piñón 14T y corona 42T', piston: '50 mm', keys: ['boxer', 'boxer s'] },
  NS200: { make: 'Bajaj', model: 'Pulsar NS200', years: [2013, 2026], cc: 200, tier: 3, fb: 'disc', rb: 'disc', ft: '100/80-17', rt: '130/70-17', chain: '520', kit: '520 x 112 eslabones, piñón 14T y corona 42T', piston: '72 mm', keys: ['pulsar', 'ns200', 'ns 200', 'pulsar ns'] },
  NS160: { make: 'Bajaj', model: 'Pulsar NS160', years: [2017, 2026], cc: 160, tier: 2, fb: 'disc', rb: 'drum', ft: '80/100-17', rt: '110/80-17', chain: '428', kit: '428 x 130 eslabones, piñón 15T y corona 42T', piston: '61 mm', keys: ['pulsar', 'ns160', 'ns 160', 'pulsar ns'] },
  PUL180: { make: 'Bajaj', model: 'Pulsar 180', years: [2010, 2026], cc: 180, tier: 3, fb: 'disc', rb: 'drum', ft: '90/90-17', rt: '120/80-17', chain: '428', kit: '428 x 128 eslabones, piñón 15T y corona 42T', piston: '63.5 mm', keys: ['pulsar', 'pulsar 180', '180 ug'] },
  DIS125: { make: 'Bajaj', model: 'Discover 125', years: [2012, 2024], cc: 125, tier: 1, fb: 'disc', rb: 'drum', ft: '2.75-17', rt: '3.00-17', chain: '428', kit: '428 x 116 eslabones, piñón 14T y corona 41T', piston: '54 mm', keys: ['discover', 'discover 125'] },
  FZ16: { make: 'Yamaha', model: 'FZ16', years: [2010, 2015], cc: 153, tier: 2, fb: 'disc', rb: 'drum', ft: '100/80-17', rt: '140/60-17', chain: '428', kit: '428 x 130 eslabones, piñón 14T y corona 41T', piston: '58 mm', keys: ['fz', 'fz16', 'fz 16', 'fz150'] },
  FZ20: { make: 'Yamaha', model: 'FZ 2.0', years: [2016, 2023], cc: 149, tier: 2, fb: 'disc', rb: 'drum', ft: '100/80-17', rt: '140/60-17', chain: '428', kit: '428 x 130 eslabones, piñón 14T y corona 41T', piston: '57.3 mm', keys: ['fz', 'fz 2.0', 'fz2.0', 'fz150', 'fz 150'] },
  YBR125: { make: 'Yamaha', model: 'YBR 125', years: [2005, 2026], cc: 125, tier: 1, fb: 'disc', rb: 'drum', ft: '2.75-18', rt: '90/90-18', chain: '428', kit: '428H x 116 eslabones, piñón 14T y corona 45T', piston: '54 mm', keys: ['ybr', 'ybr125', 'ybr 125'] },
  XTZ125: { make: 'Yamaha', model: 'XTZ 125', years: [2008, 2026], cc: 125, tier: 1, fb: 'disc', rb: 'drum', ft: '2.75-21', rt: '4.10-18', chain: '428', kit: '428H x 124 eslabones, piñón 14T y corona 50T', piston: '54 mm', keys: ['xtz', 'xtz125', 'xtz 125'] },
  NMAX155: { make: 'Yamaha', model: 'NMAX 155', years: [2016, 2026], cc: 155, tier: 3, fb: 'disc', rb: 'disc', ft: '110/70-13', rt: '130/70-13', chain: null, belt: true, piston: '58 mm', keys: ['nmax', 'n max', 'nmax 155'] },
  BWS125: { make: 'Yamaha', model: 'BWS 125', years: [2010, 2026], cc: 125, tier: 2, fb: 'disc', rb: 'drum', ft: '120/70-12', rt: '130/70-12', chain: null, belt: true, piston: '52.4 mm', keys: ['bws', 'bws 125', 'bws fi'] },
  CRYPTON: { make: 'Yamaha', model: 'Crypton FI', years: [2015, 2026], cc: 115, tier: 1, fb: 'drum', rb: 'drum', ft: '70/90-17', rt: '80/90-17', chain: '428', kit: '428 x 104 eslabones, piñón 14T y corona 36T', piston: '50 mm', keys: ['crypton', 'crypton fi', 'crypton 115'] },
  CB190R: { make: 'Honda', model: 'CB 190R', years: [2015, 2026], cc: 184, tier: 3, fb: 'disc', rb: 'disc', ft: '100/80-17', rt: '140/70-17', chain: '428', kit: '428 x 132 eslabones, piñón 15T y corona 44T', piston: '61 mm', keys: ['cb190', 'cb 190', 'cb190r', 'cb 190r'] },
  CB125F: { make: 'Honda', model: 'CB 125F', years: [2015, 2026], cc: 125, tier: 1, fb: 'disc', rb: 'drum', ft: '80/100-18', rt: '90/90-18', chain: '428', kit: '428 x 116 eslabones, piñón 15T y corona 44T', piston: '52.4 mm', keys: ['cb125', 'cb 125', 'cb125f', 'cb 125f'] },
  XR150L: { make: 'Honda', model: 'XR150L', years: [2014, 2026], cc: 149, tier: 2, fb: 'disc', rb: 'drum', ft: '90/90-19', rt: '110/90-17', chain: '428', kit: '428 x 124 eslabones, piñón 15T y corona 49T', piston: '57.3 mm', keys: ['xr150', 'xr 150', 'xr150l', 'xr 150l'] },
  XR190L: { make: 'Honda', model: 'XR190L', years: [2019, 2026], cc: 184, tier: 3, fb: 'disc', rb: 'drum', ft: '90/90-19', rt: '110/90-17', chain: '428', kit: '428 x 128 eslabones, piñón 15T y corona 47T', piston: '61 mm', keys: ['xr190', 'xr 190', 'xr190l', 'xr 190l'] },
  WAVE110: { make: 'Honda', model: 'Wave 110S', years: [2012, 2026], cc: 110, tier: 1, fb: 'drum', rb: 'drum', ft: '70/90-17', rt: '80/90-17', chain: '428', kit: '428 x 104 eslabones, piñón 14T y corona 35T', piston: '50 mm', keys: ['wave', 'wave 110', 'wave110'] },
  SPLENDOR: { make: 'Hero', model: 'Splendor Plus', years: [2016, 2026], cc: 100, tier: 1, fb: 'drum', rb: 'drum', ft: '2.75-18', rt: '2.75-18', chain: '428', kit: '428 x 116 eslabones, piñón 14T y corona 44T', piston: '50 mm', keys: ['splendor', 'splendor plus', 'hero splendor'] },
  NKD125: { make: 'AKT', model: 'NKD 125', years: [2012, 2026], cc: 125, tier: 1, fb: 'disc', rb: 'drum', ft: '2.75-18', rt: '90/90-18', chain: '428', kit: '428 x 118 eslabones, piñón 15T y corona 43T', piston: '56.5 mm', keys: ['nkd', 'nkd 125', 'akt nkd'] },
  AKT125SL: { make: 'AKT', model: '125 SL', label: 'AKT 125 SL', years: [2014, 2026], cc: 125, tier: 1, fb: 'disc', rb: 'drum', ft: '2.75-18', rt: '90/90-18', chain: '428', kit: '428 x 118 eslabones, piñón 15T y corona 43T', piston: '56.5 mm', keys: ['sl', '125 sl', 'akt sl', 'sl 125'] },
  TT125: { make: 'AKT', model: 'TT 125', years: [2013, 2026], cc: 125, tier: 1, fb: 'disc', rb: 'drum', ft: '2.75-21', rt: '4.10-18', chain: '428', kit: '428 x 128 eslabones, piñón 14T y corona 48T', piston: '56.5 mm', keys: ['tt', 'tt 125', 'akt tt', 'tt125'] },
  GN125: { make: 'Suzuki', model: 'GN 125', years: [2008, 2026], cc: 125, tier: 1, fb: 'disc', rb: 'drum', ft: '2.75-18', rt: '3.50-16', chain: '428', kit: '428 x 116 eslabones, piñón 15T y corona 45T', piston: '57 mm', keys: ['gn', 'gn125', 'gn 125'] },
  GIXXER150: { make: 'Suzuki', model: 'Gixxer 150', years: [2016, 2026], cc: 155, tier: 2, fb: 'disc', rb: 'drum', ft: '100/80-17', rt: '140/60-17', chain: '428', kit: '428 x 128 eslabones, piñón 14T y corona 44T', piston: '56 mm', keys: ['gixxer', 'gixxer 150', 'gixer'] },
  AX4: { make: 'Suzuki', model: 'AX4', years: [2010, 2026], cc: 115, tier: 1, fb: 'drum', rb: 'drum', ft: '2.75-18', rt: '3.00-18', chain: '428', kit: '428 x 114 eslabones, piñón 14T y corona 40T', piston: '51 mm', keys: ['ax4', 'ax 4', 'ax 115', 'ax100'] },
  BEST125: { make: 'Suzuki', model: 'Best 125', years: [2012, 2026], cc: 125, tier: 1, fb: 'disc', rb: 'drum', ft: '2.50-17', rt: '2.75-17', chain: '428', kit: '428 x 106 eslabones, piñón 14T y corona 38T', piston: '53.5 mm', keys: ['best', 'best 125', 'suzuki best'] },
  RTR160: { make: 'TVS', model: 'Apache RTR 160', years: [2015, 2026], cc: 160, tier: 2, fb: 'disc', rb: 'drum', ft: '90/90-17', rt: '110/80-17', chain: '428', kit: '428 x 130 eslabones, piñón 14T y corona 42T', piston: '62 mm', keys: ['apache', 'rtr', 'rtr 160', 'apache 160'] },
  RTR200: { make: 'TVS', model: 'Apache RTR 200 4V', years: [2017, 2026], cc: 198, tier: 3, fb: 'disc', rb: 'disc', ft: '90/90-17', rt: '130/70-17', chain: '428', kit: '428 x 134 eslabones, piñón 14T y corona 43T', piston: '62.5 mm', keys: ['apache', 'rtr', 'rtr 200', 'apache 200', '4v'] },
  SPORT100: { make: 'TVS', model: 'Sport 100', years: [2015, 2026], cc: 100, tier: 1, fb: 'drum', rb: 'drum', ft: '2.75-17', rt: '3.00-17', chain: '428', kit: '428 x 110 eslabones, piñón 14T y corona 42T', piston: '51 mm', keys: ['sport', 'sport 100', 'tvs sport'] },
  ECODLX: { make: 'Hero', model: 'Eco Deluxe', years: [2016, 2026], cc: 100, tier: 1, fb: 'drum', rb: 'drum', ft: '2.75-18', rt: '3.00-18', chain: '428', kit: '428 x 116 eslabones, piñón 14T y corona 44T', piston: '50 mm', keys: ['eco deluxe', 'eco', 'hero eco', 'deluxe'] },
};

for (const model of Object.values(MODELS)) model.label ??= model.model;

const GENUINE = {
  Bajaj: 'Bajaj Genuine',
  Yamaha: 'Yamaha Genuine',
  Honda: 'Honda Genuine',
  AKT: 'AKT Original',
  Suzuki: 'Suzuki Genuine',
  TVS: 'TVS Genuine',
  Hero: 'Hero Genuine',
};

const CATEGORY_IMAGE = {
  Filtros: 'filtros',
  Frenos: 'frenos',
  'Transmisión': 'transmision',
  'Eléctrico': 'electrico',
  'Llantas y neumáticos': 'llantas',
  'Suspensión': 'suspension',
  Motor: 'motor',
  'Aceites y lubricantes': 'aceites',
  Embrague: 'embrague',
  Accesorios: 'accesorios',
  'Carrocería': 'carroceria',
};

function m(code) {
  const model = MODELS[code];
  if (!model) throw new Error(`Unknown model ${code}`);
  return model;
}

/** `positions` (tyres, tubes): the wheel the part goes on for a model, when only one of the two. */
function compat(codes, positions = {}) {
  return codes.map((code) => {
    const model = m(code);
    const position = positions[code];
    return { make: model.make, model: model.model, years: range(model.years[0], model.years[1]), ...(position ? { position } : {}) };
  });
}

/** 'front' or 'rear' when a size goes on one wheel of the model only; nothing when on both. */
function wheelOf(code, sizes) {
  const model = m(code);
  const front = sizes.includes(model.ft);
  const rear = sizes.includes(model.rt) || (TYRE_OPTIONAL_REAR[code] ?? []).some((size) => sizes.includes(size));
  return front && !rear ? 'front' : rear && !front ? 'rear' : undefined;
}

function wheelPositions(codes, sizes) {
  return Object.fromEntries(codes.map((code) => [code, wheelOf(code, sizes)]).filter(([, position]) => position));
}

function modelKeys(codes) {
  const keys = [];
  for (const code of codes) {
    const model = m(code);
    keys.push(model.make.toLowerCase(), ...model.keys);
  }
  return keys;
}

/** "Boxer CT100", "Boxer CT100 / Boxer S", "NKD 125, AKT 125 SL y TT 125". */
function modelList(codes) {
  const names = codes.map((code) => m(code).label);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} y ${names[names.length - 1]}`;
}

const products = [];
const skus = new Set();

function add({ sku, name, brand, category, min, max, price, codes = [], positions, universal = false, description, keywords, stock }) {
  if (skus.has(sku)) throw new Error(`Duplicate SKU ${sku}`);
  skus.add(sku);
  const image = CATEGORY_IMAGE[category];
  if (!image) throw new Error(`Unknown category ${category}`);
  const words = [...keywords, ...modelKeys(codes), brand.toLowerCase()];
  const product = {
    sku,
    name,
    brand,
    category,
    price: price ?? priceFor(sku, min, max),
    stock: stock ?? stockFor(sku),
    compatible: universal ? [] : compat(codes, positions),
    ...(universal ? { universal: true } : {}),
    image: `/img/parts/${image}.svg`,
    url: `/productos/${sku}`,
    description,
    keywords: [...new Set(words)],
  };
  products.push(product);
}

const ALL = Object.keys(MODELS);

// ---------------------------------------------------------------------------------------------
// Filtros
// ---------------------------------------------------------------------------------------------

const OIL_FILTER_GROUPS = [
  ['BOX-CT100'], ['BOX-S'], ['NS200'], ['NS160'], ['PUL180'], ['DIS125'], ['FZ16', 'FZ20'], ['YBR125'], ['XTZ125'],
  ['NMAX155'], ['BWS125'], ['CB190R', 'XR190L'], ['CB125F'], ['XR150L'], ['NKD125', 'AKT125SL'], ['TT125'], ['GN125'],
  ['GIXXER150'], ['RTR160', 'RTR200'], ['WAVE110'], ['CRYPTON'], ['SPLENDOR', 'ECODLX'], ['AX4', 'BEST125'], ['SPORT100'],
];

for (const codes of OIL_FILTER_GROUPS) {
  const first = m(codes[0]);
  const sku = `FIL-ACE-${codes.join('-')}`;
  const names = codes.map((c) => m(c).label).join(' / ');
  const isExample = sku === 'FIL-ACE-BOX-CT100';
  add({
    sku,
    name: `Filtro de aceite ${names}`,
    brand: GENUINE[first.make],
    category: 'Filtros',
    min: [12_000, 17_000, 21_000][first.tier - 1],
    max: [22_000, 28_000, 35_000][first.tier - 1],
    ...(isExample ? { price: 18_500, stock: 24 } : {}),
    codes,
    description: `Filtro de aceite original para ${modelList(codes)}. Retiene limaduras y partículas del aceite del motor; cámbielo en cada cambio de aceite (cada 2.000 a 3.000 km).`,
    keywords: ['filtro aceite', 'filtro de aceite', 'cambio de aceite', 'mantenimiento'],
  });
}

// Aftermarket oil filters for the most common commuters.
for (const [codes, brand, label] of [
  [['BOX-CT100', 'BOX-S', 'DIS125'], 'Vaisand', 'VAI'],
  [['NKD125', 'AKT125SL', 'TT125'], 'MAG', 'MAG'],
  [['FZ16', 'FZ20'], 'Vaisand', 'VAI'],
  [['PUL180', 'NS160', 'NS200'], 'MAG', 'MAG'],
]) {
  add({
    sku: `FIL-ACE-${codes[0]}-${label}`,
    name: `Filtro de aceite ${brand} ${codes.map((c) => m(c).label).join(' / ')}`,
    brand,
    category: 'Filtros',
    min: 12_000,
    max: 19_000,
    codes,
    description: `Filtro de aceite de reemplazo ${brand}, equivalente al original para ${modelList(codes)}. Papel filtrante de alta retención.`,
    keywords: ['filtro aceite', 'filtro de aceite', 'cambio de aceite', 'económico'],
  });
}

for (const code of ALL) {
  const model = m(code);
  add({
    sku: `FIL-AIR-${code}`,
    name: `Filtro de aire ${model.label}`,
    brand: hash(code) % 3 === 0 ? 'Vaisand' : GENUINE[model.make],
    category: 'Filtros',
    min: [16_000, 22_000, 28_000][model.tier - 1],
    max: [28_000, 36_000, 45_000][model.tier - 1],
    codes: [code],
    description: `Elemento filtrante de aire para ${model.label}. Mantiene la mezcla correcta y protege el motor del polvo; revíselo cada 3.000 km y cámbielo cada 6.000 km o antes si rueda en destapado.`,
    keywords: ['filtro aire', 'filtro de aire', 'purificador', 'mantenimiento'],
  });
}

// ---------------------------------------------------------------------------------------------
// Frenos
// ---------------------------------------------------------------------------------------------

for (const code of ALL.filter((c) => m(c).fb === 'disc')) {
  const model = m(code);
  const brand = model.tier === 3 ? 'Brembo' : hash(`pad${code}`) % 2 === 0 ? 'Ferodo' : 'Vaisand';
  add({
    sku: `PAS-DEL-${code}`,
    name: `Pastillas de freno delanteras ${model.label}`,
    brand,
    category: 'Frenos',
    min: [25_000, 38_000, 52_000][model.tier - 1],
    max: [42_000, 58_000, 80_000][model.tier - 1],
    codes: [code],
    description: `Juego de pastillas para el freno de disco delantero de la ${model.label}. Compuesto semimetálico de buen agarre en lluvia y bajo desgaste del disco.`,
    keywords: ['pastillas', 'pastillas de freno', 'pastillas delanteras', 'freno delantero', 'freno de disco'],
  });
}

for (const code of ALL.filter((c) => m(c).rb === 'disc')) {
  const model = m(code);
  add({
    sku: `PAS-TRA-${code}`,
    name: `Pastillas de freno traseras ${model.label}`,
    brand: model.tier === 3 ? 'Ferodo' : 'Vaisand',
    category: 'Frenos',
    min: 32_000,
    max: 68_000,
    codes: [code],
    description: `Juego de pastillas para el freno de disco trasero de la ${model.label}. Frenado progresivo y sin chillidos.`,
    keywords: ['pastillas', 'pastillas de freno', 'pastillas traseras', 'freno trasero', 'freno de disco'],
  });
}

for (const code of ALL.filter((c) => m(c).rb === 'drum')) {
  const model = m(code);
  add({
    sku: `BAN-TRA-${code}`,
    name: `Bandas de freno traseras ${model.label}`,
    brand: hash(`band${code}`) % 2 === 0 ? 'Vaisand' : GENUINE[model.make],
    category: 'Frenos',
    min: 18_000,
    max: 35_000,
    codes: [code],
    description: `Par de bandas (zapatas) para el freno de campana trasero de la ${model.label}. Incluye resortes.`,
    keywords: ['bandas', 'bandas de freno', 'zapatas', 'freno trasero', 'campana'],
  });
}

for (const code of ALL.filter((c) => m(c).fb === 'drum')) {
  const model = m(code);
  add({
    sku: `BAN-DEL-${code}`,
    name: `Bandas de freno delanteras ${model.label}`,
    brand: 'Vaisand',
    category: 'Frenos',
    min: 18_000,
    max: 32_000,
    codes: [code],
    description: `Par de bandas para el freno de campana delantero de la ${model.label}. Material libre de asbesto.`,
    keywords: ['bandas', 'bandas de freno', 'zapatas', 'freno delantero', 'campana'],
  });
}

for (const code of ['NS200', 'PUL180', 'FZ20', 'CB190R', 'XTZ125', 'NKD125', 'RTR200']) {
  const model = m(code);
  add({
    sku: `DIS-DEL-${code}`,
    name: `Disco de freno delantero ${model.label}`,
    brand: model.tier === 3 ? 'Brembo' : GENUINE[model.make],
    category: 'Frenos',
    min: [95_000, 130_000, 160_000][model.tier - 1],
    max: [150_000, 190_000, 240_000][model.tier - 1],
    codes: [code],
    description: `Disco de freno delantero en acero inoxidable para ${model.label}. Reemplácelo si el espesor está por debajo del mínimo marcado o si vibra al frenar.`,
    keywords: ['disco de freno', 'disco freno', 'disco delantero', 'freno delantero'],
  });
}

add({
  sku: 'LIQ-FRE-DOT4-MOTUL',
  name: 'Líquido de frenos Motul DOT 4 500 ml',
  brand: 'Motul',
  category: 'Frenos',
  min: 28_000,
  max: 36_000,
  universal: true,
  description: 'Líquido de frenos sintético DOT 4 para sistemas de freno hidráulico (disco). Cámbielo cada dos años.',
  keywords: ['liquido de frenos', 'líquido de frenos', 'dot 4', 'dot4', 'freno hidraulico'],
});
add({
  sku: 'LIQ-FRE-DOT3-CASTROL',
  name: 'Líquido de frenos Castrol DOT 3 250 ml',
  brand: 'Castrol',
  category: 'Frenos',
  min: 14_000,
  max: 19_000,
  universal: true,
  description: 'Líquido de frenos DOT 3 para motos con freno de disco que especifican DOT 3.',
  keywords: ['liquido de frenos', 'líquido de frenos', 'dot 3', 'dot3'],
});

// ---------------------------------------------------------------------------------------------
// Transmisión
// ---------------------------------------------------------------------------------------------

for (const code of ALL.filter((c) => m(c).chain)) {
  const model = m(code);
  const brand = model.tier === 3 ? 'DID' : hash(`kit${code}`) % 3 === 0 ? GENUINE[model.make] : 'Riffel';
  add({
    sku: `KIT-ARR-${code}`,
    name: `Kit de arrastre ${model.label}`,
    brand,
    category: 'Transmisión',
    min: [120_000, 170_000, 220_000][model.tier - 1],
    max: [190_000, 260_000, 350_000][model.tier - 1],
    codes: [code],
    description: `Kit de arrastre completo para ${model.label}: cadena ${model.kit}. Cambie siempre cadena, piñón y corona juntos.`,
    keywords: ['kit de arrastre', 'kit arrastre', 'cadena', 'piñon', 'piñón', 'corona', 'sprocket', 'transmision'],
  });
}

const CHAIN_428 = ALL.filter((c) => m(c).chain === '428');
add({
  sku: 'CAD-428H-120-DID',
  name: 'Cadena DID 428H x 120 eslabones',
  brand: 'DID',
  category: 'Transmisión',
  min: 75_000,
  max: 98_000,
  codes: CHAIN_428,
  description: 'Cadena reforzada paso 428H de 120 eslabones con candado. Se corta a la medida de su moto; compatible con motos de 100 a 200 cc con transmisión 428.',
  keywords: ['cadena', 'cadena 428', '428h', 'cadenilla', 'transmision'],
});
add({
  sku: 'CAD-428-118-RIFFEL',
  name: 'Cadena Riffel 428 x 118 eslabones',
  brand: 'Riffel',
  category: 'Transmisión',
  min: 48_000,
  max: 65_000,
  codes: CHAIN_428,
  description: 'Cadena estándar paso 428 de 118 eslabones con candado, para uso urbano.',
  keywords: ['cadena', 'cadena 428', 'transmision'],
});
add({
  sku: 'CAD-520-112-DID',
  name: 'Cadena DID 520 VX x 112 eslabones (O-ring)',
  brand: 'DID',
  category: 'Transmisión',
  min: 210_000,
  max: 260_000,
  codes: ['NS200'],
  description: 'Cadena sellada con O-ring paso 520 de 112 eslabones, mayor duración y menos mantenimiento.',
  keywords: ['cadena', 'cadena 520', 'o-ring', 'sellada', 'transmision'],
});

for (const code of ['BOX-CT100', 'NKD125', 'FZ20', 'NS200', 'XR150L', 'CB190R', 'YBR125', 'PUL180']) {
  const model = m(code);
  const teeth = model.kit.match(/piñón (\d+)T y corona (\d+)T/);
  const pinion = teeth?.[1] ?? '14';
  const crown = teeth?.[2] ?? '42';
  add({
    sku: `PIN-${code}`,
    name: `Piñón de salida ${pinion}T ${model.label}`,
    brand: 'Riffel',
    category: 'Transmisión',
    min: 14_000,
    max: 32_000,
    codes: [code],
    description: `Piñón de salida (piñón pequeño) de ${pinion} dientes para ${model.label}, en acero templado.`,
    keywords: ['piñon', 'piñón', 'piñon de salida', 'sprocket', 'transmision'],
  });
  add({
    sku: `CRN-${code}`,
    name: `Corona ${crown}T ${model.label}`,
    brand: hash(`crn${code}`) % 2 === 0 ? 'Riffel' : 'DID',
    category: 'Transmisión',
    min: 42_000,
    max: 95_000,
    codes: [code],
    description: `Corona (sprocket trasero) de ${crown} dientes para ${model.label}.`,
    keywords: ['corona', 'sprocket', 'catalina', 'transmision'],
  });
}

for (const code of ALL.filter((c) => m(c).belt)) {
  const model = m(code);
  add({
    sku: `CRR-TRA-${code}`,
    name: `Correa de transmisión ${model.label}`,
    brand: GENUINE[model.make],
    category: 'Transmisión',
    min: 95_000,
    max: 185_000,
    codes: [code],
    description: `Correa de transmisión CVT original para ${model.label}. Revísela cada 10.000 km y cámbiela si está cristalizada o agrietada.`,
    keywords: ['correa', 'correa de transmision', 'correa cvt', 'banda', 'variador', 'scooter'],
  });
}

// ---------------------------------------------------------------------------------------------
// Eléctrico
// ---------------------------------------------------------------------------------------------

const SPARK_PLUGS = [
  ['BUJ-NGK-C7HSA', 'Bujía NGK C7HSA', 'NGK', 9_000, 14_000, ['WAVE110', 'CRYPTON', 'AX4', 'BEST125', 'SPORT100', 'ECODLX', 'SPLENDOR', 'BWS125'], 'Bujía de electrodo estándar, rosca 10 mm.'],
  ['BUJ-NGK-CR6HSA', 'Bujía NGK CR6HSA', 'NGK', 11_000, 16_000, ['YBR125', 'XTZ125', 'NKD125', 'AKT125SL', 'TT125', 'GN125'], 'Bujía con resistencia supresora, rosca 10 mm.'],
  ['BUJ-NGK-CPR8EA9', 'Bujía NGK CPR8EA-9', 'NGK', 14_000, 22_000, ['CB190R', 'XR190L', 'XR150L', 'CB125F', 'NMAX155', 'FZ16', 'FZ20', 'GIXXER150'], 'Bujía con resistencia, rosca 10 mm, calibración 0,9 mm.'],
  ['BUJ-NGK-CPR8EAIX9', 'Bujía NGK Iridium IX CPR8EAIX-9', 'NGK', 38_000, 45_000, ['CB190R', 'XR190L', 'XR150L', 'CB125F', 'NMAX155', 'FZ16', 'FZ20', 'GIXXER150'], 'Bujía de iridio: arranque más fácil y hasta 3 veces más duración.'],
  ['BUJ-CHA-RG4HC', 'Bujía Champion RG4HC', 'Champion', 12_000, 18_000, ['BOX-CT100', 'BOX-S', 'DIS125', 'PUL180'], 'Bujía original de equipo en motos Bajaj con encendido DTS-i.'],
  ['BUJ-CHA-PRZ9HC', 'Bujía Champion P-RZ9HC', 'Champion', 16_000, 24_000, ['NS200', 'NS160'], 'Bujía para motores DTS-i de la serie Pulsar NS.'],
  ['BUJ-BOS-UR4AC', 'Bujía Bosch UR4AC', 'Bosch', 10_000, 15_000, ['RTR160', 'RTR200', 'SPORT100', 'ECODLX', 'SPLENDOR'], 'Bujía de níquel con resistencia, rosca 10 mm.'],
  ['BUJ-NGK-DR8EA', 'Bujía NGK DR8EA', 'NGK', 12_000, 17_000, ['GN125', 'AX4'], 'Bujía rosca 12 mm para motores Suzuki de 2 válvulas.'],
];
for (const [sku, name, brand, min, max, codes, detail] of SPARK_PLUGS) {
  add({
    sku,
    name,
    brand,
    category: 'Eléctrico',
    min,
    max,
    codes,
    description: `${detail} Compatible con ${modelList(codes)}. Cámbiela cada 6.000 a 8.000 km.`,
    keywords: ['bujia', 'bujía', 'chispa', 'encendido', name.toLowerCase().replace('bujía ', '')],
  });
}

const BATTERIES = [
  ['BAT-MAG-12N5L', 'Batería MAG 12N5L-BS 12V 5Ah', 'MAG', 90_000, 125_000, ['BOX-CT100', 'BOX-S', 'DIS125', 'YBR125', 'CRYPTON', 'AX4'], 'Batería de plomo-ácido libre de mantenimiento.'],
  ['BAT-YUA-YTX5L', 'Batería Yuasa YTX5L-BS 12V 4Ah', 'Yuasa', 145_000, 185_000, ['NKD125', 'AKT125SL', 'TT125', 'GN125', 'BEST125', 'SPORT100', 'ECODLX', 'SPLENDOR', 'BWS125'], 'Batería AGM sellada, lista para instalar.'],
  ['BAT-BOS-YTX5L', 'Batería Bosch M6 YTX5L-BS 12V 4Ah', 'Bosch', 120_000, 155_000, ['NKD125', 'AKT125SL', 'TT125', 'GN125', 'BEST125', 'SPORT100', 'ECODLX', 'SPLENDOR', 'BWS125'], 'Batería AGM sellada de arranque confiable.'],
  ['BAT-YUA-YTZ5S', 'Batería Yuasa YTZ5S 12V 3,5Ah', 'Yuasa', 160_000, 210_000, ['WAVE110', 'XR150L', 'CB125F'], 'Batería de alto rendimiento, tamaño compacto.'],
  ['BAT-YUA-YTX7L', 'Batería Yuasa YTX7L-BS 12V 6Ah', 'Yuasa', 185_000, 240_000, ['FZ16', 'FZ20', 'GIXXER150', 'XTZ125', 'CB190R', 'XR190L', 'PUL180'], 'Batería AGM sellada de gran capacidad de arranque.'],
  ['BAT-MAG-YTX7L', 'Batería MAG YTX7L-BS 12V 6Ah', 'MAG', 140_000, 180_000, ['FZ16', 'FZ20', 'GIXXER150', 'XTZ125', 'CB190R', 'XR190L', 'PUL180'], 'Batería sellada libre de mantenimiento, fabricada en Colombia.'],
  ['BAT-YUA-YTZ7V', 'Batería Yuasa YTZ7V 12V 6,3Ah', 'Yuasa', 215_000, 260_000, ['NMAX155'], 'Batería de gel de alta potencia para scooters con sistema start-stop.'],
  ['BAT-MAG-YTX9', 'Batería MAG YTX9-BS 12V 8Ah', 'MAG', 165_000, 215_000, ['NS200', 'NS160', 'RTR160', 'RTR200'], 'Batería sellada de alto amperaje para motos con inyección.'],
];
for (const [sku, name, brand, min, max, codes, detail] of BATTERIES) {
  add({
    sku,
    name,
    brand,
    category: 'Eléctrico',
    min,
    max,
    codes,
    description: `${detail} Compatible con ${modelList(codes)}. Garantía de 6 meses.`,
    keywords: ['bateria', 'batería', 'acumulador', 'arranque', name.toLowerCase().split(' ')[2] ?? ''],
  });
}

add({
  sku: 'BOM-H4-ULTRA-LED',
  name: 'Bombillo LED H4 Ultra 12V (luz blanca)',
  brand: 'Ultra',
  category: 'Eléctrico',
  min: 45_000,
  max: 68_000,
  codes: ['NS200', 'NS160', 'PUL180', 'FZ16', 'FZ20', 'GIXXER150', 'RTR160', 'RTR200', 'CB190R'],
  description: 'Bombillo LED para farola con base H4, luz blanca 6000K, alta y baja. Consumo bajo, instalación directa.',
  keywords: ['bombillo', 'farola', 'luz', 'led', 'h4', 'bombillo led'],
});
add({
  sku: 'BOM-HS1-BOSCH',
  name: 'Bombillo farola HS1 12V 35/35W Bosch',
  brand: 'Bosch',
  category: 'Eléctrico',
  min: 12_000,
  max: 19_000,
  codes: ['BOX-CT100', 'BOX-S', 'DIS125', 'YBR125', 'NKD125', 'AKT125SL', 'GN125', 'CB125F', 'XR150L', 'SPORT100', 'ECODLX', 'SPLENDOR'],
  description: 'Bombillo halógeno HS1 para farola, luz alta y baja 35/35W.',
  keywords: ['bombillo', 'farola', 'luz', 'hs1', 'halogeno'],
});
add({
  sku: 'BOM-STOP-1157',
  name: 'Bombillo de stop 12V 21/5W (1157) x2',
  brand: 'Bosch',
  category: 'Eléctrico',
  min: 6_000,
  max: 9_500,
  universal: true,
  description: 'Par de bombillos de doble filamento para stop y luz de posición trasera.',
  keywords: ['bombillo', 'stop', 'luz trasera', 'freno', '1157'],
});
add({
  sku: 'BOM-DIR-10W',
  name: 'Bombillo de direccional 12V 10W x2 (ámbar)',
  brand: 'Ultra',
  category: 'Eléctrico',
  min: 5_000,
  max: 8_000,
  universal: true,
  description: 'Par de bombillos ámbar para direccionales de base de bayoneta.',
  keywords: ['bombillo', 'direccional', 'direccionales', 'intermitente', 'pidevias'],
});
for (const code of ['BOX-CT100', 'NS200', 'FZ20', 'CB190R', 'NKD125', 'XR150L', 'PUL180']) {
  const model = m(code);
  add({
    sku: `REG-${code}`,
    name: `Regulador rectificador ${model.label}`,
    brand: hash(`reg${code}`) % 2 === 0 ? GENUINE[model.make] : 'Vaisand',
    category: 'Eléctrico',
    min: 45_000,
    max: 120_000,
    codes: [code],
    description: `Regulador de voltaje para ${model.label}. Cámbielo si la batería se descarga o se recalienta, o si se funden bombillos con frecuencia.`,
    keywords: ['regulador', 'rectificador', 'regulador de voltaje', 'carga bateria'],
  });
}
for (const code of ['BOX-CT100', 'NKD125', 'GN125', 'PUL180', 'DIS125', 'YBR125', 'AX4']) {
  const model = m(code);
  add({
    sku: `CDI-${code}`,
    name: `CDI ${model.label}`,
    brand: hash(`cdi${code}`) % 2 === 0 ? GENUINE[model.make] : 'Vaisand',
    category: 'Eléctrico',
    min: 55_000,
    max: 150_000,
    codes: [code],
    description: `Unidad de encendido CDI para ${model.label}. Solución típica cuando la moto no da chispa o se apaga en caliente.`,
    keywords: ['cdi', 'encendido', 'no prende', 'chispa', 'modulo'],
  });
}
add({
  sku: 'PIT-BOSCH-12V',
  name: 'Pito Bosch 12V doble tono',
  brand: 'Bosch',
  category: 'Eléctrico',
  min: 28_000,
  max: 45_000,
  universal: true,
  description: 'Pito (bocina) de disco 12V, sonido fuerte y claro, con soporte universal.',
  keywords: ['pito', 'bocina', 'claxon', 'corneta'],
});

// ---------------------------------------------------------------------------------------------
// Llantas y neumáticos
// ---------------------------------------------------------------------------------------------

const TYRES = [
  ['2.75-17', 'Michelin', 'City Pro', 'TT'],
  ['2.75-17', 'IRC', 'NF-25', 'TT'],
  ['3.00-17', 'Michelin', 'City Pro', 'TT'],
  ['3.00-17', 'IRC', 'NR-53', 'TT'],
  ['2.50-17', 'IRC', 'NF-3', 'TT'],
  ['70/90-17', 'IRC', 'NF-59', 'TT'],
  ['80/90-17', 'IRC', 'NR-73', 'TT'],
  ['80/90-17', 'Michelin', 'City Pro', 'TT'],
  ['2.75-18', 'Pirelli', 'Super City', 'TT'],
  ['2.75-18', 'IRC', 'NF-25', 'TT'],
  ['90/90-18', 'Pirelli', 'Super City', 'TT'],
  ['90/90-18', 'Michelin', 'City Pro', 'TT'],
  ['3.00-18', 'IRC', 'NR-53', 'TT'],
  ['3.50-16', 'IRC', 'NR-58', 'TT'],
  ['80/100-18', 'Michelin', 'City Pro', 'TT'],
  ['2.75-21', 'Pirelli', 'MT 60', 'TT'],
  ['2.75-21', 'IRC', 'GP-1', 'TT'],
  ['4.10-18', 'Pirelli', 'MT 60', 'TT'],
  ['4.10-18', 'Michelin', 'Sirac', 'TT'],
  ['90/90-19', 'Michelin', 'Sirac', 'TT'],
  ['110/90-17', 'Michelin', 'Sirac', 'TT'],
  ['100/80-17', 'Pirelli', 'Diablo Rosso Sport', 'TL'],
  ['100/80-17', 'Michelin', 'Pilot Street', 'TL'],
  ['140/60-17', 'Pirelli', 'Diablo Rosso Sport', 'TL'],
  ['140/60-17', 'Metzeler', 'Sportec Street', 'TL'],
  ['130/70-17', 'Metzeler', 'Sportec Street', 'TL'],
  ['140/70-17', 'Michelin', 'Pilot Street', 'TL'],
  ['80/100-17', 'IRC', 'RX-01', 'TL'],
  ['110/80-17', 'Pirelli', 'Diablo Rosso Sport', 'TL'],
  ['110/70-17', 'Michelin', 'Pilot Street', 'TL'],
  ['90/90-17', 'Michelin', 'Pilot Street', 'TL'],
  ['120/80-17', 'Pirelli', 'Sport Demon', 'TL'],
  ['110/70-13', 'Michelin', 'City Grip 2', 'TL'],
  ['130/70-13', 'Michelin', 'City Grip 2', 'TL'],
  ['120/70-12', 'Pirelli', 'Angel Scooter', 'TL'],
  ['130/70-12', 'Pirelli', 'Angel Scooter', 'TL'],
];
// Optional wider sizes that shops commonly fit (not the factory size).
const TYRE_OPTIONAL = { '110/70-17': { rear: ['NS160', 'RTR160'] } };
// The same, by model: the optional sizes each model takes at the rear.
const TYRE_OPTIONAL_REAR = { NS160: ['110/70-17'], RTR160: ['110/70-17'] };

function tyrePrice(size) {
  const [widthText, rimText] = size.split('-');
  const rim = Number(rimText);
  let width = Number(widthText.split('/')[0]);
  if (width < 10) width = width * 25.4; // inch sizes (2.75 → ~70 mm)
  const base = 90_000 + (width - 60) * 1_900 + (rim <= 13 ? 20_000 : 0) + (rim >= 19 ? 25_000 : 0);
  return [Math.round(Math.max(base, 120_000)), Math.round(Math.min(Math.max(base, 120_000) * 1.25, 450_000))];
}

for (const [size, brand, line, type] of TYRES) {
  const front = ALL.filter((c) => m(c).ft === size);
  const rear = ALL.filter((c) => m(c).rt === size);
  const optionalRear = TYRE_OPTIONAL[size]?.rear ?? [];
  const codes = [...new Set([...front, ...rear, ...optionalRear])];
  if (codes.length === 0) throw new Error(`Tyre ${size} fits nothing`);
  const position =
    front.length && (rear.length || optionalRear.length) ? 'delantera/trasera' : front.length ? 'delantera' : 'trasera';
  const lineCode = line.includes(' ')
    ? line.split(' ').map((word) => (/^[A-Z0-9-]+$/.test(word) ? word : word.charAt(0))).join('')
    : line;
  const sku = `LLA-${brand.slice(0, 3).toUpperCase()}-${size.replace(/[/.]/g, '')}-${lineCode.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}`;
  let [min, max] = tyrePrice(size);
  if (brand === 'Michelin' || brand === 'Metzeler') [min, max] = [Math.min(min * 1.15, 400_000), Math.min(max * 1.15, 450_000)];
  if (brand === 'IRC') [min, max] = [min * 0.92, max * 0.92];
  min = Math.max(120_000, Math.round(min));
  max = Math.max(min + 10_000, Math.round(max));
  const tubeText = type === 'TL' ? 'sin neumático (tubeless)' : 'para uso con neumático (tubo)';
  const optionalNote = optionalRear.length ? ` Medida opcional más ancha para la trasera de ${modelList(optionalRear)}.` : '';
  add({
    sku,
    name: `Llanta ${brand} ${line} ${size}`,
    brand,
    category: 'Llantas y neumáticos',
    min,
    max,
    codes,
    positions: wheelPositions(codes, [size]),
    description: `Llanta ${position} ${size} ${brand} ${line}, ${tubeText}. Para ${modelList([...front, ...rear])}.${optionalNote}`,
    keywords: ['llanta', 'llantas', 'caucho', 'rueda', size, `llanta ${size}`, `llanta ${position.split('/')[0]}`, line.toLowerCase()],
  });
}

const TUBES = [
  ['NEU-IRC-17', 'Neumático (tubo) IRC 2.75/3.00-17', ['2.75-17', '3.00-17', '70/90-17', '80/90-17', '2.50-17', '90/90-17', '110/90-17']],
  ['NEU-IRC-18', 'Neumático (tubo) IRC 2.75/3.00-18', ['2.75-18', '3.00-18', '90/90-18', '80/100-18', '4.10-18']],
  ['NEU-IRC-21', 'Neumático (tubo) IRC 2.75-21 / 3.00-21', ['2.75-21']],
  ['NEU-IRC-19', 'Neumático (tubo) IRC 90/90-19', ['90/90-19']],
];
for (const [sku, name, sizes] of TUBES) {
  const codes = ALL.filter((c) => sizes.includes(m(c).ft) || sizes.includes(m(c).rt));
  add({
    sku,
    name,
    brand: 'IRC',
    category: 'Llantas y neumáticos',
    min: 18_000,
    max: 32_000,
    codes,
    positions: wheelPositions(codes, sizes),
    description: `Neumático (tubo interior) de caucho butílico para rines de ${sku.slice(-2)} pulgadas, medidas ${sizes.join(', ')}.`,
    keywords: ['neumatico', 'neumático', 'tubo', 'camara', 'pinchazo', 'despinche', `rin ${sku.slice(-2)}`],
  });
}

// ---------------------------------------------------------------------------------------------
// Suspensión
// ---------------------------------------------------------------------------------------------

const SHOCKS = [
  ['BOX-CT100', 'par'], ['NKD125', 'par'], ['YBR125', 'par'], ['GN125', 'par'], ['WAVE110', 'par'], ['NMAX155', 'par'],
  ['ECODLX', 'par'], ['XR150L', 'mono'], ['NS200', 'mono'], ['FZ20', 'mono'], ['CB190R', 'mono'], ['XTZ125', 'mono'],
];
for (const [code, kind] of SHOCKS) {
  const model = m(code);
  add({
    sku: `AMO-TRA-${code}`,
    name: kind === 'par' ? `Amortiguadores traseros ${model.label} (par)` : `Monoamortiguador trasero ${model.label}`,
    brand: hash(`amo${code}`) % 2 === 0 ? GENUINE[model.make] : 'Vaisand',
    category: 'Suspensión',
    min: kind === 'par' ? 90_000 : 210_000,
    max: kind === 'par' ? 190_000 : 350_000,
    codes: [code],
    description:
      kind === 'par'
        ? `Par de amortiguadores traseros con resorte de 5 posiciones de precarga para ${model.label}.`
        : `Monoamortiguador trasero (monoshock) con precarga ajustable para ${model.label}.`,
    keywords: ['amortiguador', 'amortiguadores', 'suspension', 'suspensión trasera', 'monoshock', 'tijera'],
  });
}
for (const code of ['FZ20', 'NS200', 'XTZ125', 'XR150L', 'YBR125', 'CB190R', 'NKD125', 'PUL180']) {
  const model = m(code);
  add({
    sku: `RET-BAR-${code}`,
    name: `Retenedores de barra ${model.label} (par)`,
    brand: 'Vaisand',
    category: 'Suspensión',
    min: 18_000,
    max: 38_000,
    codes: [code],
    description: `Par de retenedores (sellos) de barras de suspensión delantera para ${model.label}. Cámbielos si hay fuga de aceite en las barras.`,
    keywords: ['retenedores', 'retenedor', 'sellos', 'barras', 'suspension delantera', 'fuga aceite barras'],
  });
}
add({
  sku: 'CUN-DIR-UNIV',
  name: 'Cunas de dirección (kit de rodamientos) universal',
  brand: 'Vaisand',
  category: 'Suspensión',
  min: 28_000,
  max: 42_000,
  codes: ['BOX-CT100', 'DIS125', 'NKD125', 'AKT125SL', 'GN125', 'YBR125', 'SPORT100', 'ECODLX'],
  description: 'Juego de cunas y balineras de dirección para motos de trabajo. Elimina el juego y los golpes en la dirección.',
  keywords: ['cunas', 'cunas de direccion', 'dirección', 'rodamientos', 'balineras'],
});

// ---------------------------------------------------------------------------------------------
// Motor
// ---------------------------------------------------------------------------------------------

for (const code of ['BOX-CT100', 'NKD125', 'YBR125', 'GN125', 'XR150L', 'FZ20', 'NS200', 'CB190R', 'WAVE110', 'CRYPTON', 'AX4', 'PUL180', 'DIS125']) {
  const model = m(code);
  add({
    sku: `PIS-STD-${code}`,
    name: `Kit de pistón STD ${model.label}`,
    brand: hash(`pis${code}`) % 2 === 0 ? GENUINE[model.make] : 'Vaisand',
    category: 'Motor',
    min: [60_000, 110_000, 150_000][model.tier - 1],
    max: [110_000, 170_000, 220_000][model.tier - 1],
    codes: [code],
    description: `Kit de pistón medida estándar (${model.piston}) para ${model.label}: pistón, anillos, pasador y pines. También manejamos sobremedidas 0.25, 0.50 y 0.75 por pedido.`,
    keywords: ['piston', 'pistón', 'kit de piston', 'anillos', 'motor', 'reparacion motor', 'std'],
  });
}
for (const code of ['BOX-CT100', 'NKD125', 'YBR125', 'GN125', 'PUL180', 'CB190R', 'FZ20', 'XR150L']) {
  const model = m(code);
  add({
    sku: `EMP-KIT-${code}`,
    name: `Kit de empaques completo ${model.label}`,
    brand: 'Vaisand',
    category: 'Motor',
    min: 25_000,
    max: 65_000,
    codes: [code],
    description: `Empaquetadura completa de motor para ${model.label}: culata, cilindro, tapas laterales y o-rings.`,
    keywords: ['empaques', 'empaquetadura', 'empaque culata', 'junta', 'motor', 'fuga de aceite'],
  });
}
for (const code of ['BOX-CT100', 'YBR125', 'GN125', 'NKD125', 'XR150L']) {
  const model = m(code);
  add({
    sku: `VAL-PAR-${code}`,
    name: `Válvulas de admisión y escape ${model.label}`,
    brand: GENUINE[model.make],
    category: 'Motor',
    min: 30_000,
    max: 70_000,
    codes: [code],
    description: `Par de válvulas (admisión y escape) para la culata de ${model.label}. Recomendamos asentarlas con esmeril al instalarlas.`,
    keywords: ['valvulas', 'válvulas', 'valvula admision', 'valvula escape', 'culata', 'motor'],
  });
}
for (const code of ['BOX-CT100', 'PUL180', 'FZ20', 'NKD125']) {
  const model = m(code);
  add({
    sku: `CAD-REP-${code}`,
    name: `Cadenilla de repartición ${model.label}`,
    brand: 'DID',
    category: 'Motor',
    min: 35_000,
    max: 70_000,
    codes: [code],
    description: `Cadenilla de distribución (repartición) para ${model.label}. Cámbiela si el motor suena a "cascabeleo" en frío.`,
    keywords: ['cadenilla', 'cadenilla de reparticion', 'distribucion', 'tensor', 'motor'],
  });
}

// ---------------------------------------------------------------------------------------------
// Aceites y lubricantes (universal)
// ---------------------------------------------------------------------------------------------

const OILS = [
  ['ACE-MOT-3000-20W50', 'Aceite Motul 3000 4T 20W-50 1 L', 'Motul', 26_000, 31_000, 'Aceite mineral para motores 4 tiempos, ideal para motos de trabajo en clima cálido.', ['20w50', '20w-50', 'mineral']],
  ['ACE-MOT-5100-10W40', 'Aceite Motul 5100 4T 10W-40 1 L', 'Motul', 38_000, 45_000, 'Aceite semisintético Technosynthese para 4 tiempos, JASO MA2.', ['10w40', '10w-40', 'semisintetico']],
  ['ACE-MOT-7100-10W40', 'Aceite Motul 7100 4T 10W-40 1 L', 'Motul', 56_000, 66_000, 'Aceite 100% sintético para motos de alto desempeño, JASO MA2.', ['10w40', '10w-40', 'sintetico']],
  ['ACE-CAS-POW1-20W50', 'Aceite Castrol Power1 4T 20W-50 1 L', 'Castrol', 28_000, 34_000, 'Aceite para 4 tiempos con tecnología Power Release para mejor aceleración.', ['20w50', '20w-50', 'mineral']],
  ['ACE-CAS-POW1-10W40', 'Aceite Castrol Power1 4T 10W-40 1 L', 'Castrol', 33_000, 39_000, 'Aceite semisintético para 4 tiempos, protege el embrague húmedo.', ['10w40', '10w-40', 'semisintetico']],
  ['ACE-MOB-SM-20W50', 'Aceite Mobil Super Moto 4T 20W-50 1 L', 'Mobil', 24_000, 29_000, 'Aceite mineral multigrado para motos 4 tiempos.', ['20w50', '20w-50', 'mineral']],
  ['ACE-MOB-SM-10W40', 'Aceite Mobil Super Moto 4T 10W-40 1 L', 'Mobil', 30_000, 36_000, 'Aceite semisintético para motos 4 tiempos de uso diario.', ['10w40', '10w-40', 'semisintetico']],
  ['ACE-YAM-YAMALUBE-20W50', 'Aceite Yamalube 4T 20W-50 1 L', 'Yamaha Genuine', 27_000, 32_000, 'Aceite original Yamaha para motores 4 tiempos.', ['20w50', '20w-50', 'yamalube', 'mineral']],
  ['ACE-HON-HGO-10W30', 'Aceite Honda HGO 4T 10W-30 1 L', 'Honda Genuine', 30_000, 35_000, 'Aceite original Honda para motos 4 tiempos.', ['10w30', '10w-30', 'honda']],
  ['ACE-MOT-SCOOTER-10W40', 'Aceite Motul Scooter Expert 4T 10W-40 1 L', 'Motul', 34_000, 40_000, 'Aceite semisintético para scooters automáticas (JASO MB).', ['10w40', '10w-40', 'scooter', 'automatica']],
  ['ACE-MOT-GEAR-120ML', 'Aceite de transmisión Motul Scooter Gear 80W-90 120 ml', 'Motul', 14_000, 19_000, 'Aceite para la caja reductora (transmisión final) de scooters.', ['aceite caja', 'transmision', 'scooter', '80w90']],
  ['LUB-MOT-CHAINLUBE', 'Lubricante de cadena Motul Chain Lube Road 400 ml', 'Motul', 42_000, 52_000, 'Lubricante en spray para cadenas con o sin O-ring. Resistente al agua y a la centrifugación.', ['lubricante cadena', 'grasa cadena', 'spray', 'chain lube']],
  ['LUB-MOT-CHAINCLEAN', 'Limpiador de cadena Motul Chain Clean 400 ml', 'Motul', 38_000, 48_000, 'Desengrasante en spray para limpiar la cadena antes de lubricarla.', ['limpiador cadena', 'desengrasante', 'spray']],
  ['LUB-MOT-FORK10W', 'Aceite de suspensión Motul Fork Oil 10W 1 L', 'Motul', 48_000, 58_000, 'Aceite para barras de suspensión telescópica, viscosidad media.', ['aceite barras', 'aceite suspension', 'fork oil']],
  ['LUB-MOT-COOL', 'Refrigerante Motul Motocool Expert 1 L', 'Motul', 30_000, 37_000, 'Líquido refrigerante listo para usar, para motos refrigeradas por agua.', ['refrigerante', 'coolant', 'radiador']],
];
for (const [sku, name, brand, min, max, description, extra] of OILS) {
  add({
    sku,
    name,
    brand,
    category: 'Aceites y lubricantes',
    min,
    max,
    universal: true,
    description: `${description} Sirve para cualquier moto que especifique este tipo de producto en su manual.`,
    keywords: ['aceite', 'lubricante', '4t', 'cuatro tiempos', 'cambio de aceite', ...extra],
  });
}

// ---------------------------------------------------------------------------------------------
// Embrague
// ---------------------------------------------------------------------------------------------

for (const code of ['BOX-CT100', 'PUL180', 'NS200', 'FZ20', 'YBR125', 'NKD125', 'GN125', 'XR150L', 'CB190R', 'DIS125', 'RTR160']) {
  const model = m(code);
  add({
    sku: `DIS-CLU-${code}`,
    name: `Discos de clutch ${model.label} (juego)`,
    brand: model.tier === 3 ? 'Ferodo' : hash(`clu${code}`) % 2 === 0 ? 'Vaisand' : GENUINE[model.make],
    category: 'Embrague',
    min: [45_000, 70_000, 95_000][model.tier - 1],
    max: [85_000, 120_000, 160_000][model.tier - 1],
    codes: [code],
    description: `Juego de discos de embrague (clutch) para ${model.label}. Cámbielos si la moto patina al acelerar en cambios altos.`,
    keywords: ['discos de clutch', 'discos clutch', 'clutch', 'embrague', 'patina', 'discos embrague'],
  });
}
for (const code of ['BOX-CT100', 'NKD125', 'YBR125', 'FZ20', 'NS200', 'XR150L', 'GN125', 'CB190R', 'PUL180', 'TT125']) {
  const model = m(code);
  add({
    sku: `GUA-CLU-${code}`,
    name: `Guaya de clutch ${model.label}`,
    brand: hash(`gua${code}`) % 2 === 0 ? 'Vaisand' : GENUINE[model.make],
    category: 'Embrague',
    min: 12_000,
    max: 30_000,
    codes: [code],
    description: `Guaya (cable) de embrague para ${model.label}, con funda y terminales originales.`,
    keywords: ['guaya', 'guaya clutch', 'guaya de clutch', 'cable clutch', 'embrague', 'clutch'],
  });
}
add({
  sku: 'MAN-CLU-UNIV',
  name: 'Manigueta de clutch universal en aluminio',
  brand: 'Vaisand',
  category: 'Embrague',
  min: 15_000,
  max: 28_000,
  codes: ['BOX-CT100', 'BOX-S', 'DIS125', 'NKD125', 'AKT125SL', 'GN125', 'YBR125', 'SPORT100', 'ECODLX'],
  description: 'Manigueta (palanca) de clutch en aluminio fundido para motos de trabajo.',
  keywords: ['manigueta', 'palanca', 'clutch', 'embrague'],
});

// ---------------------------------------------------------------------------------------------
// Accesorios (universal)
// ---------------------------------------------------------------------------------------------

const ACCESSORIES = [
  ['CAS-SHA-526-NEGRO', 'Casco integral Shaft Pro 526 negro mate', 'Shaft', 230_000, 290_000, 'Casco integral certificado NTC 4533 y DOT, visor antirrayas, interior desmontable y lavable. Tallas S a XL.', ['casco', 'casco integral', 'cascos', 'certificado']],
  ['CAS-ICH-501-ROJO', 'Casco integral ICH 501 SP rojo', 'Ich', 190_000, 240_000, 'Casco integral con visor polarizado interno (gafa de sol), certificado NTC 4533. Tallas S a XL.', ['casco', 'casco integral', 'cascos', 'certificado']],
  ['CAS-LS2-FF353-BLANCO', 'Casco integral LS2 FF353 Rapid blanco', 'LS2', 380_000, 440_000, 'Casco integral en policarbonato HPTT, certificado ECE 22.06. Tallas XS a XXL.', ['casco', 'casco integral', 'cascos', 'ls2', 'certificado']],
  ['CAS-LS2-OF562-NEGRO', 'Casco abierto LS2 OF562 Airflow negro', 'LS2', 290_000, 350_000, 'Casco abierto (3/4) con visor largo y gafa interna. Certificado ECE 22.06.', ['casco', 'casco abierto', 'cascos', 'ls2']],
  ['CAS-SHA-3900-GRIS', 'Casco abatible Shaft 3900 DV gris', 'Shaft', 300_000, 360_000, 'Casco abatible (modular) con doble visor, certificado NTC 4533 y DOT.', ['casco', 'casco abatible', 'modular', 'cascos']],
  ['CAS-ICH-3110-NEGRO', 'Casco abatible ICH 3110 DV negro', 'Ich', 250_000, 300_000, 'Casco abatible con doble visor y mentonera en policarbonato, certificado NTC 4533.', ['casco', 'casco abatible', 'modular', 'cascos']],
  ['GUA-SHA-RACING', 'Guantes Shaft Racing con protección', 'Shaft', 60_000, 85_000, 'Guantes en textil con protecciones en nudillos y palma reforzada, compatibles con pantalla táctil.', ['guantes', 'proteccion', 'manos']],
  ['GUA-ICH-URBANO', 'Guantes ICH urbanos medio dedo', 'Ich', 38_000, 55_000, 'Guantes de medio dedo transpirables para ciudad.', ['guantes', 'medio dedo', 'manos']],
  ['GUA-LS2-DART', 'Guantes LS2 Dart II', 'LS2', 110_000, 140_000, 'Guantes de cuero y textil con protección de nudillos en TPU.', ['guantes', 'cuero', 'proteccion']],
  ['IMP-ICH-2PZ-REFLECTIVO', 'Impermeable dos piezas reflectivo ICH', 'Ich', 75_000, 98_000, 'Chaqueta y pantalón impermeables en PVC con franjas reflectivas. Tallas S a XXL.', ['impermeable', 'lluvia', 'traje de agua', 'reflectivo']],
  ['IMP-SHA-PONCHO', 'Poncho impermeable Shaft', 'Shaft', 45_000, 60_000, 'Poncho impermeable con capucha y reflectivos, se guarda en su propia bolsa.', ['impermeable', 'poncho', 'lluvia']],
  ['CHA-REF-ICH', 'Chaleco reflectivo con número de placa', 'Ich', 22_000, 32_000, 'Chaleco reflectivo reglamentario con espacio para la placa.', ['chaleco', 'reflectivo', 'placa']],
  ['ESP-UNIV-10MM', 'Espejos retrovisores universales rosca 10 mm (par)', 'Vaisand', 22_000, 35_000, 'Par de espejos retrovisores con rosca 10 mm (derecha e izquierda), vidrio convexo.', ['espejos', 'retrovisores', 'espejo', 'rosca 10']],
  ['ESP-UNIV-8MM', 'Espejos retrovisores rosca 8 mm para scooter (par)', 'Vaisand', 22_000, 35_000, 'Par de espejos para scooters y motos Honda con rosca de 8 mm.', ['espejos', 'retrovisores', 'espejo', 'scooter', 'rosca 8']],
  ['DIR-LED-ULTRA', 'Direccionales LED Ultra (par)', 'Ultra', 32_000, 48_000, 'Par de direccionales LED de alto brillo con rosca universal de 8 mm.', ['direccionales', 'direccional', 'led', 'pidevias', 'intermitentes']],
  ['CAN-DIS-ULTRA', 'Candado de disco con alarma Ultra', 'Ultra', 55_000, 78_000, 'Candado de disco con alarma de 110 dB y recordatorio de cuerda.', ['candado', 'antirrobo', 'alarma', 'seguridad']],
  ['FOR-MOT-IMPERMEABLE', 'Forro impermeable para moto talla L', 'Ich', 42_000, 58_000, 'Cubierta impermeable con protección UV, para motos de 100 a 200 cc.', ['forro', 'cobija', 'cubierta', 'pijama moto']],
  ['SOP-CEL-ALUMINIO', 'Soporte de celular en aluminio para manubrio', 'Ultra', 38_000, 55_000, 'Soporte de celular con agarre de 4 puntas, rotación 360° y cargador USB.', ['soporte celular', 'porta celular', 'gps', 'manubrio']],
];
for (const [sku, name, brand, min, max, description, keywords] of ACCESSORIES) {
  add({ sku, name, brand, category: 'Accesorios', min, max, universal: true, description, keywords });
}

// ---------------------------------------------------------------------------------------------
// Carrocería
// ---------------------------------------------------------------------------------------------

const BODY = [
  ['GUA-DEL-BOX-CT100', 'Guardabarros delantero Boxer CT100 negro', ['BOX-CT100', 'BOX-S'], 38_000, 55_000, 'Guardabarros (salpicadera) delantero en plástico ABS, color negro.', ['guardabarros', 'guardafango', 'salpicadera']],
  ['GUA-DEL-NKD125', 'Guardabarros delantero AKT NKD 125', ['NKD125'], 35_000, 52_000, 'Guardabarros delantero en plástico ABS, sin pintar.', ['guardabarros', 'guardafango', 'salpicadera']],
  ['TAP-LAT-NKD125', 'Tapas laterales AKT NKD 125 (par)', ['NKD125'], 45_000, 68_000, 'Par de tapas laterales (derecha e izquierda) color negro.', ['tapa lateral', 'tapas laterales', 'plasticos']],
  ['TAP-LAT-BOX-CT100', 'Tapa lateral derecha Boxer CT100', ['BOX-CT100'], 30_000, 45_000, 'Tapa lateral derecha color negro con calcomanía.', ['tapa lateral', 'plasticos']],
  ['SIL-FZ20', 'Sillín completo Yamaha FZ 2.0', ['FZ20'], 140_000, 190_000, 'Sillín (asiento) delantero original con base y espuma.', ['sillin', 'sillín', 'asiento', 'silla']],
  ['SIL-BOX-CT100', 'Sillín Boxer CT100', ['BOX-CT100'], 95_000, 130_000, 'Sillín completo en cuerina antideslizante.', ['sillin', 'sillín', 'asiento', 'silla']],
  ['KIT-PLA-XTZ125', 'Kit de plásticos Yamaha XTZ 125 azul', ['XTZ125'], 250_000, 320_000, 'Kit de plásticos: guardabarros delantero y trasero, tapas laterales y cubretanques.', ['plasticos', 'kit plasticos', 'carenaje']],
  ['TAN-BOX-CT100', 'Tanque de gasolina Boxer CT100 negro', ['BOX-CT100'], 360_000, 420_000, 'Tanque de combustible original pintado, sin tapa.', ['tanque', 'tanque gasolina', 'deposito']],
  ['TAP-TAN-BOX-CT100', 'Tapa de tanque con llave Boxer CT100', ['BOX-CT100', 'BOX-S', 'DIS125'], 32_000, 45_000, 'Tapa de gasolina con chapa y dos llaves.', ['tapa tanque', 'tapa gasolina', 'chapa']],
  ['PAR-BOX-CT100', 'Parrilla trasera reforzada Boxer CT100', ['BOX-CT100', 'BOX-S'], 65_000, 89_000, 'Parrilla (portaequipaje) en acero reforzado para trabajo pesado.', ['parrilla', 'portaequipaje', 'maletero']],
  ['GUA-TRA-NS200', 'Colepato (guardabarros trasero) Pulsar NS200', ['NS200'], 48_000, 70_000, 'Guardabarros trasero con soporte de placa.', ['colepato', 'guardabarros trasero', 'porta placa']],
  ['CAR-FRO-FZ20', 'Careta frontal Yamaha FZ 2.0 negra', ['FZ20'], 95_000, 140_000, 'Careta (cubre farola) frontal en plástico pintado.', ['careta', 'cubre farola', 'frontal']],
];
for (const [sku, name, codes, min, max, description, keywords] of BODY) {
  const first = m(codes[0]);
  add({ sku, name, brand: GENUINE[first.make], category: 'Carrocería', min, max, codes, description: `${description} Para ${modelList(codes)}.`, keywords });
}

// ---------------------------------------------------------------------------------------------
// Output: one product per line keeps the file diff-friendly.
// ---------------------------------------------------------------------------------------------

const lines = products.map((p) => `    ${JSON.stringify(p)}`);
const json = `{\n  "version": 1,\n  "currency": "COP",\n  "products": [\n${lines.join(',\n')}\n  ]\n}\n`;
JSON.parse(json); // sanity check
writeFileSync(OUT, json);

const byCategory = {};
for (const p of products) byCategory[p.category] = (byCategory[p.category] ?? 0) + 1;
console.log(`catalog: ${products.length} products → ${OUT}`);
for (const [category, count] of Object.entries(byCategory)) console.log(`  ${category}: ${count}`);
