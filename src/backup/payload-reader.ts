/**
 * Reads what `createPayloadWriter` wrote: decompresses the Blob as a stream and yields one line
 * at a time with its binary parts, so a restore holds one chunk of records in memory, not the
 * whole backup.
 * @example for await (const { line, binary } of readPayload(blob, true)) apply(line, binary);
 */
export interface PayloadLine {
  line: Record<string, unknown>;
  binary: Uint8Array[];
}

export class PayloadFormatError extends Error {
  override readonly name = 'PayloadFormatError';
}

/** A queue of byte chunks that hands out lines and exact byte counts without re-copying. */
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isSize = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

class ByteQueue {
  private chunks: Uint8Array[] = [];
  private head = 0; // offset into chunks[0]
  private scanned = 0; // bytes already searched for a newline
  length = 0;

  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.byteLength;
  }

  /** Bytes up to (not including) the next newline, consuming it; undefined when none yet. */
  takeLine(): Uint8Array | undefined {
    let position = 0;
    let offset = this.head;
    for (const chunk of this.chunks) {
      const start = position >= this.scanned ? offset : offset + (this.scanned - position);
      if (start < chunk.byteLength) {
        const found = chunk.indexOf(0x0a, start);
        if (found >= 0) {
          const lineLength = position + (found - offset);
          const line = this.take(lineLength);
          this.take(1);
          this.scanned = 0;
          return line;
        }
      }
      position += chunk.byteLength - offset;
      offset = 0;
    }
    this.scanned = position;
    return undefined;
  }

  take(count: number): Uint8Array {
    if (count > this.length) throw new PayloadFormatError('not enough bytes');
    const first = this.chunks[0];
    if (first && first.byteLength - this.head >= count) {
      const out = first.subarray(this.head, this.head + count);
      this.advance(count);
      return out;
    }
    const out = new Uint8Array(count);
    let written = 0;
    while (written < count) {
      const chunk = this.chunks[0]!;
      const n = Math.min(count - written, chunk.byteLength - this.head);
      out.set(chunk.subarray(this.head, this.head + n), written);
      written += n;
      this.advance(n);
    }
    return out;
  }

  private advance(count: number): void {
    this.length -= count;
    this.head += count;
    this.scanned = Math.max(0, this.scanned - count);
    while (this.chunks.length > 0 && this.head >= this.chunks[0]!.byteLength) {
      this.head -= this.chunks[0]!.byteLength;
      this.chunks.shift();
    }
  }
}

export async function* readPayload(blob: Blob, compressed: boolean): AsyncGenerator<PayloadLine> {
  const source = blob.stream();
  const stream = compressed ? source.pipeThrough(new DecompressionStream('gzip')) : source;
  const reader = stream.getReader();
  const queue = new ByteQueue();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let done = false;
  const fill = async (): Promise<boolean> => {
    if (done) return false;
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await reader.read();
    } catch (error) {
      throw new PayloadFormatError(`cannot decompress: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (result.done) {
      done = true;
      return false;
    }
    queue.push(result.value);
    return true;
  };
  try {
    for (;;) {
      let bytes = queue.takeLine();
      while (bytes === undefined) {
        if (!(await fill())) {
          if (queue.length > 0) throw new PayloadFormatError('the payload ends in the middle of a line');
          return;
        }
        bytes = queue.takeLine();
      }
      let line: unknown;
      try {
        line = JSON.parse(decoder.decode(bytes));
      } catch (error) {
        throw new PayloadFormatError(`bad line: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!isRecord(line)) throw new PayloadFormatError('a line is not an object');
      const record = line;
      const sizes = record.bin;
      const binary: Uint8Array[] = [];
      if (sizes !== undefined) {
        if (!Array.isArray(sizes) || !sizes.every(isSize)) throw new PayloadFormatError('bad binary sizes');
        for (const size of sizes) {
          while (queue.length < size) {
            if (!(await fill())) throw new PayloadFormatError('the payload ends in the middle of binary data');
          }
          binary.push(queue.take(size));
        }
      }
      yield { line: record, binary };
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
  }
}
