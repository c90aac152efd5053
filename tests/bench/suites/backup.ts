import LZString from 'lz-string';
import { createBackground } from '../../../src/core/background';
import { createBackupSystem } from '../../../src/backup';
import { applySnapshot } from '../../../src/backup/apply';
import { parseConfig } from '../../../src/core/config';
import { createTabChannel } from '../../../src/core/tabs';
import { createOriginDatabases, createStorage, type OriginDatabases } from '../../../src/storage';
import { deleteDatabase } from '../measure';
import type { BenchRow } from '../types';

const MB = 1024 * 1024;
const DATA_DB = 'bench-backup-data';
const WIDGET_DB = 'bench-backup-widget';

declare const gc: (() => void) | undefined;
const heap = (): number => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;

/** Runs `fn` and returns its elapsed ms (no sampling: nothing slows it down). */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  if (typeof gc === 'function') gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
}

/**
 * Runs `fn` sampling `usedJSHeapSize` every 5 ms (`raw`: includes garbage V8 has not collected
 * yet) and, every 100 ms, right after a forced `gc()` (`live`: what the operation really holds).
 * Both are peaks above the heap before the call.
 */
async function heapOf(fn: () => Promise<unknown>): Promise<{ raw: number; live: number }> {
  if (typeof gc === 'function') gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const base = heap();
  let raw = base;
  let live = base;
  let ticks = 0;
  const timer = setInterval(() => {
    raw = Math.max(raw, heap());
    if (++ticks % 20 === 0 && typeof gc === 'function') {
      gc();
      live = Math.max(live, heap());
    }
  }, 5);
  await fn();
  clearInterval(timer);
  return { raw: raw - base, live: live - base };
}

const WORDS = ['filtro', 'aceite', 'cadena', 'piñón', 'Boxer', 'CT100', 'Pulsar', 'NS200', 'bujía', 'pastillas', 'freno', 'kit', 'arrastre', 'envío', 'Medellín', 'Bogotá', 'pedido', 'garantía'];

/** Order-like records (~2 KB each): text, numbers, Dates, a small typed array. */
function record(i: number): Record<string, unknown> {
  const words: string[] = [];
  let seed = i * 2654435761;
  for (let w = 0; w < 200; w++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    words.push(WORDS[seed % WORDS.length]!);
  }
  return {
    id: `ord_${String(i).padStart(8, '0')}`,
    customer: `cliente_${i % 5000}`,
    createdAt: new Date(1_700_000_000_000 + i * 60_000),
    total: (i * 7919) % 900_000,
    items: [{ sku: `SKU-${i % 997}`, qty: 1 + (i % 4) }, { sku: `SKU-${(i * 7) % 997}`, qty: 1 }],
    notes: words.join(' '),
    sensor: new Float32Array([i, i / 2, i / 3, i / 4]),
  };
}

async function fill(databases: OriginDatabases, megabytes: number): Promise<number> {
  await deleteDatabase(DATA_DB);
  const orders = { name: 'orders', keyPath: 'id', autoIncrement: false, indexes: [{ name: 'byCustomer', keyPath: 'customer', unique: false, multiEntry: false }] };
  const db = await databases.open(DATA_DB, { version: 1, create: [orders] });
  const count = Math.round((megabytes * MB) / JSON.stringify(record(1)).length);
  for (let start = 0; start < count; start += 5000) {
    const writes = [];
    for (let i = start; i < Math.min(count, start + 5000); i++) writes.push({ op: 'put' as const, store: 'orders', value: record(i) });
    await db.write(writes);
  }
  db.close();
  return count;
}

/** The physical limit: read the same records in chunks and gzip their JSON with CompressionStream. */
async function readAndGzip(databases: OriginDatabases): Promise<number> {
  const db = await databases.open(DATA_DB);
  const stream = new CompressionStream('gzip');
  const writer = stream.writable.getWriter();
  const drained = new Response(stream.readable).blob();
  const encoder = new TextEncoder();
  let bytes = 0;
  for await (const rows of db.readChunks('orders', { count: 500 })) {
    const chunk = encoder.encode(JSON.stringify(rows));
    bytes += chunk.byteLength;
    await writer.write(chunk);
  }
  await writer.close();
  await drained;
  db.close();
  return bytes;
}

async function roundTrip(megabytes: number): Promise<BenchRow[]> {
  const channel = createTabChannel(`bench-${Math.random()}`);
  const storage = createStorage({ dbName: WIDGET_DB, channel });
  const databases = createOriginDatabases(storage);
  await fill(databases, megabytes);
  const system = createBackupSystem(
    { clock: { now: () => Date.now(), setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (h) => clearTimeout(h as number) }, channel, config: parseConfig({}), section: { autoBackup: { enabled: false }, includedData: ['indexedDB'] }, reportError: (e) => console.warn(e), background: createBackground({ report: (e) => console.warn(e) }).run, storage },
  );
  await system.ready;
  const limit = await timed(() => readAndGzip(databases));
  const backup = await timed(() => system.createBackup('manual'));
  const backupHeap = await heapOf(() => system.createBackup('manual'));
  const size = backup.result.size;
  const limitRate = limit.result / MB / (limit.ms / 1000);
  const rate = (ms: number) => size / MB / (ms / 1000);
  const payload = (await storage.get('backupBlobs', backup.result.id))?.blob as Blob;
  const env = { databases };
  const apply = await timed(() => applySnapshot(env, payload, true, { clearExisting: true, restoreSession: false }));
  const restore = await timed(() => system.restoreBackup(backup.result.id, { clearExisting: true }));
  const restoreHeap = await heapOf(() => system.restoreBackup(backup.result.id, { clearExisting: true }));
  system.dispose();
  await storage.close();
  channel.close();
  await deleteDatabase(WIDGET_DB);
  await deleteDatabase(DATA_DB);
  const label = `${megabytes} MB`;
  const heapRows = (what: string, peak: { raw: number; live: number }): BenchRow[] => [
    { figure: `${what}: peak live JS heap (sampled after gc())`, value: peak.live / MB, unit: 'MB', baseline: { label: 'data size', value: size / MB }, ratio: peak.live / size, goal: '< 2× data size', pass: peak.live < 2 * size },
    { figure: `${what}: peak usedJSHeapSize, garbage included`, value: peak.raw / MB, unit: 'MB', baseline: { label: 'data size', value: size / MB }, ratio: peak.raw / size },
  ];
  return [
    { figure: `backup ${label} of IndexedDB (read, encode, gzip, SHA-256, store)`, value: rate(backup.ms), unit: 'MB/s', baseline: { label: 'read + gzip, same records', value: limitRate }, ratio: rate(backup.ms) / limitRate, goal: '≥ 0.5× limit', pass: rate(backup.ms) >= 0.5 * limitRate },
    ...heapRows(`backup ${label}`, backupHeap),
    { figure: `restore ${label}: apply (gunzip, decode, write)`, value: rate(apply.ms), unit: 'MB/s', baseline: { label: 'read + gzip, same records', value: limitRate }, ratio: rate(apply.ms) / limitRate, goal: '≥ 0.5× limit', pass: rate(apply.ms) >= 0.5 * limitRate },
    { figure: `restoreBackup ${label} end to end (checksum, safety backup, apply)`, value: rate(restore.ms), unit: 'MB/s', baseline: { label: 'read + gzip, same records', value: limitRate }, ratio: rate(restore.ms) / limitRate },
    ...heapRows(`restoreBackup ${label}`, restoreHeap),
    { figure: `backup ${label}: gzip ratio`, value: backup.result.compressedSize / size, unit: 'stored/raw' },
  ];
}

async function compressors(): Promise<BenchRow[]> {
  const channel = createTabChannel(`bench-${Math.random()}`);
  const storage = createStorage({ dbName: WIDGET_DB, channel });
  await fill(createOriginDatabases(storage), 10);
  const system = createBackupSystem(
    { clock: { now: () => Date.now(), setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (h) => clearTimeout(h as number) }, channel, config: parseConfig({}), section: { autoBackup: { enabled: false, compressionEnabled: false }, includedData: ['indexedDB'] }, reportError: (e) => console.warn(e), background: createBackground({ report: (e) => console.warn(e) }).run, storage },
  );
  await system.ready;
  const backup = await system.createBackup('manual'); // uncompressed: the payload both compressors get
  const text = await ((await storage.get('backupBlobs', backup.id))?.blob as Blob).text();
  system.dispose();
  await storage.close();
  channel.close();
  await deleteDatabase(WIDGET_DB);
  await deleteDatabase(DATA_DB);
  const bytes = new TextEncoder().encode(text);
  const size = bytes.byteLength / MB;

  const gz = await timed(async () => new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer()));
  const gunzip = await timed(async () => new Response(new Blob([gz.result]).stream().pipeThrough(new DecompressionStream('gzip'))).text());
  const lz = await timed(async () => LZString.compressToUint8Array(text));
  const unlz = await timed(async () => LZString.decompressFromUint8Array(lz.result));
  if (gunzip.result !== text || unlz.result !== text) throw new Error('a compressor did not round-trip');
  const rate = (ms: number) => size / (ms / 1000);
  return [
    { figure: `CompressionStream gzip, ${size.toFixed(1)} MB backup payload: compress`, value: rate(gz.ms), unit: 'MB/s', baseline: { label: 'lz-string compress', value: rate(lz.ms) }, ratio: lz.ms / gz.ms, goal: 'faster than lz-string', pass: gz.ms < lz.ms },
    { figure: 'CompressionStream gzip: decompress', value: rate(gunzip.ms), unit: 'MB/s', baseline: { label: 'lz-string decompress', value: rate(unlz.ms) }, ratio: unlz.ms / gunzip.ms },
    { figure: 'CompressionStream gzip: size ratio', value: gz.result.byteLength / bytes.byteLength, unit: 'out/in', baseline: { label: 'lz-string ratio', value: lz.result.byteLength / bytes.byteLength } },
  ];
}

export default async function backupSuite(): Promise<BenchRow[]> {
  return [...(await compressors()), ...(await roundTrip(10)), ...(await roundTrip(100))];
}
