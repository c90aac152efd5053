import { normalizeText } from '../messaging/text';
import type { InboxConversation, InboxModel } from './inbox-model';

/** The inbox's views: everything open, what this agent attends, what nobody attends yet, what was closed. */
export const INBOX_FILTERS = ['all', 'mine', 'unassigned', 'closed'] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];

/** Whether a conversation belongs in a view for the agent `nick`. */
export function inFilter(conversation: InboxConversation, filter: InboxFilter, nick: string): boolean {
  switch (filter) {
    case 'mine':
      return conversation.status === 'claimed' && conversation.claimedBy === nick;
    case 'unassigned':
      return conversation.status === 'new';
    case 'closed':
      return conversation.status === 'closed';
    default:
      return conversation.status !== 'closed';
  }
}

/**
 * The inbox narrowed to a view and a search: every word of the query must appear in the
 * conversation (customer id, bike, pages, the invitation's reason, any message), compared with
 * the widget's own folding (`normalizeText` of messaging: case and accents ignored, so "pinon"
 * finds "Piñón").
 * @example filterInbox(model, { filter: 'mine', query: 'boxer' })
 */
export function filterInbox(model: InboxModel, view: { filter: InboxFilter; query?: string }): InboxConversation[] {
  const words = normalizeText(view.query ?? '').split(/\s+/).filter(Boolean);
  return model.list().filter((conversation) => {
    if (!inFilter(conversation, view.filter, model.nick)) return false;
    if (words.length === 0) return true;
    const text = model.searchText(conversation.room);
    return words.every((word) => text.includes(word));
  });
}
