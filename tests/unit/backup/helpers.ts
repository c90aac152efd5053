import { createManualClock, type ManualClock } from '../../../src/core/manual-clock';
import { parseConfig } from '../../../src/core/config';
import type { ChatbotError } from '../../../src/core/errors';
import { createTabChannel } from '../../../src/core/tabs';
import { createStorage, type ChatbotStorage } from '../../../src/storage';
import { createBackupSystem, type BackupSystem, type BackupSystemOptions } from '../../../src/backup';
import { createTestBackground, uniqueChannelName } from '../helpers';

/** A Map-backed Web Storage (Node has no localStorage). */
export class MemoryStorage implements globalThis.Storage {
  private items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
  snapshot(): Record<string, string> {
    return Object.fromEntries([...this.items].sort());
  }
  [name: string]: unknown;
}

export interface Harness {
  clock: ManualClock;
  storage: ChatbotStorage;
  backups: BackupSystem;
  local: MemoryStorage;
  session: MemoryStorage;
  errors: ChatbotError[];
  /** Resolves once the module's background work (automatic backups, uploads…) and its writes are done. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export async function createHarness(section: Record<string, unknown> = {}, start = Date.parse('2025-03-10T10:00:00Z'), options: BackupSystemOptions = {}): Promise<Harness> {
  const clock = createManualClock(start);
  const channel = createTabChannel(uniqueChannelName());
  const storage = createStorage({ clock, channel });
  const local = new MemoryStorage();
  const session = new MemoryStorage();
  const errors: ChatbotError[] = [];
  const background = createTestBackground(storage, (e) => errors.push(e));
  const backups = createBackupSystem(
    { clock, channel, config: parseConfig({}), section: { autoBackup: { enabled: false }, ...section }, reportError: (e) => errors.push(e), background: background.run, storage },
    { localStorage: local, sessionStorage: session, ...options },
  );
  await backups.ready;
  return {
    clock, storage, backups, local, session, errors,
    idle: background.idle,
    async close() {
      backups.dispose();
      await storage.close();
      channel.close();
    },
  };
}

export function openDb(name: string, version: number, upgrade: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, version);
    req.onupgradeneeded = () => upgrade(req.result);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export function tx<T>(db: IDBDatabase, store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const t = db.transaction(store, mode);
    const req = fn(t.objectStore(store));
    t.oncomplete = () => resolve(req ? req.result : undefined);
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error);
  });
}

/*
 * Records shaped as the modules store them: a restore checks every record of the widget's stores
 * against its schema and refuses a backup holding anything else.
 */
export function conversationRecord(id: string, fields: Record<string, unknown> = {}): { id: string; [field: string]: unknown } {
  return { id, type: 'direct', name: '', participants: ['client_123', 'asesor'], createdBy: 'client_123', createdAt: 1, updatedAt: 1, pinned: false, muted: false, archived: false, ...fields };
}

export function messageRecord(id: string, conversationId: string, text: string, fields: Record<string, unknown> = {}): { id: string; [field: string]: unknown } {
  return {
    id, conversationId, senderId: 'client_123', type: 'text', content: { text, attachments: [] },
    replyTo: null, threadId: null, mentions: [], createdAt: 1, editedAt: null, edits: [], deleted: false, deletedAt: null, ...fields,
  };
}

export function attachmentRecord(id: string, messageId: string, blob: Blob, fields: Record<string, unknown> = {}): { id: string; [field: string]: unknown } {
  return { id, messageId, conversationId: 'conv_1', name: 'foto.jpg', mimeType: blob.type, size: blob.size, blob, createdAt: 1, ...fields };
}

export function notificationRecord(id: string, fields: Record<string, unknown> = {}): { id: string; [field: string]: unknown } {
  return {
    id, title: 'Pedido enviado', body: '', icon: '/icons/icon-192.png', badge: '/icons/icon-192.png', category: 'orders', priority: 'normal',
    url: '/', actions: [], actionUrls: {}, data: {}, createdAt: 1, read: false, status: 'shown', source: 'page', ...fields,
  };
}
