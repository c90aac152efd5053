import type { Clock } from '../../core/clock';
import { filterInbox, INBOX_FILTERS, type InboxFilter } from '../inbox-filter';
import type { InboxConversation, InboxModel } from '../inbox-model';
import { button, duration, el, reconcileChildren } from './dom';
import { fill, type StaffStrings } from './staff-strings';

export interface InboxListView {
  readonly element: HTMLElement;
  render(model: InboxModel, selected: string | undefined): void;
}

/** Conversations drawn at first (newest activity first); the agent asks for more a page at a time. */
export const LIST_PAGE = 100;

const FILTER_LABEL: Record<InboxFilter, keyof StaffStrings> = { all: 'filterAll', mine: 'filterMine', unassigned: 'filterUnassigned', closed: 'filterClosed' };

/** The name a conversation goes by: the customer's id, else the room's local part. */
export const customerName = (conversation: InboxConversation): string => conversation.customerId ?? conversation.room.split('@')[0]!;

/** A conversation's status as the agents read it. */
export function statusText(t: StaffStrings, conversation: InboxConversation): string {
  if (conversation.status === 'closed') return fill(t.closedBy, { name: conversation.closedBy ?? '' });
  if (conversation.status === 'claimed') return fill(t.claimedBy, { name: conversation.claimedBy ?? '' });
  return conversation.reopened ? `${t.reopened} · ${t.unassigned}` : t.unassigned;
}

/**
 * The inbox's list: view buttons (open / mine / unassigned / closed), a search box, and one
 * button per conversation with the customer, their bike and pages, status, last message, waiting
 * time and unread count. A redraw keeps every row whose conversation did not change (selecting
 * one only moves `aria-current`), so a busy inbox is not laid out again on each click.
 */
export function createInboxListView(doc: Document, t: StaffStrings, clock: Clock, onSelect: (room: string) => void): InboxListView {
  let filter: InboxFilter = 'all';
  let limit = LIST_PAGE;
  let last: { model: InboxModel; selected: string | undefined } | undefined;
  const rerender = (): void => {
    if (last) render(last.model, last.selected);
  };
  const filterButtons = INBOX_FILTERS.map((name) => button(doc, t[FILTER_LABEL[name]], () => {
    filter = name;
    rerender();
  }, { 'data-filter': name, 'aria-pressed': String(name === filter) }));
  const search = el(doc, 'input', { className: 'search', attrs: { type: 'search', 'aria-label': t.search, placeholder: t.search } });
  search.addEventListener('input', rerender);
  const list = el(doc, 'ul');
  list.addEventListener('click', (event) => {
    const target = (event.target as Element).closest<HTMLElement>('li > button');
    if (target?.dataset.room) onSelect(target.dataset.room);
    else if (target?.dataset.more !== undefined) {
      limit += LIST_PAGE;
      rerender();
      list.querySelectorAll<HTMLElement>('li > button[data-room]')[limit - LIST_PAGE]?.focus();
    }
  });
  const emptyNote = el(doc, 'p', { text: t.empty });
  const element = el(doc, 'nav', { attrs: { 'aria-label': t.conversations } }, [
    el(doc, 'h2', { className: 'visually-hidden', text: t.conversations }),
    el(doc, 'div', { className: 'filters', attrs: { role: 'group', 'aria-label': t.filters } }, filterButtons),
    search, emptyNote, list,
  ]);

  /** Each conversation's row as last drawn: rebuilt only when the conversation or its waiting time changed. */
  const rows = new Map<string, { version: number; waiting: string; item: HTMLLIElement; button: HTMLButtonElement }>();
  const moreButton = el(doc, 'button', { attrs: { type: 'button', 'data-more': '' } });
  const moreItem = el(doc, 'li', {}, [moreButton]);

  const waitingOf = (conversation: InboxConversation, now: number): string =>
    conversation.waitingSince !== undefined && conversation.status !== 'closed' ? fill(t.waiting, { time: duration(now - conversation.waitingSince) }) : '';

  const buildRow = (conversation: InboxConversation, waiting: string): { item: HTMLLIElement; button: HTMLButtonElement } => {
    const lastMessage = conversation.lastMessage;
    const who = lastMessage ? (lastMessage.own ? t.you : lastMessage.role === 'assistant' ? t.assistant : lastMessage.role === 'customer' ? t.customer : lastMessage.nick) : '';
    const item = el(doc, 'button', { attrs: { type: 'button', 'data-room': conversation.room, 'data-status': conversation.status, 'aria-current': 'false' } }, [
      el(doc, 'strong', { text: customerName(conversation) }),
      ...(conversation.unread > 0 ? [el(doc, 'span', { className: 'badge', text: String(conversation.unread), attrs: { 'aria-label': fill(t.unread, { count: conversation.unread }) } })] : []),
      el(doc, 'span', { className: `status ${conversation.status}`, text: statusText(t, conversation) }),
      ...(conversation.bike ? [el(doc, 'span', { className: 'meta bike', text: fill(t.bike, { bike: conversation.bike }) })] : []),
      ...(conversation.pages.length ? [el(doc, 'span', { className: 'meta pages', text: fill(t.pages, { pages: conversation.pages.join(', ') }) })] : []),
      el(doc, 'span', { className: 'preview', text: lastMessage ? (lastMessage.transcript ? t.transcript : `${who}: ${lastMessage.text}`) : '' }),
      ...(waiting ? [el(doc, 'span', { className: 'meta', text: waiting })] : []),
    ]);
    return { item: el(doc, 'li', {}, [item]), button: item };
  };

  /** The row of a conversation, the one already in the list when nothing it shows has changed. */
  function rowOf(conversation: InboxConversation, selected: string | undefined, now: number): HTMLLIElement {
    const waiting = waitingOf(conversation, now);
    let drawn = rows.get(conversation.room);
    if (!drawn || drawn.version !== conversation.version || drawn.waiting !== waiting) {
      drawn = { version: conversation.version, waiting, ...buildRow(conversation, waiting) };
      rows.set(conversation.room, drawn);
    }
    const current = String(conversation.room === selected);
    if (drawn.button.getAttribute('aria-current') !== current) drawn.button.setAttribute('aria-current', current);
    return drawn.item;
  }

  function render(model: InboxModel, selected: string | undefined): void {
    last = { model, selected };
    for (const filterButton of filterButtons) filterButton.setAttribute('aria-pressed', String(filterButton.dataset.filter === filter));
    const items = filterInbox(model, { filter, query: search.value });
    emptyNote.hidden = items.length > 0;
    emptyNote.textContent = search.value.trim() || filter !== 'all' ? t.noMatch : t.empty;
    const now = clock.now();
    // A row that moves loses the keyboard focus: it goes back to the same conversation.
    const focused = list.contains(doc.activeElement) ? (doc.activeElement as HTMLElement).dataset.room : undefined;
    const wanted = items.slice(0, limit).map((conversation) => rowOf(conversation, selected, now));
    if (items.length > limit) {
      moreButton.textContent = fill(t.more, { count: Math.min(LIST_PAGE, items.length - limit) });
      wanted.push(moreItem);
    }
    reconcileChildren(list, wanted);
    if (focused && !list.contains(doc.activeElement)) list.querySelector<HTMLElement>(`button[data-room="${CSS.escape(focused)}"]`)?.focus();
  }

  return { element, render };
}
