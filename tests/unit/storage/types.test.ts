import { describe, expectTypeOf, it } from 'vitest';
import {
  createCollection, createStorage, type ConsentRecord, type ConversationRecord, type KvRecord, type MessageRecord, type ReplyDetails,
  type StaffDelivery, type WakeRecord,
} from '../../../src/storage';

// Checked by `tsc` (tests are in the project): a wrong store, index, key namespace or record shape
// does not compile. At run time these only build the storage and close it.
describe('storage types', () => {
  it('types each store\'s records, kv records by key, and index names per store', async () => {
    const storage = createStorage();
    expectTypeOf(storage.get('messages', 'm1')).resolves.toEqualTypeOf<MessageRecord | undefined>();
    expectTypeOf(storage.get('kv', 'analytics:consent')).resolves.toEqualTypeOf<ConsentRecord | undefined>();
    expectTypeOf(storage.get('kv', 'wake:push')).resolves.toEqualTypeOf<WakeRecord | undefined>();
    expectTypeOf(storage.get('kv', 'bot:reply:msg_1')).resolves.toEqualTypeOf<ReplyDetails | undefined>();
    expectTypeOf(storage.getAll('kv')).resolves.toEqualTypeOf<KvRecord[]>();
    expectTypeOf(storage.getAllFromIndex('conversations', 'byUpdated')).resolves.toEqualTypeOf<ConversationRecord[]>();
    expectTypeOf(createCollection(storage, 'kv').get('bot:outbox:out_1')).toEqualTypeOf<StaffDelivery | undefined>();

    // Never called: these only have to fail to compile.
    const mistakes = (): void => {
      // @ts-expect-error: a kv key outside the namespaces written down in records/kv.ts
      void storage.get('kv', 'greeting');
      // @ts-expect-error: messages have no byUpdated index
      void storage.getAllFromIndex('messages', 'byUpdated');
      // @ts-expect-error: the index key of byConversation is [conversationId, createdAt]
      void storage.getAllFromIndex('messages', 'byConversation', 'conv_1');
      // @ts-expect-error: a conversation record needs its fields
      storage.put('conversations', { id: 'c1', name: 'Soporte' });
      // @ts-expect-error: the consent record holds optedOut, not a value
      storage.put('kv', { id: 'analytics:consent', value: true });
    };
    expectTypeOf(mistakes).toBeFunction();
    storage.update('kv', 'analytics:session', (pointer) => {
      expectTypeOf(pointer?.sessionId).toEqualTypeOf<string | undefined>();
      return pointer;
    });
    storage.subscribe('receipts', (changes) => {
      for (const change of changes) if (change.op === 'put') expectTypeOf(change.value.readId).toEqualTypeOf<string>();
    });
    await storage.close();
  });
});
