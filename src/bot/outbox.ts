import type { Clock } from '../core/clock';
import { ChatbotError, isChatbotError, toChatbotError } from '../core/errors';
import { createId } from '../core/ids';
import type { StaffDelivery, Storage } from '../storage';
import { OUTBOX_PREFIX } from './records';

export type { StaffDelivery } from '../storage';

const RETRY_BASE_MS = 15_000;
const RETRY_MAX_MS = 10 * 60_000;

export interface OutboxOptions {
  storage: Storage;
  clock: Clock;
  storeName: string;
  endpoint?: string;
  fetch?: typeof fetch;
  locks?: LockManager;
  isOnline: () => boolean;
  notifyStaff?: (delivery: StaffDelivery) => Promise<unknown>;
  onSent: (delivery: StaffDelivery) => void;
  reportError: (error: ChatbotError) => void;
  /** The read model of every `bot:outbox:` record (kept by bot.ts). */
  records: () => Iterable<StaffDelivery>;
  /** Writes a record to the read model and storage. */
  save: (delivery: StaffDelivery) => void;
}

/**
 * Delivers staff messages to the store's `handoffEndpoint` (POST, JSON) and notifies staff, in
 * order, one tab at a time (Web Locks), retrying with backoff; offline they wait for `online`.
 * @example const outbox = createOutbox(options); outbox.add({ kind: 'handoff', ... }); await outbox.flush();
 */
export function createOutbox(options: OutboxOptions) {
  const { storage, clock } = options;
  let retryTimer: unknown;
  let flushing: Promise<number> | undefined;

  const post = async (delivery: StaffDelivery): Promise<void> => {
    if (!options.endpoint) return;
    const fetchFn = options.fetch ?? globalThis.fetch?.bind(globalThis);
    if (!fetchFn) throw new ChatbotError('UNSUPPORTED', 'fetch is not available');
    const body = {
      type: delivery.kind === 'handoff' ? 'handoff_requested' : 'customer_message',
      store: options.storeName,
      id: delivery.id,
      conversationId: delivery.conversationId,
      customerId: delivery.customerId,
      messageId: delivery.messageId,
      text: delivery.text,
      createdAt: new Date(delivery.createdAt).toISOString(),
      ...(delivery.transcript ? { transcript: delivery.transcript } : {}),
    };
    let response: Response;
    try {
      response = await fetchFn(options.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), keepalive: true });
    } catch (error) {
      throw toChatbotError(error, options.isOnline() ? 'NETWORK' : 'OFFLINE', `POST ${options.endpoint}`);
    }
    if (!response.ok) throw new ChatbotError('NETWORK', `POST ${options.endpoint}: HTTP ${response.status}`);
  };

  const deliverOne = async (id: StaffDelivery['id']): Promise<boolean> => {
    // Another tab may have sent it already: trust only the committed record.
    const current = await storage.get('kv', id);
    if (!current || current.status !== 'pending') return false;
    try {
      await post(current);
    } catch (error) {
      options.save({ ...current, attempts: current.attempts + 1, lastError: String((error as Error).message ?? error) });
      throw error;
    }
    if (current.kind === 'handoff' && options.notifyStaff) {
      // A storefront visitor usually has not granted notifications: staff still get the
      // conversation and the endpoint's POST, so a refused notification is not a failure.
      await options.notifyStaff(current).catch((error: unknown) => {
        if (!isChatbotError(error, 'PERMISSION_DENIED') && !isChatbotError(error, 'UNSUPPORTED')) {
          options.reportError(toChatbotError(error, 'NETWORK', 'staff notification failed'));
        }
      });
    }
    const sent: StaffDelivery = { ...current, status: 'sent', sentAt: clock.now(), attempts: current.attempts + 1 };
    delete sent.lastError;
    options.save(sent);
    await storage.flush();
    options.onSent(sent);
    return true;
  };

  const run = async (): Promise<number> => {
    const pending = [...options.records()].filter((d) => d.status === 'pending').sort((a, b) => a.createdAt - b.createdAt);
    let sent = 0;
    for (const delivery of pending) {
      if (!options.isOnline()) break;
      try {
        if (await deliverOne(delivery.id)) sent++;
      } catch (error) {
        const attempts = delivery.attempts + 1;
        if (!isChatbotError(error, 'OFFLINE')) options.reportError(toChatbotError(error, 'NETWORK'));
        scheduleRetry(attempts);
        break; // keep the order: later messages wait for the earlier one
      }
    }
    return sent;
  };

  const scheduleRetry = (attempts: number): void => {
    if (retryTimer !== undefined) clock.clearTimeout(retryTimer);
    const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
    retryTimer = clock.setTimeout(() => {
      retryTimer = undefined;
      void flush();
    }, delay);
  };

  let again = false;
  const flush = (): Promise<number> => {
    if (!options.isOnline()) return Promise.resolve(0);
    if (flushing) {
      again = true; // something was queued during this pass: one more pass picks it up
      return flushing;
    }
    flushing = (async () => {
      let total = 0;
      try {
        do {
          again = false;
          await storage.flush();
          total += options.locks ? await options.locks.request('chatbot-bot-outbox', run) : await run();
        } while (again && options.isOnline());
        return total;
      } finally {
        flushing = undefined;
      }
    })();
    return flushing;
  };

  return {
    /** Queues a delivery (durable at the next commit) and tries to send it. */
    add(input: Omit<StaffDelivery, 'id' | 'status' | 'attempts' | 'createdAt'>): StaffDelivery {
      const now = clock.now();
      const delivery: StaffDelivery = { ...input, id: `${OUTBOX_PREFIX}${createId('out', now)}`, status: 'pending', attempts: 0, createdAt: now };
      options.save(delivery);
      void flush();
      return delivery;
    },
    flush,
    dispose(): void {
      if (retryTimer !== undefined) clock.clearTimeout(retryTimer);
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
