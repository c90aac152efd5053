import type { MessagingSystem } from '../../../src/messaging';

/*
 * Page functions (passed to page.evaluate, so each is self-contained) reading what a user and the
 * stores hold, in one comparable shape.
 */

interface Window {
  CHATBOT_SYSTEM: {
    flush(): Promise<void>;
    messaging: MessagingSystem;
    storage: { getAll(store: string): Promise<Array<Record<string, unknown>>> };
    pushNotifications: { getNotifications(filter?: object): Array<{ id: string; read: boolean; title: string }> };
    backupSystem: { listBackups(): Array<{ id: string }> };
    realtimeAnalytics: { exportStoredData(format: 'json'): Promise<string> };
  };
}
declare const window: Window;

/** One message as a user sees it (or as it is stored): enough to tell lost, resurrected, torn or stale apart. */
export interface MessageView {
  id: string;
  senderId: string;
  text: string;
  deleted: boolean;
  edits: number;
  threadId: string | null;
}

/** A state, read through the modules (`shown`) or straight from the stores (`stored`). */
export interface StateView {
  messages: MessageView[];
  /** `messageId|emoji|userId`, sorted. */
  reactions: string[];
  notifications: Array<{ id: string; read: boolean }>;
  backups: string[];
}

/** What the modules show for one conversation, plus its JSON export (minus its time) and text export. */
export async function shownState(conversationId: string): Promise<StateView & { exportJson: unknown; exportText: string }> {
  const system = window.CHATBOT_SYSTEM;
  const m = system.messaging;
  const messages = m.getMessages(conversationId, { limit: 10_000 });
  const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const reactions: string[] = [];
  for (const message of messages) {
    for (const [emoji, { users }] of Object.entries(m.getReactionsSummary(message.id))) for (const user of users) reactions.push(`${message.id}|${emoji}|${user}`);
  }
  const exported = JSON.parse(m.exportConversation(conversationId, 'json')) as Record<string, unknown>;
  delete exported.exportedAt;
  // Reactions, receipts and mentions come in each tab's arrival order: compare them as sets.
  for (const key of ['reactions', 'receipts', 'mentions']) (exported[key] as Array<{ id: string }>).sort(byId);
  return {
    messages: messages
      .map((msg) => ({ id: msg.id, senderId: msg.senderId, text: msg.content.text, deleted: msg.deleted, edits: msg.edits.length, threadId: msg.threadId }))
      .sort(byId),
    reactions: reactions.sort(),
    notifications: system.pushNotifications.getNotifications().map((n) => ({ id: n.id, read: n.read })).sort(byId),
    backups: system.backupSystem.listBackups().map((b) => b.id).sort(),
    exportJson: exported,
    exportText: m.exportConversation(conversationId, 'text'),
  };
}

/** The same state read from IndexedDB through `CHATBOT_SYSTEM.storage.getAll`, bypassing the read models. */
export async function storedState(conversationId: string): Promise<StateView & { orphanReactions: string[] }> {
  const storage = window.CHATBOT_SYSTEM.storage;
  type Stored = { id: string; conversationId: string; senderId: string; content: { text: string }; deleted: boolean; edits: unknown[]; threadId: string | null };
  const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const all = (await storage.getAll('messages')) as unknown as Stored[];
  const messages = all.filter((msg) => msg.conversationId === conversationId);
  const live = new Set(messages.filter((msg) => !msg.deleted).map((msg) => msg.id));
  const reactions = ((await storage.getAll('reactions')) as unknown as Array<{ messageId: string; conversationId: string; emoji: string; userId: string }>).filter(
    (r) => r.conversationId === conversationId,
  );
  const notifications = (await storage.getAll('notifications')) as unknown as Array<{ id: string; read: boolean }>;
  const backups = (await storage.getAll('backups')) as unknown as Array<{ id: string }>;
  return {
    messages: messages
      .map((msg) => ({ id: msg.id, senderId: msg.senderId, text: msg.content.text, deleted: msg.deleted, edits: msg.edits.length, threadId: msg.threadId }))
      .sort(byId),
    reactions: reactions.filter((r) => live.has(r.messageId)).map((r) => `${r.messageId}|${r.emoji}|${r.userId}`).sort(),
    orphanReactions: reactions.filter((r) => !live.has(r.messageId)).map((r) => `${r.messageId}|${r.emoji}|${r.userId}`).sort(),
    notifications: notifications.map((n) => ({ id: n.id, read: n.read })).sort(byId),
    backups: backups.map((b) => b.id).sort(),
  };
}

/** The analytics events stored (after handing the pending batch over), as `messageId`s of the named event. */
export async function storedEventIds(name: string): Promise<string[]> {
  await window.CHATBOT_SYSTEM.flush();
  const exported = JSON.parse(await window.CHATBOT_SYSTEM.realtimeAnalytics.exportStoredData('json')) as { events: Array<{ event: string; messageId: string }> };
  return exported.events.filter((e) => e.event === name).map((e) => e.messageId).sort();
}
