import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadCatalog } from '../../../src/bot/load-catalog';
import { isChatbotError } from '../../../src/core/errors';
import { productFallbackText } from '../../../src/live-chat/protocol/product-element';
import { productMention, searchCatalog } from '../../../src/staff/ui/product-picker';

const FILE = readFileSync('public/catalog.json', 'utf8');
const fetchFile = vi.fn(async () => new Response(FILE, { status: 200 }));

describe('the staff product picker\'s catalog', () => {
  it('loads the store\'s catalog from the widget\'s catalog URL, relative to the admin page', async () => {
    const catalog = await loadCatalog('/catalog.json', { baseUrl: 'https://tienda.test/admin.html', fetch: fetchFile });
    expect(fetchFile).toHaveBeenCalledWith('https://tienda.test/catalog.json', expect.anything());
    expect(catalog.products.length).toBeGreaterThan(100);
    const down = vi.fn(async () => new Response('', { status: 503 }));
    expect(isChatbotError(await loadCatalog('/catalog.json', { baseUrl: 'https://tienda.test/', fetch: down }).catch((e: unknown) => e), 'NETWORK')).toBe(true);
  });

  it('finds products by name, bike, brand or sku, ignoring accents and case, every word required', async () => {
    const { products } = await loadCatalog('https://tienda.test/catalog.json', { fetch: fetchFile });
    const filters = searchCatalog(products, 'FILTRO aceite boxer');
    expect(filters.length).toBeGreaterThan(0);
    expect(filters.every((p) => /filtro/i.test(p.name))).toBe(true);
    expect(filters.map((p) => p.sku)).toContain('FIL-ACE-BOX-CT100');
    // Accents and case do not matter: "bujia" finds "Bujía".
    expect(searchCatalog(products, 'bujia ngk').map((p) => p.name).join(' ')).toMatch(/Bujía/);
    expect(searchCatalog(products, 'Bujía NGK')).toEqual(searchCatalog(products, 'bujia ngk'));
    // The exact sku comes first.
    expect(searchCatalog(products, 'fil-ace-box-ct100')[0]?.sku).toBe('FIL-ACE-BOX-CT100');
    expect(searchCatalog(products, 'filtro zzzz')).toEqual([]);
    expect(searchCatalog(products, '', 5)).toHaveLength(5);
  });

  it('describes a picked product for the body other clients show: name, price in pesos, absolute link', async () => {
    const catalog = await loadCatalog('https://tienda.test/catalog.json', { fetch: fetchFile });
    const product = { ...catalog.products.find((p) => p.sku === 'FIL-ACE-BOX-CT100')!, price: 18000, url: '/p/FIL-ACE-BOX-CT100' };
    const mention = productMention(product, catalog, { language: 'es', baseUrl: 'https://tienda.test/admin.html' });
    expect(mention).toEqual({ sku: 'FIL-ACE-BOX-CT100', name: product.name, price: expect.stringMatching(/^\$\s18\.000$/), url: 'https://tienda.test/p/FIL-ACE-BOX-CT100' });
    expect(productMention({ ...product, url: 'javascript:alert(1)' }, catalog)).not.toHaveProperty('url');
    expect(productFallbackText('', [mention])).toMatch(/^• .+ — \$\s18\.000 — https:\/\/tienda\.test\/p\/FIL-ACE-BOX-CT100$/);
  });
});
