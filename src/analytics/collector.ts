import type { Clock } from '../core/clock';
import { createUuid } from '../core/ids';
import type { Storage } from '../storage';
import { createEventBuffer, type EventBuffer } from './buffer';
import { packBatch, unpackBatch } from './event-log';
import type { AnalyticsEvent, EventContext, EventType, Properties } from './types';

type Listener = (event: AnalyticsEvent) => void;

export interface CollectorOptions {
  clock: Clock;
  storage: Storage;
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
  seed(events: AnalyticsEvent[], batchIds: Set<string>): void;
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
  const early: Array<{ id: string; events: AnalyticsEvent[] }> = [];

  const notify = (event: AnalyticsEvent): void => {
    for (const listener of listeners) listener(event);
  };

  const flushPending = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    soon = false;
    // One record per `flushAt` events at most, so a burst never makes one huge IndexedDB value.
    for (let i = 0; i < pending.length; i += options.flushAt) {
      const batch = pending.slice(i, i + options.flushAt);
      storage.put('events', packBatch(batch));
      options.onBatch?.(batch);
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

  const unsubscribe = storage.subscribe('events', (changes, origin) => {
    if (origin !== 'remote') return;
    for (const change of changes) {
      if (change.op !== 'put' || !change.value) continue;
      const events = unpackBatch(change.value);
      if (!seeded) {
        early.push({ id: change.value.id, events });
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
    seed(events, batchIds) {
      const mine = buffer.toArray();
      buffer.clear();
      for (const event of events) buffer.push(event);
      for (const batch of early) {
        if (batchIds.has(batch.id)) continue;
        for (const event of batch.events) buffer.insert(event);
      }
      for (const event of mine) buffer.insert(event);
      early.length = 0;
      seeded = true;
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
