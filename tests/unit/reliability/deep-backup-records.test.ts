import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/manual-clock';
import { MAX_RECORD_DEPTH } from '../../../src/backup/record-schemas';
import { createSystem, type ChatbotSystem } from '../../../src/system';
import { outcomeOf } from '../call-outcome';
import { DEEP_MARK, rewriteRecord } from './mutate-backup';

let system: ChatbotSystem | undefined;
afterEach(async () => {
  await system?.destroy();
  system = undefined;
});

/** A system with a conversation, two messages, a notification and a kv record; its backup exported. */
async function setUp(): Promise<{ s: ChatbotSystem; file: string }> {
  const clock = createManualClock(Date.parse('2025-03-10T15:00:00Z'));
  const s = createSystem({ backupSystem: { autoBackup: { enabled: false } } }, { clock });
  system = s;
  await s.ready;
  s.messaging.setCurrentUser('client_1');
  const conversation = s.messaging.createConversation(['client_1', 'asesor'], { type: 'direct', name: 'Pedido 1234' });
  s.messaging.sendMessage(conversation.id, { text: 'hola' });
  await s.pushNotifications.send('Pedido enviado', { data: { orderId: '1234' } });
  await s.flush();
  const original = await s.backupSystem.createBackup('manual');
  const file = await (await s.backupSystem.exportBackup(original.id)).text();
  s.messaging.sendMessage(conversation.id, { text: 'después' });
  await s.flush();
  return { s, file };
}

const nest = (field: string) => (value: Record<string, unknown>): void => {
  value[field] = DEEP_MARK;
};

// `rewriteRecord` nests `{"a":[` pairs: 2 levels each, under the record's own level.
describe('a resealed backup file with a record nested deeper than the bound', () => {
  // The mutation sweep's find: 1,500 pairs in a kv record passed the checks and overflowed the stack when stored.
  const cases: Array<[string, string, (value: Record<string, unknown>) => void, number]> = [
    ['a kv record, 1,500 pairs deep', 'kv', nest('chat'), 1_500],
    ['a message, 1,000 pairs deep', 'messages', nest('extra'), 1_000],
    ['a message\'s content, just over the bound', 'messages', (m) => nest('extra')(m.content as Record<string, unknown>), MAX_RECORD_DEPTH / 2],
    ['a notification\'s data, just over the bound', 'notifications', (n) => nest('deep')(n.data as Record<string, unknown>), MAX_RECORD_DEPTH / 2],
    ['a conversation, just over the bound', 'conversations', nest('extra'), MAX_RECORD_DEPTH / 2],
  ];
  for (const [label, store, change, pairs] of cases) {
    it(`in ${label}: import refuses it with CORRUPT_BACKUP naming the nesting, data unchanged`, async () => {
      const { s, file } = await setUp();
      const before = await s.storage.getAll('messages');
      const backups = s.backupSystem.listBackups();
      const text = await rewriteRecord(file, store, change as never, pairs);
      const outcome = await outcomeOf(async () => s.backupSystem.restoreBackup((await s.backupSystem.importBackup(new Blob([text]))).id), 30_000);
      expect(outcome.kind === 'chatbot' ? outcome.error.code : outcome.kind === 'other' ? String(outcome.error) : outcome.kind).toBe('CORRUPT_BACKUP');
      expect(outcome.kind === 'chatbot' && outcome.error.message).toMatch(new RegExp(`record of ${store} is nested deeper than ${MAX_RECORD_DEPTH} levels`));
      expect(await s.storage.getAll('messages')).toEqual(before);
      expect(s.backupSystem.listBackups()).toEqual(backups);
    }, 60_000);
  }

  it('within the bound, a deep record is imported and restored', async () => {
    const { s, file } = await setUp();
    // The record's own level, `extra`'s object, then pairs up to the bound.
    const text = await rewriteRecord(file, 'messages', nest('extra'), (MAX_RECORD_DEPTH - 2) / 2);
    const imported = await s.backupSystem.importBackup(new Blob([text]));
    await s.backupSystem.restoreBackup(imported.id);
    expect((await s.storage.getAll('messages')).map((m) => m.content.text)).toEqual(['hola']);
  }, 60_000);
});
