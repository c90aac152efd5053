/**
 * The doc ids of one token, in the cheapest of three shapes:
 * - a number: the only doc (most tokens are order numbers, tracking codes, names: seen once);
 * - an array of ascending doc ids (4 bytes each);
 * - a bitset over doc ids, once the token is in more than 1 doc in 32 ("de", "para", "pedido"),
 *   where a bit per doc costs less than 4 bytes per match.
 * Ids only ever append (a new doc has the highest id), so every shape stays sorted.
 * @example
 * let p = appendDoc(undefined, 3); // 3
 * p = appendDoc(p, 9); // [3, 9]
 * countOf(p) // 2
 */
export type Postings = number | number[] | Bitset;

/** Bit `d` of `bits` is set when doc `d` has the token; words past the end are all zero. */
export interface Bitset {
  bits: Uint32Array<ArrayBuffer>;
  count: number;
}

// Below this many docs an array is small whatever the density; converting would only churn.
const MIN_BITSET_COUNT = 64;

/** Whether `count` docs up to doc id `last` are cheaper as a bitset (one bit per id) than as 4-byte ids. */
const denseEnough = (count: number, last: number): boolean => count >= MIN_BITSET_COUNT && count * 32 > last + 1;

export const isBitset = (postings: Postings): postings is Bitset => typeof postings === 'object' && !Array.isArray(postings);

export function hasBit(bits: Uint32Array, doc: number): boolean {
  const word = doc >>> 5;
  return word < bits.length && (bits[word]! & (1 << (doc & 31))) !== 0;
}

/** The highest set bit at or below `from`, or -1. */
export function prevSetBit(bits: Uint32Array, from: number): number {
  if (from < 0) return -1;
  let word = from >>> 5;
  if (word >= bits.length) {
    word = bits.length - 1;
    from = bits.length * 32 - 1;
  }
  // Keep bits 0..(from & 31) of the first word: a shift by 32 would be a shift by 0, hence the two steps.
  let w = bits[word]! & (0xffffffff >>> (31 - (from & 31)));
  while (w === 0) {
    if (--word < 0) return -1;
    w = bits[word]!;
  }
  return (word << 5) + 31 - Math.clz32(w);
}

function toBitset(docs: readonly number[], last: number): Bitset {
  const bits = new Uint32Array((last >>> 5) + 1);
  for (const doc of docs) bits[doc >>> 5]! |= 1 << (doc & 31);
  return { bits, count: docs.length };
}

function toArray(set: Bitset): number[] {
  const docs: number[] = new Array(set.count);
  let k = set.count;
  for (let doc = prevSetBit(set.bits, set.bits.length * 32 - 1); doc >= 0; doc = prevSetBit(set.bits, doc - 1)) docs[--k] = doc;
  return docs;
}

/** `postings` with `doc` added; `doc` is at least every id already there (a repeat is ignored). */
export function appendDoc(postings: Postings | undefined, doc: number): Postings {
  if (postings === undefined) return doc;
  if (typeof postings === 'number') return postings === doc ? postings : [postings, doc];
  if (Array.isArray(postings)) {
    if (postings[postings.length - 1] === doc) return postings;
    postings.push(doc);
    return denseEnough(postings.length, doc) ? toBitset(postings, doc) : postings;
  }
  const word = doc >>> 5;
  if (word >= postings.bits.length) {
    // A token that was common early and is rare now: back to ids when the bits cost twice as much.
    if (postings.count * 64 < doc) {
      const docs = toArray(postings);
      docs.push(doc);
      return docs;
    }
    const bits = new Uint32Array(Math.max(word + 1, Math.ceil(postings.bits.length * 1.25)));
    bits.set(postings.bits);
    postings.bits = bits;
  }
  const mask = 1 << (doc & 31);
  if ((postings.bits[word]! & mask) === 0) {
    postings.bits[word]! |= mask;
    postings.count++;
  }
  return postings;
}

export function countOf(postings: Postings): number {
  if (typeof postings === 'number') return 1;
  return Array.isArray(postings) ? postings.length : postings.count;
}

/**
 * The postings renumbered by `newOf` (old doc id → new id, or -1 for a dead doc; ascending for
 * the live ones), in the cheapest shape for what is left; undefined when no doc is left. Arrays
 * are renumbered in place.
 */
export function renumber(postings: Postings, newOf: Int32Array): Postings | undefined {
  if (typeof postings === 'number') {
    const doc = newOf[postings]!;
    return doc >= 0 ? doc : undefined;
  }
  if (Array.isArray(postings)) {
    let k = 0;
    for (const doc of postings) {
      const next = newOf[doc]!;
      if (next >= 0) postings[k++] = next;
    }
    postings.length = k;
    if (k <= 1) return k === 1 ? postings[0]! : undefined;
    return denseEnough(k, postings[k - 1]!) ? toBitset(postings, postings[k - 1]!) : postings;
  }
  const { bits } = postings;
  let last = prevSetBit(bits, bits.length * 32 - 1);
  while (last >= 0 && newOf[last]! < 0) last = prevSetBit(bits, last - 1);
  if (last < 0) return undefined;
  const next = new Uint32Array((newOf[last]! >>> 5) + 1);
  let count = 0;
  let single = -1;
  for (let word = 0; word < bits.length; word++) {
    for (let w = bits[word]!; w !== 0; w &= w - 1) {
      const doc = newOf[(word << 5) + 31 - Math.clz32(w & -w)]!;
      if (doc < 0) continue;
      next[doc >>> 5]! |= 1 << (doc & 31);
      count++;
      single = doc;
    }
  }
  if (count === 1) return single;
  const set = { bits: next, count };
  return denseEnough(count, newOf[last]!) ? set : toArray(set);
}

/** Approximate heap bytes of the postings (V8 with pointer compression). */
export function bytesOf(postings: Postings): number {
  if (typeof postings === 'number') return 0;
  // An array: object + elements header + 4-byte small integers with growth slack.
  if (Array.isArray(postings)) return 16 + 8 + postings.length * 4 * 1.2;
  // The holder, the typed array and its buffer, then the bits.
  return 16 + 100 + postings.bits.byteLength;
}
