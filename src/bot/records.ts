import {
  BOT_KV, isBotRecord, isBotSession, isReplyDetails, type BotKvRecord, type BotSessionRecord, type ReplyDetails, type StaffDelivery, type ChatbotStorage,
} from '../storage';

export type { ReplyDetails } from '../storage';
/** What the assistant remembers of one conversation (kv `bot:session:<conversationId>`). */
export type SessionRecord = BotSessionRecord;

/** kv key prefixes of the assistant's records (every key starts with `bot:`). */
export const SESSION_PREFIX = BOT_KV.session;
export const REPLY_PREFIX = BOT_KV.reply;
export const OUTBOX_PREFIX = BOT_KV.delivery;

/**
 * The assistant's kv records in memory, kept in step with storage and the other tabs: sessions,
 * reply details and staff deliveries, each in its own map.
 * @example const records = createBotRecords(storage, (id) => emit(id)); await records.load(false); records.session('conv_1')
 */
export interface BotRecords {
  /** A copy of the conversation's session (a new one when none), to change and `put` back. */
  session(conversationId: string): BotSessionRecord;
  /** When a person took over the conversation (`staffAt`) and whether a handoff waits, without copying the session. */
  staffState(conversationId: string): { staffAt: number | undefined; handoff: boolean };
  replyDetails(messageId: string): ReplyDetails | undefined;
  deliveries(): StaffDelivery[];
  isPendingForStaff(messageId: string): boolean;
  put(record: BotKvRecord): void;
  /** Reads the stored records; `replace` drops what is in memory first (after a restore). */
  load(replace: boolean): Promise<void>;
  dispose(): void;
}

export function createBotRecords(storage: ChatbotStorage, onDetailsChanged: (messageId: string) => void): BotRecords {
  const sessions = new Map<string, BotSessionRecord>();
  const replies = new Map<string, ReplyDetails>();
  const deliveries = new Map<string, StaffDelivery>();
  const maps = [sessions, replies, deliveries];

  const has = (key: string): boolean => maps.some((map) => map.has(key));
  const remember = (record: BotKvRecord): void => {
    if (isBotSession(record)) sessions.set(record.id, record);
    else if (isReplyDetails(record)) replies.set(record.id, record);
    else deliveries.set(record.id, record);
  };
  const messageIdOf = (key: string): string | undefined =>
    key.startsWith(REPLY_PREFIX) ? key.slice(REPLY_PREFIX.length) : deliveries.get(key)?.messageId;

  const unsubscribe = storage.subscribe('kv', (changes) => {
    for (const change of changes) {
      if (change.op === 'clear') {
        for (const map of maps) map.clear();
        continue;
      }
      if (!change.key.startsWith(BOT_KV.prefix)) continue;
      if (change.op === 'delete') for (const map of maps) map.delete(change.key);
      else if (isBotRecord(change.value)) remember(change.value);
      const messageId = messageIdOf(change.key);
      if (messageId) onDetailsChanged(messageId);
    }
  });

  return {
    session(conversationId) {
      const id: BotSessionRecord['id'] = `${SESSION_PREFIX}${conversationId}`;
      return structuredClone(sessions.get(id) ?? { id });
    },
    staffState(conversationId) {
      const found = sessions.get(`${SESSION_PREFIX}${conversationId}`);
      return { staffAt: found?.staffAt, handoff: Boolean(found?.handoffAt) };
    },
    replyDetails: (messageId) => replies.get(`${REPLY_PREFIX}${messageId}`),
    deliveries: () => [...deliveries.values()],
    isPendingForStaff(messageId) {
      for (const delivery of deliveries.values()) if (delivery.messageId === messageId && delivery.status === 'pending') return true;
      return false;
    },
    put(record) {
      remember(record);
      storage.put('kv', record);
    },
    async load(replace) {
      const stored = (await storage.getAll('kv')).filter(isBotRecord);
      if (replace) for (const map of maps) map.clear();
      for (const record of stored) if (replace || !has(record.id)) remember(record);
    },
    dispose: unsubscribe,
  };
}
