import { cohortsOf, periodIndex, type CohortData, type CohortPeriod } from './cohorts';
import type { SegmentThresholds } from './config';
import type { EventTable } from './event-columns';
import { funnelPositions, walkGroups, type FunnelOptions, type FunnelResult } from './funnel';
import { classifyUser, emptySegments, sortSegmentUsers, type Segments } from './segments';

/*
 * The seed's analyses over the stored columns: the same definitions as computeFunnel,
 * computeCohorts and computeSegments (which the unit tests use as the oracle), with integer
 * dictionary ids in place of strings, so a pass is typed-array reads and no hashing.
 */

const inRange = (t: number, since: number, until: number): boolean => t >= since && t <= until;

/**
 * The funnel's working columns over one table, kept between calls. Allocating them anew (~10 MB
 * of array buffers at 1,000,000 events) made each call count as external memory pressure, and on
 * a page holding a large heap that started a full garbage collection inside the call: 100 ms
 * calls that took 300–480 ms now and then. They die with the table.
 */
interface FunnelScratch {
  stepOf: Int32Array;
  offsets: Int32Array;
  cursor: Int32Array;
  times: Float64Array;
  stepNames: Int32Array;
}
const scratches = new WeakMap<EventTable, FunnelScratch>();

/** Room for `count` plus a quarter (a growing table does not reallocate at each call). */
const roomFor = (count: number): number => count + (count >> 2) + 16;

function scratchFor(table: EventTable, unitCount: number): FunnelScratch {
  let scratch = scratches.get(table);
  if (!scratch) {
    scratch = { stepOf: new Int32Array(0), offsets: new Int32Array(0), cursor: new Int32Array(0), times: new Float64Array(0), stepNames: new Int32Array(0) };
    scratches.set(table, scratch);
  }
  if (scratch.offsets.length < unitCount + 1) {
    const size = roomFor(unitCount + 1);
    scratch.stepOf = new Int32Array(size);
    scratch.offsets = new Int32Array(size);
    scratch.cursor = new Int32Array(size);
  }
  return scratch;
}

function grownEvents(scratch: FunnelScratch, count: number): { times: Float64Array; stepNames: Int32Array } {
  if (scratch.times.length < count) {
    scratch.times = new Float64Array(roomFor(count));
    scratch.stepNames = new Int32Array(scratch.times.length);
  }
  return scratch;
}

/**
 * An ordered funnel over the table (see `computeFunnel` for the rules).
 * @example computeTableFunnel(table, ['page_view', 'add_to_cart', 'purchase'], { by: 'session', windowMs: 3_600_000 })
 */
export function computeTableFunnel(table: EventTable, steps: readonly string[], options: FunnelOptions = {}): FunnelResult {
  const by = options.by ?? 'session';
  const since = options.since ?? -Infinity;
  const until = options.until ?? Infinity;
  const { names, positions } = funnelPositions(steps);
  const unitCount = table.strings.length;
  const scratch = scratchFor(table, unitCount);
  // Dictionary id → step-name id (-1: not a funnel event).
  const stepOf = scratch.stepOf.fill(-1, 0, unitCount);
  for (const [name, id] of names) {
    const word = table.idOf(name);
    if (word >= 0) stepOf[word] = id;
  }
  const units = by === 'session' ? table.sessionId : table.user;
  const { event, time } = table;
  const n = table.length;
  // Units are dictionary ids: the funnel events are grouped by unit straight from the table (a
  // counting sort of two passes over the columns), with no intermediate columns.
  const offsets = scratch.offsets.fill(0, 0, unitCount + 1);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (stepOf[event[i]!]! < 0) continue;
    const t = time[i]!;
    if (t < since || t > until) continue;
    offsets[units[i]! + 1]!++;
    m++;
  }
  for (let u = 0; u < unitCount; u++) offsets[u + 1]! += offsets[u]!;
  const cursor = scratch.cursor;
  cursor.set(offsets.subarray(0, unitCount));
  const { times, stepNames } = grownEvents(scratch, m);
  for (let i = 0; i < n; i++) {
    const step = stepOf[event[i]!]!;
    if (step < 0) continue;
    const t = time[i]!;
    if (t < since || t > until) continue;
    const at = cursor[units[i]!]!++;
    times[at] = t;
    stepNames[at] = step;
  }
  return walkGroups({ steps, positions, by, windowMs: options.windowMs ?? Infinity, unitCount, offsets, times, stepNames });
}

/**
 * Cohort retention over the table's events in [since, until] (see `computeCohorts`).
 * @example computeTableCohorts(table, 'page_view', 'week', -18_000_000).cohorts[0].retention
 */
export function computeTableCohorts(table: EventTable, eventName: string, period: CohortPeriod, offsetMs: number, since = -Infinity, until = Infinity): CohortData {
  const target = table.idOf(eventName);
  const first = new Map<number, number>();
  const active = new Map<number, Set<number>>();
  const { user, time, event } = table;
  for (let i = 0; i < table.length; i++) {
    const t = time[i]!;
    if (!inRange(t, since, until)) continue;
    const u = user[i]!;
    const index = periodIndex(t, period, offsetMs);
    const seen = first.get(u);
    if (seen === undefined || index < seen) first.set(u, index);
    if (event[i] === target) {
      let set = active.get(u);
      if (!set) active.set(u, (set = new Set()));
      set.add(index);
    }
  }
  return cohortsOf(first, active, eventName, period);
}

/**
 * RFM segments over the table's events in [since, until] (see `computeSegments`).
 * @example computeTableSegments(table, 'purchase', thresholds, Date.now())['at-risk'].count
 */
export function computeTableSegments(table: EventTable, conversionEvent: string, thresholds: SegmentThresholds, now: number, since = -Infinity, until = Infinity): Segments {
  const size = table.strings.length;
  const conversion = table.idOf(conversionEvent);
  const firstSeen = new Float64Array(size).fill(Infinity);
  const lastSeen = new Float64Array(size).fill(-Infinity);
  const purchases = new Int32Array(size);
  const revenue = new Float64Array(size);
  const sessions = new Int32Array(size);
  // A (user, session) pair counts once: the session's owner so far, and a set for the rare
  // session shared by two users (an identify in the middle of it).
  const owner = new Int32Array(size).fill(-1);
  const shared = new Set<number>();
  const { user, time, event, sessionId, value } = table;
  for (let i = 0; i < table.length; i++) {
    const t = time[i]!;
    if (!inRange(t, since, until)) continue;
    const u = user[i]!;
    if (t < firstSeen[u]!) firstSeen[u] = t;
    if (t > lastSeen[u]!) lastSeen[u] = t;
    const s = sessionId[i]!;
    if (owner[s] === -1) {
      owner[s] = u;
      sessions[u]!++;
    } else if (owner[s] !== u) {
      const pair = u * size + s;
      if (!shared.has(pair)) {
        shared.add(pair);
        sessions[u]!++;
      }
    }
    if (event[i] === conversion) {
      purchases[u]!++;
      const v = value[i]!;
      if (Number.isFinite(v)) revenue[u]! += v;
    }
  }
  const out = emptySegments();
  for (let u = 0; u < size; u++) {
    if (firstSeen[u] === Infinity) continue;
    const user = classifyUser({
      userId: table.strings[u]!, firstSeen: firstSeen[u]!, lastSeen: lastSeen[u]!, sessions: sessions[u]!, purchases: purchases[u]!, revenue: revenue[u]!,
    }, thresholds, now);
    out[user.segment].count++;
    out[user.segment].users.push(user);
  }
  sortSegmentUsers(out);
  return out;
}
