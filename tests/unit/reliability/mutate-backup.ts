import { fromBase64, sha256Hex, toBase64 } from '../../../src/backup/crypto';
import { readPayload } from '../../../src/backup/payload-reader';
import { createPayloadWriter } from '../../../src/backup/payload-writer';

/** A seeded PRNG (mulberry32): the same seed gives the same mutations, run after run. */
export function createRandom(seed: number): { next(): number; int(n: number): number; pick<T>(list: readonly T[]): T } {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), pick: (list) => list[Math.floor(next() * list.length)]! };
}
export type Random = ReturnType<typeof createRandom>;

// Placeholders JSON.stringify writes as-is, replaced afterwards by text JSON.stringify cannot make.
const DEEP = '\u0001deep\u0001';
const PROTO_KEY = '\u0001proto\u0001';
const DEEP_LEVELS = 10_000;

/** Text JSON.stringify cannot (or would not) write: thousands of nested levels, `__proto__` as an own key. */
function finish(json: string, levels = DEEP_LEVELS): string {
  return json
    .replaceAll(JSON.stringify(DEEP), `${'{"a":['.repeat(levels)}1${']}'.repeat(levels)}`)
    .replaceAll(JSON.stringify(PROTO_KEY), '"__proto__"');
}

const WRONG_VALUES: readonly unknown[] = [
  null, 0, -1, 1.5, 1e308, -1e308, '', ' ', 'x', '2025-13-45T99:99:99Z', true, false, [], {}, [null], { id: null },
  'A'.repeat(1_000_000), Array.from({ length: 100_000 }, () => 0), DEEP,
  { [PROTO_KEY]: { polluted: 'yes' } }, { constructor: { prototype: { polluted: 'yes' } } }, { prototype: { polluted: 'yes' } },
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Slot = { parent: Json[] | Record<string, Json>; key: string | number };

/** Every value slot under `root` (skipping the inside of strings), for picking one to change. */
function slots(root: Json, skip: (key: string | number) => boolean): Slot[] {
  const out: Slot[] = [];
  const walk = (value: Json): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        out.push({ parent: value, key: i });
        walk(item);
      });
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (skip(key)) continue;
        out.push({ parent: value, key });
        walk(item);
      }
    }
  };
  walk(root);
  return out;
}

const OPS = ['wrong type', 'delete', 'swap', 'proto key', 'duplicate'] as const;

/** Changes one place of a parsed JSON value in place; returns what it did. */
export function mutateJson(root: Json, random: Random, skip: (key: string | number) => boolean = () => false): string {
  const all = slots(root, skip);
  if (all.length === 0) return 'nothing to change';
  const slot = random.pick(all);
  const parent = slot.parent as Record<string | number, Json>;
  const op = random.pick(OPS);
  const where = String(slot.key);
  switch (op) {
    case 'wrong type':
      parent[slot.key] = structuredClone(random.pick(WRONG_VALUES)) as Json;
      return `${where} ← wrong type`;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(slot.key as number, 1);
      else delete parent[slot.key];
      return `${where} deleted`;
    case 'swap': {
      const other = random.pick(all);
      const a = parent[slot.key]!;
      parent[slot.key] = (other.parent as Record<string | number, Json>)[other.key]!;
      (other.parent as Record<string | number, Json>)[other.key] = a;
      return `${where} ⇄ ${String(other.key)}`;
    }
    case 'proto key': {
      const target = parent[slot.key];
      const key = random.pick([PROTO_KEY, 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']);
      const value: Json = { polluted: 'yes', prototype: { polluted: 'yes' } };
      if (target && typeof target === 'object' && !Array.isArray(target)) target[key] = value;
      else parent[slot.key] = { [key]: value };
      return `${where} gets ${key === PROTO_KEY ? '__proto__' : key}`;
    }
    case 'duplicate':
      if (Array.isArray(parent)) parent.push(structuredClone(parent[slot.key]!));
      else parent[`${where}_copy`] = structuredClone(parent[slot.key]!);
      return `${where} duplicated`;
  }
}

interface Envelope {
  backup: { size: number; compressedSize: number; compression: string };
  checksum: { value: string };
  encryption: object | null;
  payload: string;
  [key: string]: Json | object;
}

/**
 * Rewrites the payload (its records, or its bytes) and reseals it: sizes and checksum right, so
 * only the content is wrong, as an attacker or a broken tool would make it.
 */
async function mutatePayload(envelope: Envelope, random: Random): Promise<string> {
  const gzip = envelope.backup.compression === 'gzip';
  const plain = new Blob([fromBase64(envelope.payload)]);
  let sealed: Blob;
  let what: string;
  let size: number;
  // An encrypted payload's records cannot be reached without its key (600,000 PBKDF2 rounds a file).
  if (random.next() < 0.3 || envelope.encryption) {
    // Bytes of the stored payload (compressed, encrypted or not), resealed: refused, never a crash.
    const bytes = new Uint8Array(await plain.arrayBuffer());
    const flips = 1 + random.int(8);
    for (let i = 0; i < flips; i++) bytes[random.int(bytes.length)] = random.int(256);
    sealed = new Blob([bytes]);
    size = envelope.backup.size;
    what = `payload: ${flips} bytes flipped, resealed`;
  } else {
    const lines: Array<{ line: Json; binary: Uint8Array[] }> = [];
    for await (const { line, binary } of readPayload(plain, gzip)) lines.push({ line: line as Json, binary: binary as Uint8Array[] });
    const records = lines.filter((l) => (l.line as Record<string, Json>).t === 'r');
    const target = random.next() < 0.8 && records.length > 0 ? random.pick(records) : random.pick(lines);
    what = `payload line ${String((target.line as Record<string, Json>).t)}: ${mutateJson(target.line, random)}, resealed`;
    const writer = createPayloadWriter({ compress: gzip });
    // The writer serializes each line itself (with JSON.stringify, whose stack allows ~2,000 levels).
    for (const { line, binary } of lines) await writer.write(JSON.parse(finish(JSON.stringify(line), 1_500)) as never, binary as never);
    ({ blob: sealed, size } = await writer.close());
  }
  envelope.payload = toBase64(new Uint8Array(await sealed.arrayBuffer()));
  envelope.backup.size = size;
  envelope.backup.compressedSize = sealed.size;
  envelope.checksum.value = await sha256Hex(sealed);
  return what;
}

const KINDS = ['byte flip', 'truncation', 'envelope field', 'envelope field', 'payload resealed', 'payload resealed'] as const;

/**
 * One mutation of an exported backup file's text, chosen by `random`: bytes flipped, the file
 * truncated, a field of the envelope changed (wrong type, deleted, swapped, huge, 10,000 levels,
 * `__proto__`/`constructor` keys), or the payload's records or bytes changed and resealed.
 * @example const { text, what } = await mutateBackupFile(original, createRandom(1));
 */
export async function mutateBackupFile(original: string, random: Random): Promise<{ text: string; what: string }> {
  const kind = random.pick(KINDS);
  if (kind === 'byte flip') {
    const chars = [...original.slice(0, 4000)];
    const flips = 1 + random.int(4);
    let text = original;
    for (let i = 0; i < flips; i++) {
      const at = random.int(text.length);
      const by = random.pick(['"', '{', '}', '[', ']', ',', ':', '\\', '0', '9', 'A', '\u0000', 'é', '😀', ...chars]);
      text = text.slice(0, at) + by + text.slice(at + 1);
    }
    return { text, what: `${flips} characters changed` };
  }
  if (kind === 'truncation') {
    const at = random.int(original.length);
    return { text: original.slice(0, at), what: `truncated at ${at} of ${original.length}` };
  }
  const envelope = JSON.parse(original) as Envelope;
  if (kind === 'payload resealed') {
    const what = await mutatePayload(envelope, random);
    return { text: JSON.stringify(envelope), what };
  }
  const what = mutateJson(envelope as unknown as Json, random, (key) => key === 'payload');
  return { text: finish(JSON.stringify(envelope)), what: `envelope: ${what}` };
}

/**
 * An exported backup file with the first record of `store` rewritten by `change` and the payload
 * resealed (sizes and checksum right). `change` gets the record's stored row value and may
 * return a placeholder-free JSON text to splice in place of `"${DEEP_MARK}"` for a nested value.
 * @example await rewriteRecord(file, 'messages', (message) => { message.extra = DEEP_MARK; }, 1_500)
 */
export async function rewriteRecord(original: string, store: string, change: (value: Record<string, Json>) => void, levels = DEEP_LEVELS): Promise<string> {
  const envelope = JSON.parse(original) as Envelope;
  const gzip = envelope.backup.compression === 'gzip';
  const lines: Array<{ line: Record<string, Json>; binary: Uint8Array[] }> = [];
  for await (const { line, binary } of readPayload(new Blob([fromBase64(envelope.payload)]), gzip)) lines.push({ line: line as Record<string, Json>, binary: binary as Uint8Array[] });
  const target = lines.find(({ line }) => line.t === 'r' && line.store === store && Array.isArray(line.rows) && line.rows.length > 0);
  if (!target) throw new Error(`no record of ${store} in the file`);
  const row = (target.line.rows as Json[][])[0]!;
  change(row[1] as Record<string, Json>);
  const writer = createPayloadWriter({ compress: gzip });
  for (const { line, binary } of lines) await writer.write(JSON.parse(finish(JSON.stringify(line), levels)) as never, binary as never);
  const { blob: sealed, size } = await writer.close();
  envelope.payload = toBase64(new Uint8Array(await sealed.arrayBuffer()));
  envelope.backup.size = size;
  envelope.backup.compressedSize = sealed.size;
  envelope.checksum.value = await sha256Hex(sealed);
  return JSON.stringify(envelope);
}

/** The placeholder `rewriteRecord` replaces with `levels` nested objects and arrays. */
export const DEEP_MARK = DEEP;
