/**
 * Ordered funnels as one pure function, so the module, the dashboard and the bench share it.
 *
 * A unit (session or user) reaches step k when it has events of steps 1..k at strictly increasing
 * times; a step repeated in the funnel needs another, later event. With `windowMs`, every step must
 * come within `windowMs` of the chain's first event. Events may come in any order: one pass groups
 * the matching ones per unit into typed columns, then each unit's few events are sorted and walked once.
 */
export interface FunnelEventInput {
  event: string;
  time: number;
  sessionId?: string | null;
  userId?: string | null;
  anonymousId?: string | null;
}

export interface FunnelOptions {
  by?: 'session' | 'user';
  windowMs?: number;
  since?: number;
  until?: number;
}

export interface FunnelStepResult {
  name: string;
  /** Units that reached this step. */
  count: number;
  /** count / units that reached the first step (0–1). */
  conversionRate: number;
  /** count / count of the previous step (0–1; 1 for the first step). */
  conversionFromPrevious: number;
  /** Units lost since the previous step (0 for the first step). */
  dropOff: number;
  /** dropOff / count of the previous step (0–1). */
  dropOffRate: number;
  /** Median time from the previous step to this one, for units reaching it; null for step 1 or no data. */
  medianTimeFromPreviousMs: number | null;
}

export interface FunnelResult {
  steps: FunnelStepResult[];
  by: 'session' | 'user';
  windowMs: number | null;
  /** Units that reached the first step. */
  entered: number;
  /** Units that reached the last step. */
  completed: number;
  /** completed / entered (0–1). */
  overallConversionRate: number;
}

const unitKey = (event: FunnelEventInput, by: 'session' | 'user'): string | null | undefined =>
  by === 'session' ? event.sessionId : (event.userId ?? event.anonymousId);

/**
 * @example
 * computeFunnel(events, ['page_view', 'add_to_cart', 'purchase'], { by: 'session', windowMs: 3_600_000 })
 *   .steps.map((s) => s.count) // [120, 30, 4]
 */
export function computeFunnel(events: Iterable<FunnelEventInput>, steps: readonly string[], options: FunnelOptions = {}): FunnelResult {
  const by = options.by ?? 'session';
  const windowMs = options.windowMs ?? Infinity;
  const since = options.since ?? -Infinity;
  const until = options.until ?? Infinity;
  const { names, positions } = funnelPositions(steps);

  // Pass over the events: keep only funnel events in range, as columns (unit, time, name).
  const unitIds = new Map<string, number>();
  let capacity = Array.isArray(events) ? Math.max(16, events.length) : 1024;
  let unitOf = new Int32Array(capacity);
  let timeOf = new Float64Array(capacity);
  let nameOf = new Int32Array(capacity);
  let m = 0;
  let lastKey = '';
  let lastUnit = 0;
  for (const event of events) {
    const nameId = names.get(event.event);
    if (nameId === undefined) continue;
    const time = event.time;
    if (time < since || time > until) continue;
    const key = unitKey(event, by);
    if (!key) continue;
    // Events of one unit tend to sit together: skip the hash lookup for a run of them.
    let unit = key === lastKey ? lastUnit : unitIds.get(key);
    if (unit === undefined) {
      unit = unitIds.size;
      unitIds.set(key, unit);
    }
    lastKey = key;
    lastUnit = unit;
    if (m === capacity) {
      capacity *= 2;
      unitOf = grow(unitOf, new Int32Array(capacity));
      timeOf = grow(timeOf, new Float64Array(capacity));
      nameOf = grow(nameOf, new Int32Array(capacity));
    }
    unitOf[m] = unit;
    timeOf[m] = time;
    nameOf[m] = nameId;
    m++;
  }

  return walkFunnel({ steps, positions, by, windowMs, unitCount: unitIds.size, length: m, unitOf, timeOf, nameOf });
}

/** Funnel events as columns: unit (dense id below `unitCount`), time and step-name id, `length` of them. */
export interface FunnelColumns {
  steps: readonly string[];
  /** Per step-name id, the funnel positions it can fill, highest first. */
  positions: readonly number[][];
  by: 'session' | 'user';
  windowMs: number;
  unitCount: number;
  length: number;
  unitOf: Int32Array;
  timeOf: Float64Array;
  nameOf: Int32Array;
}

/**
 * The step-name ids of a funnel: each distinct name → the positions it can fill, highest first
 * (so one event never fills two positions of the same chain while the group below is applied).
 */
export function funnelPositions(steps: readonly string[]): { names: Map<string, number>; positions: number[][] } {
  const names = new Map<string, number>();
  const positions: number[][] = [];
  steps.forEach((step, index) => {
    let id = names.get(step);
    if (id === undefined) {
      id = positions.length;
      names.set(step, id);
      positions.push([]);
    }
    positions[id]!.unshift(index);
  });
  return { names, positions };
}

/**
 * Groups the funnel events by unit (counting sort) and walks each unit's chain once: what
 * `computeFunnel` does after its pass over event objects.
 */
export function walkFunnel(input: FunnelColumns): FunnelResult {
  const { unitCount, length: m, unitOf, timeOf, nameOf } = input;
  // Counting sort by unit (stable, so arrival order survives inside a unit).
  const offsets = new Int32Array(unitCount + 1);
  for (let i = 0; i < m; i++) offsets[unitOf[i]! + 1]!++;
  for (let u = 0; u < unitCount; u++) offsets[u + 1]! += offsets[u]!;
  const cursor = offsets.slice(0, unitCount);
  const times = new Float64Array(m);
  const stepNames = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const at = cursor[unitOf[i]!]!++;
    times[at] = timeOf[i]!;
    stepNames[at] = nameOf[i]!;
  }
  return walkGroups({ ...input, offsets, times, stepNames });
}

/** Funnel events grouped by unit: unit u's are [offsets[u], offsets[u + 1]) of `times` and `stepNames`, in arrival order. */
export interface GroupedFunnel {
  steps: readonly string[];
  positions: readonly number[][];
  by: 'session' | 'user';
  windowMs: number;
  unitCount: number;
  offsets: Int32Array;
  times: Float64Array;
  stepNames: Int32Array;
}

/**
 * Walks each unit's chain once (its few events sorted by time first): the counts, drop-offs and
 * median gaps of the funnel. The columnar funnel groups its events straight from the table.
 */
export function walkGroups(input: GroupedFunnel): FunnelResult {
  const { steps, positions, by, windowMs, unitCount, offsets, times, stepNames } = input;
  const stepCount = steps.length;
  // The positions each step name can fill, flattened (highest first): no arrays of arrays in the loop.
  const positionFrom = new Int32Array(positions.length + 1);
  positions.forEach((list, name) => (positionFrom[name + 1] = positionFrom[name]! + list.length));
  const positionList = Int32Array.from(positions.flat());

  const counts = new Int32Array(stepCount);
  const gaps: number[][] = Array.from({ length: stepCount }, () => []);
  const start = new Float64Array(stepCount);
  const last = new Float64Array(stepCount);
  const nextStart = new Float64Array(stepCount).fill(-Infinity);
  const nextLast = new Float64Array(stepCount);
  // Positions proposed by the events of one instant (each at most once).
  const touched = new Int32Array(stepCount);

  for (let u = 0; u < unitCount; u++) {
    const from = offsets[u]!;
    const to = offsets[u + 1]!;
    if (from === to) continue;
    sortRange(times, stepNames, from, to);
    start.fill(-Infinity);
    let reached = -1;
    let i = from;
    while (i < to) {
      const time = times[i]!;
      // Events at the same instant are applied together against the state before them:
      // strictly increasing times mean none of them can follow another.
      let j = i;
      let proposed = 0;
      while (j < to && times[j] === time) {
        const name = stepNames[j]!;
        for (let p = positionFrom[name]!, end = positionFrom[name + 1]!; p < end; p++) {
          const k = positionList[p]!;
          const candidate = k === 0 ? time : start[k - 1]!;
          if (candidate === -Infinity || time - candidate > windowMs) continue;
          if (candidate > nextStart[k]!) {
            if (nextStart[k] === -Infinity) touched[proposed++] = k;
            nextStart[k] = candidate;
            nextLast[k] = k === 0 ? 0 : time - last[k - 1]!;
          }
        }
        j++;
      }
      // Lowest position first, as a step's gap is read from the one before it.
      if (proposed > 1) touched.subarray(0, proposed).sort();
      for (let q = 0; q < proposed; q++) {
        const k = touched[q]!;
        // The chain with the latest start dominates: it has the most window left.
        if (nextStart[k]! > start[k]!) {
          start[k] = nextStart[k]!;
          if (k > reached) {
            reached = k;
            if (k > 0) gaps[k]!.push(nextLast[k]!);
          }
          last[k] = time;
        }
        nextStart[k] = -Infinity;
      }
      i = j;
    }
    for (let k = 0; k <= reached; k++) counts[k]!++;
  }

  const entered = counts[0] ?? 0;
  const result = steps.map((name, k): FunnelStepResult => {
    const count = counts[k]!;
    const previous = k === 0 ? count : counts[k - 1]!;
    const dropOff = k === 0 ? 0 : previous - count;
    return {
      name,
      count,
      conversionRate: entered === 0 ? 0 : count / entered,
      conversionFromPrevious: previous === 0 ? 0 : count / previous,
      dropOff,
      dropOffRate: previous === 0 ? 0 : dropOff / previous,
      medianTimeFromPreviousMs: k === 0 ? null : median(gaps[k]!),
    };
  });
  const completed = counts[stepCount - 1] ?? 0;
  return {
    steps: result,
    by,
    windowMs: Number.isFinite(windowMs) ? windowMs : null,
    entered,
    completed,
    overallConversionRate: entered === 0 ? 0 : completed / entered,
  };
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Sorts one unit's events by time in place (insertion sort: a unit has few, mostly ordered events). */
function sortRange(times: Float64Array, names: Int32Array, from: number, to: number): void {
  if (to - from > 32) {
    let sorted = true;
    for (let i = from + 1; i < to && sorted; i++) sorted = times[i]! >= times[i - 1]!;
    if (sorted) return;
    // A big, shuffled unit: an O(n log n) sort instead of insertion sort's O(n²).
    const order = Array.from({ length: to - from }, (_, i) => from + i).sort((a, b) => times[a]! - times[b]! || a - b);
    const t = order.map((i) => times[i]!);
    const n = order.map((i) => names[i]!);
    times.set(t, from);
    names.set(n, from);
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const time = times[i]!;
    if (time >= times[i - 1]!) continue;
    const name = names[i]!;
    let j = i - 1;
    while (j >= from && times[j]! > time) {
      times[j + 1] = times[j]!;
      names[j + 1] = names[j]!;
      j--;
    }
    times[j + 1] = time;
    names[j + 1] = name;
  }
}

/** Median of a list (the average of the two middle values for an even count); null when empty. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
