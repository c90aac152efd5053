import { lowerBound, runQuery, type DocColumns } from './search-query';
import { forEachToken, queryWords, tokenize } from './text';

/**
 * An incremental inverted index over message texts.
 *
 * - Each message gets an internal numeric doc id, never reused; an edit removes the old doc and
 *   adds a new one, so posting lists only ever append and stay sorted without re-sorting.
 * - `postings`: token → ascending doc ids (arrays of small integers: 4 bytes each in V8).
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
  stats(): { documents: number; tokens: number; postings: number; bytes: number };
}

export interface SearchFilters {
  conversationId?: string | undefined;
  senderId?: string | undefined;
  since?: number | undefined;
  before?: number | undefined;
  limit?: number | undefined;
}

const newFloats = (n: number): Float64Array<ArrayBuffer> => new Float64Array(n);
const newInts = (n: number): Int32Array<ArrayBuffer> => new Int32Array(n);

function grow<T extends Float64Array | Int32Array>(array: T, size: number, make: (n: number) => T): T {
  if (size <= array.length) return array;
  const next = make(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

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

export function createSearchIndex(): SearchIndex {
  const postings = new Map<string, number[]>();
  let sortedTokens: string[] = [];
  let newTokens: string[] = [];
  let staleTokens = 0;

  const docOf = new Map<string, number>();
  let idOf: Array<string | undefined> = [];
  let textOf: Array<string | undefined> = [];
  let created = new Float64Array(1024);
  let maxCreatedUpTo = new Float64Array(1024);
  let convOf = new Int32Array(1024);
  let senderOf = new Int32Array(1024);
  const convNo = new Map<string, number>();
  const senderNo = new Map<string, number>();
  let nextDoc = 0;
  let stamps = new Uint32Array(1024);
  let stamp = 0;

  const numberOf = (map: Map<string, number>, key: string): number => {
    let n = map.get(key);
    if (n === undefined) {
      n = map.size;
      map.set(key, n);
    }
    return n;
  };

  const sortTokens = (): void => {
    if (staleTokens > 1024 && staleTokens > sortedTokens.length / 4) {
      sortedTokens = [...postings.keys()].sort();
      newTokens = [];
      staleTokens = 0;
      return;
    }
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

  const remove = (id: string): void => {
    const doc = docOf.get(id);
    if (doc === undefined) return;
    docOf.delete(id);
    for (const token of tokenize(textOf[doc] ?? '')) {
      const list = postings.get(token);
      if (!list) continue;
      const at = lowerBound(list, doc);
      if (list[at] === doc) list.splice(at, 1);
      if (list.length === 0) {
        postings.delete(token);
        staleTokens++;
      }
    }
    idOf[doc] = undefined;
    textOf[doc] = undefined;
  };

  /** Doc ids of every token starting with `prefix`. */
  const prefixLists = (prefix: string): number[][] => {
    sortTokens();
    const lists: number[][] = [];
    for (let i = lowerBoundString(sortedTokens, prefix); i < sortedTokens.length; i++) {
      const token = sortedTokens[i]!;
      if (!token.startsWith(prefix)) break;
      const list = postings.get(token);
      // Duplicates can appear after a token was removed and added again; skip repeats.
      if (list && list.length > 0 && lists[lists.length - 1] !== list) lists.push(list);
    }
    return lists;
  };

  const nextStamp = (): number => {
    if (stamps.length < nextDoc) stamps = new Uint32Array(Math.max(nextDoc, stamps.length * 2));
    if (++stamp === 0xffffffff) {
      stamps.fill(0);
      stamp = 1;
    }
    return stamp;
  };

  return {
    add(id, text, createdAt, conversationId, senderId) {
      remove(id);
      const doc = nextDoc++;
      docOf.set(id, doc);
      idOf[doc] = id;
      textOf[doc] = text;
      if (nextDoc > created.length) {
        created = grow(created, nextDoc, newFloats);
        maxCreatedUpTo = grow(maxCreatedUpTo, nextDoc, newFloats);
        convOf = grow(convOf, nextDoc, newInts);
        senderOf = grow(senderOf, nextDoc, newInts);
      }
      created[doc] = createdAt;
      maxCreatedUpTo[doc] = doc > 0 ? Math.max(maxCreatedUpTo[doc - 1]!, createdAt) : createdAt;
      convOf[doc] = numberOf(convNo, conversationId);
      senderOf[doc] = numberOf(senderNo, senderId);
      forEachToken(text, (token) => {
        const list = postings.get(token);
        if (!list) {
          postings.set(token, [doc]);
          newTokens.push(token);
        } else if (list[list.length - 1] !== doc) list.push(doc); // a repeated word of this doc
      });
    },
    remove,
    has: (id) => docOf.has(id),
    search(query, filters) {
      const words = queryWords(query);
      if (words.length === 0) return [];
      const conv = filters.conversationId === undefined ? -1 : convNo.get(filters.conversationId);
      const sender = filters.senderId === undefined ? -1 : senderNo.get(filters.senderId);
      if (conv === undefined || sender === undefined) return [];
      const sources: number[][][] = [];
      for (const word of words.slice(0, -1)) {
        const list = postings.get(word);
        if (!list) return [];
        sources.push([list]);
      }
      const prefix = prefixLists(words[words.length - 1]!);
      if (prefix.length === 0) return [];
      sources.push(prefix);
      if (stamps.length < nextDoc) stamps = new Uint32Array(Math.max(nextDoc, stamps.length * 2));
      const columns: DocColumns = { created, maxCreatedUpTo, convOf, senderOf, idOf };
      const docs = runQuery(
        sources,
        columns,
        { conv, sender, since: filters.since ?? -Infinity, before: filters.before ?? Infinity, limit: filters.limit ?? 50 },
        { next: () => ({ stamps, mark: nextStamp() }) },
      );
      return docs.map((doc) => idOf[doc]!);
    },
    clear() {
      postings.clear();
      sortedTokens = [];
      newTokens = [];
      staleTokens = 0;
      docOf.clear();
      idOf = [];
      textOf = [];
      nextDoc = 0;
      convNo.clear();
      senderNo.clear();
    },
    stats() {
      let entries = 0;
      let tokenBytes = 0;
      for (const [token, list] of postings) {
        entries += list.length;
        // A V8 string (header + 1 byte per Latin-1 char), the Map entry, the array object and header.
        tokenBytes += 16 + token.length + 24 + 32;
      }
      const bytes =
        entries * 4 * 1.25 + // small-integer elements with growth slack
        tokenBytes +
        (sortedTokens.length + newTokens.length) * 4 +
        docOf.size * 28 + // Map entry; the id string is shared with the message
        nextDoc * (4 + 4) + // idOf, textOf pointers
        created.byteLength + maxCreatedUpTo.byteLength + convOf.byteLength + senderOf.byteLength + stamps.byteLength;
      return { documents: docOf.size, tokens: postings.size, postings: entries, bytes: Math.round(bytes) };
    },
  };
}
