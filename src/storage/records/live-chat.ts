/**
 * What the live chat keeps, all in kv under `live:`: the customer's XMPP account and, per
 * conversation handed to staff, its room and how its messages are known on the server.
 */

/** kv keys of the live chat. */
export const LIVE_CHAT_KV = {
  /** The throwaway XMPP account of this browser's customer, the same in every tab. */
  account: 'live:account',
  /** Prefix of one record per conversation that has a room: `live:conv:<conversationId>`. */
  conversationPrefix: 'live:conv:',
} as const;

export interface LiveAccountRecord {
  id: typeof LIVE_CHAT_KV.account;
  /** Bare JID, `c…@chat.example.com`. */
  jid: string;
  /** Random, generated here; the account is worth nothing but this conversation. */
  password: string;
  /** The WebSocket URL it was registered on (a store that moves server registers anew). */
  server: string;
  createdAt: number;
}

/** Where a conversation stands on the server. */
export interface LiveConversationRecord {
  id: `live:conv:${string}`;
  conversationId: string;
  /** The room's bare JID (random local part: nobody can guess it and create it first). */
  room: string;
  /** When the customer asked for a person: messages up to it travel in the transcript. */
  openedAt: number;
  /** The room exists and is configured; the transcript is posted and staff invited. */
  opened: boolean;
  /** The newest archive id applied: the next catch-up asks for what follows. */
  lastArchiveId?: string;
  /**
   * Local message id ↔ the room's stanza-id, for our messages and the staff's: replies,
   * reactions, markers and retractions in a room name messages by the room's id.
   */
  ids: Record<string, string>;
}

export type LiveChatKvRecord = LiveAccountRecord | LiveConversationRecord;
