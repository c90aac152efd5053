export { createStorage } from './storage';
export type { ChatbotStorage, StorageOptions, ChangeListener, ChangeOrigin } from './storage';
export { createCollection } from './collection';
export type { Collection } from './collection';
export type { Change } from './mutations';
export type { Journal, JournalLimits, JournalRange } from './journal';
export { createOutbox } from './outbox';
export type { Outbox, OutboxHost, OutboxItem, OutboxOptions, OutboxResult } from './outbox-types';
export { DB_NAME, DB_VERSION, ENTITY_STORES, UNJOURNALED_STORES } from './schema';
export type {
  StoreName, StoreKey, StoreValue, ValueOf, IndexName, IndexKey, EntityRecord, StoredRecord, JournalEntry, JournalRecord, ChatbotDB, OutboxRecord,
} from './schema';
export { openDatabase } from './open';
export type { ChatbotDatabase } from './open';
export { WAKE_KEYS, wakeRecorder, planFirstBackupLook, readWakes, knownWakeTime } from './wake';
export type { WakeKey, WakeRecorder } from './wake';
export { createOriginDatabases } from './origin-databases';
export type {
  OriginDatabases, OriginDatabase, OriginWrite, OpenOriginOptions, DatabaseInfo, DatabaseSchema, StoreSchema, IndexSchema, ChunkSizing,
} from './origin-databases';
export type { KvRecord, KvKey, KvValue, WakeRecord } from './records/kv';
export { MESSAGE_TYPES, MESSAGING_KV } from './records/messaging';
export type {
  MessageType, ConversationType, AttachmentInfo, Location, MessageEdit, MessageRecord, ConversationRecord, ReactionRecord,
  ReceiptRecord, MentionRecord, AttachmentRecord, AnonymousUserRecord,
} from './records/messaging';
export { CATEGORIES, PRIORITIES, PUSH_KV } from './records/push';
export type {
  Category, Priority, NotificationStatus, NotificationSource, NotificationAction, NotificationRecord, ScheduledRecord,
  QueuedRecord, PushSettingRecord, PushSubscriptionRecord, PushKvRecord,
} from './records/push';
export { ANALYTICS_KV } from './records/analytics';
export type {
  EventType, PageContext, EventContext, Properties, AnalyticsEvent, SegmentEvent, SessionRecord, EventBatchRecord, EventColumnsRecord,
  AnalyticsOutboxRecord, IdentityRecord, ConsentRecord, SessionPointerRecord, AnalyticsKvRecord,
} from './records/analytics';
export { BACKUP_TYPES, BACKUP_KV } from './records/backup';
export type {
  BackupType, BackupSource, EncryptionParams, BackupRecord, BackupBlobRecord, BackupUploadRecord, BackupConfigRecord,
  AutoBackupRecord, BackupKvRecord, RestoringRecord, RestoreEndsRecord,
} from './records/backup';
export { LIVE_CHAT_KV } from './records/live-chat';
export type { LiveAccountRecord, LiveConversationRecord, LiveChatKvRecord } from './records/live-chat';
export { REPLY_KINDS, RANKS, BOT_KV, isBotRecord, isBotSession, isReplyDetails, isStaffDelivery } from './records/bot';
export type { ProductCard, ReplyKind, Rank, SavedPart, SavedQuestion, AssistantSession, BotSessionRecord, ReplyDetails, StaffDelivery, BotKvRecord } from './records/bot';
