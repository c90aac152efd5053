import { systemClock, type Clock } from '../core/clock';
import { ChatbotError, toChatbotError } from '../core/errors';
import { createEvents, type Events } from '../core/events';
import { createUuid } from '../core/ids';
import type { LiveEvent } from '../live-chat/protocol/live-event';
import { buildChatState, buildCorrection, buildDisplayed, buildReactions, buildRetraction, buildTextMessage } from '../live-chat/protocol/message-builders';
import { NS } from '../live-chat/protocol/namespaces';
import { xml } from '../live-chat/protocol/xml';
import type { XmppConnection } from '../live-chat/protocol/xmpp-connection';
import { uploadAttachment } from '../live-chat/upload';
import { SLICE_MS, now, yieldToPage } from '../messaging/schedule';
import { createInboxModel, type InboxModel } from './inbox-model';
import { CLAIM_PREFIX, closedSubject } from './room-subject';

export type StaffInboxEvents = {
  /** Background work that failed (a room that refused the join, an archive that did not answer). */
  error: ChatbotError;
};

export interface StaffInboxOptions {
  connection: XmppConnection;
  /** This agent's nick in the rooms (shown to the customer as who answers). */
  nick: string;
  /** The store's MUC service: invitations to rooms elsewhere are ignored. */
  roomsDomain?: string;
  clock?: Clock;
  newId?: () => string;
  /** How long a claim waits for the room to confirm it (default 10 s). */
  claimTimeoutMs?: number;
  /** The XEP-0363 upload service (`upload.<domain>`, the widget's own); without it, `sendFile` refuses with `UNSUPPORTED`. */
  uploadService?: string;
  /** For file uploads (default: the global fetch). */
  fetch?: typeof fetch;
}

export interface StaffInbox {
  readonly model: InboxModel;
  on: Events<StaffInboxEvents>['on'];
  /** Finds every room the account was invited to (its archive, then stored and live invitations), joins them and loads their history. */
  start(): Promise<void>;
  /** Resolves once every room known so far is joined and loaded. */
  idle(): Promise<void>;
  /** Sends a text message; returns its id (its origin-id). Throws `OFFLINE` while disconnected (the text stays with the caller). */
  /** Posts a message; `products` (catalog skus) make it a product card the customer can add to the cart. */
  send(room: string, text: string, options?: { replyTo?: string; products?: readonly string[] }): string;
  /**
   * Uploads a file (XEP-0363, the widget's upload path) and sends its URL to the room as the
   * widget sends the customer's files (body and XEP-0066 link); resolves the message's id. Rejects
   * `OFFLINE` while disconnected, `TOO_LARGE` / `FORBIDDEN` when the server refuses the file,
   * `NETWORK` when the upload fails on the way.
   */
  sendFile(room: string, file: Blob, options?: { name?: string; replyTo?: string }): Promise<string>;
  /** Corrects one of our own messages (XEP-0308). */
  correct(room: string, messageKey: string, text: string): void;
  /** Retracts one of our own messages (XEP-0424). */
  retract(room: string, messageKey: string): void;
  /** Sets our whole set of reactions to a message (XEP-0444; empty removes them). */
  react(room: string, messageKey: string, emojis: readonly string[]): void;
  /** Marks the newest incoming message displayed (XEP-0333): unread goes to 0 here and in our other browsers. */
  markRead(room: string): void;
  /** Typing (XEP-0085). */
  setTyping(room: string, typing: boolean): void;
  /**
   * Takes the conversation: the room subject becomes `claimed-by: <nick>`, which every agent in
   * the room sees at once. Rejects `CONFLICT` when another agent holds it (unless `force`, a
   * transfer), `FORBIDDEN` when the room refuses.
   */
  claim(room: string, options?: { force?: boolean; to?: string }): Promise<void>;
  /** Gives the conversation back to the queue (empty subject). */
  release(room: string): Promise<void>;
  /**
   * Closes the conversation for every agent: the subject becomes `closed-by: <nick>` and names the
   * newest message seen, so a customer message after it reopens the conversation (as new) in
   * every inbox. Rejects `CONFLICT` when another agent attends it (unless `force`).
   */
  close(room: string, options?: { force?: boolean }): Promise<void>;
  /** Reopens a closed conversation as unassigned. */
  reopen(room: string): Promise<void>;
  dispose(): void;
}

/**
 * The staff inbox over a signed-in connection: rooms learnt from invitations (the account's
 * archive, offline storage, live), each room's history from its archive and then live, and the
 * agent's actions in a room. What it knows is in {@link InboxModel}.
 * @example
 * const inbox = createStaffInbox({ connection, nick: 'Ana', roomsDomain: 'rooms.tienda.co' });
 * inbox.model.on('change', render);
 * await inbox.start();
 */
export function createStaffInbox(options: StaffInboxOptions): StaffInbox {
  const { connection, nick } = options;
  const clock = options.clock ?? systemClock;
  const newId = options.newId ?? createUuid;
  const claimTimeoutMs = options.claimTimeoutMs ?? 10_000;
  const model = createInboxModel({ nick, ...(options.roomsDomain ? { roomsDomain: options.roomsDomain } : {}) });
  const events = createEvents<StaffInboxEvents>();
  const loading = new Map<string, Promise<void>>();
  const pendingSubjects = new Map<string, { room: string; want: string; resolve(): void; reject(error: ChatbotError): void }>();
  const cleanups: Array<() => void> = [];
  const marked = new Map<string, string>();
  const report = (error: unknown, what: string): void => events.emit('error', toChatbotError(error, 'NETWORK', what));

  const load = (room: string): Promise<void> => {
    const running = loading.get(room);
    if (running) return running;
    const work = (async () => {
      await connection.joinRoom(room, nick);
      await catchUp(room);
    })().catch((error: unknown) => report(error, `staff inbox: opening ${room}`));
    loading.set(room, work);
    return work;
  };
  const catchUp = async (room: string): Promise<void> => {
    const after = model.lastArchiveId(room);
    const history = await connection.fetchArchive({ archive: room, max: 250, ...(after ? { after } : {}) });
    for (const event of history) {
      // The clock is read every few events only (reading it costs more than applying one); once a
      // slice is over, every room waits for the next one.
      if (sliceOver || ((++applied & 31) === 0 && now() - sliceStart >= SLICE_MS)) await nextSlice();
      model.apply(event);
    }
  };
  // Hundreds of archives answering together (sign-in, a reconnect) would be one long task: the
  // model takes them a slice at a time, shared by every room, and the page draws in between.
  let sliceStart = now();
  let applied = 0;
  let sliceOver = false;
  const nextSlice = async (): Promise<void> => {
    sliceOver = true;
    await yieldToPage();
    sliceOver = false;
    sliceStart = now();
  };

  const onEvent = (event: LiveEvent): void => {
    if (event.type === 'subject') {
      for (const [id, pending] of pendingSubjects) {
        if (pending.room === event.conversation && event.subject === pending.want) {
          pendingSubjects.delete(id);
          pending.resolve();
        }
      }
    }
    if (event.type === 'error' && event.targetId) {
      const pending = pendingSubjects.get(event.targetId);
      if (pending) {
        pendingSubjects.delete(event.targetId);
        pending.reject(new ChatbotError(event.condition === 'forbidden' || event.condition === 'not-allowed' ? 'FORBIDDEN' : 'NETWORK', `the room refused the claim: ${event.condition}`));
      }
    }
    model.apply(event);
  };
  cleanups.push(
    connection.on('event', onEvent),
    model.on('invited', ({ room }) => void load(room)),
    connection.on('status', ({ status, resumed }) => {
      // Without resumption the connection rejoined the rooms by itself; the archive fills the gap.
      // A marker sent into a dying stream may be lost: the next render sends it again.
      if (status === 'connected') marked.clear();
      if (status === 'connected' && !resumed) for (const room of model.rooms()) void catchUp(room).catch((error: unknown) => report(error, `staff inbox: catching up ${room}`));
    }),
  );

  /** Sends now; `OFFLINE` while the connection is down (a message is never silently lost). */
  const post = (stanza: Parameters<XmppConnection['send']>[0]): void => {
    if (connection.status !== 'connected') throw new ChatbotError('OFFLINE', 'the chat server is not connected');
    connection.send(stanza);
  };
  const target = (room: string, key: string, own: boolean) => {
    const message = model.find(room, key);
    if (!message) throw new ChatbotError('NOT_FOUND', `no message ${key} in ${room}`);
    if (own && !message.own) throw new ChatbotError('FORBIDDEN', 'only your own messages can be changed');
    return message;
  };
  /** The XEP-0461 reply to a message of the room, when it is known. */
  const replyOf = (room: string, key: string | undefined) => {
    const parent = key ? model.find(room, key) : undefined;
    return parent ? { replyTo: { id: parent.stanzaId ?? parent.key, to: `${room}/${parent.nick}`, quote: parent.text.slice(0, 200) } } : {};
  };
  const knownRoom = (room: string): void => {
    if (!model.has(room)) throw new ChatbotError('NOT_FOUND', `not a conversation of this inbox: ${room}`);
  };

  const setSubject = (room: string, subject: string): Promise<void> => {
    if (connection.status !== 'connected') return Promise.reject(new ChatbotError('OFFLINE', 'the chat server is not connected'));
    const id = newId();
    return new Promise<void>((resolve, reject) => {
      const timer = clock.setTimeout(() => {
        pendingSubjects.delete(id);
        reject(new ChatbotError('TIMEOUT', `the room ${room} did not confirm the claim`));
      }, claimTimeoutMs);
      pendingSubjects.set(id, {
        room,
        want: subject,
        resolve: () => {
          clock.clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clock.clearTimeout(timer);
          reject(error);
        },
      });
      post(xml('message', NS.client, { to: room, type: 'groupchat', id }, [xml('subject', NS.client, {}, subject ? [subject] : [])]));
    });
  };

  return {
    model,
    on: events.on,
    async start() {
      // Invitations the server archived for the account (they carry a body, so mod_mam keeps them).
      const archived = await connection.fetchArchive({ max: 100, maxPages: 50 }).catch((error: unknown) => {
        report(error, 'staff inbox: reading the account archive');
        return [];
      });
      for (const event of archived) if (event.type === 'invitation') model.apply(event);
      await this.idle();
    },
    async idle() {
      for (;;) {
        const pending = [...loading.values()];
        await Promise.all(pending);
        if (pending.length === loading.size) return;
      }
    },
    send(room, text, sendOptions = {}) {
      knownRoom(room);
      const id = newId();
      post(buildTextMessage({
        to: room,
        type: 'groupchat',
        id,
        text,
        ...replyOf(room, sendOptions.replyTo),
        ...(sendOptions.products?.length ? { products: sendOptions.products } : {}),
      }));
      return id;
    },
    async sendFile(room, file, fileOptions = {}) {
      knownRoom(room);
      if (connection.status !== 'connected') throw new ChatbotError('OFFLINE', 'the chat server is not connected');
      if (!options.uploadService) throw new ChatbotError('UNSUPPORTED', 'no upload service configured for the inbox');
      const name = fileOptions.name ?? ((file as Partial<File>).name || 'archivo');
      let refused: ChatbotError | undefined;
      const upload = {
        connection,
        port: { getAttachment: async () => file },
        service: options.uploadService,
        fetch: options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init)),
        newId,
        reportError: (error: ChatbotError) => (refused = error),
      };
      const sent = await uploadAttachment(upload, { id: newId(), name, mimeType: file.type, size: file.size });
      // The widget names a refused file in its text; the agent is told instead, and tries another.
      if (!sent.url) throw refused ?? new ChatbotError('FORBIDDEN', `the upload service refused ${name}`);
      const id = newId();
      post(buildTextMessage({
        to: room,
        type: 'groupchat',
        id,
        text: sent.url,
        attachment: { url: sent.url, description: name },
        ...replyOf(room, fileOptions.replyTo),
      }));
      return id;
    },
    correct(room, key, text) {
      const message = target(room, key, true);
      post(buildCorrection({ to: room, type: 'groupchat', id: newId(), targetId: message.originId ?? message.id ?? message.key, text }));
    },
    retract(room, key) {
      const message = target(room, key, true);
      post(buildRetraction({ to: room, type: 'groupchat', id: newId(), targetId: message.stanzaId ?? message.key }));
    },
    react(room, key, emojis) {
      const message = target(room, key, false);
      post(buildReactions({ to: room, type: 'groupchat', id: newId(), targetId: message.stanzaId ?? message.key, emojis }));
    },
    markRead(room) {
      const message = model.lastIncoming(room);
      if (connection.status !== 'connected' || !message?.stanzaId || model.summary(room)?.unread === 0 || marked.get(room) === message.stanzaId) return;
      marked.set(room, message.stanzaId);
      connection.send(buildDisplayed({ to: room, type: 'groupchat', id: newId(), targetId: message.stanzaId }));
    },
    setTyping(room, typing) {
      knownRoom(room);
      // Typing is a hint: while disconnected there is no one to tell.
      if (connection.status === 'connected') connection.send(buildChatState({ to: room, type: 'groupchat', state: typing ? 'composing' : 'active' }));
    },
    async claim(room, claimOptions = {}) {
      knownRoom(room);
      const holder = model.summary(room)?.claimedBy;
      const to = claimOptions.to ?? nick;
      if (holder === to) return;
      if (holder && holder !== nick && !claimOptions.force) throw new ChatbotError('CONFLICT', `${holder} already attends this conversation`);
      await setSubject(room, `${CLAIM_PREFIX}${to}`);
    },
    async release(room) {
      knownRoom(room);
      if (!model.summary(room)?.claimedBy) return;
      await setSubject(room, '');
    },
    async close(room, closeOptions = {}) {
      knownRoom(room);
      const conversation = model.summary(room);
      if (conversation?.status === 'closed') return;
      const holder = conversation?.claimedBy;
      if (holder && holder !== nick && !closeOptions.force) throw new ChatbotError('CONFLICT', `${holder} already attends this conversation`);
      const last = model.messages(room).at(-1);
      await setSubject(room, closedSubject(nick, last?.stanzaId ?? last?.key));
    },
    async reopen(room) {
      knownRoom(room);
      if (model.summary(room)?.status !== 'closed') return;
      await setSubject(room, '');
    },
    dispose() {
      for (const cleanup of cleanups.splice(0)) cleanup();
      for (const pending of pendingSubjects.values()) pending.reject(new ChatbotError('CONFLICT', 'the inbox was closed'));
      pendingSubjects.clear();
    },
  };
}
