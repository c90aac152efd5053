import { isChatbotError, type ChatbotError } from '../core/errors';
import type { LiveConversationRecord } from '../storage';
import type { LiveConversations } from './conversation-records';
import type { LiveMessagingPort, LiveParticipants } from './ports';
import type { LiveEvent, LiveEventOf } from './protocol/live-event';

/** Local ids of messages that came from the server (staff's): `xmpp_` + their stable id. */
export const REMOTE_ID_PREFIX = 'xmpp_';

export interface InboundOptions {
  port: LiveMessagingPort;
  conversations: LiveConversations;
  participants: LiveParticipants;
  /** Our nick in every room: room messages from it are our own, echoed. */
  nick(): string;
  reportError(error: ChatbotError): void;
}

/** The local id of the message a room event points at (a room's stanza-id, or a sender's own id). */
function resolveTarget(options: InboundOptions, record: LiveConversationRecord, targetId: string): string | undefined {
  const byStanzaId = options.conversations.localIdOf(record, targetId);
  if (byStanzaId) return byStanzaId;
  // A correction names the original stanza's own id: ours are local ids, staff's are prefixed.
  if (options.port.getMessage(targetId)?.conversationId === record.conversationId) return targetId;
  const remote = `${REMOTE_ID_PREFIX}${targetId}`;
  return options.port.getMessage(remote) ? remote : undefined;
}

/**
 * Applies what the server says to the local conversation: staff messages become messages of the
 * conversation (from the store's staff id), with their edits, retractions, reactions, read
 * markers and typing; our own messages echoed by the room teach us their stanza-ids. Applying
 * the same event twice (live, then from the archive) changes nothing. Events about a message the
 * conversation does not have, or that the local rules refuse (an edit of a deleted message), are
 * dropped: the server's history is the one truth, and the next catch-up brings what is missing.
 * @example const apply = createInbound(options); connection.on('event', apply);
 */
export function createInbound(options: InboundOptions): (event: LiveEvent) => void {
  const { port, conversations, participants } = options;
  // One actor for every event (not one per stanza on the hot path).
  let actor: ReturnType<LiveMessagingPort['actAs']> | undefined;
  const staff = (): ReturnType<LiveMessagingPort['actAs']> => (actor ??= port.actAs(participants.staffId));

  const remember = (record: LiveConversationRecord, localId: string, stanzaId: string | undefined): void => conversations.learn(record.conversationId, localId, stanzaId);
  const advance = (record: LiveConversationRecord, stanzaId: string | undefined): void => conversations.learn(record.conversationId, undefined, stanzaId);

  const onMessage = (record: LiveConversationRecord, event: LiveEventOf<'message'>, own: boolean): void => {
    const ownId = event.originId ?? event.id;
    if (own) {
      // Our own message, echoed live or found in the archive: the local message it is.
      if (ownId) remember(record, ownId, event.stanzaId);
      else advance(record, event.stanzaId);
      return;
    }
    const stableId = ownId ?? event.stanzaId;
    if (!stableId) return;
    const localId = `${REMOTE_ID_PREFIX}${stableId}`;
    const link = event.attachment && !event.text.includes(event.attachment.url) ? event.attachment.url : '';
    const text = [event.text, link].filter(Boolean).join('\n');
    const replyTo = event.replyTo ? resolveTarget(options, record, event.replyTo.id) : undefined;
    const meta = { id: localId, createdAt: event.timestamp, ...(event.products ? { products: event.products } : {}) };
    if (text.trim()) staff().receiveMessage(record.conversationId, { text }, meta, replyTo ? { replyTo } : {});
    remember(record, localId, event.stanzaId);
  };

  const apply = (record: LiveConversationRecord, event: LiveEvent, own: boolean): void => {
    switch (event.type) {
      case 'message':
        return onMessage(record, event, own);
      case 'chat-state':
        if (own) return;
        if (event.state === 'composing') staff().startTyping(record.conversationId);
        else staff().stopTyping(record.conversationId);
        return;
      case 'error':
        return;
      default:
        break;
    }
    advance(record, event.stanzaId);
    if (own || !('targetId' in event)) return;
    const target = resolveTarget(options, record, event.targetId);
    const message = target ? port.getMessage(target) : undefined;
    if (!target || !message) return;
    if (event.type === 'correction' && message.senderId === participants.staffId && !message.deleted) staff().editMessage(target, event.text);
    else if (event.type === 'retraction' && message.senderId === participants.staffId && !message.deleted) staff().deleteMessage(target);
    else if (event.type === 'reaction' && !message.deleted) staff().setReactions(target, event.emojis);
    else if (event.type === 'receipt' && event.receipt === 'displayed') staff().markAsRead(record.conversationId, [target]);
  };

  return (event) => {
    const record = conversations.byRoom(event.conversation);
    // Only the rooms of our conversations: anything else (a stray invitation, a direct message) is not for the chat.
    if (!record) return;
    const own = event.nick === options.nick();
    try {
      apply(record, event, own);
    } catch (error) {
      // The local rules refused it (a reaction that is not one emoji, an edit too long): not the chat's to break over.
      if (isChatbotError(error)) options.reportError(error);
      else throw error;
    }
  };
}
