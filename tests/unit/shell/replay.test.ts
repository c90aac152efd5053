import { describe, expect, it } from 'vitest';
import type { QueuedCall } from '../../../src/loader/stub-protocol';
import { replayQueue } from '../../../src/shell/replay';

describe('replayQueue', () => {
  it('hands over to the real system in the same tick as the queue empties: a call right after the last queued one still runs', async () => {
    const queue: QueuedCall[] = [];
    let installed = false;
    const root = { createConversation: async () => 'conv_1', sendMessage: (id: string) => `sent in ${id}` };
    // What the stub does with a kept stand-in: queue until installed, then call the real object.
    const call = (name: 'createConversation' | 'sendMessage', ...args: unknown[]): Promise<unknown> =>
      installed
        ? Promise.resolve((root[name] as (...a: unknown[]) => unknown)(...args))
        : new Promise((resolve, reject) => queue.push({ path: [name], kind: 'call', args, resolve, reject }));

    const page = (async () => {
      const id = await call('createConversation');
      return call('sendMessage', id);
    })();
    await replayQueue(queue, root, () => {
      installed = true;
    });
    // A call stranded in the queue after the hand-over would never settle (the test times out).
    expect(await page).toBe('sent in conv_1');
    expect(queue).toEqual([]);
  });

  it('replays calls queued while it replays, in order, and rejects a call on a missing path', async () => {
    const order: string[] = [];
    const queue: QueuedCall[] = [];
    const push = (path: string[], args: unknown[] = []): Promise<unknown> =>
      new Promise((resolve, reject) => queue.push({ path, kind: 'call', args, resolve, reject }));
    const root = {
      first: async () => {
        order.push('first');
        void push(['second']);
      },
      second: () => order.push('second'),
    };
    void push(['first']);
    const missing = push(['nope', 'call']);
    await replayQueue(queue, root);
    expect(order).toEqual(['first', 'second']);
    await expect(missing).rejects.toThrow(/CHATBOT_SYSTEM.nope.call does not exist/);
  });
});
