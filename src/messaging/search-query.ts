import { hasBit, isBitset, prevSetBit, type Postings } from './search-postings';

/**
 * Query execution over postings (see search-postings.ts). Each query word is a "source": the
 * postings of one token for an exact word, of every matching token for the prefix word. The
 * smallest source drives; the others are probed. Candidates are visited from the highest doc id
 * down: doc ids follow arrival order, which is time order almost always, so once `limit` results
 * are kept and no older doc can beat them (`maxCreated`), the walk stops early. Removed docs stay
 * in the postings until the index compacts them; they have no id and are skipped.
 */

/** `maxCreated[d >>> MAX_CREATED_SHIFT]`: one bound per block of 64 doc ids. */
export const MAX_CREATED_SHIFT = 6;

export interface DocColumns {
  created: Float64Array;
  /** Per block of doc ids, the largest `created` of every doc in that block and the ones before it. */
  maxCreated: Float64Array;
  convOf: Int32Array;
  senderOf: Int32Array;
  /** The message id of each doc; undefined once removed. */
  idOf: ReadonlyArray<string | undefined>;
}

export interface QueryFilter {
  conv: number;
  sender: number;
  since: number;
  before: number;
  limit: number;
}

/** Reusable "seen" marks, one slot per doc id. */
export interface Marks {
  next(): { stamps: Uint8Array; mark: number };
}

/** One query word's docs: ascending id lists, and bitsets for tokens in many docs. */
export interface Source {
  lists: number[][];
  sets: Uint32Array[];
  /** The number of doc ids in it (repeats across tokens counted again). */
  size: number;
}

/** First index in [lo, hi) of sorted `list` whose value is ≥ `value`. */
function lowerBound(list: readonly number[], value: number, lo = 0, hi = list.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The source of a word matching the tokens with these postings. */
export function toSource(postings: readonly Postings[]): Source {
  const lists: number[][] = [];
  const sets: Uint32Array[] = [];
  // Tokens seen once each (typically a prefix of order numbers) become one sorted list.
  const ones: number[] = [];
  let size = 0;
  for (const p of postings) {
    if (typeof p === 'number') {
      ones.push(p);
      size++;
    } else if (isBitset(p)) {
      sets.push(p.bits);
      size += p.count;
    } else {
      lists.push(p);
      size += p.length;
    }
  }
  if (ones.length > 1) {
    ones.sort((a, b) => a - b);
    let k = 1;
    for (let i = 1; i < ones.length; i++) if (ones[i] !== ones[k - 1]) ones[k++] = ones[i]!;
    ones.length = k;
  }
  if (ones.length > 0) lists.push(ones);
  return { lists, sets, size };
}

/** Calls `visit` with the docs of `source` in descending order, without repeats, until it returns false. */
function walkDescending({ lists, sets }: Source, visit: (doc: number) => boolean): void {
  if (lists.length === 1 && sets.length === 0) {
    const list = lists[0]!;
    for (let i = list.length - 1; i >= 0; i--) if (!visit(list[i]!)) return;
    return;
  }
  if (lists.length === 0 && sets.length === 1) {
    const bits = sets[0]!;
    for (let doc = prevSetBit(bits, bits.length * 32 - 1); doc >= 0; doc = prevSetBit(bits, doc - 1)) if (!visit(doc)) return;
    return;
  }
  // k-way merge with a max-heap of cursors: one per list, then one per bitset.
  const pos = lists.map((list) => list.length - 1);
  const current = lists.map((list) => (list.length > 0 ? list[list.length - 1]! : -1));
  for (const bits of sets) current.push(prevSetBit(bits, bits.length * 32 - 1));
  const advance = (c: number): void => {
    if (c < lists.length) current[c] = --pos[c]! >= 0 ? lists[c]![pos[c]!]! : -1;
    else current[c] = prevSetBit(sets[c - lists.length]!, current[c]! - 1);
  };
  const heap = current.map((_, c) => c).filter((c) => current[c]! >= 0);
  const top = (i: number): number => current[heap[i]!]!;
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && top(l) > top(m)) m = l;
      if (r < heap.length && top(r) > top(m)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  let last = -1;
  while (heap.length > 0) {
    const doc = top(0);
    advance(heap[0]!);
    if (current[heap[0]!]! < 0) {
      heap[0] = heap[heap.length - 1]!;
      heap.pop();
    }
    if (heap.length > 0) down(0);
    if (doc === last) continue;
    last = doc;
    if (!visit(doc)) return;
  }
}

/** A membership test for one source, for candidates that come in descending order. */
function probe({ lists, sets }: Source, driverSize: number, marks: Marks): (doc: number) => boolean {
  const inBits = (doc: number): boolean => {
    for (const bits of sets) if (hasBit(bits, doc)) return true;
    return false;
  };
  const total = lists.reduce((sum, list) => sum + list.length, 0);
  if (lists.length > 8 && total < driverSize * lists.length * 4) {
    const { stamps, mark } = marks.next();
    for (const list of lists) for (const doc of list) stamps[doc] = mark;
    return (doc) => stamps[doc] === mark || inBits(doc);
  }
  const hi = lists.map((list) => list.length);
  return (doc) => {
    if (inBits(doc)) return true;
    for (let j = 0; j < lists.length; j++) {
      const list = lists[j]!;
      const at = lowerBound(list, doc, 0, hi[j]);
      hi[j] = Math.min(hi[j]!, at + 1);
      if (list[at] === doc) return true;
    }
    return false;
  };
}

/** The newest `limit` live docs matching every source and the filter, newest first. */
export function runQuery(sources: readonly Source[], columns: DocColumns, filter: QueryFilter, marks: Marks): number[] {
  const { created, maxCreated, convOf, senderOf, idOf } = columns;
  const { conv, sender, since, before, limit } = filter;
  let driverIndex = 0;
  for (let i = 1; i < sources.length; i++) if (sources[i]!.size < sources[driverIndex]!.size) driverIndex = i;
  const driverSize = sources[driverIndex]!.size;
  const probes = sources.filter((_, i) => i !== driverIndex).map((source) => probe(source, driverSize, marks));

  // Min-heap on (created, id): the root is the oldest doc kept.
  const heap: number[] = [];
  const older = (a: number, b: number): boolean => created[a]! < created[b]! || (created[a] === created[b] && idOf[a]! < idOf[b]!);
  const siftDown = (): void => {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && older(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && older(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };

  walkDescending(sources[driverIndex]!, (doc) => {
    if (heap.length === limit && maxCreated[doc >>> MAX_CREATED_SHIFT]! < created[heap[0]!]!) return false;
    const time = created[doc]!;
    if (time < since || time >= before) return true;
    if (conv >= 0 && convOf[doc] !== conv) return true;
    if (sender >= 0 && senderOf[doc] !== sender) return true;
    if (idOf[doc] === undefined) return true;
    for (const has of probes) if (!has(doc)) return true;
    if (heap.length < limit) {
      let i = heap.push(doc) - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!older(heap[i]!, heap[parent]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (older(heap[0]!, doc)) {
      heap[0] = doc;
      siftDown();
    }
    return true;
  });
  return heap.sort((a, b) => (older(a, b) ? 1 : -1));
}
