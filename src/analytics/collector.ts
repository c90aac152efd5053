import type { Clock } from '../core/clock';
import { createId, createUuid } from '../core/ids';
import type { ChatbotStorage } from '../storage';
import { createEventBuffer, type EventBuffer } from './buffer';
import { createInterner, packBatch, unpackBatch } from './batch-format';
import type { AnalyticsEvent, EventContext, EventType, Properties } from './types';

type Listener = (event: AnalyticsEvent) => void;

/** How long a batch record keeps taking appended events. */
const OPEN_RECORD_MS = 5 * 60_000;
/** Other tabs' batch records seen, to take only the appended events of a rewritten one. */
const REMOTE_SEEN_LIMIT = 500;

export interface CollectorOptions {
  clock: Clock;
  storage: ChatbotStorage;
  bufferSize: number;
  flushIntervalMs: number;
  flushAt: number;
  /** Called with each batch as it is written (the transport's outbox). */
  onBatch?: (events: AnalyticsEvent[]) => void;
  /** Called on every flush, batch or not (session pointer). */
  onFlush?: () => void;
}

/**
 * The hot path: builds an event, appends it to the ring buffer and the pending batch, tells the
 * subscribers. Nothing here validates or touches IndexedDB per event: the pending batch is written
 * as ONE `events` record every `flushIntervalMs` or `flushAt` events, and other tabs' batches
 * arrive through the storage broadcast.
 * @example const collector = createCollector({ clock, storage, bufferSize: 20_000, flushIntervalMs: 1000, flushAt: 200 });
 */
export interface Collector {
  readonly buffer: EventBuffer;
  /** Time of the newest event recorded by this tab (with its sub-millisecond ordering step). */
  readonly lastTime: number;
  record(
    type: EventType,
    event: string,
    properties: Properties,
    who: { anonymousId: string; userId: string | null },
    sessionId: string,
    context: EventContext,
    time: number,
    traits?: Properties,
  ): AnalyticsEvent;
  /** Adds an event with its own (possibly past) time, e.g. a session end. */
  recordAt(event: AnalyticsEvent): void;
  /** Seeds the buffer with stored events and merges batches that arrived meanwhile. */
  seed(events: AnalyticsEvent[], batchCounts: Map<string, number>): void;
  /** Replaces the buffer with stored events (after a backup restore), keeping unwritten ones. */
  replaceAll(events: AnalyticsEvent[]): void;
  onEvent(listener: Listener): () => void;
  /** Writes the pending batch now (flush, pagehide, dispose). */
  flushPending(): void;
  pendingCount(): number;
  dispose(): void;
}

export function createCollector(options: CollectorOptions): Collector {
  const { clock, storage } = options;
  const buffer = createEventBuffer(options.bufferSize);
  const listeners = new Set<Listener>();
  let pending: AnalyticsEvent[] = [];
  let timer: unknown;
  let soon = false;
  let seeded = false;
  let lastTime = -Infinity;
  // Per-event strings are the main cost of a retained event (a fresh UUID string per event costs
  // several µs in GC): message ids are a per-page random prefix plus a counter (unique, as Segment
  // asks), and events of the same millisecond share one ISO timestamp string.
  const idPrefix = `${createUuid()}-`;
  let idCounter = 0;
  let isoMs = Number.NaN;
  let iso = '';
  /** Other tabs' new events that arrived before the stored ones were loaded. */
  const early: Array<{ id: string; events: AnalyticsEvent[] }> = [];

  const notify = (event: AnalyticsEvent): void => {
    for (const listener of listeners) listener(event);
  };

  // The batch record written last stays open for a while: later small flushes rewrite it with
  // the new events appended, so a trickle of events (one click every few seconds) does not turn
  // into one IndexedDB record per event, which would make loading 100,000 events take seconds.
  let open: { id: string; events: AnalyticsEvent[]; openedAt: number } | undefined;

  const write = (events: AnalyticsEvent[], fresh: AnalyticsEvent[]): void => {
    storage.put('events', packBatch(events, open!.id));
    options.onBatch?.(fresh);
  };

  const flushPending = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    soon = false;
    const now = clock.now();
    let i = 0;
    while (i < pending.length) {
      if (open && open.events.length < options.flushAt && now - open.openedAt < OPEN_RECORD_MS) {
        const fresh = pending.slice(i, i + options.flushAt - open.events.length);
        open.events = open.events.concat(fresh);
        write(open.events, fresh);
        i += fresh.length;
      } else {
        const fresh = pending.slice(i, i + options.flushAt);
        open = { id: createId('evb', Math.floor(fresh[0]!.time)), events: fresh, openedAt: now };
        write(fresh, fresh);
        i += fresh.length;
      }
      if (open.events.length >= options.flushAt) open = undefined;
    }
    pending = [];
    options.onFlush?.();
  };

  const enqueue = (event: AnalyticsEvent): void => {
    pending.push(event);
    if (pending.length >= options.flushAt && !soon) {
      // Packing happens in its own task, never inside the caller's track().
      soon = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = clock.setTimeout(flushPending, 0);
    } else if (timer === undefined) timer = clock.setTimeout(flushPending, options.flushIntervalMs);
  };

  const remoteSeen = new Map<string, number>();
  const intern = createInterner();
  const unsubscribe = storage.subscribe('events', (changes, origin) => {
    if (origin !== 'remote') return;
    for (const change of changes) {
      if (change.op !== 'put' || !change.value) continue;
      const id = change.value.id;
      const all = unpackBatch(change.value, intern);
      const events = all.slice(remoteSeen.get(id) ?? 0);
      remoteSeen.delete(id);
      remoteSeen.set(id, all.length);
      if (remoteSeen.size > REMOTE_SEEN_LIMIT) remoteSeen.delete(remoteSeen.keys().next().value!);
      if (!seeded) {
        early.push({ id, events });
        continue;
      }
      for (const event of events) {
        buffer.insert(event);
        notify(event);
      }
    }
  });

  return {
    buffer,
    get lastTime() {
      return lastTime;
    },
    record(type, name, properties, who, sessionId, context, now, traits) {
      // One tab's events keep their order even within one millisecond (a funnel needs strictly
      // increasing times): a microsecond step, so a burst drifts by at most ~1 ms per 1,000 events.
      const time = now > lastTime ? now : lastTime + 0.001;
      lastTime = time;
      const ms = Math.floor(time);
      if (ms !== isoMs) {
        isoMs = ms;
        iso = new Date(ms).toISOString();
      }
      const event: AnalyticsEvent = {
        type,
        event: name,
        name,
        properties,
        userId: who.userId,
        anonymousId: who.anonymousId,
        messageId: idPrefix + (idCounter++).toString(36),
        timestamp: iso,
        time,
        sessionId,
        context,
      };
      if (traits) event.traits = traits;
      buffer.push(event);
      enqueue(event);
      notify(event);
      return event;
    },
    recordAt(event) {
      buffer.insert(event);
      enqueue(event);
      notify(event);
    },
    seed(events, batchCounts) {
      const mine = buffer.toArray();
      buffer.clear();
      for (const event of events) buffer.push(event);
      // A batch that arrived while loading may also have been read: keep only what the read missed.
      const arrived = new Map<string, number>();
      for (const batch of early) {
        const loaded = batchCounts.get(batch.id) ?? 0;
        const before = arrived.get(batch.id) ?? 0;
        arrived.set(batch.id, before + batch.events.length);
        for (const event of batch.events.slice(Math.max(0, loaded - before))) buffer.insert(event);
      }
      for (const event of mine) buffer.insert(event);
      early.length = 0;
      seeded = true;
    },
    replaceAll(events) {
      buffer.clear();
      for (const event of events) buffer.push(event);
      for (const event of pending) buffer.insert(event);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flushPending,
    pendingCount: () => pending.length,
    dispose() {
      flushPending();
      unsubscribe();
      listeners.clear();
    },
  };
}
