import { afterEach, describe, expect, it } from 'vitest';
import { createSearchIndex } from '../../../src/messaging/search-index';
import { normalizeText, tokenize } from '../../../src/messaging/text';
import { createHarness, errorOf, START, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function setup(): Promise<{ conv: string; other: string }> {
  h = await createHarness({ user: 'juan' });
  const conv = h.messaging.createConversation(['juan', 'ana'], { type: 'direct' }).id;
  const other = h.messaging.createConversation(['juan', 'luis'], { type: 'direct' }).id;
  return { conv, other };
}

const texts = (list: Array<{ content: { text: string } }>): string[] => list.map((m) => m.content.text);

describe('searchMessages', () => {
  it('finds words regardless of case and accents', async () => {
    const { conv } = await setup();
    h.messaging.sendMessage(conv, { text: 'Búsqueda de REPUESTOS para la moto' });
    h.messaging.sendMessage(conv, { text: 'El piñón llegó' });
    expect(texts(h.messaging.searchMessages('busqueda'))).toEqual(['Búsqueda de REPUESTOS para la moto']);
    expect(texts(h.messaging.searchMessages('repuestos'))).toHaveLength(1);
    expect(texts(h.messaging.searchMessages('PIÑON'))).toEqual(['El piñón llegó']);
    expect(texts(h.messaging.searchMessages('pinon llego'))).toEqual(['El piñón llegó']);
  });

  it('needs every word, the last one also as a prefix, and lists newest first', async () => {
    const { conv } = await setup();
    h.messaging.sendMessage(conv, { text: 'pastillas de freno delanteras' });
    h.clock.advance(1000);
    h.messaging.sendMessage(conv, { text: 'freno trasero' });
    h.clock.advance(1000);
    h.messaging.sendMessage(conv, { text: 'Pastilla de freno para Pulsar NS200' });
    expect(texts(h.messaging.searchMessages('pasti'))).toEqual(['Pastilla de freno para Pulsar NS200', 'pastillas de freno delanteras']);
    expect(texts(h.messaging.searchMessages('freno pasti'))).toEqual(['Pastilla de freno para Pulsar NS200', 'pastillas de freno delanteras']);
    expect(texts(h.messaging.searchMessages('freno tras'))).toEqual(['freno trasero']);
    expect(texts(h.messaging.searchMessages('pasti trasero'))).toEqual([]);
    expect(texts(h.messaging.searchMessages('ns2'))).toEqual(['Pastilla de freno para Pulsar NS200']);
    expect(h.messaging.searchMessages('!!!')).toEqual([]);
  });

  it('filters by conversation, sender, time range and limit', async () => {
    const { conv, other } = await setup();
    h.messaging.sendMessage(conv, { text: 'cadena 428' });
    h.clock.advance(1000);
    h.messaging.sendMessage(other, { text: 'cadena 520' });
    h.clock.advance(1000);
    h.messaging.setCurrentUser('ana');
    h.messaging.sendMessage(conv, { text: 'cadena reforzada' });
    expect(texts(h.messaging.searchMessages('cadena', { conversationId: conv }))).toEqual(['cadena reforzada', 'cadena 428']);
    expect(texts(h.messaging.searchMessages('cadena', { senderId: 'juan' }))).toEqual(['cadena 520', 'cadena 428']);
    expect(texts(h.messaging.searchMessages('cadena', { since: START + 1000, before: new Date(START + 2000) }))).toEqual(['cadena 520']);
    expect(texts(h.messaging.searchMessages('cadena', { limit: 1 }))).toEqual(['cadena reforzada']);
    expect(h.messaging.searchMessages('cadena', { senderId: 'nadie' })).toEqual([]);
  });

  it('follows edits and never returns deleted messages', async () => {
    const { conv } = await setup();
    const message = h.messaging.sendMessage(conv, { text: 'filtro de aire' });
    h.messaging.editMessage(message.id, 'filtro de aceite');
    expect(h.messaging.searchMessages('aire')).toEqual([]);
    expect(h.messaging.searchMessages('aceite').map((m) => m.id)).toEqual([message.id]);
    h.messaging.deleteMessage(message.id);
    expect(h.messaging.searchMessages('filtro')).toEqual([]);
    expect(h.messaging.searchMessages('eliminado')).toEqual([]);
  });

  it('finds attachments by file name', async () => {
    const { conv } = await setup();
    const message = h.messaging.sendMessage(conv, { attachments: [new File(['x'], 'factura-1234.pdf', { type: 'application/pdf' })] });
    expect(h.messaging.searchMessages('factura').map((m) => m.id)).toEqual([message.id]);
  });

  it('refuses bad queries and options', async () => {
    await setup();
    expect(errorOf(() => h.messaging.searchMessages('')).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.searchMessages(5 as never)).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.searchMessages('x', { limit: -1 })).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.searchMessages('x', { conversationId: 'conv_nope' })).code).toBe('NOT_FOUND');
  });
});

describe('search index', () => {
  it('normalizes Spanish text and tokenizes distinct words', () => {
    expect(normalizeText('Ñandú ÁRBOL')).toBe('nandu arbol');
    expect(tokenize('Filtro de aceite, filtro nuevo')).toEqual(['filtro', 'de', 'aceite', 'nuevo']);
  });

  it('unions many prefix tokens without duplicates and intersects smallest first', () => {
    const index = createSearchIndex();
    for (let i = 0; i < 500; i++) index.add(`m${i}`, `moto motor${i} motocicleta ${i % 2 ? 'roja' : 'azul'}`, i, 'c', i % 3 ? 'a' : 'b');
    expect(index.search('mot', { limit: 1000 })).toHaveLength(500);
    expect(index.search('roja mot', { limit: 1000 })).toHaveLength(250);
    expect(index.search('azul motor42', {})).toEqual(['m428', 'm426', 'm424', 'm422', 'm420', 'm42']);
    expect(index.search('motor42 roj', {})).toEqual([]);
    expect(index.search('motor42 azu', {})).toEqual(['m42']);
    expect(index.search('moto', { limit: 3, senderId: 'b' })).toEqual(['m498', 'm495', 'm492']);
    index.remove('m498');
    expect(index.search('moto', { limit: 1, senderId: 'b' })).toEqual(['m495']);
    expect(index.stats()).toMatchObject({ documents: 499 });
    expect(index.stats().bytes).toBeGreaterThan(0);
  });

  it('finds the newest match when a newer message was indexed before older ones', () => {
    const index = createSearchIndex();
    index.add('newest', 'kit de arrastre', 5000, 'c', 'u');
    for (let i = 0; i < 100; i++) index.add(`old${i}`, `kit de arrastre ${i}`, 1000 + i, 'c', 'u');
    expect(index.search('kit arr', { limit: 1 })).toEqual(['newest']);
    expect(index.search('arrastre', { limit: 2 })).toEqual(['newest', 'old99']);
    expect(index.search('kit arrastre', { limit: 3, before: 5000 })).toEqual(['old99', 'old98', 'old97']);
  });

  it('merges many prefix tokens newest first with filters applied', () => {
    const index = createSearchIndex();
    for (let i = 0; i < 300; i++) index.add(`m${i}`, `repuesto${i % 30} para moto`, i, `c${i % 2}`, 'u');
    expect(index.search('repues', { limit: 4, conversationId: 'c1' })).toEqual(['m299', 'm297', 'm295', 'm293']);
    expect(index.search('moto repuesto1', { limit: 300 })).toHaveLength(110);
    expect(index.search('repuesto1 mo', { limit: 2 })).toEqual(['m271', 'm241']);
  });

  it('orders by time even when older messages arrive later', () => {
    const index = createSearchIndex();
    index.add('b', 'cadena', 2000, 'c', 'u');
    index.add('a', 'cadena', 1000, 'c', 'u');
    index.add('c', 'cadena', 3000, 'c', 'u');
    expect(index.search('cadena', {})).toEqual(['c', 'b', 'a']);
  });
});
