import type {
  ConversationRecord, MessageRecord, NotificationRecord, BotSessionRecord, AnalyticsOutboxRecord, AttachmentRecord,
} from '../../src/storage';

/** Whole stored records with test defaults: tests write records of the store's real type. */
export const conversationRecord = (id: string, patch: Partial<ConversationRecord> = {}): ConversationRecord => ({
  id, type: 'group', name: id, participants: [], createdBy: 'test', createdAt: 0, updatedAt: 0, pinned: false, muted: false, archived: false, ...patch,
});

export const messageRecord = (id: string, patch: Partial<MessageRecord> & { text?: string } = {}): MessageRecord => {
  const { text = '', ...rest } = patch;
  return {
    id, conversationId: 'c', senderId: 'ana', type: 'text', content: { text, attachments: [] }, replyTo: null, threadId: null, mentions: [],
    createdAt: 0, editedAt: null, edits: [], deleted: false, deletedAt: null, ...rest,
  };
};

export const notificationRecord = (id: string, patch: Partial<NotificationRecord> = {}): NotificationRecord => ({
  id, title: id, body: '', icon: '', badge: '', category: 'system', priority: 'normal', url: '/', actions: [], actionUrls: {}, data: {},
  createdAt: 0, read: false, status: 'shown', source: 'page', ...patch,
});

export const attachmentRecord = (id: string, blob: Blob, patch: Partial<AttachmentRecord> = {}): AttachmentRecord => ({
  id, messageId: 'm1', conversationId: 'c', name: id, mimeType: blob.type, size: blob.size, blob, createdAt: 0, ...patch,
});

export const analyticsOutboxRecord = (id: string, patch: Partial<AnalyticsOutboxRecord> = {}): AnalyticsOutboxRecord => ({
  id, kind: 'analytics-batch', createdAt: 0, endpoint: '/collect', events: [], attempts: 0, nextAttemptAt: 0, ...patch,
});

/** A small kv record under a free key (the assistant's session namespace) carrying `handoffAt`. */
export const kvRecord = (name: string, handoffAt?: number): BotSessionRecord =>
  handoffAt === undefined ? { id: `bot:session:${name}` } : { id: `bot:session:${name}`, handoffAt };
