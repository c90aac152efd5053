import { isChatbotError, type ChatbotError } from '../core/errors';
import type { LiveConversationRecord } from '../storage';
import type { LiveConversations } from './conversation-records';
import { DEFAULT_MAX_TEXT_LENGTH, partId, splitLongText } from './long-text';
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
  /** Messaging's longest text: a longer staff message is shown in parts (default 10,000). */
  maxTextLength?: number;
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
 * Applies one event; returns false, changing nothing, when `partial` (older history may still
 * come) and the event names a message the conversation does not have yet: apply it again later.
 */
export type ApplyInbound = (event: LiveEvent, options?: { partial?: boolean }) => boolean;

/**
 * Applies what the server says to the local conversation: staff messages become messages of the
 * conversation (from the store's staff id), with their edits, retractions, reactions, read
 * markers and typing; our own messages echoed by the room teach us their stanza-ids. Applying
 * the same event twice (live, then from the archive) changes nothing. Events about a message the
 * conversation does not have, or that the local rules refuse (an edit of a deleted message), are
 * dropped: the server's history is the one truth, and the next catch-up brings what is missing.
 * @example const apply = createInbound(options); connection.on('event', apply);
 */
export function createInbound(options: InboundOptions): ApplyInbound {
  const { port, conversations, participants } = options;
  // One actor for every event (not one per stanza on the hot path).
  let actor: ReturnType<LiveMessagingPort['actAs']> | undefined;
  const staff = (): ReturnType<LiveMessagingPort['actAs']> => (actor ??= port.actAs(participants.staffId));

  const maxTextLength = options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH;
  /** The parts a staff message is shown in (one, unless it is longer than messaging allows). */
  const partsOf = (localId: string): string[] => {
    const ids: string[] = [];
    for (let index = 0; port.getMessage(partId(localId, index)); index++) ids.push(partId(localId, index));
    return ids;
  };
  /** Shows `text` as message `localId` (in parts when too long), or changes it to `text`. */
  const showStaffText = (conversationId: string, localId: string, text: string, createdAt: number, replyTo?: string, products?: readonly string[]): void => {
    const parts = splitLongText(text, maxTextLength);
    const before = partsOf(localId);
    parts.forEach((part, index) => {
      const id = partId(localId, index);
      const existing = port.getMessage(id);
      // Product cards go with the first part, the one replies and read markers name.
      const meta = { id, createdAt: createdAt + index, ...(index === 0 && products?.length ? { products: [...products] } : {}) };
      if (!existing) staff().receiveMessage(conversationId, { text: part }, meta, index === 0 && replyTo ? { replyTo } : {});
      else if (!existing.deleted && existing.content.text !== part) staff().editMessage(id, part);
    });
    // Parts a shorter edit no longer needs go without a trace (their ids may be needed again).
    for (const id of before.slice(parts.length)) staff().deleteMessage(id, true);
  };
  /** A retraction: one "message deleted" where the message was, whatever its parts. */
  const retract = (localId: string): void => {
    const [first, ...rest] = partsOf(localId);
    for (const id of rest.reverse()) staff().deleteMessage(id, true);
    if (first) staff().deleteMessage(first);
  };

  const remember = (record: LiveConversationRecord, localId: string, stanzaId: string | undefined): void => conversations.learn(record.conversationId, localId, stanzaId);
  const advance = (record: LiveConversationRecord, stanzaId: string | undefined): void => conversations.learn(record.conversationId, undefined, stanzaId);

  const onMessage = (record: LiveConversationRecord, event: LiveEventOf<'message'>, own: boolean, partial: boolean): boolean => {
    const ownId = event.originId ?? event.id;
    if (own) {
      // Our own message, echoed live or found in the archive: the local message it is.
      if (ownId) remember(record, ownId, event.stanzaId);
      else advance(record, event.stanzaId);
      return true;
    }
    const stableId = ownId ?? event.stanzaId;
    if (!stableId) return true;
    const localId = `${REMOTE_ID_PREFIX}${stableId}`;
    const replyTo = event.replyTo ? resolveTarget(options, record, event.replyTo.id) : undefined;
    // The quoted message may be in an older page of history still on its way.
    if (event.replyTo && !replyTo && partial) return false;
    const link = event.attachment && !event.text.includes(event.attachment.url) ? event.attachment.url : '';
    const text = [event.text, link].filter(Boolean).join('\n');
    if (text.trim() && !port.getMessage(localId)) showStaffText(record.conversationId, localId, text, event.timestamp, replyTo, event.products);
    remember(record, localId, event.stanzaId);
    return true;
  };

  const apply = (record: LiveConversationRecord, event: LiveEvent, own: boolean, partial: boolean): boolean => {
    switch (event.type) {
      case 'message':
        return onMessage(record, event, own, partial);
      case 'chat-state':
        if (own) return true;
        if (event.state === 'composing') staff().startTyping(record.conversationId);
        else staff().stopTyping(record.conversationId);
        return true;
      case 'error':
        return true;
      default:
        break;
    }
    advance(record, event.stanzaId);
    if (own || !('targetId' in event)) return true;
    const target = resolveTarget(options, record, event.targetId);
    const message = target ? port.getMessage(target) : undefined;
    if (!target || !message) return !partial;
    if (event.type === 'correction' && message.senderId === participants.staffId && !message.deleted) showStaffText(record.conversationId, target, event.text, message.createdAt);
    else if (event.type === 'retraction' && message.senderId === participants.staffId && !message.deleted) retract(target);
    else if (event.type === 'reaction' && !message.deleted) staff().setReactions(target, event.emojis);
    else if (event.type === 'receipt' && event.receipt === 'displayed') staff().markAsRead(record.conversationId, [target]);
    return true;
  };

  return (event, applyOptions = {}) => {
    const record = conversations.byRoom(event.conversation);
    // Only the rooms of our conversations: anything else (a stray invitation, a direct message) is not for the chat.
    if (!record) return true;
    const own = event.nick === options.nick();
    try {
      return apply(record, event, own, applyOptions.partial === true);
    } catch (error) {
      // The local rules refused it (a reaction that is not one emoji, an edit too long): not the chat's to break over.
      if (isChatbotError(error)) options.reportError(error);
      else throw error;
      return true;
    }
  };
}
