import type { Clock } from '../core/clock';
import { ChatbotError, isChatbotError, toChatbotError } from '../core/errors';
import { createId } from '../core/ids';
import type { LockManagerLike } from '../core/locks';
import { createOutbox, type OutboxHost, type StaffDelivery, type ChatbotStorage } from '../storage';
import { OUTBOX_PREFIX } from './records';

export type { StaffDelivery } from '../storage';

/** The outbox of staff deliveries (and the `kind` of their records in the `outbox` store). */
const STAFF_OUTBOX = 'staff-delivery';

const isStaffDelivery = (value: unknown): value is StaffDelivery =>
  typeof value === 'object' && value !== null &&
  'id' in value && typeof value.id === 'string' &&
  'conversationId' in value && typeof value.conversationId === 'string' &&
  'messageId' in value && typeof value.messageId === 'string' &&
  'text' in value && typeof value.text === 'string';

export interface StaffOutboxOptions {
  storage: ChatbotStorage;
  clock: Clock;
  storeName: string;
  endpoint?: string;
  fetch?: typeof fetch;
  locks?: LockManagerLike;
  /** `online` events and `navigator.onLine` (the page's window). */
  host?: OutboxHost;
  notifyStaff?: (delivery: StaffDelivery) => Promise<unknown>;
  onSent: (delivery: StaffDelivery) => void;
  reportError: (error: ChatbotError) => void;
  /** The read model of every `bot:outbox:` record (kept by bot.ts). */
  records: () => Iterable<StaffDelivery>;
  /** Writes a record to the read model and storage. */
  save: (delivery: StaffDelivery) => void;
}

/**
 * Delivers staff messages to the store's `handoffEndpoint` (POST, JSON, with the delivery's `id`
 * to de-duplicate on) and notifies staff, through the durable outbox (src/storage/outbox.ts): in
 * order, one tab at a time, retried with backoff; offline they wait for `online`. Each delivery
 * is also a kv record whose `status` the chat shows (pending → sent).
 * @example const staff = createStaffOutbox(options); staff.add({ kind: 'handoff', ... }); await staff.flush();
 */
export function createStaffOutbox(options: StaffOutboxOptions) {
  const { storage, clock } = options;

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
      ...(delivery.bike ? { bike: delivery.bike } : {}),
      createdAt: new Date(delivery.createdAt).toISOString(),
      ...(delivery.transcript ? { transcript: delivery.transcript } : {}),
    };
    let response: Response;
    try {
      response = await fetchFn(options.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), keepalive: true });
    } catch (error) {
      throw toChatbotError(error, options.host?.navigator?.onLine === false ? 'OFFLINE' : 'NETWORK', `POST ${options.endpoint}`);
    }
    if (!response.ok) throw new ChatbotError('NETWORK', `POST ${options.endpoint}: HTTP ${response.status}`);
  };

  const deliver = async (queued: StaffDelivery): Promise<void> => {
    // The committed record says where it stands (a tab of an older version may have sent it).
    const stored = await storage.get('kv', queued.id);
    const current = isStaffDelivery(stored) ? stored : queued;
    if (current.status === 'sent') return;
    try {
      await post(current);
    } catch (error) {
      options.save({ ...current, attempts: current.attempts + 1, lastError: error instanceof Error ? error.message : String(error) });
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
  };

  const outbox = createOutbox<StaffDelivery>({
    name: STAFF_OUTBOX,
    storage,
    clock,
    host: options.host,
    isPayload: isStaffDelivery,
    backoff: { baseMs: 15_000, maxMs: 10 * 60_000 },
    ...(options.locks ? { lock: { manager: options.locks } } : {}),
    reportError: options.reportError,
    send: ([item]) => deliver(item.payload),
  });

  /** Queues every pending delivery (a no-op for those waiting already: records of older versions had no outbox item). */
  const resume = (): void => {
    const pending = [...options.records()].filter((d) => d.status === 'pending').sort((a, b) => a.createdAt - b.createdAt);
    for (const delivery of pending) outbox.enqueue(delivery.id, delivery);
  };

  return {
    /** Queues a delivery (durable at the next commit) and tries to send it. */
    add(input: Omit<StaffDelivery, 'id' | 'status' | 'attempts' | 'createdAt'>): StaffDelivery {
      const now = clock.now();
      const delivery: StaffDelivery = { ...input, id: `${OUTBOX_PREFIX}${createId('out', now)}`, status: 'pending', attempts: 0, createdAt: now };
      options.save(delivery);
      outbox.enqueue(delivery.id, delivery);
      return delivery;
    },
    /** Sends every pending delivery now, whatever their backoff; resolves when the pass is over. */
    flush(): Promise<void> {
      resume();
      return outbox.retryNow();
    },
    /** Resolves when no delivery is being sent (tests). */
    idle: (): Promise<void> => outbox.idle(),
    dispose(): void {
      outbox.dispose();
    },
  };
}

export type StaffOutbox = ReturnType<typeof createStaffOutbox>;
