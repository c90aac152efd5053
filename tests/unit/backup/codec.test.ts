import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue, type BinaryPart } from '../../../src/backup/codec';
import { createPayloadWriter } from '../../../src/backup/payload-writer';
import { readPayload } from '../../../src/backup/payload-reader';

async function roundTrip(value: unknown, compress = true): Promise<unknown> {
  const writer = createPayloadWriter({ compress });
  const binary: BinaryPart[] = [];
  await writer.write({ t: 'v', value: encodeValue(value, binary) }, binary);
  const { blob } = await writer.close();
  const lines = [];
  for await (const line of readPayload(blob, compress)) lines.push(line);
  expect(lines).toHaveLength(1);
  return decodeValue(lines[0]!.line.value, lines[0]!.binary);
}

describe('backup codec', () => {
  it('round-trips what structured clone can store, through gzip', async () => {
    const value = {
      text: 'Filtro de aceite — Boxer CT100 ñ 🏍️',
      at: new Date('2025-01-15T10:30:00.123Z'),
      nested: { list: [1, 'dos', null, true, { deep: [new Date(0)] }] },
      missing: undefined,
      numbers: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0.1],
      big: 12345678901234567890n,
      map: new Map<unknown, unknown>([['a', 1], [2, new Date(5)]]),
      set: new Set(['x', 'y']),
      regex: /moto\s+\d+/gi,
      $: 'a field named like the tag',
    };
    const back = (await roundTrip(value)) as typeof value;
    expect(back).toEqual(value);
    expect(Object.is(back.numbers[3], -0)).toBe(true);
    expect(back.at).toBeInstanceOf(Date);
    expect(back.map.get(2)).toBeInstanceOf(Date);
  });

  it('keeps binary data byte for byte: Blobs, ArrayBuffers, typed arrays, DataViews', async () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256);
    const value = {
      photo: new Blob([bytes], { type: 'image/png' }),
      raw: bytes.buffer.slice(10, 1000),
      floats: new Float32Array([1.5, -2.25, Math.PI]),
      view: new Uint16Array(new Uint8Array([1, 2, 3, 4, 5, 6]).buffer, 2, 2),
      dv: new DataView(new Uint8Array([9, 8, 7]).buffer),
      empty: new Blob([]),
      bigints: new BigInt64Array([1n, -2n]),
    };
    const back = (await roundTrip(value)) as typeof value;
    expect(back.photo).toBeInstanceOf(Blob);
    expect(back.photo.type).toBe('image/png');
    expect(new Uint8Array(await back.photo.arrayBuffer())).toEqual(bytes);
    expect(new Uint8Array(back.raw)).toEqual(new Uint8Array(bytes.buffer.slice(10, 1000)));
    expect(back.floats).toBeInstanceOf(Float32Array);
    expect([...back.floats]).toEqual([...value.floats]);
    expect(back.view).toBeInstanceOf(Uint16Array);
    expect([...back.view]).toEqual([...value.view]);
    expect(back.dv).toBeInstanceOf(DataView);
    expect(new Uint8Array(back.dv.buffer)).toEqual(new Uint8Array([9, 8, 7]));
    expect(back.empty.size).toBe(0);
    expect([...back.bigints]).toEqual([1n, -2n]);
  });

  it('reads many lines split at any chunk boundary, compressed or not', async () => {
    for (const compress of [true, false]) {
      const writer = createPayloadWriter({ compress });
      for (let i = 0; i < 300; i++) {
        const binary: BinaryPart[] = [];
        const value = encodeValue({ i, data: new Uint8Array(i * 7).fill(i % 256), text: 'x'.repeat(i) }, binary);
        await writer.write({ t: 'r', value }, binary);
      }
      const { blob, size } = await writer.close();
      expect(size).toBeGreaterThan(0);
      // Re-chunk the stored bytes into odd slices to exercise the line splitter.
      const raw = new Uint8Array(await blob.arrayBuffer());
      const parts: Blob[] = [];
      for (let offset = 0; offset < raw.length; offset += 997) parts.push(new Blob([raw.slice(offset, offset + 997)]));
      let count = 0;
      for await (const { line, binary } of readPayload(new Blob(parts), compress)) {
        const value = decodeValue(line.value, binary) as { i: number; data: Uint8Array; text: string };
        expect(value.i).toBe(count);
        expect(value.data.length).toBe(count * 7);
        expect(value.text.length).toBe(count);
        count++;
      }
      expect(count).toBe(300);
    }
  });

  it('refuses a truncated payload', async () => {
    const writer = createPayloadWriter({ compress: true });
    for (let i = 0; i < 50; i++) await writer.write({ t: 'r', text: `línea ${i} `.repeat(200) });
    const { blob } = await writer.close();
    const truncated = blob.slice(0, Math.floor(blob.size / 2));
    await expect(async () => {
      for await (const _ of readPayload(truncated, true)) void _;
    }).rejects.toThrow();
  });

  it('refuses unknown tags instead of guessing', () => {
    expect(() => decodeValue({ $: 'nope' }, [])).toThrow(/unknown tag/);
  });
});
