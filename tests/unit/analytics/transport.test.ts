import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/manual-clock';
import { createTransport, type Transport } from '../../../src/analytics/transport';
import { createStorage, type ChatbotStorage } from '../../../src/storage';
import { pollUntil } from '../../shared/poll';
import { ev, T0 } from './harness';

interface Sent {
  batch: Array<{ messageId: string; event: string }>;
  sentAt: string;
}

let storage: ChatbotStorage;
let transport: Transport | undefined;
afterEach(async () => {
  transport?.dispose();
  await storage?.close();
});

/** A transport over a fresh database, once its start-up pass (nothing queued yet) is over. */
async function setup(respond: (body: Sent) => number, overrides: Partial<Parameters<typeof createTransport>[0]> = {}) {
  const clock = createManualClock(T0);
  storage = createStorage({ clock });
  const sent: Sent[] = [];
  const errors: string[] = [];
  transport = createTransport({
    storage,
    clock,
    endpoint: '/collect',
    headers: {},
    sendIntervalMs: 5000,
    sendAt: 1000,
    maxBatchEvents: 500,
    retryBaseMs: 1000,
    retryMaxMs: 60_000,
    reportError: (e) => errors.push(e.code),
    paused: () => false,
    random: () => 0.5,
    fetch: (async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as Sent;
      const status = respond(body);
      sent.push(body);
      return new Response(null, { status });
    }) as typeof fetch,
    ...overrides,
  });
  await storage.ready;
  await transport.pump();
  return { clock, sent, errors };
}

const events = (n: number) => Array.from({ length: n }, (_, i) => ev('e', T0 + i, 's1'));
/** How many batches wait in IndexedDB. */
const queued = async (): Promise<number> => (await storage.flush(), (await storage.getAll('outbox')).length);

describe('sending batches to an endpoint', () => {
  it('posts Segment batches ({ batch, sentAt }) and empties the queue on success', async () => {
    const { clock, sent } = await setup(() => 200);
    transport!.enqueue(events(3));
    clock.advance(5000);
    await pollUntil(() => expect(sent).toHaveLength(1));
    await pollUntil(async () => expect(await queued()).toBe(0));
    expect(sent[0]!.batch).toHaveLength(3);
    expect(sent[0]!.batch[0]).not.toHaveProperty('time');
    expect(sent[0]!.sentAt).toBe(new Date(T0 + 5000).toISOString());
    expect(transport!.health).toBe('ok');
  });

  it('keeps failed batches queued and retries them with growing, jittered delays', async () => {
    let up = false;
    const { clock, sent, errors } = await setup(() => (up ? 200 : 503));
    transport!.enqueue(events(2));
    await transport!.pump();
    expect(sent).toHaveLength(1);
    expect(errors).toEqual(['NETWORK']);
    const postsAfter = async (ms: number): Promise<number> => {
      clock.advance(ms);
      await transport!.pump();
      return sent.length;
    };
    // random() = 0.5: the first retry after 750 ms (half of 1000 fixed, a quarter random), then 1500.
    expect([await postsAfter(749), await postsAfter(1)]).toEqual([1, 2]);
    up = true;
    expect([await postsAfter(1499), await postsAfter(1)]).toEqual([2, 3]);
    expect(await queued()).toBe(0);
    expect(sent.at(-1)!.batch).toHaveLength(2);
    expect(errors).toEqual(['NETWORK']); // reported once, not per retry
  });

  it('splits a batch the endpoint finds too large (413)', async () => {
    const { sent } = await setup((body) => (body.batch.length > 2 ? 413 : 200));
    transport!.enqueue(events(7));
    await transport!.pump();
    await pollUntil(async () => expect(await queued()).toBe(0));
    const delivered = sent.filter((s) => s.batch.length <= 2).flatMap((s) => s.batch.map((e) => e.messageId));
    expect(new Set(delivered).size).toBe(7);
  });

  it('drops a batch the endpoint rejects for good (400) and reports it', async () => {
    const { errors } = await setup(() => 400);
    transport!.enqueue(events(2));
    await transport!.pump();
    expect(await queued()).toBe(0);
    expect(errors).toEqual(['NETWORK']);
  });

  it('keeps the queue across a reload while the endpoint is down', async () => {
    const { clock } = await setup(() => 503);
    transport!.enqueue(events(4));
    await transport!.pump();
    transport!.dispose();
    await storage.close();
    storage = createStorage({ clock });
    const received: Sent[] = [];
    transport = createTransport({
      storage, clock, endpoint: '/collect', headers: {}, sendIntervalMs: 5000, sendAt: 1000, maxBatchEvents: 500,
      retryBaseMs: 1000, retryMaxMs: 60_000, reportError: () => undefined, paused: () => false,
      fetch: (async (_url: string, init: RequestInit) => {
        received.push(JSON.parse(String(init.body)) as Sent);
        return new Response(null, { status: 204 });
      }) as typeof fetch,
    });
    clock.advance(5000);
    await transport.pump();
    expect(received.flatMap((s) => s.batch)).toHaveLength(4);
    expect(await queued()).toBe(0);
  });

  it('hands unsent batches to sendBeacon on pagehide, and forgets them only when the endpoint is known to work', async () => {
    const beacons: string[] = [];
    await setup(() => 200, { sendBeacon: (_url, blob) => (beacons.push(blob.type), true) });
    transport!.enqueue(events(1));
    transport!.flushOnHide();
    expect(beacons).toHaveLength(1);
    expect(await queued()).toBe(1); // health unknown: kept (at-least-once)
    await transport!.pump();
    transport!.enqueue(events(2));
    transport!.flushOnHide();
    expect(beacons).toEqual(['text/plain;charset=utf-8', 'text/plain;charset=utf-8']);
    await storage.flush();
    expect(await queued()).toBe(0);
  });
});
