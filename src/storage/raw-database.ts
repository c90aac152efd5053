import { unwrap } from 'idb';
import type { Storage } from './storage';

/**
 * The storage's own connection as a plain `IDBDatabase`, for bulk work that reads or writes any
 * store generically (backup and restore). Writing through the same connection keeps those
 * transactions ordered with the write queue's, and a version change closes it like the others.
 * @example const db = await rawDatabase(storage); db.transaction('kv').objectStore('kv').getAll();
 */
export async function rawDatabase(storage: Storage): Promise<IDBDatabase> {
  return unwrap(await storage.database());
}
