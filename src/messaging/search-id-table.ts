/**
 * Message id → doc id, for the search index: an open-addressing hash table of doc ids (4 bytes
 * a slot, at most half full) whose keys are read from `idOf`, the index's own doc → id column.
 * A `Map<string, number>` costs about twice as much per entry, and the index has one per message.
 * @example
 * const idOf = ['msg_a'];
 * const table = createIdTable(idOf);
 * table.set('msg_a', 0);
 * table.get('msg_a') // 0
 */
export interface IdTable {
  readonly size: number;
  get(id: string): number | undefined;
  /** Adds `id`, which must not be in the table; `idOf[doc]` must already be `id`. */
  set(id: string, doc: number): void;
  delete(id: string): void;
  /** Follows a renumbering of the docs (old doc → new doc, every doc in the table kept). */
  renumber(newOf: Int32Array): void;
  clear(): void;
  readonly byteLength: number;
}

const EMPTY = -1;
const MIN_CAPACITY = 1024;

/** FNV-1a over the UTF-16 units, with a final avalanche so that the low bits (the slot) vary. */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

export function createIdTable(idOf: ReadonlyArray<string | undefined>): IdTable {
  let slots = new Int32Array(MIN_CAPACITY).fill(EMPTY);
  let mask = MIN_CAPACITY - 1;
  let size = 0;

  /** The slot holding `id`, or the empty slot where it would go. */
  const find = (id: string): number => {
    let at = hashOf(id) & mask;
    for (;;) {
      const doc = slots[at]!;
      if (doc === EMPTY || idOf[doc] === id) return at;
      at = (at + 1) & mask;
    }
  };

  const place = (doc: number): void => {
    let at = hashOf(idOf[doc]!) & mask;
    while (slots[at] !== EMPTY) at = (at + 1) & mask;
    slots[at] = doc;
  };

  const allocate = (capacity: number): void => {
    slots = new Int32Array(capacity).fill(EMPTY);
    mask = capacity - 1;
  };

  const capacityFor = (count: number): number => {
    let capacity = MIN_CAPACITY;
    while (capacity < count * 2) capacity *= 2;
    return capacity;
  };

  return {
    get size() {
      return size;
    },
    get byteLength() {
      return slots.byteLength;
    },
    get(id) {
      const doc = slots[find(id)]!;
      return doc === EMPTY ? undefined : doc;
    },
    set(id, doc) {
      if (++size * 2 > slots.length) {
        const old = slots;
        allocate(slots.length * 2);
        for (const kept of old) if (kept !== EMPTY) place(kept);
      }
      slots[find(id)] = doc;
    },
    delete(id) {
      let hole = find(id);
      if (slots[hole] === EMPTY) return;
      size--;
      // Backward-shift deletion: pull later entries of the probe run into the hole, so lookups
      // never need tombstones.
      let at = hole;
      for (;;) {
        slots[hole] = EMPTY;
        for (;;) {
          at = (at + 1) & mask;
          const doc = slots[at]!;
          if (doc === EMPTY) return;
          const home = hashOf(idOf[doc]!) & mask;
          // Movable when its home is not in the cyclic range (hole, at].
          if (hole <= at ? home <= hole || home > at : home <= hole && home > at) break;
        }
        slots[hole] = slots[at]!;
        hole = at;
      }
    },
    renumber(newOf) {
      // Ids keep their slots: only the doc numbers change. A table left mostly empty by deletes
      // is rebuilt smaller.
      const capacity = capacityFor(size);
      const old = slots;
      if (capacity * 4 <= old.length) allocate(capacity);
      for (let at = 0; at < old.length; at++) {
        const doc = old[at]!;
        if (doc === EMPTY) continue;
        if (old === slots) slots[at] = newOf[doc]!;
        else place(newOf[doc]!);
      }
    },
    clear() {
      allocate(MIN_CAPACITY);
      size = 0;
    },
  };
}
