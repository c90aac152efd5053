import { describe, expect, it } from 'vitest';
import { buildTextMessage } from '../../../src/live-chat/protocol/message-builders';
import { parseMessage } from '../../../src/live-chat/protocol/parse-message';
import { MAX_PRODUCT_CARDS, productFallbackText } from '../../../src/live-chat/protocol/product-element';
import { serializeXml, type XmlElement } from '../../../src/live-chat/protocol/xml';
import { stanza } from './xml-fixture';

const ROOM = 'conv-1@rooms.chat.example';
const context = { now: Date.parse('2025-03-01T12:00:00Z') };

/** A stanza as the room hands it to the customer: the builder's, from the agent's nick. */
function asReceived(built: XmlElement): XmlElement {
  return stanza(serializeXml({ ...built, attrs: { ...built.attrs, from: `${ROOM}/Ana`, to: 'c1@chat.example' } }));
}
const productStanza = (products: string) =>
  stanza(`<message from="${ROOM}/Ana" type="groupchat" id="p1"><body>Mira</body>${products}</message>`);

describe('product cards on a staff message', () => {
  it('travels as product elements with a body any XMPP client can show (name, price, link)', () => {
    const text = productFallbackText('Este te sirve:', [
      { sku: 'FIL-ACE-BOX-CT100', name: 'Filtro de aceite  Boxer', price: '$ 18.000', url: 'https://tienda.example/p/FIL-ACE-BOX-CT100' },
      { sku: 'BUJ-NGK-CR6HSA', name: 'Bujía NGK', price: '$ 12.500' },
    ]);
    expect(text).toBe('Este te sirve:\n• Filtro de aceite Boxer — $ 18.000 — https://tienda.example/p/FIL-ACE-BOX-CT100\n• Bujía NGK — $ 12.500');
    const built = buildTextMessage({ to: ROOM, type: 'groupchat', id: 'm1', text, products: ['FIL-ACE-BOX-CT100', 'BUJ-NGK-CR6HSA'] });
    expect(serializeXml(built)).toContain("<product xmlns=\"urn:repuestos-motos:product:0\" sku=\"FIL-ACE-BOX-CT100\"/>");

    const result = parseMessage(asReceived(built), context);
    expect(result).toMatchObject({ ok: true, events: [{ type: 'message', text, products: ['FIL-ACE-BOX-CT100', 'BUJ-NGK-CR6HSA'] }] });
  });

  it('leaves plain messages without products', () => {
    const result = parseMessage(asReceived(buildTextMessage({ to: ROOM, type: 'groupchat', id: 'm2', text: 'hola' })), context);
    expect(result.ok && result.events[0]).not.toHaveProperty('products');
  });

  it('keeps each sku once, in the order sent', () => {
    const result = parseMessage(productStanza('<product xmlns="urn:repuestos-motos:product:0" sku="B-1"/><product xmlns="urn:repuestos-motos:product:0" sku="A-2"/><product xmlns="urn:repuestos-motos:product:0" sku="B-1"/>'), context);
    expect(result).toMatchObject({ ok: true, events: [{ products: ['B-1', 'A-2'] }] });
  });

  it('rejects a stanza whose sku is not a catalog sku (markup, paths, empty, too long)', () => {
    for (const sku of ['&lt;img src=x&gt;', '../../admin', '', ' FIL-1', 'x'.repeat(81), 'FIL 1']) {
      const result = parseMessage(productStanza(`<product xmlns="urn:repuestos-motos:product:0" sku="${sku}"/>`), context);
      expect(result.ok, sku).toBe(false);
    }
    expect(parseMessage(productStanza('<product xmlns="urn:repuestos-motos:product:0"/>'), context).ok).toBe(false);
  });

  it(`rejects more than ${MAX_PRODUCT_CARDS} cards in one message`, () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `<product xmlns="urn:repuestos-motos:product:0" sku="S-${i}"/>`).join('');
    expect(parseMessage(productStanza(many(MAX_PRODUCT_CARDS)), context).ok).toBe(true);
    expect(parseMessage(productStanza(many(MAX_PRODUCT_CARDS + 1)), context)).toMatchObject({ ok: false, reason: expect.stringContaining('products') });
  });

  it('ignores a product element in another namespace (not the store\'s card)', () => {
    const result = parseMessage(productStanza('<product xmlns="urn:example:other" sku="FIL-1"/>'), context);
    expect(result.ok && result.events[0]).not.toHaveProperty('products');
  });
});
