import { createStorage } from '../../../src/storage';
import { deleteDatabase, medianOf } from '../measure';
import type { BenchRow } from '../types';

const COUNT = 10_000;
const record = (i: number) => ({ id: `m${i}`, conversationId: `c${i % 50}`, createdAt: 1_700_000_000_000 + i, text: `mensaje número ${i}`, senderId: 'user_1' });

async function rawPuts(): Promise<number> {
  const name = `bench-raw-${Math.random()}`;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('messages', { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const start = performance.now();
  const tx = db.transaction('messages', 'readwrite');
  const store = tx.objectStore('messages');
  for (let i = 0; i < COUNT; i++) store.put(record(i));
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  const elapsed = performance.now() - start;
  db.close();
  await deleteDatabase(name);
  return COUNT / (elapsed / 1000);
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
