/**
 * A structure-preserving JSON encoding of IndexedDB values (what structured clone can hold).
 * JSON carries objects, arrays, strings, finite numbers, booleans and null as they are; every
 * other value becomes a tagged object `{ "$": tag, … }`. A plain object that has its own `$` key
 * is wrapped (`{ "$": "O", "v": … }`) so decoding is never ambiguous.
 *
 * Binary data (Blob, File, ArrayBuffer, typed arrays, DataView) is not put in the JSON: it is
 * appended to `binary` and referenced by index (`"b"`), and the payload writer emits the raw
 * bytes right after the JSON line (no base64 inflation, no giant strings).
 */
export type BinaryPart = Uint8Array | Blob;

const TYPED_ARRAYS = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
} as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;

const bytesOf = (view: ArrayBufferView): Uint8Array => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);

/**
 * Encodes `value` into a JSON-safe tree, collecting binary parts into `binary`.
 * @example const binary: BinaryPart[] = []; JSON.stringify(encodeValue({ at: new Date() }, binary));
 */
export function encodeValue(value: unknown, binary: BinaryPart[]): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value) && !Object.is(value, -0)) return value;
      return { $: 'n', v: Object.is(value, -0) ? '-0' : String(value) };
    case 'undefined':
      return { $: 'u' };
    case 'bigint':
      return { $: 'bi', v: value.toString() };
    case 'object':
      break;
    default:
      // Functions and symbols cannot be in IndexedDB: structured clone refuses them.
      throw new TypeError(`cannot encode a ${typeof value}`);
  }
  if (value === null) return null;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = encodeValue(value[i], binary);
    return out;
  }
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto === Object.prototype || proto === null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = encodeValue((value as Record<string, unknown>)[key], binary);
    return Object.hasOwn(value, '$') ? { $: 'O', v: out } : out;
  }
  if (value instanceof Date) return { $: 'D', v: value.getTime() };
  if (typeof Blob !== 'undefined' && value instanceof Blob) {
    binary.push(value);
    if (typeof File !== 'undefined' && value instanceof File) {
      return { $: 'F', b: binary.length - 1, type: value.type, name: value.name, lastModified: value.lastModified };
    }
    return { $: 'B', b: binary.length - 1, type: value.type };
  }
  if (value instanceof ArrayBuffer) {
    binary.push(new Uint8Array(value.slice(0)));
    return { $: 'AB', b: binary.length - 1 };
  }
  if (ArrayBuffer.isView(value)) {
    binary.push(bytesOf(value).slice());
    if (value instanceof DataView) return { $: 'DV', b: binary.length - 1 };
    return { $: 'TA', c: value.constructor.name, b: binary.length - 1 };
  }
  if (value instanceof Map) {
    const entries: unknown[] = [];
    for (const [k, v] of value) entries.push([encodeValue(k, binary), encodeValue(v, binary)]);
    return { $: 'M', v: entries };
  }
  if (value instanceof Set) {
    const items: unknown[] = [];
    for (const item of value) items.push(encodeValue(item, binary));
    return { $: 'S', v: items };
  }
  if (value instanceof RegExp) return { $: 'R', s: value.source, f: value.flags };
  if (value instanceof Error) return { $: 'E', name: value.name, message: value.message };
  if (value instanceof Number || value instanceof String || value instanceof Boolean) {
    return { $: 'W', v: encodeValue(value.valueOf(), binary) };
  }
  // Class instances are stored by structured clone as plain objects of their own fields.
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = encodeValue((value as Record<string, unknown>)[key], binary);
  return Object.hasOwn(value, '$') ? { $: 'O', v: out } : out;
}

const NUMBERS: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY, '-0': -0 };

class CodecError extends Error {
  override readonly name = 'CodecError';
}

function binaryAt(binary: readonly Uint8Array[], index: unknown): Uint8Array {
  const bytes = typeof index === 'number' ? binary[index] : undefined;
  if (!bytes) throw new CodecError(`missing binary part ${String(index)}`);
  return bytes;
}

/** A fresh, aligned ArrayBuffer holding a copy of `bytes`. */
const copyBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer as ArrayBuffer;

function decodeFields(record: Record<string, unknown>, binary: readonly Uint8Array[]): Record<string, unknown> {
  for (const key of Object.keys(record)) record[key] = decodeValue(record[key], binary);
  return record;
}

/**
 * Decodes what `encodeValue` produced, given the binary parts read after the line.
 * @example decodeValue({ $: 'D', v: 0 }, []) // Date(1970-01-01)
 */
export function decodeValue(value: unknown, binary: readonly Uint8Array[]): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = decodeValue(value[i], binary);
    return value;
  }
  const record = value as Record<string, unknown>;
  const tag = record.$;
  if (tag === undefined) return decodeFields(record, binary);
  switch (tag) {
    // A wrapped plain object: its own `$` is data, not a tag.
    case 'O': return decodeFields(record.v as Record<string, unknown>, binary);
    case 'u': return undefined;
    case 'n': {
      const number = NUMBERS[String(record.v)];
      if (number === undefined) throw new CodecError(`bad number ${String(record.v)}`);
      return number;
    }
    case 'bi': return BigInt(String(record.v));
    case 'D': return new Date(typeof record.v === 'number' ? record.v : Number.NaN);
    case 'B': return new Blob([binaryAt(binary, record.b) as Uint8Array<ArrayBuffer>], { type: String(record.type ?? '') });
    case 'F':
      return new File([binaryAt(binary, record.b) as Uint8Array<ArrayBuffer>], String(record.name ?? ''), {
        type: String(record.type ?? ''),
        lastModified: Number(record.lastModified ?? 0),
      });
    case 'AB': return copyBuffer(binaryAt(binary, record.b));
    case 'DV': return new DataView(copyBuffer(binaryAt(binary, record.b)));
    case 'TA': {
      const Ctor = TYPED_ARRAYS[record.c as TypedArrayName] as (new (buffer: ArrayBuffer) => ArrayBufferView) | undefined;
      if (!Ctor) throw new CodecError(`unknown typed array ${String(record.c)}`);
      return new Ctor(copyBuffer(binaryAt(binary, record.b)));
    }
    case 'M': {
      const map = new Map<unknown, unknown>();
      for (const entry of record.v as Array<[unknown, unknown]>) map.set(decodeValue(entry[0], binary), decodeValue(entry[1], binary));
      return map;
    }
    case 'S': return new Set((record.v as unknown[]).map((item) => decodeValue(item, binary)));
    case 'R': return new RegExp(String(record.s), String(record.f));
    case 'E': {
      const error = new Error(String(record.message ?? ''));
      error.name = String(record.name ?? 'Error');
      return error;
    }
    case 'W': return Object(decodeValue(record.v, binary));
    default:
      throw new CodecError(`unknown tag ${String(tag)}`);
  }
}
