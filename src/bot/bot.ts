import { createEvents, type Events } from '../core/events';
import type { Config } from '../core/config';
import type { ModuleContext, ModuleLifecycle } from '../core/module';
import { validate } from '../core/validate';
import { ChatbotError } from '../core/errors';
import type { ChatbotStorage } from '../storage';
import * as z from 'zod/mini';
import type { AssistantReply, ProductCard } from './engine';
import type { StaffOutbox, StaffOutboxOptions, StaffDelivery } from './staff-outbox';
import type { MessagingPort, PortMessage, StaffNotifier } from './ports';
import type { Runtime, createRuntime } from './runtime';
import { parseBotSettings, type BotSettings } from './settings';

import { createBotRecords, REPLY_PREFIX, type ReplyDetails } from './records';

export type { ReplyDetails } from './records';

export type BotEvents = {
  /** The customer asked for a person (fired in the tab that answered). */
  handoff_requested: StaffDelivery;
  /** A staff delivery left the browser (endpoint answered, staff notified). */
  staff_delivery_sent: StaffDelivery;
  /** The assistant answered a customer message in the conversation. */
  reply_sent: { message: PortMessage; reply: AssistantReply };
  /** Cards, quick replies or pending state of a message changed (here or in another tab). */
  details_changed: { messageId: string };
  /** The assistant started or stopped preparing an answer. */
  thinking: { conversationId: string; thinking: boolean };
};

/**
 * The parts assistant (`CHATBOT_SYSTEM.bot`). Answers product, order and store questions from
 * the catalog and the store's config, in the store's language; in the customer's conversation it
 * answers every message the customer sends from this tab.
 * @example
 * const reply = await CHATBOT_SYSTEM.bot.ask('¿tienen filtro de aceite para Boxer CT100?');
 * reply.products.map((p) => p.sku) // ['FIL-ACE-BOX-CT100', …]
 */
export interface Bot extends ModuleLifecycle {
  readonly botId: string;
  readonly settings: BotSettings;
  /** Answers a question without posting anything (integrators, tests). */
  ask(text: string, options?: { conversationId?: string }): Promise<AssistantReply>;
  /**
   * The customer's conversation with the store (customer, assistant, staff), created on first
   * call with the assistant's `greeting` as its first message; later calls return the same one.
   */
  ensureConversation(greeting?: string, suggestions?: string[]): string;
  /** Loads the assistant and the catalog ahead of the first question. */
  prepare(): Promise<void>;
  /**
   * Product cards of these skus from the store's own catalog (what a staff member's product
   * message shows), in their order; unknown skus are left out. Rejects when the catalog cannot load.
   * @example (await bot.getProductCards(['FIL-ACE-BOX-CT100']))[0]?.price // 18000
   */
  getProductCards(skus: readonly string[]): Promise<ProductCard[]>;
  /** The customer's conversation if it exists. */
  findConversation(): string | undefined;
  /** The customer's user id (messaging's current user when the widget started). */
  readonly customerId: string | undefined;
  getReplyDetails(messageId: string): ReplyDetails | undefined;
  /** True while a customer message for staff waits for the network. */
  isPendingForStaff(messageId: string): boolean;
  getStaffDeliveries(): StaffDelivery[];
  /** Sends what waits for the network now; resolves with how many left. */
  flushPending(): Promise<number>;
  /** Reloads the assistant's records from IndexedDB (after a backup was restored). */
  reloadState(): Promise<void>;
  /** @internal system.ts: answers the customer's messages in this tab's conversation. */
  connect(messaging: MessagingPort, notifyStaff?: StaffNotifier): () => void;
  /** @internal system.ts: follows `CHATBOT_SYSTEM.configure()`; the next answer uses the new language. */
  configure(config: Readonly<Config>): void;
  on: Events<BotEvents>['on'];
  off: Events<BotEvents>['off'];
}

const AskTextSchema = z.string().check(z.minLength(1), z.maxLength(2000));
const GreetingSchema = z.optional(z.string().check(z.maxLength(2000)));
const SuggestionsSchema = z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(80))).check(z.maxLength(8)));
const SkusSchema = z.array(z.string().check(z.minLength(1), z.maxLength(80))).check(z.maxLength(50));
const AskOptionsSchema = z.optional(z.object({ conversationId: z.optional(z.string().check(z.minLength(1))) }));

export interface BotDeps {
  fetch?: typeof fetch;
  caches?: CacheStorage;
  /** Loads the heavy half (tests pass `() => import('../../src/bot/runtime')`). */
  loadRuntime?: () => Promise<{ createRuntime: typeof createRuntime }>;
}

/** @example const bot = createBot(ctx); await bot.ready; */
export function createBot(ctx: ModuleContext<ChatbotStorage>, deps: BotDeps = {}): Bot {
  const settings = parseBotSettings(ctx.section);
  const { storage, clock, host } = ctx;
  const events = createEvents<BotEvents>();
  const cleanups: Array<() => void> = [];
  const fetchFn = deps.fetch ?? host?.fetch?.bind(host);
  const cachesApi = deps.caches ?? (host && 'caches' in host ? host.caches : undefined);
  const isOnline = (): boolean => host?.navigator.onLine ?? true;
  let messaging: MessagingPort | undefined;
  let config = ctx.config;
  let customerId: string | undefined = config.userId;

  const records = createBotRecords(storage, (messageId) => events.emit('details_changed', { messageId }));
  cleanups.push(records.dispose);
  const put = records.put;

  let runtime: Promise<Runtime> | undefined;
  const getRuntime = (): Promise<Runtime> => {
    runtime ??= (deps.loadRuntime ?? (() => import('./runtime')))().then(({ createRuntime }) =>
      createRuntime({
        settings,
        language: config.language,
        storeName: config.storeName,
        catalogUrl: config.catalogUrl,
        ...(config.ordersUrl ? { ordersUrl: config.ordersUrl } : {}),
        clock,
        ...(host ? { baseUrl: host.location.href } : {}),
        ...(fetchFn ? { fetch: fetchFn } : {}),
        ...(cachesApi ? { caches: cachesApi } : {}),
        isOnline,
        reportError: ctx.reportError,
      }),
    );
    // A chunk that failed to load (offline before it was cached) is tried again next time.
    runtime.catch(() => {
      runtime = undefined;
    });
    return runtime;
  };

  const sessionOf = records.session;

  // The outbox (its own chunk) loads only when something is, or may become, pending for staff.
  let outbox: Promise<StaffOutbox> | undefined;
  const getOutbox = (): Promise<StaffOutbox> => {
    outbox ??= import('./staff-outbox').then(({ createStaffOutbox }) => createStaffOutbox(outboxOptions));
    outbox.catch(() => {
      outbox = undefined;
    });
    return outbox;
  };
  const deliveries = records.deliveries;
  const flushIfPending = (): void => {
    if (!deliveries().some((d) => d.status === 'pending')) return;
    ctx.background(getOutbox().then((o) => o.flush()), 'LOAD_FAILED', 'staff deliveries could not be sent');
  };
  const outboxOptions: StaffOutboxOptions = {
    storage,
    clock,
    storeName: ctx.config.storeName,
    ...(settings.handoffEndpoint ? { endpoint: host ? new URL(settings.handoffEndpoint, host.location.href).href : settings.handoffEndpoint } : {}),
    ...(fetchFn ? { fetch: fetchFn } : {}),
    ...(host ? { host } : {}),
    ...(host?.navigator.locks ? { locks: host.navigator.locks } : {}),
    onSent: (delivery) => events.emit('staff_delivery_sent', delivery),
    notifyStaff: async (delivery) => {
      if (!notify) return;
      const { t } = await getRuntime();
      await notify({
        title: t('bot.handoff.notification', { customer: delivery.customerId }),
        body: t('bot.handoff.staffNote', { text: delivery.text }),
        conversationId: delivery.conversationId,
        messageId: delivery.messageId,
      });
    },
    reportError: ctx.reportError,
    records: deliveries,
    save: (delivery) => {
      put(delivery);
      events.emit('details_changed', { messageId: delivery.messageId });
    },
  };
  let notify: StaffNotifier | undefined;

  let disposed = false;
  const load = records.load;
  const ready = (async () => {
    try {
      await storage.ready;
      if (disposed) return;
      await load(false);
    } catch (error) {
      // Destroyed while loading (a test, a page closing): nothing is left to load into.
      if (disposed) return;
      throw error;
    }
    flushIfPending();
  })();

  const findConversation = (): string | undefined => {
    if (!messaging || !customerId) return undefined;
    const mine = messaging
      .listConversations(customerId)
      .filter((c) => c.participants.includes(settings.botId))
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    return mine[0]?.id;
  };

  const respond = async (message: PortMessage): Promise<void> => {
    // The conversation half lives in the assistant's lazy chunk, with the matcher it drives.
    const { respond: answer } = await import('./responder');
    await answer({
      port: messaging!, settings, clock, host, events, outbox: await getOutbox(), isOnline, getRuntime, assistant: messaging!.actAs(settings.botId), put,
      session: sessionOf(message.conversationId),
    }, message);
  };

  let answering: Promise<void> = Promise.resolve();
  const bot: Bot = {
    ready,
    botId: settings.botId,
    settings,
    get customerId() {
      return customerId;
    },
    async ask(textInput, optionsInput) {
      const text = validate(AskTextSchema, textInput, 'ask text');
      const options = validate(AskOptionsSchema, optionsInput, 'ask options') ?? {};
      const session = sessionOf(options.conversationId ?? 'api');
      const reply = await (await getRuntime()).answer(text, session, { offline: !isOnline() });
      put(session);
      return reply;
    },
    findConversation,
    ensureConversation(greetingInput, suggestionsInput) {
      const greeting = validate(GreetingSchema, greetingInput, 'ensureConversation greeting');
      const suggestions = validate(SuggestionsSchema, suggestionsInput, 'ensureConversation suggestions') ?? [];
      if (!messaging || !customerId) throw new ChatbotError('UNSUPPORTED', 'the assistant needs the messaging module (await CHATBOT_SYSTEM.ready)');
      const existing = findConversation();
      if (existing) return existing;
      const participants = [...new Set([customerId, settings.botId, ...config.staffIds])];
      const conversation = messaging.actAs(customerId).createConversation(participants, { name: config.storeName, type: 'group' });
      if (greeting?.trim()) {
        const sent = messaging.actAs(settings.botId).sendMessage(conversation.id, { text: greeting.trim() });
        const details: ReplyDetails = { id: `${REPLY_PREFIX}${sent.id}`, messageId: sent.id, kind: 'greeting', products: [], suggestions };
        if (suggestions.length) put(details);
      }
      return conversation.id;
    },
    async prepare() {
      await (await getRuntime()).catalog().catch(() => undefined);
    },
    async getProductCards(skusInput) {
      const skus = validate(SkusSchema, skusInput, 'getProductCards skus');
      return skus.length ? (await getRuntime()).cards(skus) : [];
    },
    getReplyDetails: records.replyDetails,
    isPendingForStaff: records.isPendingForStaff,
    getStaffDeliveries: () => deliveries().sort((a, b) => a.createdAt - b.createdAt),
    async reloadState() {
      await storage.flush();
      await load(true);
      flushIfPending();
    },
    flushPending: async () => {
      await (await getOutbox()).flush();
      return bot.getStaffDeliveries().filter((d) => d.status === 'pending').length;
    },
    connect(port, notifyStaff) {
      notify = notifyStaff;
      let active = true;
      void port.ready.then(() => {
        if (!active) return;
        messaging = port;
        customerId ??= port.currentUser;
      });
      const stop = port.on('message_sent', (message) => {
        if (!messaging || !customerId) return;
        const conversation = messaging.getConversation(message.conversationId);
        if (!conversation?.participants.includes(settings.botId)) return;
        if (config.staffIds.includes(message.senderId)) {
          // A person took over: later customer messages no longer need forwarding, and the
          // assistant stops answering over them (Chatwoot's bot does the same).
          // Read without copying the session: a catch-up brings staff messages by the thousand.
          const state = records.staffState(message.conversationId);
          if (state.handoff || state.staffAt === undefined) {
            const session = sessionOf(message.conversationId);
            delete session.handoffAt;
            session.staffAt = message.createdAt;
            put(session);
          }
          return;
        }
        // Only the tab the customer wrote in answers (another tab's message arrives `delivered`).
        if (message.senderId === settings.botId || message.status !== 'sent') return;
        if (records.staffState(message.conversationId).staffAt !== undefined) return;
        // One answer at a time, in order: each reads the session the previous one left.
        // What fails here is mostly a chunk of the assistant that could not download.
        const answered = answering.then(() => respond(message));
        ctx.background(answered, 'LOAD_FAILED', 'the assistant could not answer');
        answering = answered.catch(() => undefined);
      });
      return () => {
        active = false;
        stop();
      };
    },
    configure(next) {
      const changed = next.language !== config.language || next.storeName !== config.storeName || next.catalogUrl !== config.catalogUrl || next.ordersUrl !== config.ordersUrl;
      config = next;
      // The heavy half holds the language's strings and the store's name and files: rebuilt on
      // the next answer (a question being answered keeps the one it started with).
      if (changed) runtime = undefined;
    },
    on: events.on,
    off: events.off,
    dispose() {
      disposed = true;
      void outbox?.then((o) => o.dispose());
      for (const cleanup of cleanups.splice(0)) cleanup();
    },
  };
  return bot;
}
