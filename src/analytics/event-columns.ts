import type { EventBatchRecord, EventColumnsRecord } from '../storage';
import { EVENT_NAMES, type AnalyticsEvent } from './types';

const ERROR_LABEL_MAX = 300;
const NONE = -1;

const numberOr = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : Number.NaN);
/** The seed's conversions carry `value`; a few integrations send `revenue` instead. */
const valueOf = (properties: Record<string, unknown> | undefined): number => {
  if (!properties) return Number.NaN;
  const value = numberOr(properties.value);
  return Number.isNaN(value) ? numberOr(properties.revenue) : value;
};
const labelOf = (name: string, properties: Record<string, unknown> | undefined): string | null => {
  if (!properties) return null;
  if (name === EVENT_NAMES.webVital) return typeof properties.metric === 'string' ? properties.metric : null;
  if (name === EVENT_NAMES.error) {
    const text = `${typeof properties.name === 'string' ? properties.name : 'Error'}: ${typeof properties.message === 'string' ? properties.message : ''}`;
    return text.slice(0, ERROR_LABEL_MAX);
  }
  return null;
};

/**
 * The analyses' columnar copy of one stored batch, built from the batch's own columns (its string
 * table is reused as it is; only pages, titles and labels add strings).
 * @example storage.put('eventColumns', columnsOfBatch(batch)!);
 */
export function columnsOfBatch(batch: EventBatchRecord): EventColumnsRecord | null {
  // A batch of another format (an older widget's) is skipped, not misread.
  if (batch.format !== 2 || !batch.strings || !batch.time || !batch.contexts) return null;
  const n = batch.time.length;
  const strings = batch.strings.slice();
  let index: Map<string, number> | undefined;
  const str = (value: string): number => {
    index ??= new Map(strings.map((s, i) => [s, i]));
    let i = index.get(value);
    if (i === undefined) {
      i = strings.push(value) - 1;
      index.set(value, i);
    }
    return i;
  };
  const contextPage = batch.contexts.map((c) => str(c.page?.path ?? ''));
  const contextTitle = batch.contexts.map((c) => str(c.page?.title ?? ''));
  const record: EventColumnsRecord = {
    id: batch.id,
    format: 1,
    firstAt: batch.firstAt,
    lastAt: batch.lastAt,
    count: n,
    strings,
    event: new Int32Array(batch.event),
    user: new Int32Array(n),
    anonymousId: new Int32Array(batch.anonymousId),
    sessionId: new Int32Array(batch.sessionId),
    page: new Int32Array(n),
    title: new Int32Array(n),
    time: new Float64Array(batch.time),
    value: new Float64Array(n),
    label: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const user = batch.userId[i]!;
    record.user[i] = user >= 0 ? user : batch.anonymousId[i]!;
    const context = batch.context[i]!;
    record.page[i] = contextPage[context] ?? NONE;
    record.title[i] = contextTitle[context] ?? NONE;
    const properties = batch.properties[i];
    record.value[i] = valueOf(properties);
    const label = labelOf(strings[batch.event[i]!]!, properties);
    record.label[i] = label === null ? NONE : str(label);
  }
  return record;
}

/** Whether a stored columns record has the shape the table reads (a restored backup may hold anything). */
export function isColumnsRecord(value: EventColumnsRecord | undefined): value is EventColumnsRecord {
  if (!value || value.format !== 1 || !Array.isArray(value.strings) || !(value.time instanceof Float64Array)) return false;
  const n = value.time.length;
  return [value.event, value.user, value.anonymousId, value.sessionId, value.page, value.title, value.label].every((c) => c instanceof Int32Array && c.length === n)
    && value.value instanceof Float64Array && value.value.length === n && value.count === n
    && (value.parts === undefined || (Array.isArray(value.parts) && value.parts.reduce((sum, part) => sum + (Array.isArray(part) && typeof part[0] === 'string' && Number.isInteger(part[1]) && part[1] > 0 ? part[1] : Number.NaN), 0) === n));
}

/**
 * Events [start, start + count) of a record, as a record of their own: typed-array views and the
 * same strings, nothing copied (a segment's part seen as its batch's copy).
 * @example const copy = columnsView(segment, 'evb_…', 0, 200);
 */
export function columnsView(record: EventColumnsRecord, id: string, start: number, count: number): EventColumnsRecord {
  const end = start + count;
  const time = record.time.subarray(start, end);
  let firstAt = Infinity;
  let lastAt = -Infinity;
  for (const t of time) {
    if (t < firstAt) firstAt = t;
    if (t > lastAt) lastAt = t;
  }
  return {
    id, format: 1, firstAt, lastAt, count, strings: record.strings, time,
    event: record.event.subarray(start, end), user: record.user.subarray(start, end), anonymousId: record.anonymousId.subarray(start, end),
    sessionId: record.sessionId.subarray(start, end), page: record.page.subarray(start, end), title: record.title.subarray(start, end),
    value: record.value.subarray(start, end), label: record.label.subarray(start, end),
  };
}

/**
 * What stays under a batch's id once its copy is in a segment: the id, times and count, no columns.
 * @example storage.put('eventColumns', joinedStandIn(copy, segment.id));
 */
export function joinedStandIn(record: EventColumnsRecord, segment: string): EventColumnsRecord {
  const none = new Int32Array(0);
  return {
    id: record.id, format: 1, firstAt: record.firstAt, lastAt: record.lastAt, count: record.count, strings: [], joined: segment,
    event: none, user: none, anonymousId: none, sessionId: none, page: none, title: none, label: none, time: new Float64Array(0), value: new Float64Array(0),
  };
}

/**
 * Several batches' copies as one segment record (over one dictionary of strings), `parts` listing them in order.
 * @example storage.put('eventColumns', joinColumns('seg_…', copies));
 */
export function joinColumns(id: string, records: readonly EventColumnsRecord[]): EventColumnsRecord {
  const table = createEventTable(records.reduce((n, r) => n + r.count, 0));
  for (const record of records) table.appendRecord(record);
  const n = table.length;
  const ints = Object.fromEntries(INT_COLUMNS.map((c) => [c, table[c].slice(0, n)])) as Record<IntColumn, Int32Array>;
  return {
    id, format: 1,
    firstAt: Math.min(...records.map((r) => r.firstAt)),
    lastAt: Math.max(...records.map((r) => r.lastAt)),
    count: n, strings: table.strings.slice(), ...ints,
    time: table.time.slice(0, n), value: table.value.slice(0, n),
    parts: records.map((r) => [r.id, r.count]),
  };
}

type IntColumn = 'event' | 'user' | 'anonymousId' | 'sessionId' | 'page' | 'title' | 'label';
const INT_COLUMNS: readonly IntColumn[] = ['event', 'user', 'anonymousId', 'sessionId', 'page', 'title', 'label'];

/**
 * Every stored event as columns over ONE dictionary of strings: an analysis pass reads typed
 * arrays and compares integers, never strings or objects. Appending is amortised O(1).
 * @example const table = createEventTable(); table.appendRecord(record); table.strings[table.event[0]]
 */
export interface EventTable {
  readonly length: number;
  /** Grows whenever rows are dropped (truncate, clear): a reader that counted rows starts over. */
  readonly generation: number;
  readonly strings: readonly string[];
  readonly event: Int32Array;
  readonly user: Int32Array;
  readonly anonymousId: Int32Array;
  readonly sessionId: Int32Array;
  readonly page: Int32Array;
  readonly title: Int32Array;
  readonly label: Int32Array;
  readonly time: Float64Array;
  readonly value: Float64Array;
  /** The dictionary id of a string, or -1 when no event uses it. */
  idOf(value: string): number;
  /** Appends events `from`… of a stored columns record. */
  appendRecord(record: EventColumnsRecord, from?: number): void;
  /** Appends one event object (live events, before their batch is stored). */
  appendEvent(event: AnalyticsEvent): void;
  /** Drops the events from `length` on (the live tail, once their batches are read). */
  truncate(length: number): void;
  clear(): void;
}

export function createEventTable(initialCapacity = 1024): EventTable {
  let strings: string[] = [];
  let ids = new Map<string, number>();
  let length = 0;
  let generation = 0;
  let capacity = Math.max(16, initialCapacity);
  const ints = Object.fromEntries(INT_COLUMNS.map((c) => [c, new Int32Array(capacity)])) as Record<IntColumn, Int32Array>;
  let time = new Float64Array(capacity);
  let value = new Float64Array(capacity);
  let mapped: readonly string[] | undefined;
  let map = new Int32Array(0);

  const id = (text: string): number => {
    let i = ids.get(text);
    if (i === undefined) {
      i = strings.push(text) - 1;
      ids.set(text, i);
    }
    return i;
  };
  const ensure = (extra: number): void => {
    if (length + extra <= capacity) return;
    while (capacity < length + extra) capacity *= 2;
    for (const c of INT_COLUMNS) {
      const next = new Int32Array(capacity);
      next.set(ints[c].subarray(0, length));
      ints[c] = next;
    }
    const t = new Float64Array(capacity);
    t.set(time.subarray(0, length));
    time = t;
    const v = new Float64Array(capacity);
    v.set(value.subarray(0, length));
    value = v;
  };

  return {
    get length() {
      return length;
    },
    get generation() {
      return generation;
    },
    get strings() {
      return strings;
    },
    get event() {
      return ints.event;
    },
    get user() {
      return ints.user;
    },
    get anonymousId() {
      return ints.anonymousId;
    },
    get sessionId() {
      return ints.sessionId;
    },
    get page() {
      return ints.page;
    },
    get title() {
      return ints.title;
    },
    get label() {
      return ints.label;
    },
    get time() {
      return time;
    },
    get value() {
      return value;
    },
    idOf: (text) => ids.get(text) ?? NONE,
    appendRecord(record, from = 0) {
      const n = record.count - from;
      if (n <= 0) return;
      ensure(n);
      // The record's local string ids → this table's ids, once per record instead of per event
      // (once per segment: the parts of one segment share its strings).
      if (record.strings !== mapped) {
        mapped = record.strings;
        map = new Int32Array(mapped.length);
        for (let i = 0; i < map.length; i++) map[i] = id(mapped[i]!);
      }
      for (const c of INT_COLUMNS) {
        const source = record[c];
        const target = ints[c];
        for (let i = 0; i < n; i++) {
          const local = source[from + i]!;
          target[length + i] = local < 0 ? NONE : map[local]!;
        }
      }
      time.set(record.time.subarray(from, record.count), length);
      value.set(record.value.subarray(from, record.count), length);
      length += n;
    },
    appendEvent(event) {
      ensure(1);
      const i = length;
      ints.event[i] = id(event.event);
      ints.user[i] = id(event.userId ?? event.anonymousId);
      ints.anonymousId[i] = id(event.anonymousId);
      ints.sessionId[i] = id(event.sessionId);
      ints.page[i] = id(event.context.page.path);
      ints.title[i] = id(event.context.page.title);
      const label = labelOf(event.event, event.properties);
      ints.label[i] = label === null ? NONE : id(label);
      time[i] = event.time;
      value[i] = valueOf(event.properties);
      length++;
    },
    truncate(to) {
      const next = Math.min(length, Math.max(0, to));
      if (next < length) generation++;
      length = next;
    },
    clear() {
      generation++;
      length = 0;
      strings = [];
      ids = new Map();
      mapped = undefined;
    },
  };
}
