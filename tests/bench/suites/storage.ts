import { createStorage, type MessageRecord } from '../../../src/storage';
import { deleteDatabase, medianOf, rawPutThroughput } from '../measure';
import type { BenchRow } from '../types';

const COUNT = 10_000;
const record = (i: number): MessageRecord => ({
  id: `m${i}`, conversationId: `c${i % 50}`, senderId: 'user_1', type: 'text', content: { text: `mensaje número ${i}`, attachments: [] }, replyTo: null,
  threadId: null, mentions: [], createdAt: 1_700_000_000_000 + i, editedAt: null, edits: [], deleted: false, deletedAt: null,
});

function rawPuts(): Promise<number> {
  return rawPutThroughput(COUNT, record);
}

async function queuedPuts(): Promise<number> {
  const name = `bench-queue-${Math.random()}`;
  const storage = createStorage({ dbName: name });
  await storage.ready;
  const start = performance.now();
  for (let i = 0; i < COUNT; i++) storage.put('messages', record(i));
  await storage.flush();
  const elapsed = performance.now() - start;
  await storage.close();
  await deleteDatabase(name);
  return COUNT / (elapsed / 1000);
}

export default async function storageSuite(): Promise<BenchRow[]> {
  await rawPuts(); // warm-up
  const raw = await medianOf(5, rawPuts);
  const queued = await medianOf(5, queuedPuts);
  const ratio = queued / raw;
  return [
    {
      figure: 'write queue: 10,000 small records (journaled) then flush()',
      value: Math.round(queued),
      unit: 'records/s',
      baseline: { label: 'raw IndexedDB puts, one transaction', value: Math.round(raw) },
      ratio,
      goal: '≥ 0.5× raw',
      pass: ratio >= 0.5,
    },
  ];
}
