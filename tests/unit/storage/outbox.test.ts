import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, type ManualClock } from '../../../src/core/manual-clock';
import { ChatbotError } from '../../../src/core/errors';
import { createOutbox, createStorage, type Outbox, type OutboxOptions, type OutboxResult, type ChatbotStorage } from '../../../src/storage';
import { createFakeLocks, createTabs } from '../helpers';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const isText = (value: unknown): value is { text: string } =>
  typeof value === 'object' && value !== null && 'text' in value && typeof value.text === 'string';

interface Call {
  ids: string[];
  at: number;
  attempts: number[];
}

const opened: Array<{ outbox: Outbox<{ text: string }>; storage?: ChatbotStorage }> = [];
afterEach(async () => {
  for (const { outbox, storage } of opened.splice(0)) {
    outbox.dispose();
    await storage?.close();
  }
});

/** An outbox of `{ text }` items whose `send` answers with `respond` and records each call. */
function open(
  storage: ChatbotStorage,
  clock: ManualClock,
  respond: (call: Call) => OutboxResult | void = () => undefined,
  options: Partial<OutboxOptions<{ text: string }>> = {},
): { outbox: Outbox<{ text: string }>; calls: Call[]; errors: ChatbotError[] } {
  const calls: Call[] = [];
  const errors: ChatbotError[] = [];
  const outbox = createOutbox<{ text: string }>({
    name: 'chat',
    storage,
    clock,
    isPayload: isText,
    backoff: { baseMs: 1000, maxMs: 4000 },
    random: () => 0.5,
    reportError: (error) => errors.push(error),
    async send(items) {
      const call = { ids: items.map((item) => item.id), at: clock.now(), attempts: items.map((item) => item.attempts) };
      calls.push(call);
      return respond(call);
    },
    ...options,
  });
  opened.push({ outbox });
  return { outbox, calls, errors };
}

const retry = (): OutboxResult => ({ outcome: 'retry', error: new ChatbotError('NETWORK', 'HTTP 503') });

describe('the durable outbox', () => {
  it('sends in the order items were queued, and an item that fails holds back the ones behind it', async () => {
    const clock = createManualClock(T0);
    const storage = createStorage({ clock });
    let up = false;
    const { outbox, calls } = open(storage, clock, () => (up ? undefined : retry()));
    outbox.enqueue('a', { text: 'uno' });
    outbox.enqueue('b', { text: 'dos' });
    outbox.enqueue('c', { text: 'tres' });
    await outbox.idle();
    expect(calls.map((c) => c.ids)).toEqual([['a']]); // b and c wait behind a
    up = true;
    clock.advance(1000);
    await outbox.idle();
    expect(calls.map((c) => c.ids)).toEqual([['a'], ['a'], ['b'], ['c']]);
    expect(await outbox.items()).toEqual([]);
    await storage.close();
  });

  it('drains a long queue in order, reading the store once per run (not once per item), and sends what is queued meanwhile', async () => {
    const clock = createManualClock(T0);
    const storage = createStorage({ clock });
    let reads = 0;
    const getAllFromIndex = storage.getAllFromIndex.bind(storage);
    storage.getAllFromIndex = ((...args: Parameters<typeof getAllFromIndex>) => {
      if (args[0] === 'outbox') reads++;
      return getAllFromIndex(...args);
    }) as typeof storage.getAllFromIndex;
    const late = { into: undefined as Outbox<{ text: string }> | undefined };
    const sent = open(storage, clock, (call) => {
      if (call.ids[0] === 'm0') late.into?.enqueue('late', { text: 'escrito mientras se enviaba' });
    });
    const outbox = (late.into = sent.outbox);
    for (let i = 0; i < 300; i++) outbox.enqueue(`m${i}`, { text: `mensaje ${i}` });
    await outbox.idle();
    expect(sent.calls.map((c) => c.ids[0])).toEqual([...Array.from({ length: 300 }, (_, i) => `m${i}`), 'late']);
    expect(reads).toBeLessThan(20);
    expect(await outbox.items()).toEqual([]);
    await storage.close();
  });

  it('ignores an id queued twice, and hands the id to send so the receiver can de-duplicate', async () => {
    const clock = createManualClock(T0);
    const storage = createStorage({ clock });
    const { outbox, calls } = open(storage, clock, () => undefined, { paused: () => true });
    outbox.enqueue('msg_1', { text: 'hola' });
    outbox.enqueue('msg_1', { text: 'hola otra vez' });
    const items = await outbox.items();
    expect(items.map((item) => [item.id, item.payload.text])).toEqual([['msg_1', 'hola']]);
    outbox.dispose();

    // Another page queues the same id again while it still waits: still one item.
    const again = open(storage, clock);
    again.outbox.enqueue('msg_1', { text: 'hola de nuevo' });
    await again.outbox.idle();
    expect(calls).toEqual([]);
    expect(again.calls.map((c) => c.ids)).toEqual([['msg_1']]);
    await storage.close();
  });

  it('retries on one backoff schedule: doubling from baseMs, jittered, capped at maxMs', async () => {
    const clock = createManualClock(T0);
    const storage = createStorage({ clock });
    const { outbox, calls } = open(storage, clock, retry);
    outbox.enqueue('a', { text: 'uno' });
    await outbox.idle();
    // random() = 0.5: half of 1000, 2000, 4000, 4000 fixed plus a quarter.
    for (const delay of [750, 1500, 3000, 3000]) {
      clock.advance(delay - 1);
      await outbox.idle();
      const before = calls.length;
      clock.advance(1);
      await outbox.idle();
      expect(calls.length).toBe(before + 1);
    }
    expect(calls.map((c) => c.at - T0)).toEqual([0, 750, 2250, 5250, 8250]);
    expect(calls.map((c) => c.attempts[0])).toEqual([0, 1, 2, 3, 4]);
    await storage.close();
  });

  it('sends from one tab at a time: two tabs over one database deliver every item once', async () => {
    const clock = createManualClock(T0);
    const tabs = createTabs(2, { clock });
    const locks = createFakeLocks();
    let inFlight = 0;
    let overlap = false;
    const delivered: string[] = [];
    const sender = (storage: ChatbotStorage): Outbox<{ text: string }> =>
      open(storage, clock, undefined, {
        lock: { manager: locks },
        async send([item]) {
          inFlight++;
          if (inFlight > 1) overlap = true;
          // A send that takes a while (here one IndexedDB round trip, as reading a backup file
          // does): the other tab's drain runs meanwhile and must wait for the lock.
          await storage.getAll('outbox');
          delivered.push(item.id);
          inFlight--;
        },
      }).outbox;
    const [a, b] = [sender(tabs.storages[0]!), sender(tabs.storages[1]!)];
    for (let i = 0; i < 5; i++) {
      a.enqueue(`a${i}`, { text: `a${i}` });
      b.enqueue(`b${i}`, { text: `b${i}` });
    }
    await Promise.all([a.drain(), b.drain()]);
    await Promise.all([a.idle(), b.idle()]);
    expect(overlap).toBe(false);
    expect([...delivered].sort()).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'b0', 'b1', 'b2', 'b3', 'b4']);
    expect(await a.items()).toEqual([]);
    await tabs.close();
  });

  it('keeps its items across a reload and sends them when the next page starts', async () => {
    const clock = createManualClock(T0);
    const first = createStorage({ clock });
    const closing = open(first, clock, () => undefined, { paused: () => true });
    closing.outbox.enqueue('a', { text: 'uno' });
    closing.outbox.enqueue('b', { text: 'dos' });
    closing.outbox.dispose();
    await first.close();

    const storage = createStorage({ clock });
    const next = open(storage, clock);
    await storage.ready;
    await next.outbox.idle();
    expect(next.calls.map((c) => c.ids)).toEqual([['a'], ['b']]);
    expect(closing.calls).toEqual([]);
    await storage.close();
  });

  it('drops and reports an item the receiver refuses for good, and goes on with the next', async () => {
    const clock = createManualClock(T0);
    const storage = createStorage({ clock });
    const { outbox, calls, errors } = open(storage, clock, (call) =>
      call.ids[0] === 'bad' ? { outcome: 'drop', error: new ChatbotError('NETWORK', 'HTTP 400') } : undefined,
    );
    // An item an older version left in a shape this outbox cannot read is dropped too.
    storage.put('outbox', { id: 'chat:old', kind: 'chat', itemId: 'old', createdAt: T0 - 1, seq: 0, attempts: 0, nextAt: 0, payload: 42 });
    outbox.enqueue('bad', { text: 'x' });
    outbox.enqueue('good', { text: 'y' });
    await outbox.idle();
    expect(calls.map((c) => c.ids)).toEqual([['bad'], ['good']]);
    expect(errors.map((e) => e.code)).toEqual(['VALIDATION', 'NETWORK']);
    expect(await outbox.items()).toEqual([]);
    await storage.close();
  });

  it('reports the first failure of a run only, and never OFFLINE', async () => {
    const clock = createManualClock(T0);
    const storage = createStorage({ clock });
    const answers: Array<OutboxResult | undefined> = [
      { outcome: 'retry', error: new ChatbotError('OFFLINE') },
      retry(), retry(), undefined, retry(),
    ];
    const { outbox, calls, errors } = open(storage, clock, () => answers.shift());
    outbox.enqueue('a', { text: 'uno' });
    outbox.enqueue('b', { text: 'dos' });
    await outbox.idle();
    for (let i = 0; i < 6 && calls.length < 5; i++) {
      clock.advance(4000);
      await outbox.idle();
    }
    expect(calls.map((c) => c.ids[0])).toEqual(['a', 'a', 'a', 'a', 'b']);
    expect(errors.map((e) => e.code)).toEqual(['NETWORK', 'NETWORK']);
    await storage.close();
  });

  it('waits while offline, and retries at once (from a clean count) when the browser is back online', async () => {
    const clock = createManualClock(T0);
    const storage = createStorage({ clock });
    const host = Object.assign(new EventTarget(), { navigator: { onLine: true } });
    let up = false;
    const { outbox, calls } = open(storage, clock, () => (up ? undefined : retry()), { host });
    outbox.enqueue('a', { text: 'uno' });
    await outbox.idle();
    clock.advance(750);
    await outbox.idle();
    expect(calls.map((c) => c.attempts[0])).toEqual([0, 1]); // next try in 1.5 s
    host.navigator.onLine = false;
    clock.advance(60_000);
    await outbox.idle();
    expect(calls).toHaveLength(2);

    host.navigator.onLine = true;
    up = true;
    host.dispatchEvent(new Event('online'));
    await outbox.idle();
    expect(calls).toHaveLength(3);
    expect(calls[2]).toMatchObject({ ids: ['a'], attempts: [0] });
    expect(await outbox.items()).toEqual([]);
    await storage.close();
  });

  it('hands several items to send when batching, as many as fit', async () => {
    const clock = createManualClock(T0);
    const storage = createStorage({ clock });
    const { outbox, calls } = open(storage, clock, () => undefined, {
      batch: { max: 5, size: (payload) => payload.text.length },
      delayMs: 1000,
    });
    await storage.ready;
    await outbox.drain();
    for (const text of ['aa', 'bb', 'c', 'dddd']) outbox.enqueue(text, { text });
    clock.advance(999);
    await outbox.idle();
    expect(calls).toEqual([]); // items queued within the delay go together
    clock.advance(1);
    await outbox.idle();
    expect(calls.map((c) => c.ids)).toEqual([['aa', 'bb', 'c'], ['dddd']]);
    await storage.close();
  });

  it('reads the items version 13.0 queued (payload in the record\'s own fields)', async () => {
    const clock = createManualClock(T0);
    const storage = createStorage({ clock });
    storage.put('outbox', { id: 'backup-upload:bkp_2', kind: 'backup-upload', backupId: 'bkp_2', createdAt: 0, attempts: 3, nextAt: 0 });
    const sent: unknown[] = [];
    const outbox = createOutbox({
      name: 'backup-upload', storage, clock, backoff: { baseMs: 1000, maxMs: 4000 }, reportError: () => undefined,
      isPayload: (value): value is { backupId: string } => typeof value === 'object' && value !== null && 'backupId' in value,
      async send([item]) {
        sent.push([item.id, item.payload, item.attempts]);
      },
    });
    await storage.ready;
    await outbox.drain();
    expect(sent).toEqual([['bkp_2', { backupId: 'bkp_2' }, 3]]);
    outbox.dispose();
    await storage.close();
  });

  it('lists the items this tab queued and has not seen delivered, and forgets those delivered another way', async () => {
    const clock = createManualClock(T0);
    const storage = createStorage({ clock });
    const { outbox } = open(storage, clock, () => undefined, { paused: () => true });
    outbox.enqueue('a', { text: 'uno' });
    outbox.enqueue('b', { text: 'dos' });
    expect(outbox.unsent().map((item) => item.id)).toEqual(['a', 'b']);
    outbox.delivered(['a']);
    expect(outbox.unsent().map((item) => item.id)).toEqual(['b']);
    expect((await outbox.items()).map((item) => item.id)).toEqual(['b']);
    await storage.close();
  });
});
