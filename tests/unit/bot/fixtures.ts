import { readFileSync } from 'node:fs';
import { normalizeCatalog, type Catalog } from '../../../src/bot/catalog';

/** The demo store's catalog and orders (public/), the data the assistant answers from. */
export const DEMO_CATALOG_FILE: unknown = JSON.parse(readFileSync('public/catalog.json', 'utf8'));
export const DEMO_ORDERS_FILE: unknown = JSON.parse(readFileSync('public/orders.json', 'utf8'));
export const demoCatalog = (): Catalog => normalizeCatalog(DEMO_CATALOG_FILE);
