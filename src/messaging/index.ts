/**
 * Messaging: the seed's `messagingSystem`.
 * @example
 * import { createMessaging } from './messaging';
 * const messaging = createMessaging(ctx);
 * await messaging.ready;
 * messaging.sendMessage(conversationId, { text: 'Hola' });
 */
export { createMessaging } from './messaging';
export type { MessagingActor, MessagingModule } from './messaging';
export { MessagingConfigSchema } from './schemas';
export type { MessagingConfig } from './schemas';
export { MESSAGE_TYPES, MESSAGE_STATUSES } from './types';
export type {
  AttachmentInfo,
  AttachmentInput,
  Conversation,
  ConversationChanges,
  ConversationOptions,
  ConversationSummary,
  ConversationType,
  ExportFormat,
  GetMessagesOptions,
  ListConversationsOptions,
  Location,
  Mention,
  MentionView,
  Message,
  MessageEdit,
  MessageInput,
  MessageStatus,
  MessageType,
  MessagingEvents,
  MessagingStats,
  MessagingSystem,
  ReactionEvent,
  ReactionsSummary,
  ReactionSummaryEntry,
  SearchIndexStats,
  SearchOptions,
  SendOptions,
  Thread,
} from './types';
export { normalizeText, parseMentions, isEmoji } from './text';
