import { IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatbotError } from '../../../src/core/errors';
import { createStorage, type ChatbotStorage } from '../../../src/storage';
import { kvRecord, messageRecord } from '../records';

/**
 * Chromium's rule on a full origin, on fake IndexedDB: a transaction that writes anything (put,
 * add) is refused with QuotaExceededError; one that only deletes is accepted, and once it has
 * committed the store has room again. `tooBig` values never fit.
 */
function fullStore(tooBig: (value: unknown) => boolean = () => false): { readonly full: boolean } {
  const state = { full: true };
  const refuse = (value: unknown): void => {
    if (state.full || tooBig(value)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  const { put, add, delete: del } = IDBObjectStore.prototype;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    refuse(value);
    return put.call(this, value, key);
  });
  vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    refuse(value);
    return add.call(this, value, key);
  });
  vi.spyOn(IDBObjectStore.prototype, 'delete').mockImplementation(function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange) {
    if (this.name === 'messages') this.transaction.addEventListener('complete', () => (state.full = false));
    return del.call(this, query);
  });
  return state;
}

let storages: ChatbotStorage[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const storage of storages) await storage.close();
  storages = [];
});

async function withMessages(count: number): Promise<{ storage: ChatbotStorage; errors: ChatbotError[] }> {
  const storage = createStorage();
  storages.push(storage);
  for (let i = 0; i < count; i++) storage.put('messages', messageRecord(`m${i}`, { createdAt: i, text: `filtro ${i}` }));
  await storage.flush();
  const errors: ChatbotError[] = [];
  storage.onError((error) => errors.push(error));
  return { storage, errors };
}

/** What a reload would find: a second connection reads only what is committed. */
async function committed(): Promise<ChatbotStorage> {
  const other = createStorage();
  storages.push(other);
  await other.ready;
  return other;
}

describe('storage on a full origin', () => {
  it('commits a deletion queued behind a refused write, and then the write too, without a reload', async () => {
    const { storage, errors } = await withMessages(5);
    const store = fullStore();
    storage.put('messages', messageRecord('new', { createdAt: 10, text: 'llanta trasera' }));
    storage.delete('messages', 'm0');
    await storage.flush();
    expect(store.full).toBe(false);
    expect(errors.map((e) => e.code)).toContain('QUOTA_EXCEEDED');
    const reloaded = await committed();
    expect(await reloaded.get('messages', 'm0')).toBeUndefined();
    expect(await reloaded.get('messages', 'new')).toMatchObject({ content: { text: 'llanta trasera' } });
    // The deletion is journaled all the same: a point-in-time restore after it keeps m0 deleted.
    const entries = await storage.journal.read();
    expect(entries.some((entry) => entry.op === 'delete' && entry.key === 'm0')).toBe(true);
  });

  it('stores the writes queued after one that never fits, keeps that one queued, and flush() says QUOTA_EXCEEDED', async () => {
    const { storage } = await withMessages(3);
    fullStore((value) => typeof value === 'object' && value !== null && 'id' in value && value.id === 'huge');
    storage.put('messages', messageRecord('huge', { createdAt: 10, text: 'x'.repeat(1000) }));
    storage.put('kv', kvRecord('after', 1));
    storage.delete('messages', 'm1');
    storage.put('messages', messageRecord('small', { createdAt: 11, text: 'cadena' }));
    await expect(storage.flush()).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect(storage.pendingCount()).toBe(1);
    expect(await storage.get('messages', 'huge')).toBeDefined();
    const reloaded = await committed();
    expect(await reloaded.get('kv', 'bot:session:after')).toEqual(kvRecord('after', 1));
    expect(await reloaded.get('messages', 'm1')).toBeUndefined();
    expect(await reloaded.get('messages', 'small')).toBeDefined();
    expect(await reloaded.get('messages', 'huge')).toBeUndefined();
  });

  it('gives way with the journal first: its oldest half goes, the newest entries stay', async () => {
    const { storage } = await withMessages(0);
    for (let i = 0; i < 20; i++) {
      storage.put('kv', kvRecord(`k${i}`, i));
      await storage.flush();
    }
    const before = (await storage.journal.read()).length;
    fullStore();
    storage.put('kv', kvRecord('late', 99));
    storage.delete('messages', 'none');
    await storage.flush();
    const after = await storage.journal.read();
    expect(after.length).toBeLessThan(before);
    expect(after.some((entry) => entry.key === 'bot:session:k19')).toBe(true);
    expect(after.some((entry) => entry.key === 'bot:session:k0')).toBe(false);
  });
});
