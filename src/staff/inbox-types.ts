import type { Events } from '../core/events';
import type { LiveEvent } from '../live-chat/protocol/live-event';

// The staff inbox's data types: what the model tells the UI (see inbox-model.ts).

/** Who wrote a message, as the staff see it. */
export type MessageRole = 'customer' | 'assistant' | 'staff';

/** One message of a conversation, with everything that happened to it since. */
export interface InboxMessage {
  /** The room's stanza-id when known, else the sender's origin-id or stanza id. */
  key: string;
  stanzaId?: string;
  originId?: string;
  id?: string;
  nick: string;
  role: MessageRole;
  /** Written by this staff account (in any of its browsers). */
  own: boolean;
  text: string;
  timestamp: number;
  edited: boolean;
  retracted: boolean;
  /** The conversation context the customer's widget posted first. */
  transcript: boolean;
  attachment?: { url: string; description?: string };
  replyTo?: string;
  /** Reactions by nick: each sender's whole set. */
  reactions: Readonly<Record<string, readonly string[]>>;
  /** The customer's widget showed it (XEP-0333 `displayed`). */
  seenByCustomer: boolean;
  /** Grows with every change to the message (its room id learnt, an edit, a delete, a reaction, seen). */
  version: number;
}

/** Where a conversation stands: nobody attends it yet (or it reopened), an agent has it, or it was closed. */
export type ConversationStatus = 'new' | 'claimed' | 'closed';

/** One line of the inbox. */
export interface InboxConversation {
  room: string;
  /** Grows with every change to the conversation (a message, a claim, a read marker…): equal versions draw the same. */
  version: number;
  status: ConversationStatus;
  /** The customer's id, from the transcript header. */
  customerId?: string;
  /** The bike the customer named (transcript header). */
  bike?: string;
  /** The pages the customer came from (transcript header). */
  pages: readonly string[];
  /** The customer's nick in the room (the transcript's sender). */
  customerNick?: string;
  /** Set in the room subject by the agent who took the conversation. */
  claimedBy?: string;
  /** The agent who closed it (while it stays closed). */
  closedBy?: string;
  /** Closed once, then the customer wrote again. */
  reopened: boolean;
  lastMessage?: InboxMessage;
  /** Newest of: the invitation, the last message. */
  lastActivity: number;
  /** When the customer's oldest message with no staff answer after it was written. */
  waitingSince?: number;
  unread: number;
  /** Nicks typing now (never our own). */
  typing: readonly string[];
  /** Why the customer asked for a person (the invitation's reason). */
  reason?: string;
}

export type InboxModelEvents = {
  /** A conversation appeared or changed (a message, a claim, a read marker…). */
  change: { room: string };
  /** A room the staff account is invited to and not yet in the inbox (`live`: the invitation arrived now, not from storage). */
  invited: { room: string; live: boolean };
  /** A message from someone else arrived live (not from an archive). */
  incoming: { room: string; key: string };
};

export interface InboxModelOptions {
  /** This agent's nick in every room. */
  nick: string;
  /** The MUC service of the store: invitations to rooms elsewhere are ignored. */
  roomsDomain?: string;
}

export interface InboxModel {
  readonly nick: string;
  on: Events<InboxModelEvents>['on'];
  /** Applies one event, live or from an archive; duplicates (archive + live) are merged. */
  apply(event: LiveEvent): void;
  /** Adds a room (from an invitation found anywhere); false when it was known already or is refused. */
  addRoom(room: string, at: number, reason?: string, live?: boolean): boolean;
  has(room: string): boolean;
  rooms(): string[];
  /** The inbox, newest activity first. */
  list(): InboxConversation[];
  summary(room: string): InboxConversation | undefined;
  /** The conversation's messages, oldest first. */
  messages(room: string): InboxMessage[];
  /** A message by any id it is known under (stanza-id, origin-id, stanza id). */
  find(room: string, anyId: string): InboxMessage | undefined;
  /** The newest message from someone else, to mark displayed (its stanza-id, or key). */
  lastIncoming(room: string): InboxMessage | undefined;
  /** The newest archive id seen in a room: where a catch-up resumes. */
  lastArchiveId(room: string): string | undefined;
  /** Every staff nick seen in any room (messages, claims, closes), ours included, sorted. */
  agents(): string[];
  /** The room's searchable text (customer, bike, pages, messages), folded like the widget's search. */
  searchText(room: string): string;
}
