import { afterEach, describe, expect, it } from 'vitest';
import { isChatbotError } from '../../../src/core/errors';
import { createTabs } from '../helpers';
import { kvRecord } from '../records';
import { createHarness, errorOf, type Harness } from '../messaging/harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('a burst of writes from one tab', () => {
  it('lets another tab read after one batch, not after the whole burst', async () => {
    const tabs = createTabs(2);
    const [a, b] = tabs.storages as [typeof tabs.storages[0], typeof tabs.storages[0]];
    await Promise.all([a.ready, b.ready]);
    for (let i = 0; i < 10_000; i++) a.put('kv', kvRecord(`burst-${i}`, i));
    const order: string[] = [];
    const flushed = a.flush().then(() => order.push('flush'));
    // One turn of the event loop: tab A's first transaction is running when tab B asks.
    await new Promise((resolve) => setImmediate(resolve));
    let waitingInA = -1;
    const read = b.get('kv', 'bot:session:burst-0').then(() => {
      waitingInA = a.pendingCount();
      order.push('read');
    });
    await Promise.all([flushed, read]);
    expect(order).toEqual(['read', 'flush']);
    expect(waitingInA).toBeGreaterThan(5_000);
    expect(await b.getAll('kv')).toHaveLength(10_000);
    await tabs.close();
  });

  it('is refused with BUSY past the bound, and accepted again once flushed', async () => {
    const tabs = createTabs(1, { maxPending: 100 });
    const storage = tabs.storages[0]!;
    for (let i = 0; i < 100; i++) {
      storage.admit();
      storage.put('kv', kvRecord(`k-${i}`, i));
    }
    const busy = (() => {
      try {
        storage.admit();
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    expect(isChatbotError(busy, 'BUSY')).toBe(true);
    expect(isChatbotError(busy) && busy.details).toEqual({ pending: 100, limit: 100 });
    await storage.flush();
    expect(() => storage.admit()).not.toThrow();
    await tabs.close();
  });
});

describe('messaging under a burst of calls', () => {
  it('refuses sendMessage with BUSY once 10,000 changes wait, changes nothing, and works after flush()', async () => {
    h = await createHarness({ user: 'juan' });
    const conv = h.messaging.createConversation(['juan', 'ana'], { type: 'direct' }).id;
    await h.storage.flush();
    let accepted = 0;
    let refused: unknown;
    for (let i = 0; i < 11_000 && refused === undefined; i++) {
      try {
        h.messaging.sendMessage(conv, { text: `repuesto ${i}` });
        accepted++;
      } catch (error) {
        refused = error;
      }
    }
    expect(isChatbotError(refused, 'BUSY')).toBe(true);
    expect(accepted).toBe(10_000);
    expect(h.messaging.getStats().totalMessages).toBe(10_000);
    expect(h.messaging.searchMessages('10000')).toEqual([]);
    expect(errorOf(() => h!.messaging.addReaction(h!.messaging.getMessages(conv)[0]!.id, '👍')).code).toBe('BUSY');
    await h.storage.flush();
    const after = h.messaging.sendMessage(conv, { text: 'después del flush' });
    await h.storage.flush();
    expect(await h.storage.get('messages', after.id)).toBeDefined();
    expect(await h.storage.getAll('messages')).toHaveLength(10_001);
  }, 60_000); // 10,000 writes into fake-indexeddb: seconds on a busy machine
});
