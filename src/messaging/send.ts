import { ChatbotError } from '../core/errors';
import type { AttachmentRecord } from '../storage';
import { createId } from '../core/ids';
import { validate } from '../core/validate';
import { formatBytes } from '../core/format';
import { recordMentions } from './mentions';
import { IdSchema, MessageInputSchema, SendOptionsSchema } from './schemas';
import { indexMessage, requireConversation, requireParticipant, toRecord, type MessagingState } from './state';
import type { AttachmentInfo, AttachmentInput, Message, MessageInput, MessageType, SendOptions } from './types';


function typeFromMime(mimeType: string): MessageType {
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType.startsWith('video/')) return 'video';
  if (mimeType.startsWith('audio/')) return 'audio';
  return 'file';
}

function blobOf(input: AttachmentInput): { blob: Blob; name: string } {
  if (input instanceof Blob) {
    const name = typeof File !== 'undefined' && input instanceof File && input.name ? input.name : 'archivo';
    return { blob: input, name };
  }
  return { blob: input.blob, name: input.name ?? (typeof File !== 'undefined' && input.blob instanceof File ? input.blob.name : 'archivo') };
}

/**
 * What a message received from elsewhere (the live chat's server) keeps of its origin: its id
 * (so that receiving it twice is a no-op) and when it was written.
 */
export interface ReceivedMeta {
  id: string;
  createdAt: number;
  /** Catalog skus of the product cards it carries (checked by the live chat's parser). */
  products?: readonly string[];
}

/** Sends as `senderId` (the tab's current user unless the widget or the assistant says who). */
export function sendMessage(state: MessagingState, conversationIdInput: unknown, input: unknown, optionsInput: unknown, senderId = state.currentUser(), received?: ReceivedMeta): Message {
  const conversationId = validate(IdSchema, conversationIdInput, 'sendMessage conversationId');
  const content: MessageInput = validate(MessageInputSchema, input, 'sendMessage message');
  const options: SendOptions = validate(SendOptionsSchema, optionsInput, 'sendMessage options') ?? {};
  const conversation = requireConversation(state, conversationId);
  requireParticipant(conversation, senderId);

  const text = content.text?.trim() ?? '';
  if (text.length > state.config.maxTextLength) {
    throw new ChatbotError('TOO_LARGE', `text has ${text.length} characters; the limit is ${state.config.maxTextLength}`);
  }
  const files = (content.attachments ?? []).map(blobOf);
  if (files.length > state.config.maxAttachmentsPerMessage) {
    throw new ChatbotError('TOO_LARGE', `${files.length} attachments; the limit is ${state.config.maxAttachmentsPerMessage} per message`);
  }
  for (const file of files) {
    if (file.blob.size > state.config.maxAttachmentBytes) {
      throw new ChatbotError('TOO_LARGE', `"${file.name}" is ${formatBytes(file.blob.size)}; the limit is ${formatBytes(state.config.maxAttachmentBytes)}`, {
        details: { name: file.name, size: file.blob.size, limit: state.config.maxAttachmentBytes },
      });
    }
  }
  const type: MessageType = content.type ?? (content.location ? 'location' : files[0] ? typeFromMime(files[0].blob.type) : 'text');
  if (type === 'location' && !content.location) throw new ChatbotError('VALIDATION', 'sendMessage message: a location message needs `location: { latitude, longitude }`');
  if (type !== 'location' && content.location) throw new ChatbotError('VALIDATION', `sendMessage message: a ${type} message cannot carry a location`);
  if (type === 'text' && files.length > 0) throw new ChatbotError('VALIDATION', 'sendMessage message: a text message cannot carry attachments; use image, file, video or audio');
  if (['image', 'file', 'video', 'audio'].includes(type) && files.length === 0) {
    throw new ChatbotError('VALIDATION', `sendMessage message: a ${type} message needs at least one attachment`);
  }
  if (type === 'text' && text.length === 0) throw new ChatbotError('VALIDATION', 'sendMessage message: text is empty and there are no attachments');

  let replyTo: string | null = null;
  let threadId: string | null = null;
  if (options.replyTo) {
    const parent = state.messages.get(options.replyTo);
    if (!parent) throw new ChatbotError('NOT_FOUND', `no message "${options.replyTo}" to reply to`);
    if (parent.conversationId !== conversationId) throw new ChatbotError('VALIDATION', `message "${parent.id}" belongs to another conversation`);
    replyTo = parent.id;
    // Flat threads (Slack, Matrix): a reply to a reply joins the root's thread.
    threadId = parent.threadId ?? parent.id;
  }

  state.storage.admit();
  const now = received?.createdAt ?? state.clock.now();
  const id = received?.id ?? createId('msg', now);
  const attachments: AttachmentInfo[] = files.map((file) => ({ id: createId('att', now), name: file.name, mimeType: file.blob.type, size: file.blob.size }));
  const message: Message = {
    id,
    conversationId,
    senderId,
    type,
    content: content.location ? { text, attachments, location: { ...content.location } } : { text, attachments },
    replyTo,
    threadId,
    mentions: [],
    createdAt: now,
    status: 'sent',
    editedAt: null,
    edits: [],
    deleted: false,
    deletedAt: null,
  };
  // Added only when there are some: a spread in the literal above would slow every message down.
  if (received?.products?.length) message.products = [...received.products];
  const mentions = recordMentions(state, message, []);
  message.mentions = mentions;

  files.forEach((file, i) => {
    const info = attachments[i]!;
    const record: AttachmentRecord = { ...info, messageId: id, conversationId, blob: file.blob, createdAt: now };
    state.storage.put('attachments', record);
  });
  state.storage.put('messages', toRecord(message));
  state.messages.insert(message);
  indexMessage(state, message);
  state.trackDelivery(message);
  state.events.emit('message_sent', message);
  if (mentions.length > 0) state.events.emit('user_mentioned', { message, mentions });
  return message;
}

export async function getAttachment(state: MessagingState, attachmentId: unknown): Promise<Blob> {
  const id = validate(IdSchema, attachmentId, 'getAttachment attachmentId');
  const record = await state.storage.get('attachments', id);
  if (!record) throw new ChatbotError('NOT_FOUND', `no attachment "${id}"`);
  return record.blob;
}
