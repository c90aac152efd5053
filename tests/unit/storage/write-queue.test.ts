import { IDBObjectStore } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { createManualClock } from '../../../src/core/manual-clock';
import { isChatbotError, type ChatbotError } from '../../../src/core/errors';
import { createCollection, createStorage, type ConversationRecord } from '../../../src/storage';
import { createTabs } from '../helpers';
import { pollUntil } from '../../shared/poll';
import { analyticsOutboxRecord, conversationRecord, kvRecord, messageRecord, notificationRecord } from '../records';

describe('storage write queue', () => {
  it('keeps 1,000 records written synchronously after flush and a reopen', async () => {
    const storage = createStorage();
    for (let i = 0; i < 1000; i++) storage.put('messages', messageRecord(`m${i}`, { createdAt: i, text: `hola ${i}` }));
    expect(storage.pendingCount()).toBe(1000);
    await storage.flush();
    expect(storage.pendingCount()).toBe(0);
    await storage.close();

    const reopened = createStorage();
    const all = await reopened.getAll('messages');
    expect(all).toHaveLength(1000);
    expect(all.find((m) => m.id === 'm999')?.content.text).toBe('hola 999');
    await reopened.close();
  });

  it('commits on its own within a few milliseconds, without flush', async () => {
    const storage = createStorage();
    storage.put('kv', kvRecord('greeting', 1));
    const other = createStorage();
    // Polled from another connection: flush() or idle() here would commit it themselves.
    await pollUntil(async () => expect(await other.get('kv', 'bot:session:greeting')).toEqual(kvRecord('greeting', 1)));
    expect(storage.pendingCount()).toBe(0);
    await storage.close();
    await other.close();
  });

  it('reads its own pending writes before they are committed', async () => {
    const storage = createStorage();
    storage.put('kv', kvRecord('a', 1));
    expect(await storage.get('kv', 'bot:session:a')).toEqual(kvRecord('a', 1));
    storage.delete('kv', 'bot:session:a');
    expect(await storage.get('kv', 'bot:session:a')).toBeUndefined();
    await storage.close();
  });

  it('applies deletes and clears in order with puts', async () => {
    const storage = createStorage();
    storage.put('kv', kvRecord('a', 1));
    storage.put('kv', kvRecord('b', 1));
    storage.delete('kv', 'bot:session:a');
    storage.clear('kv');
    storage.put('kv', kvRecord('c', 3));
    await storage.flush();
    expect(await storage.getAll('kv')).toEqual([kvRecord('c', 3)]);
    await storage.close();
  });

  it('raises QUOTA_EXCEEDED, keeps the pending writes and commits them on retry', async () => {
    const storage = createStorage();
    storage.put('kv', kvRecord('committed', 0));
    await storage.flush();
    const errors: ChatbotError[] = [];
    storage.onError((error) => errors.push(error));
    // Full until the test says otherwise: making room (the journal, deletions) does not help here.
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    storage.put('kv', kvRecord('later', 1));
    await expect(storage.flush()).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect(errors.map((e) => e.code)).toEqual(['QUOTA_EXCEEDED']);
    expect(storage.pendingCount()).toBe(1);
    expect(await storage.get('kv', 'bot:session:committed')).toEqual(kvRecord('committed', 0));
    spy.mockRestore();
    await storage.flush();
    expect(storage.pendingCount()).toBe(0);
    const reopened = createStorage();
    expect(await reopened.get('kv', 'bot:session:later')).toEqual(kvRecord('later', 1));
    await storage.close();
    await reopened.close();
  });

  it('commits the good writes of a batch that holds one value IndexedDB cannot store', async () => {
    const storage = createStorage();
    const errors: ChatbotError[] = [];
    storage.onError((error) => errors.push(error));
    const unclonable = { ...kvRecord('bad'), fn: () => 1 };
    storage.put('kv', kvRecord('good-1'));
    storage.put('kv', unclonable);
    storage.put('kv', kvRecord('good-2'));
    await expect(storage.flush()).rejects.toSatisfy((e: unknown) => isChatbotError(e, 'STORAGE_FAILED'));
    await storage.flush();
    const ids = (await storage.getAll('kv')).map((r) => r.id).sort();
    expect(ids).toEqual(['bot:session:good-1', 'bot:session:good-2']);
    expect(errors).toHaveLength(1);
    await storage.close();
  });

  it('writes nothing of a batch when one of its requests fails once IndexedDB runs it', async () => {
    const storage = createStorage();
    storage.put('messages', messageRecord('before', { createdAt: 1, text: 'antes' }));
    await storage.flush();
    const errors: ChatbotError[] = [];
    storage.onError((error) => errors.push(error));
    // The journal record reuses a key already taken: IndexedDB accepts the request, then fails
    // it (ConstraintError) after the batch's puts, which must not stay.
    const add = IDBObjectStore.prototype.add;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      return this.name === 'journal' ? add.call(this, { ...(value as object), seq: 1 }) : add.call(this, value, key);
    });
    storage.put('messages', messageRecord('lost', { createdAt: 2, text: 'perdido' }));
    storage.put('kv', kvRecord('lost', 2));
    await expect(storage.flush()).rejects.toSatisfy((e: unknown) => isChatbotError(e, 'STORAGE_FAILED'));
    spy.mockRestore();
    const other = createStorage();
    expect((await other.getAll('messages')).map((m) => m.id)).toEqual(['before']);
    expect(await other.get('kv', 'bot:session:lost')).toBeUndefined();
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.code === 'STORAGE_FAILED')).toBe(true);
    await other.close();
    await storage.close();
  });

  it('gives up on a value nested too deep to clone (RangeError) and commits the writes queued after it', async () => {
    const storage = createStorage();
    const errors: ChatbotError[] = [];
    storage.onError((error) => errors.push(error));
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    storage.put('notifications', notificationRecord('deep', { data: deep }));
    await expect(storage.flush()).rejects.toSatisfy((e: unknown) => isChatbotError(e, 'STORAGE_FAILED'));
    storage.put('kv', kvRecord('next', 1));
    await storage.flush();
    expect(storage.pendingCount()).toBe(0);
    expect((await storage.getAll('kv')).map((r) => r.id)).toEqual(['bot:session:next']);
    expect(await storage.get('notifications', 'deep')).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]?.details).toEqual({ permanent: true });
    await storage.close();
  });
});

describe('storage across tabs', () => {
  it('ends with all 1,000 records in IndexedDB and in both read models when two tabs write 500 each', async () => {
    const tabs = createTabs(2);
    const [a, b] = tabs.storages as [ReturnType<typeof createStorage>, ReturnType<typeof createStorage>];
    const modelA = createCollection(a, 'messages');
    const modelB = createCollection(b, 'messages');
    await Promise.all([modelA.load(), modelB.load()]);
    for (let i = 0; i < 500; i++) {
      modelA.put(messageRecord(`a${i}`, { createdAt: i }));
      modelB.put(messageRecord(`b${i}`, { createdAt: i }));
    }
    await Promise.all([a.flush(), b.flush()]);
    expect(await a.getAll('messages')).toHaveLength(1000);
    await pollUntil(() => {
      expect(modelA.size).toBe(1000);
      expect(modelB.size).toBe(1000);
    });
    await tabs.close();
  });

  it('merges concurrent updates of one record instead of letting one tab overwrite the other', async () => {
    const tabs = createTabs(2);
    const [a, b] = tabs.storages as [ReturnType<typeof createStorage>, ReturnType<typeof createStorage>];
    const addUser = (user: string) => (current: ConversationRecord | undefined) =>
      conversationRecord('c1', { participants: [...new Set([...(current?.participants ?? []), user])] });
    const modelA = createCollection(a, 'conversations');
    const modelB = createCollection(b, 'conversations');
    modelA.update('c1', addUser('ana'));
    modelB.update('c1', addUser('luis'));
    await Promise.all([a.flush(), b.flush()]);
    const stored = await a.get('conversations', 'c1');
    expect(stored?.participants.sort()).toEqual(['ana', 'luis']);
    await pollUntil(() => {
      expect(modelA.get('c1')?.participants.sort()).toEqual(['ana', 'luis']);
      expect(modelB.get('c1')?.participants.sort()).toEqual(['ana', 'luis']);
    });
    await tabs.close();
  });
});

describe('journal', () => {
  it('records every mutation of journaled stores with its time, in order', async () => {
    const clock = createManualClock(Date.parse('2025-01-15T10:00:00Z'));
    const storage = createStorage({ clock });
    storage.put('conversations', conversationRecord('c1', { name: 'Soporte' }));
    clock.advance(1000);
    storage.put('conversations', conversationRecord('c1', { name: 'Ventas' }));
    storage.put('outbox', analyticsOutboxRecord('o1'));
    clock.advance(1000);
    storage.delete('conversations', 'c1');
    await storage.flush();
    const entries = await storage.journal.read();
    expect(entries.map((e) => [e.op, e.store, e.key, e.value && 'name' in e.value ? e.value.name : undefined])).toEqual([
      ['put', 'conversations', 'c1', 'Soporte'],
      ['put', 'conversations', 'c1', 'Ventas'],
      ['delete', 'conversations', 'c1', undefined],
    ]);
    const until = await storage.journal.read({ until: Date.parse('2025-01-15T10:00:01Z') });
    expect(until).toHaveLength(2);
    await storage.close();
  });

  it('drops batches older than its age limit', async () => {
    const clock = createManualClock(0);
    const storage = createStorage({ clock, journal: { maxAgeMs: 10_000 } });
    storage.put('kv', kvRecord('old'));
    await storage.flush();
    clock.advance(20_000);
    storage.put('kv', kvRecord('new'));
    await storage.flush();
    expect(await storage.journal.prune()).toBe(1);
    expect((await storage.journal.read()).map((e) => e.key)).toEqual(['bot:session:new']);
    expect(await storage.journal.oldest()).toBe(20_000);
    await storage.close();
  });
});

describe('journal bounds across visits', () => {
  it('drops expired batches when storage opens, even in a visit that makes few changes', async () => {
    const clock = createManualClock(0);
    const first = createStorage({ clock, journal: { maxAgeMs: 10_000 } });
    first.put('kv', kvRecord('old'));
    await first.flush();
    await first.close();

    clock.advance(20_000);
    const next = createStorage({ clock, journal: { maxAgeMs: 10_000 } });
    await next.idle();
    expect(await next.journal.read()).toEqual([]);
    expect(await next.get('kv', 'bot:session:old')).toEqual(kvRecord('old'));
    await next.close();
  });
});
