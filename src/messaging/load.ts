import type { MessageRecord, ChatbotStorage } from '../storage';
import { SLICE_MS, now, yieldToPage } from './schedule';

/** Records per read, on average: small enough that no single step blocks the host page for long. */
export const LOAD_CHUNK = 1_000;

// Message ids are `msg_` + the creation time in base 36, 9 digits (core/ids.ts), so key order is
// time order and a time is a key boundary.
const ID_TIME = /^msg_([0-9a-z]{9})/;
const keyAt = (time: number): string => `msg_${Math.floor(time).toString(36).padStart(9, '0')}`;

/**
 * Reads a whole store in key order, about `chunk` records per request, handing each chunk to
 * `onChunk`. The key space is cut into time ranges up front and every range is requested at once
 * in one transaction, so IndexedDB reads ahead while the page processes the chunks that arrived:
 * 100,000 messages load as ~100 short tasks instead of one long freeze, without a round trip
 * between chunks. Keys that do not follow the id format fall back to reading range after range.
 * @example await loadInChunks(storage, 'messages', (records) => records.forEach(insert));
 */
export async function loadInChunks(storage: ChatbotStorage, store: 'messages', onChunk: (records: MessageRecord[]) => void, chunk = LOAD_CHUNK): Promise<void> {
  const db = await storage.database();
  const tx = db.transaction(store);
  const [count, first, last] = await Promise.all([
    tx.store.count(),
    tx.store.openKeyCursor(null, 'next'),
    tx.store.openKeyCursor(null, 'prev'),
  ]);
  if (count === 0 || !first || !last) return;
  const from = ID_TIME.exec(String(first.key));
  const to = ID_TIME.exec(String(last.key));
  const parts = Math.ceil(count / chunk);
  if (!from || !to || parts <= 1) return sequential(storage, store, onChunk, chunk);
  const start = parseInt(from[1]!, 36);
  const end = parseInt(to[1]!, 36) + 1;
  const step = (end - start) / parts;
  const requests: Array<Promise<MessageRecord[]>> = [];
  let lower: string | undefined;
  for (let i = 1; i <= parts; i++) {
    const upper = i < parts ? keyAt(start + step * i) : undefined;
    if (upper !== undefined && upper === lower) continue;
    const range =
      lower === undefined ? (upper === undefined ? null : IDBKeyRange.upperBound(upper, true))
      : upper === undefined ? IDBKeyRange.lowerBound(lower)
      : IDBKeyRange.bound(lower, upper, false, true);
    requests.push(tx.store.getAll(range));
    lower = upper;
  }
  let sliceStart = now();
  for (const request of requests) {
    const records = await request;
    // Chunks that already arrived would all run in one task (their promises resolve as
    // microtasks): give the page its turn between them.
    if (now() - sliceStart > SLICE_MS) {
      await yieldToPage();
      sliceStart = now();
    }
    onChunk(records);
  }
}

async function sequential(storage: ChatbotStorage, store: 'messages', onChunk: (records: MessageRecord[]) => void, chunk: number): Promise<void> {
  const db = await storage.database();
  let next: Promise<MessageRecord[]> | undefined = db.getAll(store, undefined, chunk);
  while (next) {
    const records: MessageRecord[] = await next;
    const last = records[records.length - 1];
    next = records.length === chunk && last ? db.getAll(store, IDBKeyRange.lowerBound(last.id, true), chunk) : undefined;
    onChunk(records);
  }
}
