/**
 * What the assistant needs from the messaging module, described by shape: modules never import
 * each other, system.ts hands `CHATBOT_SYSTEM.messaging` in (it satisfies this interface).
 */
export interface PortMessage {
  id: string;
  conversationId: string;
  senderId: string;
  content: { text: string; attachments: unknown[] };
  threadId: string | null;
  /** `sent` while only this tab has it: how a local `message_sent` is told from another tab's. */
  status: string;
  createdAt: number;
}

export interface PortConversation {
  id: string;
  participants: string[];
  createdAt: number;
}

/** Messaging acting as one user (the assistant, the customer), whoever the tab's current user is. */
export interface PortActor {
  createConversation(participants: string[], options?: { name?: string; type?: 'direct' | 'group' }): PortConversation;
  sendMessage(conversationId: string, input: { text?: string }, options?: { replyTo?: string | null }): PortMessage;
  startTyping(conversationId: string): void;
  stopTyping(conversationId: string): void;
  markAsRead(conversationId: string, messageIds?: string[]): void;
}

export interface MessagingPort {
  readonly ready: Promise<void>;
  readonly currentUser: string;
  /** Acts as `userId` without changing the tab's current user. */
  actAs(userId: string): PortActor;
  getConversation(conversationId: string): PortConversation | undefined;
  listConversations(userId?: string): PortConversation[];
  exportConversation(conversationId: string, format?: 'json' | 'text'): string;
  on(type: 'message_sent', handler: (message: PortMessage) => void): () => void;
}

/** Tells the store's staff about a handoff (a push notification where the module exists). */
export type StaffNotifier = (request: { title: string; body: string; conversationId: string; messageId: string }) => Promise<unknown>;
