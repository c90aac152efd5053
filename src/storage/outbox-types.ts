import type { BackoffPolicy } from '../core/backoff';
import type { Clock } from '../core/clock';
import type { ChatbotError } from '../core/errors';
import type { LockManagerLike } from '../core/locks';
import type { ChatbotStorage } from './storage';

/** One queued item as `send` sees it. */
export interface OutboxItem<P> {
  /** The caller's id: enqueueing it again while it waits is a no-op; receivers de-duplicate on it. */
  readonly id: string;
  readonly payload: P;
  readonly createdAt: number;
  /** Failed tries so far (0 on the first try). */
  readonly attempts: number;
}

/**
 * What `send` says happened. Returning nothing means `sent`; a thrown error means `retry`.
 * - `sent`: the items leave the queue.
 * - `retry`: a passing failure (offline, 5xx, timeout): the items stay, first in line, and are
 *   tried again after the backoff. The first failure after a success is reported (not every
 *   retry); `OFFLINE` is never reported.
 * - `drop`: a permanent failure (the receiver refused them for good, their subject is gone): the
 *   items leave the queue so they never block it, and `error`, when given, is reported.
 */
export type OutboxResult =
  | { readonly outcome: 'sent' }
  | { readonly outcome: 'retry'; readonly error: ChatbotError }
  | { readonly outcome: 'drop'; readonly error?: ChatbotError };

/** Where `online` events and `navigator.onLine` come from (the page's window). */
export interface OutboxHost {
  addEventListener(type: 'online', listener: () => void): void;
  removeEventListener(type: 'online', listener: () => void): void;
  readonly navigator?: { readonly onLine?: boolean };
}

export interface OutboxOptions<P> {
  /** Names the outbox (and its items' keys, `${name}:${id}`): one name per kind of item. */
  name: string;
  storage: ChatbotStorage;
  clock: Clock;
  /** Checks a payload read back from IndexedDB (an older version may have written it). */
  isPayload(value: unknown): value is P;
  /** Delivers the items, in queue order: one item, or up to `batch.max` when batching. */
  send(items: readonly [OutboxItem<P>, ...OutboxItem<P>[]]): Promise<OutboxResult | void>;
  /** The retry rule's numbers (read before each backoff, so they may follow live config). */
  backoff: BackoffPolicy | (() => BackoffPolicy);
  /** The Web Lock that makes one tab the sender: `chatbot-outbox:<name>` on `navigator.locks` by default. */
  lock?: { name?: string; manager?: LockManagerLike | undefined };
  /** Retries at once on `online`, and sends nothing while `navigator.onLine` is false. */
  host?: OutboxHost | undefined;
  /** Hands `send` several items at once, as many as fit in `max` by `size` (1 each by default). */
  batch?: { max: number; size?(payload: P): number };
  /** Wait this long after an enqueue before sending, so that items queued meanwhile go together (0: at once). */
  delayMs?: number;
  /** While this is true nothing is sent (opted out, not configured); items keep waiting. */
  paused?(): boolean;
  /** Background failures: the first `retry` of a run, every `drop` with an error, storage failures. */
  reportError(error: ChatbotError): void;
  /** Told after each pass when the first item is next due (undefined: empty, or paused). */
  onPlan?(next: { at: number; attempts: number } | undefined): void;
  /** For jitter; tests pass a fixed one. */
  random?: () => number;
}

/** A durable outbox (see `createOutbox`). */
export interface Outbox<P> {
  readonly name: string;
  /** Queues an item (a no-op while an item with this id waits) and starts sending it. */
  enqueue(id: string, payload: P): void;
  /** Sends what is due now; resolves when the pass (and any asked for meanwhile) is over. */
  drain(): Promise<void>;
  /** Makes every waiting item due now, as new (what `online` does), and drains. */
  retryNow(): Promise<void>;
  /** Resolves when no pass is running (starts none). */
  idle(): Promise<void>;
  /** The waiting items, in order (this tab's queued writes included). */
  items(): Promise<Array<OutboxItem<P>>>;
  /** Items this tab queued that it has not seen delivered (a closing page hands them to a beacon). */
  unsent(): Array<OutboxItem<P>>;
  /** Removes items delivered another way (an accepted beacon). */
  delivered(ids: readonly string[]): void;
  dispose(): void;
}
