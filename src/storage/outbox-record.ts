import type { OutboxRecord, StoreValue } from './schema';

/** The `outbox` store holds every outbox; an item's key starts with its outbox's name. */
export function outboxKey(name: string, itemId: string): string {
  return `${name}:${itemId}`;
}

const finite = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

/**
 * Reads a stored record as an item of outbox `name`; undefined when it belongs to another outbox.
 * Records queued before the outbox was shared (version 13.0: analytics batches with
 * `nextAttemptAt`, cloud uploads) carry their payload in their own fields, so they are read
 * (and, on their next write, stored) in the shape of today.
 */
export function readOutboxRecord(stored: StoreValue<'outbox'> | undefined, name: string): OutboxRecord | undefined {
  if (stored?.kind !== name) return undefined;
  // The three shapes differ: read the fields loosely and check each.
  const value: Partial<Record<string, unknown>> & { id: string } = { ...stored };
  const { id, kind: _kind, itemId, createdAt, seq, attempts, nextAt, nextAttemptAt, lastError, payload, ...fields } = value;
  const created = finite(createdAt, 0);
  const prefix = outboxKey(name, '');
  return {
    id,
    kind: name,
    itemId: typeof itemId === 'string' ? itemId : id.startsWith(prefix) ? id.slice(prefix.length) : id,
    createdAt: created,
    seq: finite(seq, 0),
    attempts: finite(attempts, 0),
    nextAt: finite(nextAt, finite(nextAttemptAt, created)),
    ...(typeof lastError === 'string' ? { lastError } : {}),
    payload: 'payload' in value ? payload : fields,
  };
}

/** Queue order: first queued first, in one tab and across tabs. */
export function compareOutboxRecords(a: OutboxRecord, b: OutboxRecord): number {
  return a.createdAt - b.createdAt || a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
