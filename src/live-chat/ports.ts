/**
 * What the live chat needs from the messaging module, described by shape: modules never import
 * each other; system.ts hands `CHATBOT_SYSTEM.messaging` in (it satisfies this interface).
 */
export interface LiveMessage {
  id: string;
  conversationId: string;
  senderId: string;
  type: string;
  content: { text: string; attachments: ReadonlyArray<{ id: string; name: string; mimeType: string; size: number }> };
  replyTo: string | null;
  createdAt: number;
  editedAt: number | null;
  deleted: boolean;
}

export interface LiveConversation {
  id: string;
  participants: string[];
  createdAt: number;
}

/** Messaging acting as one user (the customer, the store's staff). */
export interface LiveActor {
  receiveMessage(conversationId: string, input: { text?: string }, meta: { id: string; createdAt: number; products?: readonly string[] }, options?: { replyTo?: string | null }): LiveMessage;
  editMessage(messageId: string, text: string): LiveMessage;
  deleteMessage(messageId: string, permanent?: boolean): void;
  setReactions(messageId: string, emojis: readonly string[]): void;
  markAsRead(conversationId: string, messageIds?: string[]): void;
  startTyping(conversationId: string): void;
  stopTyping(conversationId: string): void;
}

export type LivePortEvents = {
  message_sent: LiveMessage;
  message_edited: LiveMessage;
  message_deleted: { messageId: string; conversationId: string; permanent: boolean; message: LiveMessage | null };
  reaction_added: { messageId: string; conversationId: string; userId: string; emoji: string };
  reaction_removed: { messageId: string; conversationId: string; userId: string; emoji: string };
  typing_started: { conversationId: string; userId: string };
  typing_stopped: { conversationId: string; userId: string };
  messages_read: { conversationId: string; userId: string; messageIds: string[] };
};

export interface LiveMessagingPort {
  readonly ready: Promise<void>;
  actAs(userId: string): LiveActor;
  getConversation(conversationId: string): LiveConversation | undefined;
  getMessage(messageId: string): LiveMessage | undefined;
  getMessages(conversationId: string, options?: { after?: number; limit?: number }): LiveMessage[];
  getReactionsSummary(messageId: string): Record<string, { users: string[] }>;
  exportConversation(conversationId: string, format?: 'json' | 'text'): string;
  /** The stored file of an attachment. */
  getAttachment(attachmentId: string): Promise<Blob>;
  on<K extends keyof LivePortEvents>(type: K, handler: (payload: LivePortEvents[K]) => void): () => void;
}

/** Who is who in a conversation handed to staff. */
export interface LiveParticipants {
  /** The customer this browser acts for. */
  customerId(): string | undefined;
  /** The assistant: its messages go to the room marked as the assistant's. */
  botId: string;
  /** Who staff messages are from in the local conversation. */
  staffId: string;
}
