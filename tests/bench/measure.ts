/** Small helpers shared by the browser suites. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function deleteDatabase(name: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve();
  });
}

/** Runs `fn` `runs` times and returns the median of its results. */
export async function medianOf(runs: number, fn: () => Promise<number>): Promise<number> {
  const results: number[] = [];
  for (let i = 0; i < runs; i++) results.push(await fn());
  return median(results);
}

export interface RawStoreSpec {
  keyPath: string;
  indexes?: Array<[name: string, keyPath: string | string[]]>;
}

/**
 * The physical limit the write paths are compared with: `count` records put into a fresh
 * database in one readwrite transaction. Returns records per second.
 */
export async function rawPutThroughput(count: number, record: (i: number) => unknown, spec: RawStoreSpec = { keyPath: 'id' }): Promise<number> {
  const name = `bench-raw-${Math.random()}`;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore('records', { keyPath: spec.keyPath });
      for (const [index, keyPath] of spec.indexes ?? []) store.createIndex(index, keyPath);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const start = performance.now();
  const tx = db.transaction('records', 'readwrite');
  const store = tx.objectStore('records');
  for (let i = 0; i < count; i++) store.put(record(i));
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  const elapsed = performance.now() - start;
  db.close();
  await deleteDatabase(name);
  return count / (elapsed / 1000);
}
