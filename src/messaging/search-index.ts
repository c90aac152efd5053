import { queryWords, tokenize } from './text';

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

function grow<T extends Float64Array | Int32Array>(array: T, size: number, make: (n: number) => T): T {
  if (size <= array.length) return array;
  const next = make(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

/** First index in sorted `list` (from `lo`) whose value is ≥ `value`. */
function lowerBound(list: readonly number[], value: number, lo = 0): number {
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
      created = grow(created, nextDoc, (n) => new Float64Array(n));
      convOf = grow(convOf, nextDoc, (n) => new Int32Array(n));
      senderOf = grow(senderOf, nextDoc, (n) => new Int32Array(n));
      created[doc] = createdAt;
      convOf[doc] = numberOf(convNo, conversationId);
      senderOf[doc] = numberOf(senderNo, senderId);
      for (const token of tokenize(text)) {
        const list = postings.get(token);
        if (list) list.push(doc);
        else {
          postings.set(token, [doc]);
          newTokens.push(token);
        }
      }
    },
    remove,
    has: (id) => docOf.has(id),
    search(query, filters) {
      const words = queryWords(query);
      const limit = filters.limit ?? 50;
      if (words.length === 0) return [];
      const conv = filters.conversationId === undefined ? -1 : convNo.get(filters.conversationId);
      const sender = filters.senderId === undefined ? -1 : senderNo.get(filters.senderId);
      if (conv === undefined || sender === undefined) return [];
      const since = filters.since ?? -Infinity;
      const before = filters.before ?? Infinity;

      const exact: number[][] = [];
      for (const word of words.slice(0, -1)) {
        const list = postings.get(word);
        if (!list) return [];
        exact.push(list);
      }
      const prefix = prefixLists(words[words.length - 1]!);
      if (prefix.length === 0) return [];
      exact.sort((a, b) => a.length - b.length);

      // The `limit` newest matches, as a min-heap on (createdAt, id): the root is the oldest kept.
      const heap: number[] = [];
      const older = (a: number, b: number): boolean =>
        created[a]! < created[b]! || (created[a] === created[b] && idOf[a]! < idOf[b]!);
      const offer = (doc: number): void => {
        const time = created[doc]!;
        if (time < since || time >= before) return;
        if (conv >= 0 && convOf[doc] !== conv) return;
        if (sender >= 0 && senderOf[doc] !== sender) return;
        if (heap.length < limit) {
          let i = heap.push(doc) - 1;
          while (i > 0) {
            const parent = (i - 1) >> 1;
            if (!older(heap[i]!, heap[parent]!)) break;
            [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
            i = parent;
          }
          return;
        }
        if (!older(heap[0]!, doc)) return;
        heap[0] = doc;
        let i = 0;
        for (;;) {
          const left = 2 * i + 1;
          const right = left + 1;
          let smallest = i;
          if (left < heap.length && older(heap[left]!, heap[smallest]!)) smallest = left;
          if (right < heap.length && older(heap[right]!, heap[smallest]!)) smallest = right;
          if (smallest === i) break;
          [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
          i = smallest;
        }
      };

      if (exact.length === 0) {
        if (prefix.length === 1) for (const doc of prefix[0]!) offer(doc);
        else {
          const mark = nextStamp();
          for (const list of prefix) {
            for (const doc of list) {
              if (stamps[doc] === mark) continue;
              stamps[doc] = mark;
              offer(doc);
            }
          }
        }
      } else {
        const base = exact[0]!;
        const others = exact.slice(1);
        const cursors = others.map(() => 0);
        // Check the prefix word either by marking its union once, or by binary searches per candidate.
        let prefixSize = 0;
        for (const list of prefix) prefixSize += list.length;
        const useMarks = prefixSize <= base.length * prefix.length * 16;
        const mark = useMarks ? nextStamp() : 0;
        if (useMarks) for (const list of prefix) for (const doc of list) stamps[doc] = mark;
        const prefixCursors = prefix.map(() => 0);
        outer: for (const doc of base) {
          for (let j = 0; j < others.length; j++) {
            const list = others[j]!;
            const at = lowerBound(list, doc, cursors[j]);
            cursors[j] = at;
            if (list[at] !== doc) continue outer;
          }
          if (useMarks) {
            if (stamps[doc] !== mark) continue;
          } else {
            let found = false;
            for (let j = 0; j < prefix.length && !found; j++) {
              const at = lowerBound(prefix[j]!, doc, prefixCursors[j]);
              prefixCursors[j] = at;
              found = prefix[j]![at] === doc;
            }
            if (!found) continue;
          }
          offer(doc);
        }
      }
      heap.sort((a, b) => (older(a, b) ? 1 : -1));
      return heap.map((doc) => idOf[doc]!);
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
        created.byteLength + convOf.byteLength + senderOf.byteLength + stamps.byteLength;
      return { documents: docOf.size, tokens: postings.size, postings: entries, bytes: Math.round(bytes) };
    },
  };
}
