import { createId } from '../core/ids';
import type { EventBatchRecord } from '../storage';
import type { AnalyticsEvent, EventContext, EventType, Properties } from './types';

export type { EventBatchRecord } from '../storage';

/** @example storage.put('events', packBatch(events)); */
export function packBatch(events: readonly AnalyticsEvent[], id?: string): EventBatchRecord {
  const n = events.length;
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const str = (value: string): number => {
    let i = stringIndex.get(value);
    if (i === undefined) {
      i = strings.push(value) - 1;
      stringIndex.set(value, i);
    }
    return i;
  };
  const contexts: EventContext[] = [];
  const contextIndex = new Map<EventContext, number>();
  const record: EventBatchRecord = {
    id: '',
    format: 2,
    firstAt: Infinity,
    lastAt: -Infinity,
    count: n,
    contexts,
    strings,
    type: new Int32Array(n),
    event: new Int32Array(n),
    userId: new Int32Array(n),
    anonymousId: new Int32Array(n),
    sessionId: new Int32Array(n),
    context: new Int32Array(n),
    time: new Float64Array(n),
    messageId: new Array<string>(n),
    timestamp: new Array<string>(n),
    properties: new Array<Properties>(n),
    traits: [],
  };
  for (let i = 0; i < n; i++) {
    const e = events[i]!;
    let c = contextIndex.get(e.context);
    if (c === undefined) {
      c = contexts.push(e.context) - 1;
      contextIndex.set(e.context, c);
    }
    record.type[i] = str(e.type);
    record.event[i] = str(e.event);
    record.userId[i] = e.userId === null ? -1 : str(e.userId);
    record.anonymousId[i] = str(e.anonymousId);
    record.sessionId[i] = str(e.sessionId);
    record.context[i] = c;
    record.time[i] = e.time;
    record.messageId[i] = e.messageId;
    record.timestamp[i] = e.timestamp;
    record.properties[i] = e.properties;
    if (e.traits) record.traits.push([i, e.traits]);
    if (e.time < record.firstAt) record.firstAt = e.time;
    if (e.time > record.lastAt) record.lastAt = e.time;
  }
  record.id = id ?? createId('evb', Math.floor(record.firstAt));
  return record;
}

/**
 * Events read back from IndexedDB or another tab would carry one copy of every id string per
 * batch. Sharing one string per distinct id saves memory, and it makes grouping by session or
 * user (funnels, the dashboard) hit V8's fast path for identical keys.
 * @example const intern = createInterner(); unpackBatch(a, intern); unpackBatch(b, intern);
 */
export function createInterner(limit = 50_000): (value: string) => string {
  let pool = new Map<string, string>();
  return (value) => {
    const known = pool.get(value);
    if (known !== undefined) return known;
    if (pool.size >= limit) pool = new Map();
    pool.set(value, value);
    return value;
  };
}

const sameString = (value: string): string => value;
const eventType = (value: string): EventType => (value === 'page' || value === 'identify' ? value : 'track');

/** @example const events = unpackBatch(record, createInterner()); */
export function unpackBatch(record: EventBatchRecord, intern: (value: string) => string = sameString): AnalyticsEvent[] {
  // A batch of another format (an older widget's) is skipped, not misread.
  if (record.format !== 2 || !record.strings || !record.time || !record.contexts) return [];
  const strings = record.strings.map(intern);
  const traits = new Map(record.traits ?? []);
  const out = new Array<AnalyticsEvent>(record.time.length);
  for (let i = 0; i < out.length; i++) {
    const name = strings[record.event[i]!]!;
    const user = record.userId[i]!;
    const event: AnalyticsEvent = {
      type: eventType(strings[record.type[i]!]!),
      event: name,
      name,
      properties: record.properties[i]!,
      userId: user < 0 ? null : strings[user]!,
      anonymousId: strings[record.anonymousId[i]!]!,
      messageId: record.messageId[i]!,
      timestamp: record.timestamp[i]!,
      time: record.time[i]!,
      sessionId: strings[record.sessionId[i]!]!,
      context: record.contexts[record.context[i]!]!,
    };
    const t = traits.get(i);
    if (t) event.traits = t;
    out[i] = event;
  }
  return out;
}
