import { createCollection, type Change, type ChangeOrigin, type Collection, type ChatbotStorage, type StoreName, type StoreValue } from '../storage';
import { dropReactions } from './reactions';
import { applyMarkerMove, refreshStatus } from './receipts';
import { indexMessage, type MessagingState, type ReceiptRecord } from './state';
import type { Conversation, Message } from './types';

/**
 * A read model whose listener also learns what each changed record was before the change
 * (to tell "created" from "updated", and how far a read marker moved).
 */
export function createWatchedCollection<S extends StoreName>(
  storage: ChatbotStorage,
  store: S,
  onChange: (changes: Array<Change<S>>, before: Map<string, StoreValue<S> | undefined>) => void,
): { collection: Collection<S>; dispose(): void } {
  let before = new Map<string, StoreValue<S> | undefined>();
  // Subscribed before the collection, so it runs before the collection applies the changes.
  const unsubscribe = storage.subscribe(store, (changes) => {
    before = new Map();
    for (const change of changes) if (change.key !== undefined && !before.has(change.key)) before.set(change.key, collection.get(change.key));
  });
  const collection = createCollection(storage, store);
  const stop = collection.onChange((changes) => onChange(changes, before));
  return {
    collection,
    dispose() {
      unsubscribe();
      stop();
      collection.dispose();
    },
  };
}

export function onConversationChanges(state: MessagingState, changes: Array<Change<'conversations'>>, before: Map<string, Conversation | undefined>): void {
  for (const change of changes) {
    if (change.op !== 'put') continue;
    const current = state.conversations.get(change.key);
    if (!current) continue;
    const previous = before.get(change.key);
    if (!previous) state.events.emit('conversation_created', current);
    else if (JSON.stringify(previous) !== JSON.stringify(current)) state.events.emit('conversation_updated', current);
  }
}

export function onReceiptChanges(state: MessagingState, changes: Array<Change<'receipts'>>, before: Map<string, ReceiptRecord | undefined>): void {
  for (const change of changes) {
    if (change.op === 'put') applyMarkerMove(state, before.get(change.key), change.value);
  }
}

/** The committed messages of another tab (`remote`), or the merge result of this tab's edit (`merged`). */
export function onMessageChanges(state: MessagingState, changes: Array<Change<'messages'>>, origin: ChangeOrigin): void {
  for (const change of changes) {
    if (change.op === 'clear') {
      state.messages.clear();
      state.index.clear();
      state.gone.clear();
      continue;
    }
    if (change.op === 'delete') {
      state.gone.add(change.key);
      const gone = state.messages.remove(change.key);
      if (!gone) continue;
      state.index.remove(gone.id);
      // Reactions this tab made before it heard of the delete are queued after it: drop them.
      dropReactions(state, gone.id);
      state.events.emit('message_deleted', { messageId: gone.id, conversationId: gone.conversationId, permanent: true, message: null });
      continue;
    }
    // Another tab's edit or tombstone committed before this tab's delete of the message, heard after it.
    if (state.gone.has(change.key)) continue;
    const existing = state.messages.get(change.key);
    const message: Message = { ...change.value, status: existing?.status === 'read' ? 'read' : 'delivered' };
    if (!existing) {
      state.messages.insert(message);
      indexMessage(state, message);
      refreshStatus(state, message);
      if (origin === 'remote') {
        state.events.emit('message_sent', message);
        if (message.mentions.length > 0) state.events.emit('user_mentioned', { message, mentions: message.mentions });
      }
      continue;
    }
    const textChanged = existing.content.text !== message.content.text || existing.deleted !== message.deleted;
    // Two tabs deleting (or editing) the same message at once: the committed record keeps the first
    // tab's deletedAt (and edit history), which the other tab must adopt though the text is the same.
    const recordChanged = existing.editedAt !== message.editedAt || existing.deletedAt !== message.deletedAt || existing.edits.length !== message.edits.length;
    if (!textChanged && !recordChanged) {
      if (existing.status !== message.status) {
        existing.status = message.status;
        state.events.emit('message_status_changed', existing);
      }
      continue;
    }
    state.messages.replace(message);
    indexMessage(state, message);
    if (message.deleted) dropReactions(state, message.id);
    if (origin !== 'remote') continue;
    if (message.deleted && !existing.deleted) {
      state.events.emit('message_deleted', { messageId: message.id, conversationId: message.conversationId, permanent: false, message });
    } else if (!message.deleted) {
      state.events.emit('message_edited', message);
      const added = message.mentions.filter((userId) => !existing.mentions.includes(userId));
      if (added.length > 0) state.events.emit('user_mentioned', { message, mentions: added });
    }
  }
}
