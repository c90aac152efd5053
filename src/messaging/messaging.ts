import type { Config } from '../core/config';
import { ConfigSchema } from '../core/config-schema';
import { createEvents } from '../core/events';
import { createId } from '../core/ids';
import type { ModuleContext } from '../core/module';
import { validate } from '../core/validate';
import { MESSAGING_KV, type Change, type ChangeOrigin, type ChatbotStorage } from '../storage';
import { createActor, type MessagingActor } from './actor';
import { getConversation, listConversations, recentConversations, updateConversation } from './conversations';
import { exportConversation } from './export';
import { createIndexBuilder } from './index-builder';
import { deleteMessage, editMessage, getMessages, getThread } from './history';
import { loadInChunks } from './load';
import { getMentions, markMentionAsRead } from './mentions';
import { createMessageStore } from './message-store';
import { applyRemoteReactions, dropOrphanReactions, reactionsSummary, trackReaction } from './reactions';
import { refreshConversationStatuses, totalUnread } from './receipts';
import { IdSchema, LimitSchema, MessagingConfigSchema, QuerySchema, SearchOptionsSchema, UserIdSchema, toTime } from './schemas';
import { createSearchIndex } from './search-index';
import { getAttachment } from './send';
import { requireConversation, type MessagingState } from './state';
import { createWatchedCollection, onConversationChanges, onMessageChanges, onReceiptChanges } from './sync';
import { createTyping } from './typing';
import type { Message, MessagingEvents, MessagingSystem, SearchOptions } from './types';

export type { MessagingActor } from './actor';

/** The module as system.ts holds it: the seed's API, plus what the widget and the assistant use. */
export interface MessagingModule extends MessagingSystem {
  /** @internal Acts as `userId` without changing the tab's current user (the panel, the assistant). */
  actAs(userId: string): MessagingActor;
  /** @internal Follows `CHATBOT_SYSTEM.configure()`: the language of tombstones and text exports. */
  configure(config: Readonly<Config>): void;
}

const DELIVERY_RETRY_MS = 5_000;
const DELIVERED: Pick<Message, 'status'> = { status: 'delivered' };

/**
 * Builds the seed's `messagingSystem` over the storage core. Calls are synchronous over the
 * in-memory read model; `ready` resolves once it is loaded (messages in chunks, so the page stays
 * responsive), and every change reaches IndexedDB and the other tabs.
 * @example
 * const messaging = createMessaging(ctx);
 * await messaging.ready;
 * const conv = messaging.createConversation([messaging.currentUser, 'asesor']);
 * messaging.sendMessage(conv.id, { text: 'Hola 👋' });
 */
export function createMessaging(ctx: ModuleContext<ChatbotStorage>): MessagingModule {
  const config = validate(MessagingConfigSchema, ctx.section ?? {}, 'config.messaging');
  const { clock, storage } = ctx;
  const events = createEvents<MessagingEvents>();
  const configuredUser = config.currentUser ?? ctx.config.userId;
  let user = configuredUser ?? createId('anon', clock.now());
  let userChosen = configuredUser !== undefined;

  // Messages waiting for their commit to become `delivered`; one flush() serves a whole burst.
  let pendingDelivery: Message[] = [];
  let retryTimer: unknown;
  const deliver = (): void => {
    retryTimer = undefined;
    const batch = pendingDelivery;
    pendingDelivery = [];
    storage.flush().then(
      () => {
        for (const sent of batch) {
          const current = state.messages.get(sent.id);
          if (current?.status !== 'sent') continue;
          current.status = 'delivered';
          events.emit('message_status_changed', current);
        }
      },
      () => {
        // The storage core reports the failure on the system's `error` event and retries the
        // writes; these messages stay `sent` and are looked at again with the next attempt.
        if (disposed) return;
        const idle = pendingDelivery.length === 0;
        pendingDelivery = [...batch, ...pendingDelivery];
        if (idle) retryTimer = clock.setTimeout(deliver, DELIVERY_RETRY_MS);
      },
    );
  };
  const trackDelivery = (message: Message): void => {
    if (pendingDelivery.push(message) === 1) queueMicrotask(deliver);
  };

  // The read models; rebuilt from IndexedDB by reloadState() (after a backup restore).
  const openCollections = () => ({
    conversations: createWatchedCollection(storage, 'conversations', (changes, before) => onConversationChanges(state, changes, before)),
    reactions: createWatchedCollection(storage, 'reactions', (changes, before) => applyRemoteReactions(state, changes, before)),
    receipts: createWatchedCollection(storage, 'receipts', (changes, before) => onReceiptChanges(state, changes, before)),
    mentions: createWatchedCollection(storage, 'mentions', () => undefined),
  });
  let collections = openCollections();
  const state: MessagingState = {
    clock,
    storage,
    config,
    language: ctx.config.language,
    events,
    conversations: collections.conversations.collection,
    messages: createMessageStore(),
    index: createSearchIndex(),
    reactions: collections.reactions.collection,
    reactionsByMessage: new Map<string, Set<string>>(),
    gone: new Set<string>(),
    receipts: collections.receipts.collection,
    mentions: collections.mentions.collection,
    currentUser: () => user,
    trackDelivery,
    background: ctx.background,
  };
  const closeCollections = (): void => {
    for (const handle of Object.values(collections)) handle.dispose();
  };

  // Message changes that arrive while the history is still loading are applied after it.
  let loading = true;
  const early: Array<[Array<Change<'messages'>>, ChangeOrigin]> = [];
  const unsubscribeMessages = storage.subscribe('messages', (changes, origin) => {
    if (loading) early.push([changes, origin]);
    else onMessageChanges(state, changes, origin);
  });

  const typing = createTyping(clock, ctx.channel, events, config.typingTimeoutMs);
  // The seed's calls act as the current user; kept until that user changes.
  let self: MessagingActor = createActor(state, typing, user);
  const me = (): MessagingActor => (self.userId === user ? self : (self = createActor(state, typing, user)));

  let disposed = false;
  const resolveUser = async (): Promise<void> => {
    if (userChosen || disposed) return;
    const stored = await storage.get('kv', MESSAGING_KV.anonymousUser);
    if (stored?.value) {
      if (!userChosen) user = stored.value;
      return;
    }
    const candidate = user;
    if (disposed) return;
    // Two fresh tabs opening at once agree on whichever id was committed first.
    storage.update('kv', MESSAGING_KV.anonymousUser, (current) => current ?? { id: MESSAGING_KV.anonymousUser, value: candidate });
    await storage.flush();
    const committed = await storage.get('kv', MESSAGING_KV.anonymousUser);
    if (!userChosen && committed?.value) user = committed.value;
  };

  const loadMessages = async (): Promise<void> => {
    await loadInChunks(storage, 'messages', (records) => {
      const messages: Message[] = [];
      for (const record of records) {
        // getAll hands out fresh objects: status is set in place instead of copying 100,000 records.
        const message = Object.assign(record, DELIVERED);
        state.messages.insert(message);
        messages.push(message);
      }
      indexBuilder.queue(messages);
    });
  };

  /** Loads every read model and the search index; changes arriving meanwhile are applied after. */
  const loadAll = async (): Promise<void> => {
    loading = true;
    try {
      await storage.ready;
      if (disposed) return;
      await Promise.all([
        state.conversations.load(),
        state.reactions.load(),
        state.receipts.load(),
        state.mentions.load(),
        loadMessages(),
        resolveUser(),
      ]);
      for (const record of state.reactions.values()) trackReaction(state, record.id, true);
      // A reaction another tab committed just after the message was deleted (a race no tab
      // cleaned up, e.g. every tab closed): removed now.
      dropOrphanReactions(state, [...state.reactionsByMessage.keys()].filter((id) => state.messages.get(id)?.deleted !== false));
      for (const conversation of state.conversations.values()) refreshConversationStatuses(state, conversation.id);
    } catch (error) {
      // Destroyed while loading (a test, a page closing): there is nothing left to load into.
      if (!disposed) throw error;
    } finally {
      loading = false;
      for (const [changes, origin] of early.splice(0)) onMessageChanges(state, changes, origin);
    }
  };
  // The search index is built after `ready`, in slices; reading it first finishes the rest.
  const indexBuilder = createIndexBuilder(state);
  const searchIndex = (): MessagingState['index'] => {
    indexBuilder.drain();
    return state.index;
  };
  const ready = loadAll().then(() => {
    if (!disposed) void indexBuilder.run();
  });

  const api: MessagingModule = {
    ready,
    get currentUser() {
      return user;
    },
    setCurrentUser(userId) {
      user = validate(UserIdSchema, userId, 'setCurrentUser userId');
      userChosen = true;
    },
    createConversation: (participants, options) => me().createConversation(participants, options),
    getConversation: (conversationId) => getConversation(state, conversationId),
    listConversations: (userId, options) => listConversations(state, userId, options),
    getRecentConversations: (limit) => recentConversations(state, validate(LimitSchema, limit, 'getRecentConversations limit') ?? 10),
    updateConversation: (conversationId, changes) => updateConversation(state, conversationId, changes),
    sendMessage: (conversationId, input, options) => me().sendMessage(conversationId, input, options),
    getMessage: (messageId) => state.messages.get(validate(IdSchema, messageId, 'getMessage messageId')),
    getMessages: (conversationId, options) => getMessages(state, conversationId, options),
    editMessage: (messageId, text) => editMessage(state, messageId, text),
    deleteMessage: (messageId, permanent) => deleteMessage(state, messageId, permanent),
    getAttachment: (attachmentId) => getAttachment(state, attachmentId),
    searchMessages(query, optionsInput) {
      const text = validate(QuerySchema, query, 'searchMessages query');
      const options: SearchOptions = validate(SearchOptionsSchema, optionsInput, 'searchMessages options') ?? {};
      if (options.conversationId !== undefined) requireConversation(state, options.conversationId);
      const ids = searchIndex().search(text, {
        conversationId: options.conversationId,
        senderId: options.senderId,
        since: toTime(options.since),
        before: toTime(options.before),
        limit: options.limit ?? 50,
      });
      return ids.map((id) => state.messages.get(id)!).filter(Boolean);
    },
    getThread: (parentId) => getThread(state, parentId),
    addReaction: (messageId, emoji) => me().addReaction(messageId, emoji),
    getReactionsSummary: (messageId) => reactionsSummary(state, messageId),
    getMentions: (userId, unreadOnly) => getMentions(state, userId, unreadOnly),
    markMentionAsRead: (userId, messageId) => markMentionAsRead(state, userId, messageId),
    startTyping: (conversationId) => me().startTyping(conversationId),
    stopTyping: (conversationId) => me().stopTyping(conversationId),
    getTypingUsers: (conversationId) => typing.users(validate(IdSchema, conversationId, 'getTypingUsers conversationId')),
    markAsRead: (conversationId, messageIds) => me().markAsRead(conversationId, messageIds),
    getUnreadCount: (conversationId) => me().getUnreadCount(conversationId),
    getTotalUnreadCount: (userId) => totalUnread(state, userId === undefined ? user : validate(UserIdSchema, userId, 'getTotalUnreadCount userId')),
    exportConversation: (conversationId, format) => exportConversation(state, conversationId, format),
    getStats() {
      return {
        totalConversations: state.conversations.size,
        totalMessages: state.messages.liveCount(),
        totalThreads: state.messages.threadCount(),
        unreadMessages: totalUnread(state, user),
      };
    },
    getSearchIndexStats: () => searchIndex().stats(),
    clearStorage() {
      state.conversations.clear();
      state.reactions.clear();
      state.receipts.clear();
      state.mentions.clear();
      storage.clear('messages');
      storage.clear('attachments');
      state.messages.clear();
      state.index.clear();
      indexBuilder.clear();
      state.reactionsByMessage.clear();
      state.gone.clear();
      typing.clear();
    },
    async reloadState() {
      await ready;
      closeCollections();
      collections = openCollections();
      state.conversations = collections.conversations.collection;
      state.reactions = collections.reactions.collection;
      state.receipts = collections.receipts.collection;
      state.mentions = collections.mentions.collection;
      state.messages.clear();
      state.index.clear();
      indexBuilder.clear();
      state.reactionsByMessage.clear();
      state.gone.clear();
      typing.clear();
      await loadAll();
      void indexBuilder.run();
      events.emit('state_reloaded', { conversations: state.conversations.size, messages: state.messages.size });
    },
    actAs: (userId) => createActor(state, typing, validate(UserIdSchema, userId, 'actAs userId')),
    configure(next) {
      // Reachable as window.messagingSystem.configure: a caller's value is validated like any other.
      state.language = validate(ConfigSchema, next, 'messagingSystem.configure config').language;
    },
    on: events.on,
    off: events.off,
    dispose() {
      disposed = true;
      if (retryTimer !== undefined) clock.clearTimeout(retryTimer);
      indexBuilder.clear();
      typing.dispose();
      unsubscribeMessages();
      closeCollections();
    },
  };
  return api;
}
