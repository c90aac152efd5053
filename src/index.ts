/**
 * The ES module entry for integrators who bundle the widget themselves.
 * @example
 * import { createSystem } from 'chatbot-repuestos-motos';
 * const system = createSystem({ storeName: 'Motos Don Pepe' }, { host: window });
 * await system.ready;
 */
export { createSystem, VERSION } from './system';
export type { ChatbotSystem, SystemDeps, SystemEvents } from './system';
export { ChatbotError, isChatbotError, ERROR_MESSAGES } from './core/errors';
export type { ErrorCode } from './core/errors';
export { parseConfig, LANGUAGES } from './core/config';
export { ConfigSchema } from './core/config-schema';
export type { Config, ConfigInput, Language } from './core/config';
export { systemClock } from './core/clock';
export { createManualClock } from './core/manual-clock';
export type { Clock } from './core/clock';
export type { ManualClock } from './core/manual-clock';
export { formatBytes, formatDuration, formatPercent } from './core/format';
export { installGlobals } from './shell/install-globals';
export { createPushNotifications, PushPayloadSchema, SendOptionsSchema, PreferencesSchema, PushConfigSchema, DEFAULT_PREFERENCES, CATEGORIES as NOTIFICATION_CATEGORIES } from './push';
export type { PushNotifications, PushEvents, NotificationRecord, NotificationStats, NotificationFilter, Preferences, PreferencesPatch, SendOptions, ScheduledNotification, PushPayload, PushConfig } from './push';
export { createMessaging, MessagingConfigSchema, MESSAGE_TYPES, MESSAGE_STATUSES } from './messaging';
export type { Message, Conversation, ConversationSummary, MessagingSystem, MessagingEvents, MessagingStats, MessageInput, MessageType, MessageStatus, Thread, ReactionsSummary, MentionView, SearchOptions, MessagingConfig } from './messaging';
export { createRealtimeAnalytics, AnalyticsConfigSchema, computeFunnel, computeCohorts, computeSegments, csvCell, toCsv, SEGMENT_NAMES, EVENT_NAMES as ANALYTICS_EVENT_NAMES } from './analytics';
export type { RealtimeAnalytics, AnalyticsConfig, AnalyticsConfigInput, AnalyticsEvent, DashboardData, FunnelOptions, FunnelResult, FunnelStepResult, CohortData, CohortRow, CohortPeriod, SegmentName, Segments, UserRfm, Overview, TopPage, TopEvent, EventCallback, EventFilter } from './analytics';
export { createBackupSystem, selectRetained } from './backup';
export type { BackupSystem, Backup, BackupType, BackupConfig, BackupConfigInput, BackupStats, RestoreOptions, RestoreResult, PointInTimeResult, RetentionPolicy } from './backup';
export { createBot, BotSettingsSchema, parseBotSettings } from './bot';
export type { Bot, BotEvents, BotSettings, AssistantReply, ProductCard, ReplyDetails, ReplyKind, StaffDelivery } from './bot';
export { createI18n, loadI18n } from './i18n';
export { DICTIONARIES } from './i18n/dictionaries';
export type { I18n, MessageKey } from './i18n';
