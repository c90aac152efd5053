import { formatBytes } from '../core/format';
import { validate } from '../core/validate';
import { reactionsSummary } from './reactions';
import { ExportFormatSchema, IdSchema } from './schemas';
import { requireConversation, type MessagingState } from './state';
import type { ExportFormat, Message } from './types';

/** The envelope of a JSON export; `version` changes if the shape ever does. */
const EXPORT_FORMAT = 'chatbot-repuestos-motos/conversation' as const;
const EXPORT_VERSION = 1;

const LABELS: Record<string, { conversation: string; participants: string; edited: string; attachment: string; location: string }> = {
  es: { conversation: 'Conversación', participants: 'Participantes', edited: 'editado', attachment: 'adjunto', location: 'ubicación' },
  en: { conversation: 'Conversation', participants: 'Participants', edited: 'edited', attachment: 'attachment', location: 'location' },
  pt: { conversation: 'Conversa', participants: 'Participantes', edited: 'editada', attachment: 'anexo', location: 'localização' },
  fr: { conversation: 'Conversation', participants: 'Participants', edited: 'modifié', attachment: 'pièce jointe', location: 'position' },
};

// A text export stamps every message: one formatter per time zone, not one per line.
const stampFormats = new Map<string, Intl.DateTimeFormat>();

function stamp(time: number, timeZone: string | undefined): string {
  let format = stampFormats.get(timeZone ?? '');
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
      ...(timeZone ? { timeZone } : {}),
    });
    stampFormats.set(timeZone ?? '', format);
  }
  const parts = format.formatToParts(new Date(time));
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

function line(state: MessagingState, message: Message, labels: (typeof LABELS)[string]): string {
  const pieces: string[] = [];
  if (message.content.text) pieces.push(message.content.text);
  for (const attachment of message.content.attachments) {
    pieces.push(`[${labels.attachment}: ${attachment.name}, ${formatBytes(attachment.size)}]`);
  }
  const location = message.content.location;
  if (location) pieces.push(`[${labels.location}: ${location.latitude}, ${location.longitude}${location.name ? ` ${location.name}` : ''}]`);
  if (message.editedAt !== null && !message.deleted) pieces.push(`(${labels.edited})`);
  const reactions = Object.entries(reactionsSummary(state, message.id)).map(([emoji, { count }]) => `${emoji} ${count}`);
  if (reactions.length > 0) pieces.push(`[${reactions.join(', ')}]`);
  // Multi-line texts stay readable: continuation lines are indented under the speaker.
  return `[${stamp(message.createdAt, state.config.timeZone)}] ${message.senderId}: ${pieces.join(' ').replace(/\n/g, '\n    ')}`;
}

/**
 * A conversation as JSON (everything, for re-import or audit) or as a readable transcript
 * (`[2025-01-15 10:30] juan: …`, thread replies indented under their root).
 * @example const text = exportConversation(state, conv.id, 'text');
 */
export function exportConversation(state: MessagingState, conversationIdInput: unknown, formatInput: unknown): string {
  const conversationId = validate(IdSchema, conversationIdInput, 'exportConversation conversationId');
  const format: ExportFormat = validate(ExportFormatSchema, formatInput, 'exportConversation format') ?? 'json';
  const conversation = requireConversation(state, conversationId);
  const messages = state.messages.inConversation(conversationId);
  if (format === 'json') {
    const ids = new Set(messages.map((m) => m.id));
    // A tombstone keeps no reactions (nor mentions), even one committed after the delete.
    const live = new Set(messages.flatMap((m) => (m.deleted ? [] : [m.id])));
    return JSON.stringify(
      {
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        exportedAt: new Date(state.clock.now()).toISOString(),
        conversation,
        messages,
        reactions: [...state.reactions.values()].filter((r) => live.has(r.messageId)),
        receipts: [...state.receipts.values()].filter((r) => r.conversationId === conversationId),
        mentions: [...state.mentions.values()].filter((m) => ids.has(m.messageId)),
      },
      null,
      2,
    );
  }
  const labels = LABELS[state.language] ?? LABELS.es!;
  const out = [`${labels.conversation}: ${conversation.name} (${conversation.type})`, `${labels.participants}: ${conversation.participants.join(', ')}`, ''];
  for (const message of messages) {
    // Replies whose root is gone (deleted for good) are listed in time order as top-level lines.
    if (message.threadId && state.messages.get(message.threadId)) continue;
    out.push(line(state, message, labels));
    for (const reply of state.messages.replies(message.id)) out.push(`    ↳ ${line(state, reply, labels).replace(/\n/g, '\n    ')}`);
  }
  return `${out.join('\n')}\n`;
}
