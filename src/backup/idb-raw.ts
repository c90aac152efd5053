/**
 * Raw IndexedDB access for databases of the origin that are not the widget's own (the host page's),
 * and for bulk reads of any database: a backup reads whatever schema it finds, which idb's typed
 * wrapper cannot describe.
 */
export interface IndexSchema {
  name: string;
  keyPath: string | string[];
  unique: boolean;
  multiEntry: boolean;
}

export interface StoreSchema {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: IndexSchema[];
}

export interface DatabaseSchema {
  name: string;
  version: number;
  stores: StoreSchema[];
}

export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new DOMException('transaction failed', 'AbortError'));
    tx.onabort = () => reject(tx.error ?? new DOMException('transaction aborted', 'AbortError'));
  });
}

const keyPathOf = (keyPath: string | string[] | null): string | string[] | null =>
  keyPath === null ? null : typeof keyPath === 'string' ? keyPath : [...keyPath];

export function describeSchema(db: IDBDatabase): DatabaseSchema {
  const names = [...db.objectStoreNames];
  const stores: StoreSchema[] = [];
  if (names.length > 0) {
    const tx = db.transaction(names, 'readonly');
    for (const name of names) {
      const store = tx.objectStore(name);
      const indexes = [...store.indexNames].map((indexName) => {
        const index = store.index(indexName);
        return { name: indexName, keyPath: keyPathOf(index.keyPath) as string | string[], unique: index.unique, multiEntry: index.multiEntry };
      });
      stores.push({ name, keyPath: keyPathOf(store.keyPath), autoIncrement: store.autoIncrement, indexes });
    }
  }
  return { name: db.name, version: db.version, stores };
}

/** The origin's databases (name and version), sorted by name. */
export async function listDatabases(factory: IDBFactory): Promise<Array<{ name: string; version: number }>> {
  if (typeof factory.databases !== 'function') return [];
  const list = await factory.databases();
  return list
    .filter((info): info is { name: string; version: number } => typeof info.name === 'string')
    .map((info) => ({ name: info.name, version: info.version ?? 1 }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Opens a database at `version` (its current one when omitted). Our connection closes itself when
 * the host page upgrades, so a backup never blocks the page's own migrations.
 */
export function openDatabaseRaw(
  factory: IDBFactory,
  name: string,
  version?: number,
  upgrade?: (db: IDBDatabase, tx: IDBTransaction, oldVersion: number) => void,
  blockedTimeoutMs = 5000,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = version === undefined ? factory.open(name) : factory.open(name, version);
    let timer: ReturnType<typeof setTimeout> | undefined;
    req.onupgradeneeded = (event) => {
      if (upgrade) upgrade(req.result, req.transaction!, event.oldVersion);
    };
    req.onblocked = () => {
      timer = setTimeout(() => reject(new DOMException(`opening "${name}" is blocked by another connection`, 'TimeoutError')), blockedTimeoutMs);
    };
    req.onsuccess = () => {
      if (timer !== undefined) clearTimeout(timer);
      const db = req.result;
      db.onversionchange = () => db.close();
      resolve(db);
    };
    req.onerror = () => {
      if (timer !== undefined) clearTimeout(timer);
      reject(req.error);
    };
  });
}

export function deleteDatabaseRaw(factory: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = factory.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
}

interface RecordWithKey {
  primaryKey: IDBValidKey;
  value: unknown;
}
type StoreWithRecords = IDBObjectStore & {
  getAllRecords?: (options: { query?: IDBKeyRange | null; count?: number }) => IDBRequest<RecordWithKey[]>;
};

/** How many records the next chunk reads; the caller tunes it to keep chunks ~1 MB. */
export interface ChunkSizing {
  count: number;
}

/**
 * Reads one store in key order, one short readonly transaction per chunk, each chunk continuing
 * after the last key seen: memory stays at one chunk whatever the store's size.
 */
export async function* readStoreChunks(
  db: IDBDatabase,
  storeName: string,
  sizing: ChunkSizing,
): AsyncGenerator<Array<[IDBValidKey, unknown]>> {
  let after: IDBValidKey | undefined;
  for (;;) {
    const tx = db.transaction(storeName, 'readonly');
    const store = tx.objectStore(storeName) as StoreWithRecords;
    const range = after === undefined ? null : IDBKeyRange.lowerBound(after, true);
    const count = Math.max(1, Math.floor(sizing.count));
    let rows: Array<[IDBValidKey, unknown]>;
    if (typeof store.getAllRecords === 'function') {
      // One request for keys and values (Chromium 141+).
      const records = await request(store.getAllRecords({ query: range, count }));
      rows = records.map((record) => [record.primaryKey, record.value]);
    } else {
      const [values, keys] = await Promise.all([request(store.getAll(range, count)), request(store.getAllKeys(range, count))]);
      rows = keys.map((key, i) => [key, values[i]]);
    }
    if (rows.length === 0) return;
    after = rows[rows.length - 1]![0];
    yield rows;
    if (rows.length < count) return;
  }
}
