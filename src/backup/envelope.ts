import * as z from 'zod/mini';
import { ChatbotError } from '../core/errors';
import { fromBase64, sha256Hex, toBase64 } from './crypto';
import { readPayload } from './payload-reader';
import { MetadataSchema } from './schemas';
import { BACKUP_TYPES, BackupSourceSchema, ChecksumSchema, EncryptionParamsSchema, type BackupRecord } from './records';
import type { BackupSource } from './selection';
import { PAYLOAD_FORMAT, PAYLOAD_VERSION } from './snapshot';

const ENVELOPE_FORMAT = 'chatbot-repuestos-motos-backup';
const ENVELOPE_VERSION = 1;

const EnvelopeSchema = z.object({
  format: z.literal(ENVELOPE_FORMAT),
  version: z.number(),
  created: z.string(),
  backup: z.object({
    id: z.string().check(z.minLength(1), z.maxLength(200)),
    type: z.enum(BACKUP_TYPES),
    createdAt: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T/)),
    size: z.int().check(z.minimum(0)),
    compressedSize: z.int().check(z.minimum(0)),
    sources: z.array(BackupSourceSchema),
    encrypted: z.boolean(),
    compression: z.enum(['gzip', 'none']),
    // Outside the checksum, and stored with the backup: bounded like createBackup's metadata.
    metadata: MetadataSchema,
  }),
  checksum: z.object({ algorithm: z.literal('SHA-256'), value: ChecksumSchema }),
  encryption: z.nullable(EncryptionParamsSchema),
  payload: z.string().check(z.regex(/^[A-Za-z0-9+/]*={0,2}$/)),
});

/**
 * The export file: a versioned JSON envelope (format, version, export time, the backup's metadata,
 * checksum, encryption parameters) with the payload in base64. Built from Blob parts, a slice of
 * the payload at a time, so exporting never holds the whole file as one string.
 * @example const file = await buildEnvelope(record, payloadBlob);
 */
export async function buildEnvelope(record: BackupRecord, payload: Blob, now: number): Promise<Blob> {
  const head = {
    format: ENVELOPE_FORMAT,
    version: ENVELOPE_VERSION,
    created: new Date(now).toISOString(),
    backup: {
      id: record.id,
      type: record.type,
      createdAt: new Date(record.createdAt).toISOString(),
      size: record.size,
      compressedSize: record.compressedSize,
      sources: record.sources,
      encrypted: record.encrypted,
      compression: record.compression,
      metadata: record.metadata,
    },
    checksum: { algorithm: 'SHA-256', value: record.checksum },
    encryption: record.encryption ?? null,
  };
  const json = JSON.stringify(head);
  const parts: BlobPart[] = [`${json.slice(0, -1)},"payload":"`];
  const slice = 3 * (1 << 20); // a multiple of 3: base64 of each slice concatenates cleanly
  for (let offset = 0; offset < payload.size; offset += slice) {
    parts.push(toBase64(new Uint8Array(await payload.slice(offset, offset + slice).arrayBuffer())));
  }
  parts.push('"}');
  return new Blob(parts, { type: 'application/json' });
}

const corrupt = (message: string, cause?: unknown): ChatbotError => new ChatbotError('CORRUPT_BACKUP', message, { cause });

/**
 * Validates an export file completely — shape (zod), format and version, checksum, and for an
 * unencrypted payload every line down to the trailer — and returns the record and payload.
 * Throws CORRUPT_BACKUP on any fault.
 */
export async function parseEnvelope(file: Blob): Promise<{ record: BackupRecord; payload: Blob }> {
  let raw: unknown;
  try {
    raw = JSON.parse(await file.text());
  } catch (error) {
    throw corrupt('the file is not JSON (truncated or damaged?)', error);
  }
  const header: object = typeof raw === 'object' && raw !== null ? raw : {};
  const version: unknown = Reflect.get(header, 'version');
  if (Reflect.get(header, 'format') === ENVELOPE_FORMAT && version !== ENVELOPE_VERSION) {
    throw corrupt(`backup file version ${String(version)} is not supported (this widget reads version ${ENVELOPE_VERSION})`);
  }
  const parsed = EnvelopeSchema.safeParse(raw);
  if (!parsed.success) throw corrupt(`not a backup file: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  const envelope = parsed.data;
  if (envelope.backup.encrypted !== (envelope.encryption !== null)) throw corrupt('encryption flag and parameters disagree');
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = fromBase64(envelope.payload);
  } catch (error) {
    throw corrupt('the payload is not valid base64', error);
  }
  const payload = new Blob([bytes], { type: 'application/octet-stream' });
  if (payload.size !== envelope.backup.compressedSize) throw corrupt(`the payload has ${payload.size} bytes, the file says ${envelope.backup.compressedSize}`);
  if ((await sha256Hex(payload)) !== envelope.checksum.value) throw corrupt('checksum mismatch: the payload was changed or damaged');
  if (!envelope.backup.encrypted) await verifyPayload(payload, envelope.backup.compression === 'gzip', envelope.backup.sources);
  const createdAt = Date.parse(envelope.backup.createdAt);
  if (!Number.isFinite(createdAt)) throw corrupt('bad createdAt');
  // payloadId is assigned when the caller stores it.
  const record: BackupRecord = {
    ...envelope.backup,
    payloadId: '',
    createdAt,
    checksum: envelope.checksum.value,
    ...(envelope.encryption ? { encryption: envelope.encryption } : {}),
  };
  return { record, payload };
}

/**
 * Reads a whole payload without writing anything: header, every line, the trailer's counts, and —
 * given the backup's `sources` — that they describe this payload (the metadata is outside the
 * checksum, so a damaged or edited file cannot make a restore clear more than it brings back).
 */
export async function verifyPayload(payload: Blob, compressed: boolean, sources?: readonly BackupSource[]): Promise<void> {
  let first = true;
  let records = 0;
  let ended = false;
  let scope: { localStorage?: unknown; sessionStorage?: unknown } = {};
  const entries = { ls: 0, ss: 0 };
  const databases = new Map<string, Map<string, number>>();
  try {
    for await (const { line } of readPayload(payload, compressed)) {
      if (first) {
        if (line.t !== 'h' || line.format !== PAYLOAD_FORMAT || line.version !== PAYLOAD_VERSION) throw new Error('bad payload header');
        scope = typeof line.scope === 'object' && line.scope !== null ? line.scope : {};
        first = false;
      } else if (ended) {
        throw new Error('data after the trailer');
      } else if (line.t === 'ls' || line.t === 'ss') {
        entries[line.t] += Array.isArray(line.entries) ? line.entries.length : 0;
      } else if (line.t === 'db') {
        const stores: unknown[] = Array.isArray(line.stores) ? line.stores : [];
        databases.set(String(line.name), new Map(stores.map((store) => [String(typeof store === 'object' && store !== null ? Reflect.get(store, 'name') : undefined), 0])));
      } else if (line.t === 'r') {
        const count = Array.isArray(line.rows) ? line.rows.length : 0;
        records += count;
        const stores = databases.get(String(line.db));
        const store = String(line.store);
        if (!stores?.has(store)) throw new Error(`records of an undeclared store ${String(line.db)}/${store}`);
        stores.set(store, stores.get(store)! + count);
      } else if (line.t === 'end') {
        if (line.records !== records) throw new Error('record count mismatch');
        ended = true;
      }
    }
    if (ended && sources) matchSources(sources, scope, entries, databases);
  } catch (error) {
    throw corrupt(`the payload cannot be read: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  if (!ended) throw corrupt('the payload is truncated');
}

function matchSources(
  sources: readonly BackupSource[],
  scope: { localStorage?: unknown; sessionStorage?: unknown },
  entries: { ls: number; ss: number },
  databases: Map<string, Map<string, number>>,
): void {
  const seen = new Set<string>();
  for (const source of sources) {
    if (source.kind === 'localStorage') {
      const expected = source.only ?? 'all';
      if (source.keys !== entries.ls || JSON.stringify(expected) !== JSON.stringify(scope.localStorage)) throw new Error('localStorage does not match the file');
    } else if (source.kind === 'sessionStorage') {
      if (source.keys !== entries.ss || scope.sessionStorage !== true) throw new Error('sessionStorage does not match the file');
    } else {
      const stores = databases.get(source.database);
      seen.add(source.database);
      if (!stores || stores.size !== source.stores.length) throw new Error(`database ${source.database} does not match the file`);
      for (const store of source.stores) {
        if (stores.get(store.name) !== store.records) throw new Error(`${source.database}/${store.name} does not match the file`);
      }
    }
  }
  if (seen.size !== databases.size) throw new Error('the payload holds databases the file does not list');
}
