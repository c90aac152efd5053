/**
 * Query execution over posting lists (ascending doc ids). Each query word is a "source": one
 * list for an exact word, the lists of every matching token for the prefix word. The smallest
 * source drives; the others are probed. Candidates are visited from the highest doc id down:
 * doc ids follow arrival order, which is time order almost always, so once `limit` results are
 * kept and no older doc can beat them (`maxCreatedUpTo`), the walk stops early.
 */

export interface DocColumns {
  created: Float64Array;
  /** The largest `created` among doc ids 0..d: an upper bound for everything at or below d. */
  maxCreatedUpTo: Float64Array;
  convOf: Int32Array;
  senderOf: Int32Array;
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
  next(): { stamps: Uint32Array; mark: number };
}

/** First index in [lo, hi) of sorted `list` whose value is ≥ `value`. */
export function lowerBound(list: readonly number[], value: number, lo = 0, hi = list.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const size = (source: readonly number[][]): number => source.reduce((sum, list) => sum + list.length, 0);

/** Calls `visit` with the union of `lists` in descending order, without repeats, until it returns false. */
function walkDescending(lists: readonly number[][], visit: (doc: number) => boolean): void {
  if (lists.length === 1) {
    const list = lists[0]!;
    for (let i = list.length - 1; i >= 0; i--) if (!visit(list[i]!)) return;
    return;
  }
  // k-way merge with a max-heap of list cursors.
  const pos = lists.map((list) => list.length - 1);
  const heap = lists.map((_, i) => i).filter((i) => pos[i]! >= 0);
  const top = (i: number): number => lists[heap[i]!]![pos[heap[i]!]!]!;
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
    const list = heap[0]!;
    if (--pos[list]! < 0) {
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
function probe(source: readonly number[][], driverSize: number, marks: Marks): (doc: number) => boolean {
  const total = size(source);
  if (source.length > 8 && total < driverSize * source.length * 4) {
    const { stamps, mark } = marks.next();
    for (const list of source) for (const doc of list) stamps[doc] = mark;
    return (doc) => stamps[doc] === mark;
  }
  const hi = source.map((list) => list.length);
  return (doc) => {
    for (let j = 0; j < source.length; j++) {
      const list = source[j]!;
      const at = lowerBound(list, doc, 0, hi[j]);
      hi[j] = Math.min(hi[j]!, at + 1);
      if (list[at] === doc) return true;
    }
    return false;
  };
}

/** The newest `limit` docs matching every source and the filter, newest first. */
export function runQuery(sources: number[][][], columns: DocColumns, filter: QueryFilter, marks: Marks): number[] {
  const { created, maxCreatedUpTo, convOf, senderOf, idOf } = columns;
  const { conv, sender, since, before, limit } = filter;
  const sizes = sources.map(size);
  let driverIndex = 0;
  for (let i = 1; i < sources.length; i++) if (sizes[i]! < sizes[driverIndex]!) driverIndex = i;
  const probes = sources.filter((_, i) => i !== driverIndex).map((source) => probe(source, sizes[driverIndex]!, marks));

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
    if (heap.length === limit && maxCreatedUpTo[doc]! < created[heap[0]!]!) return false;
    const time = created[doc]!;
    if (time < since || time >= before) return true;
    if (conv >= 0 && convOf[doc] !== conv) return true;
    if (sender >= 0 && senderOf[doc] !== sender) return true;
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
