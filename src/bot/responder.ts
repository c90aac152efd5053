import type { Clock } from '../core/clock';
import type { Events } from '../core/events';
import type { BotEvents } from './bot';
import type { AssistantReply } from './engine';
import type { StaffOutbox } from './staff-outbox';
import type { MessagingPort, PortActor, PortMessage } from './ports';
import type { BotKvRecord } from '../storage';
import { REPLY_PREFIX, type ReplyDetails, type SessionRecord } from './records';
import type { Runtime } from './runtime';
import type { BotSettings } from './settings';

export interface ResponderDeps {
  port: MessagingPort;
  settings: BotSettings;
  clock: Clock;
  host: Window | undefined;
  events: Events<BotEvents>;
  outbox: StaffOutbox;
  isOnline: () => boolean;
  getRuntime: () => Promise<Runtime>;
  /** Messaging acting as the assistant. */
  assistant: PortActor;
  put: (record: BotKvRecord) => void;
  /** A copy of the conversation's session, saved back at the end. */
  session: SessionRecord;
}

/**
 * Answers one customer message in the conversation: read it, "type", answer (with product cards
 * and quick replies kept as reply details), forward it to staff while a handoff is open, and
 * start a handoff when the customer asks for a person.
 * @example await respond({ port: messaging, settings, clock, host, events, outbox, isOnline, getRuntime, assistant: messaging.actAs('asistente'), put, session }, message);
 */
export async function respond(deps: ResponderDeps, message: PortMessage): Promise<void> {
  const { port, settings, clock, host, events, outbox, isOnline, getRuntime, assistant, put, session } = deps;
  const conversationId = message.conversationId;
  const text = message.content.text.trim();
  if (session.handoffAt) {
    outbox.add({ kind: 'message', conversationId, customerId: message.senderId, messageId: message.id, text });
  }
  // A photo alone (a customer showing the part): nothing to search, so say what helps next.
  const photoOnly = !text && message.content.attachments.length > 0 && !session.handoffAt;
  if (!text && !photoOnly) return;
  const started = clock.now();
  events.emit('thinking', { conversationId, thinking: true });
  assistant.markAsRead(conversationId, [message.id]);
  assistant.startTyping(conversationId);
  let reply: AssistantReply;
  try {
    const rt = await getRuntime();
    const photoReply: AssistantReply = { kind: 'fallback', text: rt.t('bot.image'), products: [], suggestions: [rt.t('chip.advisor')], handoff: false };
    reply = photoOnly ? photoReply : await rt.answer(text, session, { offline: !isOnline() });
    // "así está la pieza" + a photo: the words alone find nothing, the photo is the question.
    if (message.content.attachments.length > 0 && (reply.kind === 'no_results' || reply.kind === 'fallback' || (reply.kind === 'unsure' && !reply.products.length))) reply = photoReply;
    const wait = settings.typingDelayMs - (clock.now() - started);
    if (wait > 0) await new Promise<void>((resolve) => clock.setTimeout(resolve, wait));
  } catch (error) {
    assistant.stopTyping(conversationId);
    events.emit('thinking', { conversationId, thinking: false });
    throw error;
  }
  const sent = assistant.sendMessage(conversationId, { text: reply.text }, message.threadId ? { replyTo: message.id } : {});
  if (reply.products.length || reply.suggestions.length) {
    const details: ReplyDetails = { id: `${REPLY_PREFIX}${sent.id}`, messageId: sent.id, kind: reply.kind, products: reply.products, suggestions: reply.suggestions };
    put(details);
    events.emit('details_changed', { messageId: sent.id });
  }
  if (reply.handoff && !session.handoffAt) {
    session.handoffAt = clock.now();
    const delivery = outbox.add({
      kind: 'handoff', conversationId, customerId: message.senderId, messageId: message.id, text,
      transcript: port.exportConversation(conversationId, 'text').slice(-20_000),
      ...(session.bike ? { bike: session.bike.year ? `${session.bike.key} ${session.bike.year}` : session.bike.key } : {}),
    });
    events.emit('handoff_requested', delivery);
    host?.dispatchEvent(new CustomEvent('handoff_requested', { detail: { conversationId, customerId: message.senderId, text } }));
  }
  put(session);
  events.emit('thinking', { conversationId, thinking: false });
  events.emit('reply_sent', { message: sent, reply });
}
