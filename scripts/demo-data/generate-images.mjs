// Generates the flat SVG pictograms in public/img/parts/ (one per catalog category) and
// public/img/logo.svg. Deterministic, no external references, each file well under 4 KB.
// Usage: node scripts/demo-data/generate-images.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PARTS = resolve(ROOT, 'public', 'img', 'parts');
mkdirSync(PARTS, { recursive: true });

const RED = '#c1121f';
const DARK_RED = '#8e0c16';
const INK = '#2b2f36';
const STEEL = '#8a939e';
const LIGHT = '#dfe3e8';
const BG = '#f1f3f5';

const f = (n) => Number(n.toFixed(1)).toString();

/** Closed path of a gear/sprocket: trapezoid teeth between rRoot and rTip. */
function gearPath(cx, cy, rTip, rRoot, teeth, tipFrac = 0.45, rootFrac = 0.6) {
  const step = (Math.PI * 2) / teeth;
  const pts = [];
  for (let i = 0; i < teeth; i++) {
    const a = i * step - Math.PI / 2;
    const rootHalf = (step * rootFrac) / 2;
    const tipHalf = (step * tipFrac) / 2;
    pts.push([a - rootHalf, rRoot], [a - tipHalf, rTip], [a + tipHalf, rTip], [a + rootHalf, rRoot]);
  }
  return (
    pts
      .map(([a, r], i) => `${i === 0 ? 'M' : 'L'}${f(cx + Math.cos(a) * r)} ${f(cy + Math.sin(a) * r)}`)
      .join('') + 'Z'
  );
}

/** Points on a circle, used for bolt holes and tread blocks. */
function around(count, radius, cx, cy, offset = 0) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const a = offset + (i * Math.PI * 2) / count;
    out.push([cx + Math.cos(a) * radius, cy + Math.sin(a) * radius, a]);
  }
  return out;
}

function svg(label, body) {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" width="120" height="120" role="img" aria-label="${label}"><title>${label}</title><circle cx="60" cy="60" r="58" fill="${BG}"/>${body}</svg>\n`;
}

const IMAGES = {
  // Oil filter canister with a grip band and a label.
  filtros: svg(
    'Filtro',
    `<rect x="32" y="22" width="56" height="12" rx="4" fill="${INK}"/>` +
      `<rect x="35" y="32" width="50" height="62" rx="9" fill="${RED}"/>` +
      `<path d="M41 34v14M47 34v14M53 34v14M59 34v14M65 34v14M71 34v14M77 34v14" stroke="${DARK_RED}" stroke-width="3"/>` +
      `<rect x="41" y="56" width="38" height="24" rx="4" fill="#fff"/>` +
      `<path d="M47 64h26M47 72h17" stroke="${INK}" stroke-width="3.5" stroke-linecap="round"/>` +
      `<rect x="38" y="92" width="44" height="7" rx="3" fill="${INK}"/>`,
  ),
  // Drilled brake disc with a red caliper.
  frenos: svg(
    'Frenos',
    `<circle cx="56" cy="62" r="38" fill="${STEEL}"/>` +
      `<circle cx="56" cy="62" r="31" fill="${LIGHT}"/>` +
      around(10, 25, 56, 62)
        .map(([x, y]) => `<circle cx="${f(x)}" cy="${f(y)}" r="3" fill="${STEEL}"/>`)
        .join('') +
      `<circle cx="56" cy="62" r="15" fill="${INK}"/>` +
      around(5, 9, 56, 62, -Math.PI / 2)
        .map(([x, y]) => `<circle cx="${f(x)}" cy="${f(y)}" r="2.2" fill="${LIGHT}"/>`)
        .join('') +
      `<path d="M80 30c12 6 19 18 19 32s-7 26-19 32l-6-10c8-5 13-13 13-22s-5-17-13-22z" fill="${RED}"/>` +
      `<rect x="88" y="52" width="6" height="20" rx="3" fill="${DARK_RED}"/>`,
  ),
  // Rear sprocket with a piece of chain.
  transmision: svg(
    'Transmisión',
    `<path d="${gearPath(60, 56, 38, 32, 24)}" fill="${INK}"/>` +
      `<circle cx="60" cy="56" r="26" fill="${STEEL}"/>` +
      around(5, 15, 60, 56, -Math.PI / 2)
        .map(([x, y]) => `<circle cx="${f(x)}" cy="${f(y)}" r="5" fill="${BG}"/>`)
        .join('') +
      `<circle cx="60" cy="56" r="7" fill="${INK}"/>` +
      [18, 36, 54, 72, 90]
        .map((x) => `<rect x="${x}" y="94" width="16" height="10" rx="5" fill="${RED}"/><circle cx="${x + 4}" cy="99" r="1.8" fill="#fff"/><circle cx="${x + 12}" cy="99" r="1.8" fill="#fff"/>`)
        .join(''),
  ),
  // Spark plug with a spark.
  electrico: svg(
    'Eléctrico',
    `<rect x="52" y="14" width="12" height="10" rx="2" fill="${STEEL}"/>` +
      `<path d="M50 24h16l3 28H47z" fill="#fff" stroke="${LIGHT}" stroke-width="2"/>` +
      `<path d="M52 30h12M52 36h12M51 42h14" stroke="${LIGHT}" stroke-width="2"/>` +
      `<path d="M44 52h28l3 6-3 6H44l-3-6z" fill="${INK}"/>` +
      `<rect x="48" y="64" width="20" height="22" fill="${STEEL}"/>` +
      `<path d="M48 68h20M48 73h20M48 78h20M48 83h20" stroke="${INK}" stroke-width="1.6"/>` +
      `<path d="M55 86h6v6h-6zM64 92v6h-10" fill="none" stroke="${INK}" stroke-width="3" stroke-linejoin="round"/>` +
      `<path d="M84 70l-9 14h7l-5 13 12-17h-7l5-10z" fill="${RED}"/>`,
  ),
  // Tyre with tread blocks and a spoked rim.
  llantas: svg(
    'Llantas',
    `<circle cx="60" cy="60" r="46" fill="${INK}"/>` +
      around(20, 43, 60, 60)
        .map(([x, y, a]) => `<rect x="${f(x - 2.5)}" y="${f(y - 5)}" width="5" height="10" rx="1" fill="#474d57" transform="rotate(${f((a * 180) / Math.PI + 90)} ${f(x)} ${f(y)})"/>`)
        .join('') +
      `<circle cx="60" cy="60" r="30" fill="${STEEL}"/>` +
      `<circle cx="60" cy="60" r="25" fill="${BG}"/>` +
      around(5, 15, 60, 60, -Math.PI / 2)
        .map(([x, y]) => `<path d="M60 60L${f(x)} ${f(y)}" stroke="${RED}" stroke-width="7" stroke-linecap="round"/>`)
        .join('') +
      `<circle cx="60" cy="60" r="7" fill="${INK}"/>`,
  ),
  // Coil-over shock absorber.
  suspension: svg(
    'Suspensión',
    `<circle cx="60" cy="18" r="8" fill="none" stroke="${INK}" stroke-width="5"/>` +
      `<rect x="54" y="24" width="12" height="30" fill="${STEEL}"/>` +
      `<rect x="46" y="56" width="28" height="36" rx="4" fill="${INK}"/>` +
      `<circle cx="60" cy="102" r="8" fill="none" stroke="${INK}" stroke-width="5"/>` +
      `<rect x="40" y="28" width="40" height="6" rx="3" fill="${INK}"/>` +
      `<path d="M42 38l36 6M42 48l36 6M42 58l36 6M42 68l36 6M42 78l36 6" stroke="${RED}" stroke-width="6" stroke-linecap="round"/>` +
      `<rect x="40" y="86" width="40" height="6" rx="3" fill="${INK}"/>`,
  ),
  // Piston with rings and connecting rod.
  motor: svg(
    'Motor',
    `<path d="M51 66h18l6 30H45z" fill="${STEEL}"/>` +
      `<circle cx="60" cy="98" r="11" fill="none" stroke="${STEEL}" stroke-width="7"/>` +
      `<path d="M34 26c0-5 4-8 9-8h34c5 0 9 3 9 8v44H34z" fill="${RED}"/>` +
      `<path d="M34 32h52M34 39h52M34 46h52" stroke="${INK}" stroke-width="3"/>` +
      `<circle cx="60" cy="60" r="7" fill="${BG}" stroke="${INK}" stroke-width="3"/>`,
  ),
  // Motor-oil bottle with a drop on the label.
  aceites: svg(
    'Aceites',
    `<rect x="50" y="12" width="16" height="10" rx="2" fill="${INK}"/>` +
      `<path d="M46 22h24l6 10h6c4 0 6 3 6 6v58c0 4-3 7-7 7H39c-4 0-7-3-7-7V40c0-5 3-8 8-8h1z" fill="${RED}"/>` +
      `<rect x="38" y="46" width="44" height="38" rx="4" fill="#fff"/>` +
      `<path d="M60 52c-6 9-9 13-9 18a9 9 0 0 0 18 0c0-5-3-9-9-18z" fill="${INK}"/>` +
      `<path d="M76 32h6v8h-6z" fill="${DARK_RED}"/>`,
  ),
  // Clutch friction disc with pads and internal splines.
  embrague: svg(
    'Embrague',
    `<circle cx="60" cy="60" r="44" fill="${INK}"/>` +
      around(12, 36, 60, 60)
        .map(([x, y, a]) => `<rect x="${f(x - 6)}" y="${f(y - 6)}" width="12" height="12" rx="2" fill="${RED}" transform="rotate(${f((a * 180) / Math.PI)} ${f(x)} ${f(y)})"/>`)
        .join('') +
      `<circle cx="60" cy="60" r="26" fill="${STEEL}"/>` +
      `<path d="${gearPath(60, 60, 14, 10, 14, 0.5, 0.5)}" fill="${BG}"/>`,
  ),
  // Full-face helmet, side view.
  accesorios: svg(
    'Accesorios',
    `<path d="M20 70c0-28 20-48 46-48 22 0 36 16 36 36v28c0 6-4 10-10 10H34c-8 0-14-6-14-14z" fill="${RED}"/>` +
      `<path d="M60 44h34c4 0 8 3 8 8v14H66c-4 0-8-4-8-8v-12z" fill="${INK}"/>` +
      `<path d="M66 50h28" stroke="#5c6470" stroke-width="3" stroke-linecap="round"/>` +
      `<path d="M26 82h58" stroke="${DARK_RED}" stroke-width="4" stroke-linecap="round"/>` +
      `<path d="M34 40c6-8 14-12 24-13" stroke="#fff" stroke-width="4" stroke-linecap="round" fill="none" opacity=".6"/>`,
  ),
  // Fuel tank (body panel) with a cap and a stripe.
  carroceria: svg(
    'Carrocería',
    `<path d="M18 74c0-20 14-36 36-38l36-2c8 0 14 6 14 14v20c0 10-8 18-18 18H30c-7 0-12-5-12-12z" fill="${RED}"/>` +
      `<path d="M24 72c10-6 40-8 78-6" stroke="#fff" stroke-width="5" stroke-linecap="round" fill="none"/>` +
      `<rect x="58" y="26" width="20" height="8" rx="3" fill="${INK}"/>` +
      `<path d="M36 52c6-7 14-10 24-11" stroke="#fff" stroke-width="3" stroke-linecap="round" fill="none" opacity=".55"/>` +
      `<path d="M30 86h56" stroke="${DARK_RED}" stroke-width="4" stroke-linecap="round"/>`,
  ),
};

for (const [name, content] of Object.entries(IMAGES)) {
  const file = resolve(PARTS, `${name}.svg`);
  writeFileSync(file, content);
  console.log(`${name}.svg ${Buffer.byteLength(content)} B`);
}

// Store logo: red badge with a white gear and a wrench, plus the wordmark.
const logo =
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 250 56" width="250" height="56" role="img" aria-label="Repuestos Motos"><title>Repuestos Motos</title>` +
  `<rect x="2" y="2" width="52" height="52" rx="12" fill="${RED}"/>` +
  `<path d="${gearPath(28, 28, 19, 15, 10, 0.42, 0.58)}" fill="#fff"/>` +
  `<circle cx="28" cy="28" r="8" fill="${RED}"/>` +
  `<circle cx="28" cy="28" r="3.5" fill="#fff"/>` +
  `<text x="64" y="27" font-family="system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif" font-size="22" font-weight="800" fill="${INK}">Repuestos</text>` +
  `<text x="64" y="48" font-family="system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif" font-size="17" font-weight="700" letter-spacing="3" fill="#9d0f1a">MOTOS</text>` +
  `</svg>\n`;
writeFileSync(resolve(ROOT, 'public', 'img', 'logo.svg'), logo);
console.log(`logo.svg ${Buffer.byteLength(logo)} B`);
