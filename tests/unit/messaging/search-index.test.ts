import { describe, expect, it } from 'vitest';
import { createIdTable } from '../../../src/messaging/search-id-table';
import { createSearchIndex, type SearchFilters, type SearchIndex } from '../../../src/messaging/search-index';
import { appendDoc, countOf, isBitset, prevSetBit, type Postings } from '../../../src/messaging/search-postings';
import { queryWords, tokenize } from '../../../src/messaging/text';
import { createHarness } from './harness';

/** mulberry32: the same sequence on every run. */
function seeded(seed: number): (max: number) => number {
  let state = seed >>> 0;
  return (max) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * max);
  };
}

// Common words (they end up in bitsets), rarer ones (arrays), accents and capitals.
const COMMON = ['de', 'la', 'para', 'pedido', 'freno', 'Búsqueda'];
const RARE = ['pastillas', 'Pastilla', 'piñón', 'PIÑON', 'cadena', 'corona', 'bujía', 'filtro', 'aceite', 'aire', 'kit', 'arrastre', 'moto', 'motor', 'Pulsar', 'NS200'];

interface Doc {
  id: string;
  text: string;
  createdAt: number;
  conversationId: string;
  senderId: string;
}

/** Words of random messages: a few common words, a rare one or two, sometimes a number seen once. */
function textOf(n: (max: number) => number, serial: number): string {
  const words: string[] = [];
  for (let i = 0; i < 2 + n(3); i++) words.push(COMMON[n(COMMON.length)]!);
  for (let i = 0; i < 1 + n(2); i++) words.push(RARE[n(RARE.length)]!);
  if (n(2) === 0) words.push(`repuesto${n(40)}`); // each in about 1 message in 80: kept as ids
  if (n(3) === 0) words.push(String(100000 + serial));
  return words.join(' ');
}

const tokensOf: Record<string, string[]> = {};

/** What the index must answer, computed the slow way from the live documents. */
function expected(docs: ReadonlyMap<string, Doc>, query: string, filters: SearchFilters): string[] {
  const words = queryWords(query);
  const last = words[words.length - 1]!;
  return [...docs.values()]
    .filter((doc) => {
      const tokens = (tokensOf[doc.text] ??= tokenize(doc.text));
      return (
        words.slice(0, -1).every((word) => tokens.includes(word)) &&
        tokens.some((token) => token.startsWith(last)) &&
        (filters.conversationId === undefined || doc.conversationId === filters.conversationId) &&
        (filters.senderId === undefined || doc.senderId === filters.senderId) &&
        doc.createdAt >= (filters.since ?? -Infinity) &&
        doc.createdAt < (filters.before ?? Infinity)
      );
    })
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
    .slice(0, filters.limit ?? 50)
    .map((doc) => doc.id);
}

const QUERIES: Array<[string, SearchFilters]> = [
  ['de', {}],
  ['busqueda', { limit: 200 }],
  ['pedido fre', { limit: 20 }],
  ['pinon', { conversationId: 'c1' }],
  ['pas', { senderId: 'ana', limit: 500 }],
  ['para mot', { since: 3_000, before: 9_000 }],
  ['1000', { limit: 1000 }],
  ['la de pa', { conversationId: 'c2', limit: 5 }],
  ['ns2', {}],
  ['repuesto', { limit: 100 }],
  ['de repuesto', {}],
  ['repuesto1 de', {}],
  ['pedido repuesto', { conversationId: 'c3', limit: 1000 }],
  ['repuesto3 1', { limit: 1000 }],
];

function expectSameAnswers(index: SearchIndex, docs: ReadonlyMap<string, Doc>): void {
  for (const [query, filters] of QUERIES) expect(index.search(query, filters), query).toEqual(expected(docs, query, filters));
}

function add(index: SearchIndex, docs: Map<string, Doc>, doc: Doc): void {
  docs.set(doc.id, doc);
  index.add(doc.id, doc.text, doc.createdAt, doc.conversationId, doc.senderId);
}

describe('search index under edits and deletes', () => {
  it('keeps its size bounded by the live messages through 10,000 edits and deletes, with right answers', () => {
    const n = seeded(11);
    const index = createSearchIndex();
    const docs = new Map<string, Doc>();
    let serial = 0;
    const fresh = (): Doc => {
      serial++;
      // Mostly in time order, sometimes late (an older message arriving now), some equal times.
      return { id: `m${serial}`, text: textOf(n, serial), createdAt: n(10) === 0 ? n(serial) : serial, conversationId: `c${n(4)}`, senderId: n(2) ? 'ana' : 'juan' };
    };
    for (let i = 0; i < 3000; i++) add(index, docs, fresh());
    const builtBytes = index.stats().bytes;

    const ids = [...docs.keys()];
    for (let op = 1; op <= 10_000; op++) {
      const at = n(ids.length);
      const pick = ids[at]!;
      const roll = n(10);
      if (roll < 6) add(index, docs, { ...docs.get(pick)!, text: textOf(n, ++serial) }); // an edit
      else if (roll < 8) {
        ids[at] = ids[ids.length - 1]!;
        ids.pop();
        docs.delete(pick);
        index.remove(pick);
      } else {
        const doc = fresh();
        ids.push(doc.id);
        add(index, docs, doc);
      }
      if (op % 10 === 0) {
        const stats = index.stats();
        expect(stats.documents).toBe(docs.size);
        expect(stats.slots).toBeLessThanOrEqual(Math.max(docs.size + 256, Math.ceil((docs.size * 4) / 3)));
      }
      if (op % 2000 === 0) expectSameAnswers(index, docs);
    }

    // Memory follows what is live, not the history: close to a fresh index of the same messages.
    const rebuilt = createSearchIndex();
    for (const doc of [...docs.values()].sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)))) {
      rebuilt.add(doc.id, doc.text, doc.createdAt, doc.conversationId, doc.senderId);
    }
    const after = index.stats();
    expect(after.postings).toBeLessThanOrEqual(rebuilt.stats().postings * 1.4);
    expect(after.tokens).toBeLessThanOrEqual(rebuilt.stats().tokens * 1.4);
    expect(after.bytes).toBeLessThanOrEqual(Math.max(builtBytes, rebuilt.stats().bytes) * 1.5);
    expectSameAnswers(rebuilt, docs);
  });

  it('shrinks back after most messages are deleted, and still finds the rest', () => {
    const index = createSearchIndex();
    const docs = new Map<string, Doc>();
    for (let i = 0; i < 5000; i++) add(index, docs, { id: `m${i}`, text: `pedido ${100000 + i} de freno`, createdAt: i, conversationId: 'c1', senderId: 'ana' });
    const full = index.stats();
    for (let i = 0; i < 5000; i++) {
      if (i % 50 === 0) continue;
      docs.delete(`m${i}`);
      index.remove(`m${i}`);
    }
    const left = index.stats();
    expect(left.documents).toBe(100);
    expect(left.slots).toBeLessThanOrEqual(356);
    expect(left.tokens).toBeLessThan(full.tokens / 10);
    expect(left.bytes).toBeLessThan(full.bytes / 4);
    expect(index.search('freno', { limit: 3 })).toEqual(['m4950', 'm4900', 'm4850']);
    expect(index.search('1000', { limit: 1000 })).toEqual(['m50', 'm0']);
    expectSameAnswers(index, docs);
  });

  it('forgets a removed message at once, also between compactions', () => {
    const index = createSearchIndex();
    index.add('a', 'kit de arrastre', 1, 'c', 'u');
    index.add('b', 'kit de arrastre reforzado', 2, 'c', 'u');
    index.remove('b');
    expect(index.has('b')).toBe(false);
    expect(index.search('kit', {})).toEqual(['a']);
    expect(index.search('reforz', {})).toEqual([]);
    index.add('b', 'cadena', 2, 'c', 'u');
    expect(index.search('kit', {})).toEqual(['a']);
    expect(index.search('cadena', {})).toEqual(['b']);
    expect(index.stats()).toMatchObject({ documents: 2, slots: 3 });
  });

  it('starts empty again after clear', () => {
    const index = createSearchIndex();
    for (let i = 0; i < 2000; i++) index.add(`m${i}`, `de la moto ${i}`, i, 'c', 'u');
    index.clear();
    expect(index.stats()).toMatchObject({ documents: 0, slots: 0, tokens: 0, postings: 0 });
    expect(index.search('moto', {})).toEqual([]);
    index.add('m1', 'moto', 1, 'c', 'u');
    expect(index.search('mo', {})).toEqual(['m1']);
  });
});

describe('search postings', () => {
  it('stores a token seen once as its doc, then as ids, then as bits when it is in many docs', () => {
    let postings: Postings | undefined;
    postings = appendDoc(postings, 5);
    expect(postings).toBe(5);
    postings = appendDoc(postings, 5);
    expect(postings).toBe(5);
    postings = appendDoc(postings, 9);
    expect(postings).toEqual([5, 9]);
    for (let doc = 10; doc < 200; doc += 2) postings = appendDoc(postings, doc);
    expect(isBitset(postings)).toBe(true);
    expect(countOf(postings)).toBe(97);
    // Rare from now on: once the bits would cost twice the ids, back to ids.
    postings = appendDoc(postings, 100_000);
    expect(Array.isArray(postings)).toBe(true);
    expect(countOf(postings)).toBe(98);
    expect((postings as number[]).slice(-3)).toEqual([196, 198, 100_000]);
  });

  it('finds the previous set bit across word boundaries', () => {
    const bits = new Uint32Array(4);
    for (const doc of [0, 31, 32, 95]) bits[doc >>> 5]! |= 1 << (doc & 31);
    const walk: number[] = [];
    for (let doc = prevSetBit(bits, 1000); doc >= 0; doc = prevSetBit(bits, doc - 1)) walk.push(doc);
    expect(walk).toEqual([95, 32, 31, 0]);
    expect(prevSetBit(bits, 30)).toBe(0);
    expect(prevSetBit(bits, -1)).toBe(-1);
  });
});

describe('search id table', () => {
  // 80,000 checks: CPU-bound, so a loaded CI machine gets time (it asserts correctness, not speed).
  it('agrees with a Map through inserts and deletes that shift probe runs', { timeout: 30_000 }, () => {
    const n = seeded(3);
    const idOf: Array<string | undefined> = [];
    const table = createIdTable(idOf);
    const reference = new Map<string, number>();
    const check = (): void => {
      expect([...reference.keys()].filter((id) => table.get(id) !== reference.get(id))).toEqual([]);
    };
    // About 450 live ids in 1,024 slots: long probe runs. Each round uses other ids, so other
    // slots collide, and some runs wrap past the table's end.
    for (let round = 0; round < 40; round++) {
      for (let op = 0; op < 2000; op++) {
        const id = `r${round}_${n(900)}`;
        expect(table.get(id)).toBe(reference.get(id));
        if (reference.has(id)) {
          table.delete(id);
          idOf[reference.get(id)!] = undefined;
          reference.delete(id);
        } else {
          const doc = idOf.push(id) - 1;
          table.set(id, doc);
          reference.set(id, doc);
        }
        if (op % 100 === 0) check();
      }
      for (const id of [...reference.keys()].filter((_, i) => i % 2 === 0)) {
        table.delete(id);
        idOf[reference.get(id)!] = undefined;
        reference.delete(id);
      }
      check();
    }
    expect(table.size).toBe(reference.size);
  });
});

describe('searchMessages after many edits and deletes', () => {
  it('finds the current text of every message and nothing deleted', async () => {
    const h = await createHarness({ user: 'juan' });
    try {
      const conv = h.messaging.createConversation(['juan', 'ana'], { type: 'direct' }).id;
      const ids: string[] = [];
      for (let i = 0; i < 300; i++) {
        ids.push(h.messaging.sendMessage(conv, { text: `pedido ${i} pastillas` }).id);
        h.clock.advance(1000);
      }
      for (let round = 0; round < 5; round++) {
        ids.forEach((id, i) => h.messaging.editMessage(id, `pedido ${i} ${round % 2 ? 'cadena' : 'corona'} v${round}`));
      }
      for (let i = 0; i < 300; i += 3) h.messaging.deleteMessage(ids[i]!);
      expect(h.messaging.searchMessages('pastillas')).toEqual([]);
      expect(h.messaging.searchMessages('cadena')).toEqual([]);
      const found = h.messaging.searchMessages('corona v4', { limit: 1000 }).map((m) => m.id);
      expect(found).toEqual(ids.filter((_, i) => i % 3 !== 0).reverse());
      expect(h.messaging.searchMessages('pedido 7 v4').map((m) => m.content.text)).toEqual(['pedido 7 corona v4']);
      expect(h.messaging.getSearchIndexStats().documents).toBe(200);
    } finally {
      await h.close();
    }
  });
});
