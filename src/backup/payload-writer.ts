import type { BinaryPart } from './codec';

/**
 * Streams payload lines (JSON, `\n`, then the raw bytes of the line's binary parts) through
 * `CompressionStream('gzip')` into a Blob. The compressed output is folded into Blobs every few
 * megabytes, so the JS heap holds one line and a few MB of output at a time, never the whole backup.
 * @example
 * const writer = createPayloadWriter({ compress: true });
 * await writer.write({ t: 'h', version: 1 });
 * const { blob, size } = await writer.close();
 */
export interface PayloadWriter {
  write(line: Record<string, unknown>, binary?: readonly BinaryPart[]): Promise<void>;
  /** Ends the stream; `size` is the uncompressed byte count. */
  close(): Promise<{ blob: Blob; size: number }>;
  abort(reason: unknown): Promise<void>;
}

const FOLD_BYTES = 4 * 1024 * 1024;

export function createPayloadWriter(options: { compress: boolean }): PayloadWriter {
  const encoder = new TextEncoder();
  const folded: Blob[] = [];
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let size = 0;

  const collect = (chunk: Uint8Array): void => {
    pending.push(chunk);
    pendingBytes += chunk.byteLength;
    if (pendingBytes >= FOLD_BYTES) {
      folded.push(new Blob(pending as Uint8Array<ArrayBuffer>[]));
      pending = [];
      pendingBytes = 0;
    }
  };

  let sink: WritableStreamDefaultWriter<Uint8Array> | undefined;
  let drained: Promise<void> = Promise.resolve();
  if (options.compress) {
    const stream = new CompressionStream('gzip');
    sink = stream.writable.getWriter() as WritableStreamDefaultWriter<Uint8Array>;
    // The readable side must be drained while writing, or backpressure stalls the writer.
    drained = (async () => {
      const reader = stream.readable.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        collect(value);
      }
    })();
    // Errors surface through write()/close(); keep an early failure from being "unhandled".
    drained.catch(() => undefined);
  }

  const push = async (bytes: Uint8Array): Promise<void> => {
    size += bytes.byteLength;
    if (sink) {
      await sink.ready;
      await sink.write(bytes);
    } else {
      // Without compression the chunk is kept as is: copy views of shared buffers.
      collect(bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice());
    }
  };

  return {
    async write(line, binary = []) {
      const json = binary.length > 0 ? { ...line, bin: binary.map((part) => (part instanceof Blob ? part.size : part.byteLength)) } : line;
      // The JSON, its newline and small binary parts go down as one chunk: one await per line,
      // not one per typed array (a store of records with a Float32Array each would crawl).
      let batch: Uint8Array[] = [encoder.encode(`${JSON.stringify(json)}\n`)];
      let batchBytes = batch[0]!.byteLength;
      const flushBatch = async (): Promise<void> => {
        if (batch.length === 1) await push(batch[0]!);
        else if (batch.length > 1) {
          const joined = new Uint8Array(batchBytes);
          let offset = 0;
          for (const part of batch) {
            joined.set(part, offset);
            offset += part.byteLength;
          }
          await push(joined);
        }
        batch = [];
        batchBytes = 0;
      };
      for (const part of binary) {
        if (part instanceof Blob) {
          await flushBatch();
          const reader = part.stream().getReader();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            await push(value);
          }
        } else if (part.byteLength > 0) {
          batch.push(part);
          batchBytes += part.byteLength;
          if (batchBytes >= FOLD_BYTES) await flushBatch();
        }
      }
      await flushBatch();
    },
    async close() {
      if (sink) {
        await sink.close();
        await drained;
      }
      if (pending.length > 0) folded.push(new Blob(pending as Uint8Array<ArrayBuffer>[]));
      pending = [];
      return { blob: new Blob(folded, { type: options.compress ? 'application/gzip' : 'application/x-ndjson' }), size };
    },
    async abort(reason) {
      await sink?.abort(reason).catch(() => undefined);
      pending = [];
      folded.length = 0;
    },
  };
}
