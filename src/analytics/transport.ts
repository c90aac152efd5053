import type { Clock } from '../core/clock';
import { ChatbotError } from '../core/errors';
import { createId } from '../core/ids';
import type { LockManagerLike } from '../core/locks';
import { createOutbox, type OutboxHost, type OutboxResult, type ChatbotStorage } from '../storage';
import type { AnalyticsEvent } from './types';

/** The outbox of analytics batches (and the `kind` of their records in the `outbox` store). */
const OUTBOX_KIND = 'analytics-batch';
/** Browsers cap keepalive requests and beacons at 64 KB in flight. */
const KEEPALIVE_LIMIT = 60_000;

type SegmentEvent = Omit<AnalyticsEvent, 'time'>;

/** One queued batch: the events of one collector flush, in Segment's shape. */
interface BatchPayload {
  events: SegmentEvent[];
}

const isBatch = (value: unknown): value is BatchPayload =>
  typeof value === 'object' && value !== null && 'events' in value && Array.isArray(value.events);

export interface TransportOptions {
  storage: ChatbotStorage;
  clock: Clock;
  endpoint: string;
  headers: Record<string, string>;
  sendIntervalMs: number;
  sendAt: number;
  maxBatchEvents: number;
  retryBaseMs: number;
  retryMaxMs: number;
  reportError(error: ChatbotError): void;
  /** Sending pauses while this is true (opted out). */
  paused(): boolean;
  fetch?: typeof fetch;
  sendBeacon?: (url: string, body: Blob) => boolean;
  locks?: LockManagerLike;
  /** `online` events and `navigator.onLine` (the page's window). */
  host?: OutboxHost;
  random?: () => number;
}

export type EndpointHealth = 'unknown' | 'ok' | 'failing';

/**
 * Delivers events to a Segment-compatible endpoint (`POST { batch, sentAt }`) through the durable
 * outbox (src/storage/outbox.ts): batches survive reloads and offline periods, retry with the
 * outbox's backoff, go in order from one tab at a time; a 413 halves the request.
 * @example const transport = createTransport({ storage, clock, endpoint: '/collect', ... }); transport.enqueue(events);
 */
export interface Transport {
  enqueue(events: readonly AnalyticsEvent[]): void;
  /** Sends what is due now. */
  pump(): Promise<void>;
  /** pagehide: hands this tab's unsent batches to `sendBeacon` (see docs/analytics.md). */
  flushOnHide(): void;
  readonly health: EndpointHealth;
  dispose(): void;
}

const toSegment = ({ time: _time, ...rest }: AnalyticsEvent): SegmentEvent => rest;

export function createTransport(options: TransportOptions): Transport {
  const { clock } = options;
  const doFetch = options.fetch ?? (typeof fetch === 'function' ? fetch.bind(globalThis) : undefined);
  let health: EndpointHealth = 'unknown';
  let unsent = 0;

  const body = (events: SegmentEvent[]): string => JSON.stringify({ batch: events, sentAt: new Date(clock.now()).toISOString() });

  const post = async (events: SegmentEvent[]): Promise<number> => {
    if (!doFetch) throw new ChatbotError('UNSUPPORTED', 'fetch is not available');
    const text = body(events);
    const response = await doFetch(options.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: text,
      keepalive: text.length < KEEPALIVE_LIMIT,
      credentials: 'omit',
      ...(typeof AbortSignal !== 'undefined' && 'timeout' in AbortSignal ? { signal: AbortSignal.timeout(15_000) } : {}),
    });
    return response.status;
  };

  const failing = (reason: string, cause?: unknown): OutboxResult => {
    health = 'failing';
    return {
      outcome: 'retry',
      error: new ChatbotError('NETWORK', `analytics endpoint: ${reason}; batches stay queued and retry`, { details: { endpoint: options.endpoint }, cause }),
    };
  };

  /** Posts the events; on 413 it halves them until the endpoint takes them. */
  const deliver = async (events: SegmentEvent[]): Promise<OutboxResult | void> => {
    const status = await post(events);
    if (status >= 200 && status < 300) {
      health = 'ok';
      return;
    }
    if (status === 413 && events.length > 1) {
      const half = Math.ceil(events.length / 2);
      const first = await deliver(events.slice(0, half));
      if (first?.outcome === 'retry') return first;
      return (await deliver(events.slice(half))) ?? first;
    }
    if (status === 413) return { outcome: 'drop', error: new ChatbotError('TOO_LARGE', 'analytics endpoint rejected 1 event: HTTP 413 for a single event') };
    if (status === 408 || status === 429 || status >= 500) return failing(`HTTP ${status}`);
    // Other 4xx will fail the same way every time: keeping them would block the queue forever.
    return { outcome: 'drop', error: new ChatbotError('NETWORK', `analytics endpoint rejected ${events.length} event(s): HTTP ${status}`) };
  };

  const outbox = createOutbox<BatchPayload>({
    name: OUTBOX_KIND,
    storage: options.storage,
    clock,
    isPayload: isBatch,
    backoff: { baseMs: options.retryBaseMs, maxMs: options.retryMaxMs },
    batch: { max: options.maxBatchEvents, size: (payload) => payload.events.length },
    delayMs: options.sendIntervalMs,
    paused: options.paused,
    host: options.host,
    ...(options.locks ? { lock: { manager: options.locks } } : {}),
    ...(options.random ? { random: options.random } : {}),
    reportError: options.reportError,
    async send(items) {
      try {
        return await deliver(items.flatMap((item) => item.payload.events));
      } catch (error) {
        return failing(error instanceof Error ? error.message : String(error), error);
      }
    },
  });

  const transport: Transport = {
    get health() {
      return health;
    },
    enqueue(events) {
      if (events.length === 0) return;
      const now = clock.now();
      for (let i = 0; i < events.length; i += options.maxBatchEvents) {
        outbox.enqueue(createId('obx', now), { events: events.slice(i, i + options.maxBatchEvents).map(toSegment) });
      }
      unsent += events.length;
      if (health !== 'failing' && unsent >= options.sendAt) void transport.pump();
    },
    pump() {
      unsent = 0;
      return outbox.drain();
    },
    flushOnHide() {
      const batches = outbox.unsent();
      if (health === 'failing' || options.paused() || !options.sendBeacon || batches.length === 0) return;
      const text = body(batches.flatMap((batch) => batch.payload.events));
      if (text.length > KEEPALIVE_LIMIT) return;
      // text/plain keeps a cross-origin beacon a "simple" request (no preflight is possible on unload).
      const accepted = options.sendBeacon(options.endpoint, new Blob([text], { type: 'text/plain;charset=UTF-8' }));
      // Only when the endpoint is known to work is an accepted beacon taken as delivered; otherwise
      // the batches stay queued (at-least-once: collectors dedupe on messageId).
      if (accepted && health === 'ok') outbox.delivered(batches.map((batch) => batch.id));
    },
    dispose() {
      outbox.dispose();
    },
  };
  return transport;
}
