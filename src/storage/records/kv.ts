import type { WakeKey } from '../wake';
import type { AnalyticsKvRecord } from './analytics';
import type { BackupKvRecord } from './backup';
import type { BotKvRecord } from './bot';
import type { LiveChatKvRecord } from './live-chat';
import type { AnonymousUserRecord } from './messaging';
import type { PushKvRecord } from './push';

/**
 * Every key of the `kv` store, in one place. Each module owns the keys under its prefix:
 *
 * | key | record | written by |
 * |---|---|---|
 * | `wake:push`, `wake:backup`, `wake:backup-upload`, `wake:live` | {@link WakeRecord} | push, backup, live chat (read by the start-up runtime) |
 * | `messaging:anonymousUser` | {@link AnonymousUserRecord} | messaging |
 * | `push:preferences`, `push:settings`, `push:subscription` | {@link PushKvRecord} | push, the service worker |
 * | `analytics:identity`, `analytics:consent`, `analytics:session` | {@link AnalyticsKvRecord} | analytics |
 * | `backup:config`, `backup:auto`, `backup:restoring`, `backup:journal-gap` | {@link BackupKvRecord} | backup, the storage journal (never backed up nor restored) |
 * | `bot:session:<conversationId>`, `bot:reply:<messageId>`, `bot:outbox:<id>` | {@link BotKvRecord} | the assistant |
 * | `live:account`, `live:conv:<conversationId>` | {@link LiveChatKvRecord} | the live chat |
 *
 * A key outside these does not type-check: `storage.get('kv', key)` returns the record of that key.
 */
export type KvRecord = WakeRecord | AnonymousUserRecord | PushKvRecord | AnalyticsKvRecord | BackupKvRecord | BotKvRecord | LiveChatKvRecord;

export type KvKey = KvRecord['id'];

/**
 * The record stored under `key`: the union members whose id `key` fits (a literal key, or one
 * under a prefix such as `bot:reply:${string}`).
 * @example type Wake = KvValue<'wake:push'>; // WakeRecord
 */
export type KvValue<K extends KvKey> = KvRecord extends infer R ? (R extends { id: infer Id } ? (K extends Id ? R : never) : never) : never;

/**
 * When a module next needs a page (`at`), or `null`: "the module ran and needs no page", unlike no
 * record at all (it never ran in this browser).
 */
export interface WakeRecord {
  id: WakeKey;
  at: number | null;
}
