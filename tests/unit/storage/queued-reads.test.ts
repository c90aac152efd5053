import { describe, expect, it } from 'vitest';
import { createStorage } from '../../../src/storage';
import { conversationRecord, kvRecord, messageRecord } from '../records';

// Nothing commits on its own during these tests (only flush() commits): reads must see the queue.
const QUEUED = { batchDelayMs: 60_000 };
const inConversation = (conversationId: string): IDBKeyRange => IDBKeyRange.bound([conversationId, -Infinity], [conversationId, Infinity]);

describe('storage reads see this tab\'s queued writes', () => {
  it('returns the updated record from get() right after update(), before it is committed', async () => {
    const storage = createStorage(QUEUED);
    storage.put('conversations', conversationRecord('c1', { name: 'Soporte' }));
    await storage.flush();

    storage.update('conversations', 'c1', (current) => current && { ...current, name: 'Ventas' });
    expect(storage.pendingCount()).toBe(1);
    expect((await storage.get('conversations', 'c1'))?.name).toBe('Ventas');
    // Reading did not consume the update: it still commits, over the committed record.
    expect(storage.pendingCount()).toBe(1);
    await storage.flush();
    const reopened = createStorage();
    expect((await reopened.get('conversations', 'c1'))?.name).toBe('Ventas');
    await storage.close();
    await reopened.close();
  });

  it('lists queued puts, deletes and clears in getAll() before they are committed', async () => {
    const storage = createStorage(QUEUED);
    storage.put('kv', kvRecord('a', 1));
    storage.put('kv', kvRecord('b', 1));
    await storage.flush();

    storage.put('kv', kvRecord('c', 1));
    storage.delete('kv', 'bot:session:a');
    storage.put('kv', kvRecord('b', 2));
    expect(await storage.getAll('kv')).toEqual([kvRecord('b', 2), kvRecord('c', 1)]);

    storage.clear('kv');
    storage.put('kv', kvRecord('d', 1));
    expect(await storage.getAll('kv')).toEqual([kvRecord('d', 1)]);
    expect(storage.pendingCount()).toBe(5);
    await storage.flush();
    expect(await storage.getAll('kv')).toEqual([kvRecord('d', 1)]);
    await storage.close();
  });

  it('finds a record in getAllFromIndex() under the index key a queued put or update gave it, in index order', async () => {
    const storage = createStorage(QUEUED);
    storage.put('messages', messageRecord('m1', { conversationId: 'A', createdAt: 10 }));
    storage.put('messages', messageRecord('m2', { conversationId: 'B', createdAt: 20 }));
    storage.put('messages', messageRecord('m3', { conversationId: 'A', createdAt: 30 }));
    await storage.flush();

    // m1 moves to B (a put), m3 to B (an update); m2 stays.
    storage.put('messages', messageRecord('m1', { conversationId: 'B', createdAt: 10 }));
    storage.update('messages', 'm3', (current) => current && { ...current, conversationId: 'B', createdAt: 5 });
    expect((await storage.getAllFromIndex('messages', 'byConversation', inConversation('B'))).map((m) => m.id)).toEqual(['m3', 'm1', 'm2']);
    expect(await storage.getAllFromIndex('messages', 'byConversation', inConversation('A'))).toEqual([]);

    await storage.flush();
    expect((await storage.getAllFromIndex('messages', 'byConversation', inConversation('B'))).map((m) => m.id)).toEqual(['m3', 'm1', 'm2']);
    await storage.close();
  });

  it('applies an update once to a read made while its batch is committing', async () => {
    const storage = createStorage(QUEUED);
    storage.put('kv', kvRecord('count', 1));
    await storage.flush();
    storage.update('kv', 'bot:session:count', (current) => kvRecord('count', (current?.handoffAt ?? 0) + 1));
    const committing = storage.flush();
    // A few microtasks later the batch has left the queue and is being written (IndexedDB needs tasks).
    for (let i = 0; i < 100 && storage.pendingCount() > 0; i++) await Promise.resolve();
    expect(storage.pendingCount()).toBe(0);
    expect((await storage.get('kv', 'bot:session:count'))?.handoffAt).toBe(2);
    expect(await storage.getAll('kv')).toEqual([kvRecord('count', 2)]);
    await committing;
    await storage.close();
  });
});
