import { backoffDelay } from '../core/backoff';
import type { Clock } from '../core/clock';
import { ChatbotError, toChatbotError } from '../core/errors';
import { createUuid } from '../core/ids';
import type { LockManagerLike } from '../core/locks';
import type { TabChannel } from '../core/tabs';
import { createOutbox, type ChatbotStorage, type LiveAccountRecord, type LiveConversationRecord, type OutboxHost } from '../storage';
import { ensureAccount } from './account';
import { createLiveConversations } from './conversation-records';
import { createInbound, REMOTE_ID_PREFIX } from './inbound';
import { isLiveOp, messageStanzas, opId, stanzaFor, type LiveOp } from './outbound';
import { uploadAttachment } from './upload';
import type { LiveMessagingPort, LiveParticipants } from './ports';
import { buildChatState, buildTextMessage } from './protocol/message-builders';
import type { registerThrowawayAccount } from './protocol/register-account';
import type { LiveEvent } from './protocol/live-event';
import type { ArchivePage, XmppConnection, XmppConnectionOptions } from './protocol/xmpp-connection';
import { holdLock } from './ownership';
import type { LiveChatSettings } from './settings';
import { formatTranscript } from './transcript';
import { LIVE_STATES, type LiveState, type LiveStatus } from './status';

/** The Web Lock whose holder owns the browser's one connection. */
export const CONNECTION_LOCK = 'chatbot-live:connection';
const ACCOUNT_RETRY = { baseMs: 2_000, maxMs: 60_000 } as const;
/** Archive page size asked for; the server caps it (`max_archive_query_results`: 1,000 in the project config, 50 in Prosody's). */
const ARCHIVE_PAGE = 1_000;
/** The first pages of a catch-up: small, so the newest messages show while the server reads the older ones. */
const ARCHIVE_PAGES = [100, 400];
/** Least time between two read markers of a conversation. */
const MARKER_INTERVAL_MS = 1_000;
/** Pages read back after a gap; older history than that stays on the server. */
const MAX_ARCHIVE_PAGES = 50;

export interface LiveChatEngineOptions {
  settings: LiveChatSettings;
  storage: ChatbotStorage;
  clock: Clock;
  channel: TabChannel;
  port: LiveMessagingPort;
  participants: LiveParticipants;
  storeName: string;
  language(): string;
  /** Messaging's longest text (`config.messaging.maxTextLength`): longer staff messages are shown in parts. */
  maxTextLength?: number | undefined;
  /** The page: `online`/`offline` events, `navigator.onLine`, `navigator.locks`, where the customer is. */
  host?: (OutboxHost & { removeEventListener(type: 'online' | 'offline', listener: () => void): void; addEventListener(type: 'online' | 'offline', listener: () => void): void; location?: { pathname: string } }) | undefined;
  locks?: LockManagerLike | undefined;
  reportError(error: ChatbotError): void;
  onStatus(status: LiveStatus): void;
  /** For file uploads (default: the global fetch). */
  fetch?: typeof fetch;
  /** Archive page size asked for (default 100, 400, then 1,000; the server caps it). */
  archivePageSize?: number;
  /**
   * The page's last moments (pagehide, hidden tab): the archive cursor and ids learned during the
   * pause between record writes are queued then (the runtime commits them right after), so the next
   * page does not read again what this one showed.
   */
  onPageHide?: ((listener: () => void) => () => void) | undefined;
  /** Tests inject the connection and the registration. */
  createConnection?: (options: XmppConnectionOptions) => XmppConnection;
  register?: typeof registerThrowawayAccount;
}

export interface LiveChatEngine {
  /** The customer asked for a person: the conversation gets a room, its transcript and staff. */
  handOff(conversationId: string, reason?: string, bike?: string): void;
  isLive(conversationId: string): boolean;
  status(): LiveStatus;
  /** Sends what waits now (when this tab owns the connection); resolves when the pass is over. */
  flush(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * The live chat's working half (its own chunk, with Strophe): the one connection of the browser,
 * held by the tab that owns the Web Lock; the conversations' rooms; the durable outbox of what
 * the customer and the assistant write; the catch-up from the archive after any gap.
 */
export async function createLiveChatEngine(options: LiveChatEngineOptions): Promise<LiveChatEngine> {
  const { settings, storage, clock, port, participants, channel } = options;
  const conversations = createLiveConversations(storage, settings.rooms);
  await conversations.load();
  const cleanups: Array<() => void> = [];
  if (options.onPageHide) cleanups.push(options.onPageHide(() => conversations.writeNow()));
  let disposed = false;
  let owner = false;
  let account: LiveAccountRecord | undefined;
  let connection: XmppConnection | undefined;
  let syncing: Promise<void> | undefined;
  let pending = 0;
  let remote: LiveStatus | undefined;
  let accountTimer: unknown;
  /** Rooms being opened, with the stream they are opened on (a reconnect opens them again). */
  const opening = new Map<string, { stream: number; work: Promise<void> }>();
  /** Counts the streams that came up without resuming: each must rejoin and catch up. */
  let stream = 0;
  /** Per conversation: what the customer said when asking for a person (the staff invitation's reason) and the bike they named (the transcript's). */
  const handoffs = new Map<string, { reason?: string; bike?: string }>();
  const fetchFn: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const joined = new Set<string>();
  const nick = (): string => (account ? account.jid.split('@')[0]! : '');
  const report = (error: unknown, code: 'NETWORK' | 'STORAGE_FAILED' = 'NETWORK', context = 'live chat'): void => {
    if (!disposed) options.reportError(toChatbotError(error, code, context));
  };

  const state = (): LiveState => {
    if (!owner) return remote ? remote.state : 'connecting';
    if (options.host?.navigator?.onLine === false) return 'offline';
    switch (connection?.status) {
      case 'connected':
        return syncing ? 'connecting' : 'connected';
      case 'reconnecting':
        return 'reconnecting';
      case 'failed':
        return 'failed';
      default:
        return 'connecting';
    }
  };
  const status = (): LiveStatus => (!owner && remote ? { ...remote, owner: false } : { state: state(), pending, owner });
  const publish = (): void => {
    if (disposed) return;
    const current = status();
    options.onStatus(current);
    if (owner) channel.post({ kind: 'live-chat', type: 'status', status: current.state, pending: current.pending });
  };
  cleanups.push(channel.subscribe('live-chat', (message) => {
    if (message.type === 'ask') {
      if (owner) publish();
      return;
    }
    if (owner || !(LIVE_STATES as readonly string[]).includes(message.status)) return;
    remote = { state: message.status as LiveState, pending: message.pending, owner: false };
    publish();
  }));

  const outbox = createOutbox<LiveOp>({
    name: 'live-chat',
    storage,
    clock,
    host: options.host,
    isPayload: isLiveOp,
    backoff: { baseMs: 1_000, maxMs: 30_000 },
    lock: { name: 'chatbot-live:outbox', manager: options.locks },
    paused: () => !owner || connection?.status !== 'connected' || syncing !== undefined,
    reportError: (error) => report(error),
    onPlan: () => void countPending(),
    send: async ([item]) => {
      const record = conversations.get(item.payload.conversationId);
      if (!record) return { outcome: 'drop' };
      const live = connection;
      if (!live || live.status !== 'connected') return { outcome: 'retry', error: new ChatbotError('OFFLINE', 'the chat server is not connected') };
      await openRoom(record);
      const op = item.payload;
      const context = { port, participants, record: conversations.get(record.conversationId) ?? record, newId: createUuid };
      if (op.op === 'message') {
        const message = port.getMessage(op.messageId);
        if (!message || message.deleted) return { outcome: 'drop' };
        const upload = { connection: live, port, service: settings.upload, fetch: fetchFn, newId: createUuid, reportError: (error: ChatbotError) => report(error) };
        const files = await Promise.all(message.content.attachments.map((file) => uploadAttachment(upload, file)));
        for (const stanza of messageStanzas(message, files, context)) live.send(stanza);
        return { outcome: 'sent' };
      }
      const stanza = stanzaFor(op, context);
      if (!stanza) return { outcome: 'drop' };
      live.send(stanza);
      return { outcome: 'sent' };
    },
  });
  cleanups.push(() => outbox.dispose());
  const countPending = async (): Promise<void> => {
    const count = (await outbox.items().catch(() => [])).length;
    if (count !== pending) {
      pending = count;
      publish();
    }
  };
  const enqueue = (op: LiveOp): void => {
    // Counted at once (the outbox's own count comes later): nothing may overtake this item.
    pending = Math.max(pending, 1);
    outbox.enqueue(opId(op, clock.now()), op);
    void countPending();
  };
  /**
   * Sends a change straight away when nothing waits before it and the room is joined: the
   * outbox's commit, lock and read cost a round trip ~100 ms. Safe without the outbox because a
   * stanza lost with the connection is found missing from the archive at the next connect (and
   * sent again), and stream resumption resends what the server had not acknowledged.
   */
  const dispatch = (op: LiveOp): void => {
    const record = conversations.get(op.conversationId);
    const live = connection;
    const online = options.host?.navigator?.onLine !== false;
    const direct = owner && online && live?.status === 'connected' && !syncing && pending === 0 && record?.opened === true && joined.has(record.room);
    if (!direct || !record || !live) return enqueue(op);
    const context = { port, participants, record, newId: createUuid };
    if (op.op === 'message') {
      const message = port.getMessage(op.messageId);
      if (!message || message.deleted) return;
      // Files need an upload first: they go through the outbox, which retries it.
      if (message.content.attachments.length > 0) return enqueue(op);
      for (const stanza of messageStanzas(message, [], context)) live.send(stanza);
      return;
    }
    const stanza = stanzaFor(op, context);
    if (stanza) live.send(stanza);
  };

  /**
   * Read markers go at most once a second per conversation: the first at once, then the newest of
   * what was read meanwhile (XEP-0333: a marker covers everything before it). Each marker is a
   * room message the server archives and broadcasts; one per staff message doubled the server's
   * work in a quick exchange.
   */
  const markerWindows = new Map<string, { timer: unknown; latest?: string }>();
  const markDisplayed = (conversationId: string, messageId: string): void => {
    const open = markerWindows.get(conversationId);
    if (open) {
      open.latest = messageId;
      return;
    }
    dispatch({ op: 'displayed', conversationId, messageId });
    const slot: { timer: unknown; latest?: string } = { timer: undefined };
    slot.timer = clock.setTimeout(() => {
      markerWindows.delete(conversationId);
      if (slot.latest && !disposed) markDisplayed(conversationId, slot.latest);
    }, MARKER_INTERVAL_MS);
    markerWindows.set(conversationId, slot);
  };
  cleanups.push(() => {
    for (const { timer } of markerWindows.values()) clock.clearTimeout(timer);
    markerWindows.clear();
  });

  const ours = (senderId: string): boolean => senderId === participants.botId || senderId === participants.customerId();
  const liveRecord = (conversationId: string): LiveConversationRecord | undefined => conversations.get(conversationId);

  /** Joins the conversation's room; the first time, creates it, posts the transcript and invites staff. */
  const openRoom = (record: LiveConversationRecord): Promise<void> => {
    const live = connection;
    if (!live) return Promise.reject(new ChatbotError('OFFLINE', 'the chat server is not connected'));
    if (joined.has(record.room) && conversations.get(record.conversationId)?.opened) return Promise.resolve();
    const running = opening.get(record.conversationId);
    // An opening begun on a stream that has since dropped neither rejoins nor catches up on this one.
    if (running?.stream === stream) return running.work;
    const work = (async () => {
      const joining = live.openConversationRoom(record.room, nick(), { name: `${options.storeName} · ${participants.customerId() ?? ''}`.slice(0, 100) }).then(() => void joined.add(record.room));
      // A room set up before (a reload, a reconnect): its archive is asked for right behind the
      // join, not after the server's answer to it (reading the archive needs membership, not
      // presence, and the server handles the join first). A new room must exist first.
      if (conversations.get(record.conversationId)?.opened) await Promise.all([joining, catchUp(record.conversationId)]);
      else {
        await joining;
        await catchUp(record.conversationId);
      }
      const current = conversations.get(record.conversationId) ?? record;
      if (current.opened) return;
      const transcriptId = `transcript-${record.conversationId}`;
      if (!current.ids[transcriptId]) live.send(buildTextMessage({ to: record.room, type: 'groupchat', id: transcriptId, text: transcriptOf(current) }));
      const reason = handoffs.get(record.conversationId)?.reason;
      for (const staff of settings.staffQueue) live.invite(record.room, staff, reason);
      conversations.update(record.conversationId, (stored) => ({ ...stored, opened: true }));
      await storage.flush();
    })();
    const entry = { stream, work };
    opening.set(record.conversationId, entry);
    return work.finally(() => {
      if (opening.get(record.conversationId) === entry) opening.delete(record.conversationId);
    });
  };
  const transcriptOf = (record: LiveConversationRecord): string => {
    const messages = port.getMessages(record.conversationId, { limit: 500 }).filter((m) => m.createdAt <= record.openedAt && !m.id.startsWith(REMOTE_ID_PREFIX));
    const customer = participants.customerId() ?? '';
    const bike = handoffs.get(record.conversationId)?.bike;
    return formatTranscript({
      storeName: options.storeName,
      customerId: customer,
      messages,
      names: { [participants.botId]: participants.botId, [customer]: customer },
      ...(options.host?.location ? { page: options.host.location.pathname } : {}),
      ...(bike ? { bike } : {}),
      language: options.language(),
    });
  };

  const inbound = createInbound({ port, conversations, participants, nick, maxTextLength: options.maxTextLength, reportError: (error) => report(error) });

  /**
   * What the room archived after the last applied archive id: staff's messages missed, our own
   * ids. The newest page first (RSM `<before/>`, bounded by `after`), each event applied as it
   * arrives, then older pages back to the last id applied: after a long absence the latest
   * messages show first. An event naming a message of an older page (a correction, a reply) waits
   * for that page. The cursor moves only once the whole gap is filled.
   */
  const catchUp = async (conversationId: string): Promise<void> => {
    const record = conversations.get(conversationId);
    const live = connection;
    if (!record || !live) return;
    const thaw = conversations.holdCursor(conversationId);
    let newest: string | undefined;
    try {
      let waiting: LiveEvent[] = [];
      const retry = (partial: boolean): void => {
        const still = waiting;
        waiting = [];
        for (const event of still) if (!inbound(event, { partial })) waiting.push(event);
      };
      const onEvent = (event: LiveEvent): void => {
        try {
          if (!inbound(event, { partial: true })) waiting.push(event);
        } catch (error) {
          report(error);
        }
      };
      let after = record.lastArchiveId;
      // A small first page shows the latest messages soonest, and most gaps fit in it. When one
      // does not, each next (older) page is asked for as soon as the current page's first (oldest)
      // result arrives, so the server reads it while this one is applied; an ask past the end of
      // the gap (once per long catch-up) comes back empty.
      const early = new Map<number, Promise<ArchivePage>>();
      const ask = (page: number, before: string): Promise<ArchivePage> => {
        const request = live.queryArchive({
          archive: record.room,
          before,
          max: options.archivePageSize ?? ARCHIVE_PAGES[page] ?? ARCHIVE_PAGE,
          onEvent,
          ...(after ? { after } : {}),
          ...(page > 0 && page + 1 < MAX_ARCHIVE_PAGES ? { onFirstResult: (id: string) => void early.set(page + 1, ask(page + 1, id)) } : {}),
        });
        request.catch(() => undefined);
        return request;
      };
      for (let page = 0, next = ask(0, ''); ; ) {
        const result = await next.catch((error: unknown) => {
          // The last id applied is gone from the archive (expired, or over the item limit): read back from the newest.
          if (page > 0 || !after || !(error instanceof ChatbotError) || error.code !== 'NOT_FOUND') throw error;
          after = undefined;
          return ask(0, '');
        });
        if (page === 0) newest = result.fin.last;
        if (page > 0) retry(true);
        if (result.fin.complete || !result.fin.first || ++page >= MAX_ARCHIVE_PAGES) break;
        const asked = early.get(page);
        next = asked ?? ask(page, result.fin.first);
      }
      retry(false);
    } finally {
      thaw(newest);
    }
  };

  /** Messages written after the handoff that the room does not have (a page closed before sending them). */
  const reconcile = (conversationId: string): void => {
    const record = conversations.get(conversationId);
    if (!record?.opened) return;
    for (const message of port.getMessages(conversationId, { after: record.openedAt, limit: 10_000 })) {
      if (ours(message.senderId) && !message.deleted && !record.ids[message.id]) enqueue({ op: 'message', conversationId, messageId: message.id });
    }
  };

  const synchronize = async (resumed: boolean): Promise<void> => {
    const live = connection;
    const run = (async () => {
      // The connection may come up before messaging has loaded (both start together).
      await port.ready;
      for (const record of conversations.all()) {
        try {
          if (!joined.has(record.room) || !record.opened) await openRoom(record);
          else if (!resumed) await catchUp(record.conversationId);
          reconcile(record.conversationId);
        } catch (error) {
          report(error, 'NETWORK', `live chat: room of ${record.conversationId}`);
        }
      }
    })();
    syncing = run;
    publish();
    try {
      await run;
    } finally {
      if (syncing === run) syncing = undefined;
      live?.enableStreamManagement();
      publish();
    }
    await outbox.retryNow();
  };

  const connectAs = async (): Promise<void> => {
    // The XMPP client (Strophe) is its own chunk: only the tab that owns the connection loads
    // it, while the account is read.
    const loading = options.createConnection ? undefined : import('./protocol/xmpp-connection');
    loading?.catch(() => undefined);
    for (let attempt = 1; !disposed && owner; attempt++) {
      try {
        account = await ensureAccount({ storage, settings, clock, ...(options.register ? { register: options.register } : {}) });
        break;
      } catch (error) {
        report(error, 'NETWORK', 'live chat: registering the customer');
        await new Promise<void>((resolve) => {
          accountTimer = clock.setTimeout(resolve, backoffDelay(attempt, ACCOUNT_RETRY, Math.random()));
        });
      }
    }
    if (disposed || !owner || !account) return;
    const make = options.createConnection ?? (await (loading ?? import('./protocol/xmpp-connection'))).createXmppConnection;
    if (disposed || !owner) return;
    const live = make({
      service: settings.server,
      jid: `${account.jid}/${createUuid().slice(0, 8)}`,
      password: account.password,
      // After a gap the archive is read before stream management starts: enabled, the server
      // queues every archived message it sends for resumption, and sends the page ~3x slower.
      streamManagement: { holdWhile: () => conversations.all().length > 0 },
      clock,
      requestTimeoutMs: settings.requestTimeoutMs,
    });
    connection = live;
    live.on('event', (event) => {
      try {
        inbound(event);
      } catch (error) {
        report(error);
      }
    });
    live.on('invalid', (invalid) => report(new ChatbotError('VALIDATION', `live chat: ignored a malformed stanza (${invalid.reason})`)));
    live.on('error', (error) => report(error));
    live.on('status', ({ status: next, resumed }) => {
      if (next !== 'connected') joined.clear();
      publish();
      if (next === 'connected' && resumed !== true) stream++;
      if (next === 'connected') void synchronize(resumed === true);
    });
    await live.connect().catch((error: unknown) => report(error, 'NETWORK', 'live chat: connecting'));
  };

  const becomeOwner = (): void => {
    if (disposed) return;
    owner = true;
    remote = undefined;
    publish();
    connectAs().catch((error: unknown) => report(error, 'NETWORK', 'live chat: loading the XMPP client'));
  };
  const release = holdLock(CONNECTION_LOCK, options.locks, becomeOwner);

  // The tab that owns the connection forwards what the customer and the assistant do, in any tab
  // (other tabs' changes reach it through storage and the tab channel).
  cleanups.push(
    port.on('message_sent', (message) => {
      const record = liveRecord(message.conversationId);
      if (owner && record && ours(message.senderId) && message.createdAt > record.openedAt && !record.ids[message.id]) {
        dispatch({ op: 'message', conversationId: message.conversationId, messageId: message.id });
      }
    }),
    port.on('message_edited', (message) => {
      const record = liveRecord(message.conversationId);
      if (owner && record && ours(message.senderId) && message.createdAt > record.openedAt && message.editedAt !== null) {
        dispatch({ op: 'edit', conversationId: message.conversationId, messageId: message.id, editedAt: message.editedAt });
      }
    }),
    port.on('message_deleted', ({ messageId, conversationId, message }) => {
      const record = liveRecord(conversationId);
      if (!owner || !record || messageId.startsWith(REMOTE_ID_PREFIX)) return;
      if (message ? ours(message.senderId) && message.createdAt > record.openedAt : record.ids[messageId] !== undefined) {
        dispatch({ op: 'retract', conversationId, messageId });
      }
    }),
    ...(['reaction_added', 'reaction_removed'] as const).map((type) =>
      port.on(type, ({ messageId, conversationId, userId }) => {
        if (owner && liveRecord(conversationId) && userId === participants.customerId()) dispatch({ op: 'react', conversationId, messageId });
      }),
    ),
    port.on('messages_read', ({ conversationId, userId, messageIds }) => {
      if (!owner || !liveRecord(conversationId) || userId !== participants.customerId()) return;
      const newestFromStaff = [...messageIds].reverse().find((id) => id.startsWith(REMOTE_ID_PREFIX));
      if (newestFromStaff) markDisplayed(conversationId, newestFromStaff);
    }),
    ...(['typing_started', 'typing_stopped'] as const).map((type) =>
      port.on(type, ({ conversationId, userId }) => {
        const record = liveRecord(conversationId);
        if (!owner || !record?.opened || userId !== participants.customerId() || connection?.status !== 'connected') return;
        connection.send(buildChatState({ to: record.room, type: 'groupchat', state: type === 'typing_started' ? 'composing' : 'active' }));
      }),
    ),
  );
  cleanups.push(conversations.onChange((record) => {
    if (owner && connection?.status === 'connected' && !syncing && !record.opened && !opening.has(record.conversationId)) {
      void openRoom(record).then(() => outbox.drain(), (error: unknown) => report(error, 'NETWORK', `live chat: opening the room of ${record.conversationId}`));
    }
  }));
  const onOnline = (): void => {
    publish();
    connection?.reconnectNow();
  };
  const onOffline = (): void => publish();
  options.host?.addEventListener('online', onOnline);
  options.host?.addEventListener('offline', onOffline);
  cleanups.push(() => {
    options.host?.removeEventListener('online', onOnline);
    options.host?.removeEventListener('offline', onOffline);
  });
  channel.post({ kind: 'live-chat', type: 'ask' });
  void countPending();

  return {
    handOff(conversationId, reason, bike) {
      if (reason || bike) handoffs.set(conversationId, { ...handoffs.get(conversationId), ...(reason ? { reason: reason.slice(0, 500) } : {}), ...(bike ? { bike: bike.slice(0, 200) } : {}) });
      conversations.open(conversationId, clock.now());
    },
    isLive: (conversationId) => conversations.get(conversationId) !== undefined,
    status,
    flush: () => outbox.drain(),
    async dispose() {
      disposed = true;
      if (accountTimer !== undefined) clock.clearTimeout(accountTimer);
      for (const cleanup of cleanups.splice(0)) cleanup();
      conversations.dispose();
      release();
      const live = connection;
      connection = undefined;
      await live?.disconnect().catch(() => undefined);
    },
  };
}
