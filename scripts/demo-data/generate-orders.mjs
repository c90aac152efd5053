// Generates public/orders.json: demo orders for the assistant's order-status answers.
// Item names and prices are read from public/catalog.json so both files stay consistent;
// run `node scripts/demo-data/generate-catalog.mjs` first if the catalog changed.
// Usage: node scripts/demo-data/generate-orders.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const catalog = JSON.parse(readFileSync(resolve(ROOT, 'public', 'catalog.json'), 'utf8'));
const bySku = new Map(catalog.products.map((p) => [p.sku, p]));

function item(sku, qty) {
  const product = bySku.get(sku);
  if (!product) throw new Error(`SKU ${sku} is not in the catalog`);
  return { sku, name: product.name, qty, price: product.price };
}

/** Colombia is UTC-5 all year (no DST). */
const co = (local) => new Date(`${local}-05:00`).toISOString();

const ORDERS = [
  { id: '1234', status: 'enviado', createdAt: '2026-11-18T09:32:00', updatedAt: '2026-11-20T16:05:00', carrier: 'Servientrega', tracking: '2184563390', city: 'Medellín', items: [item('KIT-ARR-BOX-CT100', 1), item('FIL-ACE-BOX-CT100', 1), item('ACE-MOT-3000-20W50', 1)], eta: '2026-11-23T18:00:00' },
  { id: '1235', status: 'en preparación', createdAt: '2026-11-20T19:47:00', updatedAt: '2026-11-21T08:15:00', carrier: null, tracking: null, city: 'Bogotá', items: [item('PAS-DEL-NS200', 1), item('LIQ-FRE-DOT4-MOTUL', 1)], eta: '2026-11-25T18:00:00' },
  { id: '1236', status: 'entregado', createdAt: '2026-11-10T11:20:00', updatedAt: '2026-11-13T15:42:00', carrier: 'Coordinadora', tracking: '77812345601', city: 'Cali', items: [item('LLA-PIR-275-18-SC', 1), item('LLA-PIR-9090-18-SC', 1), item('NEU-IRC-18', 2)], eta: null },
  { id: '1237', status: 'pendiente de pago', createdAt: '2026-11-21T07:55:00', updatedAt: '2026-11-21T07:55:00', carrier: null, tracking: null, city: 'Bogotá', items: [item('CAS-SHA-526-NEGRO', 1), item('GUA-SHA-RACING', 1)], eta: null },
  { id: '1238', status: 'cancelado', createdAt: '2026-11-05T16:10:00', updatedAt: '2026-11-06T09:30:00', carrier: null, tracking: null, city: 'Barranquilla', items: [item('BAT-YUA-YTX7L', 1)], eta: null },
  { id: '1239', status: 'enviado', createdAt: '2026-11-19T13:05:00', updatedAt: '2026-11-20T10:22:00', carrier: 'Interrapidísimo', tracking: '240012875431', city: 'Bucaramanga', items: [item('KIT-ARR-NKD125', 1), item('BUJ-NGK-CR6HSA', 2), item('FIL-AIR-NKD125', 1)], eta: '2026-11-24T18:00:00' },
  { id: '1240', status: 'entregado', createdAt: '2026-11-12T08:40:00', updatedAt: '2026-11-13T17:10:00', carrier: 'Servientrega', tracking: '2184498127', city: 'Envigado', items: [item('ACE-MOT-5100-10W40', 2), item('FIL-ACE-FZ16-FZ20', 1), item('LUB-MOT-CHAINLUBE', 1)], eta: null },
  { id: '1241', status: 'en preparación', createdAt: '2026-11-21T10:18:00', updatedAt: '2026-11-21T11:02:00', carrier: 'Coordinadora', tracking: '77812390772', city: 'Pereira', items: [item('AMO-TRA-XR150L', 1), item('RET-BAR-XR150L', 1)], eta: '2026-11-26T18:00:00' },
];

const orders = ORDERS.map((o) => ({
  id: o.id,
  status: o.status,
  createdAt: co(o.createdAt),
  updatedAt: co(o.updatedAt),
  carrier: o.carrier,
  tracking: o.tracking,
  city: o.city,
  items: o.items,
  total: o.items.reduce((sum, i) => sum + i.qty * i.price, 0),
  eta: o.eta ? co(o.eta) : null,
}));

const out = resolve(ROOT, 'public', 'orders.json');
writeFileSync(out, `${JSON.stringify({ version: 1, orders }, null, 2)}\n`);
console.log(`orders: ${orders.length} → ${out}`);
