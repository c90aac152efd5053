import { backoffDelay, type BackoffPolicy } from '../core/backoff';
import { callAt } from '../core/clock';
import { ChatbotError, isChatbotError, toChatbotError } from '../core/errors';
import { withLock } from '../core/locks';
import { compareOutboxRecords, outboxKey, readOutboxRecord } from './outbox-record';
import type { Outbox, OutboxItem, OutboxOptions, OutboxResult } from './outbox-types';
import type { OutboxRecord } from './schema';

// A first item still due after a pass (another tab queued it meanwhile) is looked at again
// shortly, not in a tight loop.
const MIN_REARM_MS = 250;
let lastSeq = 0;

/**
 * A durable outbox: items wait in IndexedDB (the `outbox` store) until `send` delivers them, across
 * reloads, offline periods and tabs.
 * - One sender across tabs (a Web Lock; without Web Locks, each tab sends alone), in queue order:
 *   an item that fails holds back the ones behind it.
 * - One retry rule (`backoffDelay`: exponential, jittered, capped); retried on `online` (afresh:
 *   failures while offline say nothing about the receiver) and when the outbox starts (the next
 *   page), so an item queued on a page that closed goes with the next one.
 * - Ids are the caller's: enqueueing an id that waits already changes nothing, and the id reaches
 *   `send` so the receiver can drop a repeat (delivery is at least once).
 * @example
 * const outbox = createOutbox<{ text: string }>({
 *   name: 'chat-stanza', storage, clock, host: window, reportError,
 *   backoff: { baseMs: 2000, maxMs: 600_000 },
 *   isPayload: (value): value is { text: string } => typeof value === 'object' && value !== null && 'text' in value,
 *   async send([item]) {
 *     const response = await fetch('/relay', { method: 'POST', body: JSON.stringify({ id: item.id, ...item.payload }) });
 *     if (response.status >= 500) return { outcome: 'retry', error: new ChatbotError('NETWORK', `HTTP ${response.status}`) };
 *     if (!response.ok) return { outcome: 'drop', error: new ChatbotError('NETWORK', `refused: HTTP ${response.status}`) };
 *   },
 * });
 * outbox.enqueue('msg_1', { text: 'hola' }); // durable at the next commit; sent at once when online
 * await outbox.idle();
 */
export function createOutbox<P>(options: OutboxOptions<P>): Outbox<P> {
  const { name, storage, clock } = options;
  const lockName = options.lock?.name ?? `chatbot-outbox:${name}`;
  const random = options.random ?? Math.random;
  const maxBatch = options.batch?.max ?? 1;
  const sizeOf = options.batch?.size ?? (() => 1);
  const policy = (): BackoffPolicy => (typeof options.backoff === 'function' ? options.backoff() : options.backoff);
  const paused = (): boolean => options.paused?.() ?? false;
  const online = (): boolean => options.host?.navigator?.onLine !== false;
  const local = new Map<string, OutboxItem<P>>();
  let running: Promise<void> | undefined;
  let again = false;
  let failing = false;
  let restart = false;
  let disposed = false;
  let cancelTimer: (() => void) | undefined;
  let timerAt = Infinity;

  const report = (error: unknown): void => {
    if (!disposed) options.reportError(toChatbotError(error, 'STORAGE_FAILED', `outbox ${name}: ${String(error)}`));
  };

  const read = async (): Promise<OutboxRecord[]> => {
    const stored = await storage.getAllFromIndex('outbox', 'byCreated');
    return stored.flatMap((value) => readOutboxRecord(value, name) ?? []).sort(compareOutboxRecords);
  };

  const toItem = (record: OutboxRecord, payload: P): OutboxItem<P> => ({ id: record.itemId, payload, createdAt: record.createdAt, attempts: record.attempts });

  const remove = (records: readonly OutboxRecord[]): void => {
    for (const record of records) {
      storage.delete('outbox', record.id);
      local.delete(record.itemId);
    }
  };

  const wakeAt = (at: number): void => {
    if (disposed || at >= timerAt) return;
    cancelTimer?.();
    timerAt = at;
    cancelTimer = callAt(clock, at, () => {
      cancelTimer = undefined;
      timerAt = Infinity;
      void outbox.drain();
    });
  };

  const backOff = (records: readonly OutboxRecord[], error: ChatbotError): void => {
    // Offline says nothing about the receiver: not reported, and not the start of a failing run.
    if (!isChatbotError(error, 'OFFLINE')) {
      if (!failing) options.reportError(error);
      failing = true;
    }
    const now = clock.now();
    for (const record of records) {
      const attempts = record.attempts + 1;
      const nextAt = now + backoffDelay(attempts, policy(), random());
      // Merged at commit time: an item another tab delivered meanwhile (a beacon) stays gone.
      storage.update('outbox', record.id, (current) => {
        const fresh = readOutboxRecord(current, name);
        return fresh && { ...fresh, attempts, nextAt, lastError: error.message };
      });
    }
  };

  /**
   * Sends the due items from the front of the queue until one fails or none is due. The store is
   * read once per run through it, not once per send: a long queue (hours offline) drains in
   * linear time. Items queued meanwhile are found by the next read, when this one is used up.
   */
  const sendDue = async (): Promise<void> => {
    let queue: OutboxRecord[] = [];
    let next = 0;
    for (;;) {
      if (disposed || paused() || !online()) return;
      await storage.flush();
      const fresh = next >= queue.length;
      if (fresh) {
        queue = await read();
        next = 0;
      }
      const now = clock.now();
      const group: OutboxRecord[] = [];
      const items: Array<OutboxItem<P>> = [];
      let size = 0;
      for (; next < queue.length; next++) {
        const record = queue[next];
        if (record === undefined || record.nextAt > now) break; // in order: nothing overtakes an item waiting to retry
        if (!options.isPayload(record.payload)) {
          remove([record]);
          options.reportError(new ChatbotError('VALIDATION', `outbox ${name}: item ${record.itemId} is unreadable and was dropped`));
          continue;
        }
        const weight = sizeOf(record.payload);
        if (group.length > 0 && size + weight > maxBatch) break;
        group.push(record);
        items.push(toItem(record, record.payload));
        size += weight;
      }
      const [first, ...rest] = items;
      if (!first) {
        if (fresh) return;
        next = queue.length; // what is left of this read is not due: read again to be sure
        continue;
      }
      let result: OutboxResult;
      try {
        result = (await options.send([first, ...rest])) ?? { outcome: 'sent' };
      } catch (error) {
        result = { outcome: 'retry', error: toChatbotError(error, 'NETWORK') };
      }
      if (result.outcome === 'retry') {
        backOff(group, result.error);
        return;
      }
      if (result.outcome === 'sent') failing = false;
      else if (result.error) options.reportError(result.error);
      remove(group);
    }
  };

  const plan = async (): Promise<void> => {
    if (disposed) return;
    if (paused()) {
      options.onPlan?.(undefined);
      return;
    }
    const [head] = await read();
    options.onPlan?.(head && { at: head.nextAt, attempts: head.attempts });
    // Offline, the `online` event is what wakes the queue.
    if (head && online()) wakeAt(Math.max(head.nextAt, clock.now() + MIN_REARM_MS));
  };

  /** Every waiting item becomes due now, as if new. */
  const startAfresh = async (): Promise<void> => {
    await storage.flush();
    const now = clock.now();
    for (const record of await read()) {
      storage.update('outbox', record.id, (current) => {
        const fresh = readOutboxRecord(current, name);
        return fresh && { ...fresh, attempts: 0, nextAt: now };
      });
    }
  };

  const pass = async (): Promise<void> => {
    try {
      if (restart) {
        restart = false;
        await startAfresh();
      }
      await sendDue();
    } finally {
      // Deletions are committed before the lock goes: the next tab to send never sees them.
      await storage.flush();
    }
  };

  const onOnline = (): void => void outbox.retryNow();
  options.host?.addEventListener('online', onOnline);
  const unsubscribe = storage.subscribe('outbox', (changes) => {
    for (const change of changes) {
      if (change.op === 'clear') local.clear();
      else if (change.op === 'delete' && change.key?.startsWith(outboxKey(name, ''))) local.delete(change.key.slice(name.length + 1));
    }
  });

  const outbox: Outbox<P> = {
    name,
    enqueue(id, payload) {
      if (local.has(id)) return;
      const now = clock.now();
      const record: OutboxRecord = { id: outboxKey(name, id), kind: name, itemId: id, createdAt: now, seq: ++lastSeq, attempts: 0, nextAt: now, payload };
      storage.update('outbox', record.id, (current) => current ?? record);
      local.set(id, toItem(record, payload));
      // While the receiver fails, new items wait for the retry that is already planned.
      if (failing) return;
      if (options.delayMs) wakeAt(now + options.delayMs);
      else void outbox.drain();
    },
    drain() {
      if (disposed) return Promise.resolve();
      if (running) {
        again = true; // something changed during this pass: one more pass picks it up
        return running;
      }
      cancelTimer?.();
      cancelTimer = undefined;
      timerAt = Infinity;
      running = (async () => {
        try {
          do {
            again = false;
            await withLock(lockName, pass, { manager: options.lock?.manager });
            if (!again) await plan();
          } while (again && !disposed);
        } catch (error) {
          report(error);
        } finally {
          // In the same turn as the last look at `again`: a later call starts a pass of its own.
          running = undefined;
        }
      })();
      return running;
    },
    retryNow() {
      restart = true;
      failing = false;
      return outbox.drain();
    },
    async idle() {
      while (running) await running;
    },
    async items() {
      // A failed commit is storage's to report; what is committed can still be read.
      await storage.flush().catch(() => undefined);
      return (await read()).flatMap((record) => (options.isPayload(record.payload) ? [toItem(record, record.payload)] : []));
    },
    unsent: () => [...local.values()],
    delivered(ids) {
      for (const id of ids) {
        storage.delete('outbox', outboxKey(name, id));
        local.delete(id);
      }
    },
    dispose() {
      disposed = true;
      cancelTimer?.();
      cancelTimer = undefined;
      options.host?.removeEventListener('online', onOnline);
      unsubscribe();
    },
  };
  // Start-up retry: what earlier pages left waiting goes now (or when due). A database that
  // cannot open is reported by storage's own users.
  void storage.ready.then(() => outbox.drain(), () => undefined);
  return outbox;
}
