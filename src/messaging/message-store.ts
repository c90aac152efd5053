import type { Message } from './types';

/**
 * The in-memory messages: by id, per conversation in time order, and per thread root.
 * Pure bookkeeping: persistence and events are the caller's.
 * @example const store = createMessageStore(); store.insert(message); store.inConversation(message.conversationId);
 */
export interface MessageStore {
  readonly size: number;
  get(id: string): Message | undefined;
  values(): IterableIterator<Message>;
  /** The conversation's messages, oldest first (do not mutate). */
  inConversation(conversationId: string): readonly Message[];
  /** The thread's replies, oldest first (do not mutate). */
  replies(rootId: string): readonly Message[];
  /** Thread roots that have at least one reply. */
  threadCount(): number;
  /** Messages that are not deleted. */
  liveCount(): number;
  insert(message: Message): void;
  /** Swaps the stored object of a message for a newer version (same id and time). */
  replace(message: Message): void;
  remove(id: string): Message | undefined;
  clear(): void;
}

/** Time order, ties broken by id: the same in every tab. */
export function compareMessages(a: { createdAt: number; id: string }, b: { createdAt: number; id: string }): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Index of `item` (or where it would go) in a list sorted by compareMessages. */
export function searchSorted(list: readonly Message[], item: { createdAt: number; id: string }): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareMessages(list[mid]!, item) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(list: Message[], message: Message): void {
  const last = list[list.length - 1];
  if (!last || compareMessages(last, message) < 0) list.push(message);
  else list.splice(searchSorted(list, message), 0, message);
}

function replaceSorted(list: Message[] | undefined, message: Message): void {
  if (!list) return;
  const at = searchSorted(list, message);
  if (list[at]?.id === message.id) list[at] = message;
}

function removeSorted(list: Message[] | undefined, message: Message): void {
  if (!list) return;
  const at = searchSorted(list, message);
  if (list[at]?.id === message.id) list.splice(at, 1);
}

const EMPTY: readonly Message[] = Object.freeze([]);

export function createMessageStore(): MessageStore {
  const byId = new Map<string, Message>();
  const byConversation = new Map<string, Message[]>();
  const byThread = new Map<string, Message[]>();
  let deleted = 0;
  return {
    get size() {
      return byId.size;
    },
    get: (id) => byId.get(id),
    values: () => byId.values(),
    inConversation: (conversationId) => byConversation.get(conversationId) ?? EMPTY,
    replies: (rootId) => byThread.get(rootId) ?? EMPTY,
    threadCount: () => byThread.size,
    liveCount: () => byId.size - deleted,
    insert(message) {
      const previous = byId.get(message.id);
      if (previous) {
        this.replace(message);
        return;
      }
      byId.set(message.id, message);
      if (message.deleted) deleted++;
      let list = byConversation.get(message.conversationId);
      if (!list) byConversation.set(message.conversationId, (list = []));
      insertSorted(list, message);
      if (message.threadId) {
        let thread = byThread.get(message.threadId);
        if (!thread) byThread.set(message.threadId, (thread = []));
        insertSorted(thread, message);
      }
    },
    replace(message) {
      const previous = byId.get(message.id);
      if (!previous) return;
      if (previous.createdAt !== message.createdAt || previous.conversationId !== message.conversationId || previous.threadId !== message.threadId) {
        // Not a plain new version: re-file it.
        this.remove(message.id);
        this.insert(message);
        return;
      }
      byId.set(message.id, message);
      deleted += Number(message.deleted) - Number(previous.deleted);
      replaceSorted(byConversation.get(message.conversationId), message);
      if (message.threadId) replaceSorted(byThread.get(message.threadId), message);
    },
    remove(id) {
      const message = byId.get(id);
      if (!message) return undefined;
      byId.delete(id);
      if (message.deleted) deleted--;
      const list = byConversation.get(message.conversationId);
      removeSorted(list, message);
      if (list?.length === 0) byConversation.delete(message.conversationId);
      if (message.threadId) {
        const thread = byThread.get(message.threadId);
        removeSorted(thread, message);
        if (thread?.length === 0) byThread.delete(message.threadId);
      }
      return message;
    },
    clear() {
      deleted = 0;
      byId.clear();
      byConversation.clear();
      byThread.clear();
    },
  };
}
