import type { Clock } from '../core/clock';
import { ChatbotError } from '../core/errors';
import { createId } from '../core/ids';
import type { Storage, StoredRecord } from '../storage';
import type { AnalyticsEvent } from './types';

export const OUTBOX_KIND = 'analytics-batch';
const LOCK_NAME = 'chatbot-analytics-outbox';
/** Browsers cap keepalive requests and beacons at 64 KB in flight. */
const KEEPALIVE_LIMIT = 60_000;

type SegmentEvent = Omit<AnalyticsEvent, 'time'>;

export interface OutboxRecord extends StoredRecord {
  kind: typeof OUTBOX_KIND;
  createdAt: number;
  endpoint: string;
  events: SegmentEvent[];
  attempts: number;
  nextAttemptAt: number;
}

export interface TransportOptions {
  storage: Storage;
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
  locks?: LockManager;
  isOnline?: () => boolean;
  random?: () => number;
}

export type EndpointHealth = 'unknown' | 'ok' | 'failing';

/**
 * Delivers events to a Segment-compatible endpoint (`POST { batch, sentAt }`). Batches wait in
 * the `outbox` store, so they survive reloads and offline periods; failures retry with jittered
 * exponential backoff; a 413 splits the batch; one tab at a time sends (Web Locks).
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

export function backoffDelay(attempts: number, baseMs: number, maxMs: number, random: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  // "Equal jitter": half fixed, half random, so retries from many tabs/pages spread out.
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

const toSegment = ({ time: _time, ...rest }: AnalyticsEvent): SegmentEvent => rest;

export function createTransport(options: TransportOptions): Transport {
  const { storage, clock } = options;
  const doFetch = options.fetch ?? (typeof fetch === 'function' ? fetch.bind(globalThis) : undefined);
  const random = options.random ?? Math.random;
  const isOnline = options.isOnline ?? (() => true);
  let health: EndpointHealth = 'unknown';
  let timer: unknown;
  let pumping: Promise<void> | undefined;
  let unsent = 0;
  let splitGroups = false;
  let disposed = false;
  const mine = new Map<string, OutboxRecord>();

  const unsubscribe = storage.subscribe('outbox', (changes) => {
    for (const change of changes) if (change.op !== 'put' && change.key) mine.delete(change.key);
  });

  const schedule = (delay: number): void => {
    if (disposed) return;
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = clock.setTimeout(() => {
      timer = undefined;
      void transport.pump();
    }, Math.max(0, delay));
  };

  const post = async (events: SegmentEvent[]): Promise<number> => {
    if (!doFetch) throw new ChatbotError('UNSUPPORTED', 'fetch is not available');
    const body = JSON.stringify({ batch: events, sentAt: new Date(clock.now()).toISOString() });
    const response = await doFetch(options.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body,
      keepalive: body.length < KEEPALIVE_LIMIT,
      credentials: 'omit',
      ...(typeof AbortSignal !== 'undefined' && 'timeout' in AbortSignal ? { signal: AbortSignal.timeout(15_000) } : {}),
    });
    return response.status;
  };

  const retryLater = (group: OutboxRecord[], reason: string): void => {
    // Reported once when the endpoint starts failing, not on every retry.
    if (health !== 'failing') {
      options.reportError(new ChatbotError('NETWORK', `analytics endpoint: ${reason}; batches stay queued and retry`, { details: { endpoint: options.endpoint } }));
    }
    health = 'failing';
    const now = clock.now();
    for (const record of group) {
      const attempts = record.attempts + 1;
      const next = { ...record, attempts, nextAttemptAt: now + backoffDelay(attempts, options.retryBaseMs, options.retryMaxMs, random()) };
      storage.put('outbox', next);
    }
  };

  const drop = (records: OutboxRecord[], code: 'NETWORK' | 'TOO_LARGE', reason: string): void => {
    for (const record of records) storage.delete('outbox', record.id);
    options.reportError(new ChatbotError(code, `analytics endpoint rejected ${records.reduce((n, r) => n + r.events.length, 0)} event(s): ${reason}`));
  };

  const sendDue = async (): Promise<void> => {
    for (;;) {
      if (disposed || options.paused() || !isOnline()) return;
      await storage.flush();
      const now = clock.now();
      const all = (await storage.getAllFromIndex('outbox', 'byCreated')) as OutboxRecord[];
      const due = all.filter((r) => r.kind === OUTBOX_KIND && r.endpoint === options.endpoint && r.nextAttemptAt <= now);
      const waiting = all.filter((r) => r.kind === OUTBOX_KIND && r.endpoint === options.endpoint && r.nextAttemptAt > now);
      if (due.length === 0) {
        if (waiting.length > 0) schedule(Math.min(...waiting.map((r) => r.nextAttemptAt)) - now);
        return;
      }
      const group: OutboxRecord[] = [];
      let size = 0;
      for (const record of due) {
        if (group.length > 0 && (splitGroups || size + record.events.length > options.maxBatchEvents)) break;
        group.push(record);
        size += record.events.length;
      }
      let status: number;
      try {
        status = await post(group.flatMap((r) => r.events));
      } catch (error) {
        retryLater(group, error instanceof Error ? error.message : String(error));
        await storage.flush();
        continue;
      }
      if (status >= 200 && status < 300) {
        health = 'ok';
        splitGroups = false;
        for (const record of group) {
          storage.delete('outbox', record.id);
          mine.delete(record.id);
        }
      } else if (status === 413) {
        if (group.length > 1) {
          splitGroups = true;
        } else if (group[0]!.events.length > 1) {
          const [record] = group as [OutboxRecord];
          const half = Math.ceil(record.events.length / 2);
          storage.delete('outbox', record.id);
          for (const part of [record.events.slice(0, half), record.events.slice(half)]) {
            storage.put('outbox', { ...record, id: createId('obx', record.createdAt), events: part });
          }
        } else {
          drop(group, 'TOO_LARGE', 'HTTP 413 for a single event');
        }
      } else if (status === 408 || status === 429 || status >= 500) {
        retryLater(group, `HTTP ${status}`);
      } else {
        // Other 4xx will fail the same way every time: keeping them would block the queue forever.
        drop(group, 'NETWORK', `HTTP ${status}`);
      }
    }
  };

  const transport: Transport = {
    get health() {
      return health;
    },
    enqueue(events) {
      if (events.length === 0) return;
      const now = clock.now();
      for (let i = 0; i < events.length; i += options.maxBatchEvents) {
        const record: OutboxRecord = {
          id: createId('obx', now),
          kind: OUTBOX_KIND,
          createdAt: now,
          endpoint: options.endpoint,
          events: events.slice(i, i + options.maxBatchEvents).map(toSegment),
          attempts: 0,
          nextAttemptAt: now,
        };
        storage.put('outbox', record);
        mine.set(record.id, record);
      }
      unsent += events.length;
      if (health === 'failing') return;
      if (unsent >= options.sendAt) schedule(0);
      else if (timer === undefined) schedule(options.sendIntervalMs);
    },
    pump() {
      if (pumping) return pumping;
      unsent = 0;
      const run = async (): Promise<void> => {
        const locks = options.locks;
        if (locks) await locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => (lock ? sendDue() : undefined));
        else await sendDue();
      };
      pumping = run()
        .catch((error: unknown) => options.reportError(error instanceof ChatbotError ? error : new ChatbotError('NETWORK', String(error), { cause: error })))
        .finally(() => {
          pumping = undefined;
        });
      return pumping;
    },
    flushOnHide() {
      if (health === 'failing' || options.paused() || !options.sendBeacon || mine.size === 0) return;
      const records = [...mine.values()];
      const body = JSON.stringify({ batch: records.flatMap((r) => r.events), sentAt: new Date(clock.now()).toISOString() });
      if (body.length > KEEPALIVE_LIMIT) return;
      // text/plain keeps a cross-origin beacon a "simple" request (no preflight is possible on unload).
      const accepted = options.sendBeacon(options.endpoint, new Blob([body], { type: 'text/plain;charset=UTF-8' }));
      // Only when the endpoint is known to work is an accepted beacon taken as delivered; otherwise
      // the batches stay queued (at-least-once: collectors dedupe on messageId).
      if (accepted && health === 'ok') {
        for (const record of records) storage.delete('outbox', record.id);
        mine.clear();
        storage.commitNow();
      }
    },
    dispose() {
      disposed = true;
      unsubscribe();
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
  return transport;
}
