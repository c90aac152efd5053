import { createIdTable } from './search-id-table';
import { appendDoc, bytesOf, countOf, renumber, type Postings } from './search-postings';
import { MAX_CREATED_SHIFT, runQuery, toSource, type DocColumns, type Source } from './search-query';
import { forEachToken, queryWords } from './text';

/**
 * An incremental inverted index over message texts.
 *
 * - Each message gets an internal numeric doc id in arrival order; an edit retires the old doc
 *   and adds a new one, so postings only ever append and stay sorted without re-sorting.
 * - `postings`: token → its doc ids (a number, an array or a bitset: see search-postings.ts).
 * - Removing a message only retires its doc (no text is kept to find its tokens again); once a
 *   quarter of the doc ids are retired, the index compacts: live docs are renumbered in order and
 *   retired ids leave every posting, so memory follows the live messages, not their history.
 * - A sorted token list answers prefix lookups (the last query word) by binary search; new tokens
 *   wait in a small unsorted list that is merged on the next query.
 * - Per-doc columns (time, conversation, sender) in typed arrays filter and rank without touching
 *   the messages. Ranking keeps only the `limit` newest matches in a small heap.
 * @example
 * const index = createSearchIndex();
 * index.add('msg_1', 'Pastillas de freno', 1000, 'conv_1', 'ana');
 * index.search('pasti', {}) // ['msg_1']
 */
export interface SearchIndex {
  add(id: string, text: string, createdAt: number, conversationId: string, senderId: string): void;
  remove(id: string): void;
  has(id: string): boolean;
  search(query: string, filters: SearchFilters): string[];
  clear(): void;
  stats(): SearchIndexSize;
}

export interface SearchFilters {
  conversationId?: string | undefined;
  senderId?: string | undefined;
  since?: number | undefined;
  before?: number | undefined;
  limit?: number | undefined;
}

/** What the index holds now. */
export interface SearchIndexSize {
  /** Messages that can be found. */
  documents: number;
  /** Doc ids in use: the documents plus retired ones not compacted yet. */
  slots: number;
  tokens: number;
  /** Doc ids across all tokens, retired ones included. */
  postings: number;
  /** Estimated heap bytes. */
  bytes: number;
}

const INITIAL_CAPACITY = 1024;
// Compact once this many doc ids are retired and they are a quarter of all ids: each compaction
// costs one pass over the postings and is paid for by the removals before it.
const MIN_RETIRED = 256;

function lowerBoundString(list: readonly string[], value: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function resized<T extends Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer>>(array: T, length: number, make: new (n: number) => T): T {
  const next = new make(length);
  next.set(array.subarray(0, Math.min(array.length, length)));
  return next;
}

export function createSearchIndex(): SearchIndex {
  const postings = new Map<string, Postings>();
  let sortedTokens: string[] = [];
  let newTokens: string[] = [];

  const idOf: Array<string | undefined> = [];
  const docOf = createIdTable(idOf);
  let created = new Float64Array(INITIAL_CAPACITY);
  let maxCreated = new Float64Array(INITIAL_CAPACITY >>> MAX_CREATED_SHIFT);
  let convOf = new Int32Array(INITIAL_CAPACITY);
  let senderOf = new Int32Array(INITIAL_CAPACITY);
  const convNo = new Map<string, number>();
  const senderNo = new Map<string, number>();
  let slots = 0;
  let retired = 0;
  let stamps = new Uint8Array(0);
  let stamp = 0;

  const numberOf = (map: Map<string, number>, key: string): number => {
    let n = map.get(key);
    if (n === undefined) {
      n = map.size;
      map.set(key, n);
    }
    return n;
  };

  const setCapacity = (capacity: number): void => {
    created = resized(created, capacity, Float64Array);
    convOf = resized(convOf, capacity, Int32Array);
    senderOf = resized(senderOf, capacity, Int32Array);
    maxCreated = resized(maxCreated, (capacity >>> MAX_CREATED_SHIFT) + 1, Float64Array);
  };

  /** Sets doc `doc`'s time and its block's running maximum; docs are set in ascending order. */
  const setCreated = (doc: number, createdAt: number): void => {
    created[doc] = createdAt;
    const block = doc >>> MAX_CREATED_SHIFT;
    const before = (doc & ((1 << MAX_CREATED_SHIFT) - 1)) === 0 ? (block > 0 ? maxCreated[block - 1]! : -Infinity) : maxCreated[block]!;
    maxCreated[block] = Math.max(before, createdAt);
  };

  const sortTokens = (): void => {
    if (newTokens.length === 0) return;
    newTokens.sort();
    const merged: string[] = new Array(sortedTokens.length + newTokens.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < sortedTokens.length && j < newTokens.length) merged[k++] = sortedTokens[i]! < newTokens[j]! ? sortedTokens[i++]! : newTokens[j++]!;
    while (i < sortedTokens.length) merged[k++] = sortedTokens[i++]!;
    while (j < newTokens.length) merged[k++] = newTokens[j++]!;
    sortedTokens = merged;
    newTokens = [];
  };

  /** Renumbers the live docs 0..n-1 in their order and drops retired ids from every token. */
  const compact = (): void => {
    const newOf = new Int32Array(slots).fill(-1);
    let n = 0;
    for (let doc = 0; doc < slots; doc++) {
      const id = idOf[doc];
      if (id === undefined) continue;
      newOf[doc] = n;
      idOf[n] = id;
      convOf[n] = convOf[doc]!;
      senderOf[n] = senderOf[doc]!;
      setCreated(n, created[doc]!);
      n++;
    }
    docOf.renumber(newOf);
    idOf.length = n;
    for (const [token, list] of postings) {
      const next = renumber(list, newOf);
      if (next === undefined) postings.delete(token);
      else if (next !== list) postings.set(token, next);
    }
    sortTokens();
    sortedTokens = sortedTokens.filter((token) => postings.has(token));
    slots = n;
    retired = 0;
    stamps = new Uint8Array(0);
    if (created.length > 2 * n + INITIAL_CAPACITY) setCapacity(Math.ceil(n * 1.25) + INITIAL_CAPACITY);
  };

  const remove = (id: string): void => {
    const doc = docOf.get(id);
    if (doc === undefined) return;
    docOf.delete(id);
    idOf[doc] = undefined;
    retired++;
    if (retired >= MIN_RETIRED && retired * 4 >= slots) compact();
  };

  /** Postings of every token starting with `prefix`. */
  const prefixPostings = (prefix: string): Postings[] => {
    sortTokens();
    const found: Postings[] = [];
    for (let i = lowerBoundString(sortedTokens, prefix); i < sortedTokens.length; i++) {
      const token = sortedTokens[i]!;
      if (!token.startsWith(prefix)) break;
      found.push(postings.get(token)!);
    }
    return found;
  };

  const marks = {
    next: (): { stamps: Uint8Array; mark: number } => {
      if (stamps.length < slots) stamps = new Uint8Array(Math.max(slots, Math.ceil(stamps.length * 1.25)));
      if (++stamp === 0x100) {
        stamps.fill(0);
        stamp = 1;
      }
      return { stamps, mark: stamp };
    },
  };

  return {
    add(id, text, createdAt, conversationId, senderId) {
      remove(id);
      const doc = slots++;
      if (slots > created.length) setCapacity(Math.max(slots, Math.ceil(created.length * 1.25)));
      idOf[doc] = id;
      docOf.set(id, doc);
      setCreated(doc, createdAt);
      convOf[doc] = numberOf(convNo, conversationId);
      senderOf[doc] = numberOf(senderNo, senderId);
      forEachToken(text, (token) => {
        const before = postings.get(token);
        const after = appendDoc(before, doc);
        if (after === before) return;
        postings.set(token, after);
        if (before === undefined) newTokens.push(token);
      });
    },
    remove,
    has: (id) => docOf.get(id) !== undefined,
    search(query, filters) {
      const words = queryWords(query);
      if (words.length === 0) return [];
      const conv = filters.conversationId === undefined ? -1 : convNo.get(filters.conversationId);
      const sender = filters.senderId === undefined ? -1 : senderNo.get(filters.senderId);
      if (conv === undefined || sender === undefined) return [];
      const sources: Source[] = [];
      for (const word of words.slice(0, -1)) {
        const list = postings.get(word);
        if (list === undefined) return [];
        sources.push(toSource([list]));
      }
      const prefix = prefixPostings(words[words.length - 1]!);
      if (prefix.length === 0) return [];
      sources.push(toSource(prefix));
      const columns: DocColumns = { created, maxCreated, convOf, senderOf, idOf };
      const docs = runQuery(
        sources,
        columns,
        { conv, sender, since: filters.since ?? -Infinity, before: filters.before ?? Infinity, limit: filters.limit ?? 50 },
        marks,
      );
      return docs.map((doc) => idOf[doc]!);
    },
    clear() {
      postings.clear();
      sortedTokens = [];
      newTokens = [];
      idOf.length = 0;
      docOf.clear();
      slots = 0;
      retired = 0;
      convNo.clear();
      senderNo.clear();
      stamps = new Uint8Array(0);
      setCapacity(INITIAL_CAPACITY);
    },
    stats() {
      let entries = 0;
      let bytes = 0;
      for (const [token, list] of postings) {
        entries += countOf(list);
        // The token string (header + 1 byte per Latin-1 char), its Map entry and sorted-list slot.
        bytes += 12 + token.length + 20 + 4 + bytesOf(list);
      }
      bytes +=
        docOf.byteLength +
        idOf.length * 4 * 1.2 + // the id strings are the messages'
        created.byteLength + maxCreated.byteLength + convOf.byteLength + senderOf.byteLength + stamps.byteLength;
      return { documents: docOf.size, slots, tokens: postings.size, postings: entries, bytes: Math.round(bytes) };
    },
  };
}
