import type { Config } from '../core/config';
import { ChatbotError } from '../core/errors';
import { createEvents, type Events } from '../core/events';
import type { ModuleContext, ModuleLifecycle } from '../core/module';
import { knownWakeTime, LIVE_CHAT_KV, WAKE_KEYS, wakeRecorder, type ChatbotStorage, type LiveConversationRecord } from '../storage';
import type { LiveChatEngine, LiveChatEngineOptions } from './engine';
import type { LiveMessagingPort, LiveParticipants } from './ports';
import { parseLiveChatSettings, type LiveChatSettings } from './settings';
import { LIVE_OFF, type LiveStatus } from './status';

export type { LiveStatus, LiveState } from './status';
export { LIVE_STATES } from './status';
export type { LiveChatSettings, LiveChatSettingsInput } from './settings';
export type { LiveMessagingPort, LiveParticipants } from './ports';

export type LiveChatEvents = {
  /** The connection's state or the number of changes waiting for it changed (any tab's). */
  status_changed: LiveStatus;
};

/**
 * The line between the customer and the store's staff (`CHATBOT_SYSTEM.liveChat`), over the
 * store's XMPP server. Off (and nothing loaded) unless `config.liveChat.server` is set; then the
 * working half (with the XMPP client) loads when a conversation is handed to staff, or at start
 * when one was already.
 * @example
 * CHATBOT_SYSTEM.liveChat.status // { state: 'connected', pending: 0, owner: true }
 * CHATBOT_SYSTEM.liveChat.on('status_changed', (s) => console.log(s.state));
 */
export interface LiveChat extends ModuleLifecycle {
  readonly configured: boolean;
  readonly settings: LiveChatSettings | undefined;
  readonly status: LiveStatus;
  /** Whether a conversation was handed to staff (it has a room on the server). */
  isLive(conversationId: string): boolean;
  /** Sends what waits now; resolves when this tab's pass is over. */
  flush(): Promise<void>;
  /** @internal system.ts: the customer asked for a person in this conversation. */
  /** Opens the conversation's room; `reason` goes with the staff's invitation, `bike` into the transcript. */
  handOff(conversationId: string, reason?: string, bike?: string): void;
  /** @internal system.ts: wires messaging in. */
  connect(port: LiveMessagingPort, participants: LiveParticipants): () => void;
  /** @internal system.ts: follows `CHATBOT_SYSTEM.configure()` (the transcript's language, the store's name). */
  configure(config: Readonly<Config>): void;
  on: Events<LiveChatEvents>['on'];
  off: Events<LiveChatEvents>['off'];
}

export interface LiveChatDeps {
  /** Loads the working half (tests pass a direct import or a fake). */
  loadEngine?: () => Promise<{ createLiveChatEngine: (options: LiveChatEngineOptions) => Promise<LiveChatEngine> }>;
  /** Passed to the engine (tests). */
  engine?: Pick<LiveChatEngineOptions, 'createConnection' | 'register' | 'locks'>;
}

/** Messaging's text limit as the store configured it (messaging validates the section itself). */
function maxTextLengthOf(config: Readonly<Config>): number | undefined {
  const limit = config.messaging?.maxTextLength;
  return typeof limit === 'number' && Number.isInteger(limit) && limit > 0 ? limit : undefined;
}

/** @example const liveChat = createLiveChat(ctx); liveChat.connect(messaging, { botId, staffId, customerId }); */
export function createLiveChat(ctx: ModuleContext<ChatbotStorage>, deps: LiveChatDeps = {}): LiveChat {
  const settings = parseLiveChatSettings(ctx.section);
  const events = createEvents<LiveChatEvents>();
  let status: LiveStatus = LIVE_OFF;
  let config = ctx.config;
  let engine: Promise<LiveChatEngine> | undefined;
  let port: { messaging: LiveMessagingPort; participants: LiveParticipants } | undefined;
  let disposed = false;
  const localLive = new Set<string>();

  let engineModule: ReturnType<NonNullable<LiveChatDeps['loadEngine']>> | undefined;
  const loadEngineModule = (): NonNullable<typeof engineModule> => {
    const loading = (engineModule ??= (deps.loadEngine ?? (() => import('./engine')))());
    // A failed chunk load (offline before caching) is tried again by the next start.
    loading.catch(() => {
      if (engineModule === loading) engineModule = undefined;
    });
    return loading;
  };
  const startEngine = (): Promise<LiveChatEngine> => {
    if (!settings || !port) return Promise.reject(new ChatbotError('UNSUPPORTED', 'live chat is not configured'));
    const wired = port;
    engine ??= loadEngineModule().then(({ createLiveChatEngine }) =>
      createLiveChatEngine({
        settings,
        storage: ctx.storage,
        clock: ctx.clock,
        channel: ctx.channel,
        port: wired.messaging,
        participants: wired.participants,
        storeName: config.storeName,
        maxTextLength: maxTextLengthOf(config),
        language: () => config.language,
        host: ctx.host,
        locks: deps.engine?.locks ?? ctx.host?.navigator.locks,
        reportError: ctx.reportError,
        onPageHide: ctx.onPageHide,
        onStatus: (next) => {
          status = next;
          events.emit('status_changed', next);
        },
        ...(deps.engine?.createConnection ? { createConnection: deps.engine.createConnection } : {}),
        ...(deps.engine?.register ? { register: deps.engine.register } : {}),
      }),
    );
    engine.catch(() => {
      engine = undefined;
    });
    return engine;
  };

  const isRoomRecord = (record: { id: string } | undefined): record is LiveConversationRecord =>
    record !== undefined && record.id.startsWith(LIVE_CHAT_KV.conversationPrefix) && 'conversationId' in record;
  // While a conversation is with staff, every page of the store loads the chat (and connects)
  // shortly after it starts, so staff replies arrive live: a wake-up the start-up runtime reads.
  const recordWake = wakeRecorder(ctx.storage, WAKE_KEYS.live);
  /** Reads which conversations have a room; true when there is any. */
  const readRooms = async (): Promise<boolean> => {
    let first = Infinity;
    // Any time already recorded wakes the next pages at once (it is in the past): not rewritten.
    let waiting = false;
    for (const record of await ctx.storage.getAll('kv')) {
      if (record.id === WAKE_KEYS.live) {
        recordWake.known(record);
        waiting = typeof record.at === 'number';
      }
      if (!isRoomRecord(record)) continue;
      localLive.add(record.conversationId);
      first = Math.min(first, record.openedAt);
    }
    if (Number.isFinite(first) && !waiting) recordWake(first);
    return localLive.size > 0;
  };
  // A handoff in another tab: this tab's chat shows the conversation as live too.
  const unsubscribe = settings
    ? ctx.storage.subscribe('kv', (changes) => {
        for (const change of changes) {
          if (change.op !== 'put' || !isRoomRecord(change.value)) continue;
          localLive.add(change.value.conversationId);
          // Every tab with a live conversation runs the working half: if the tab that owns the
          // connection closes, one of them takes over.
          if (port && !disposed) ctx.background(startEngine(), 'LOAD_FAILED', 'the live chat could not start');
        }
      })
    : () => undefined;
  const ready = ctx.storage.ready;

  const liveChat: LiveChat = {
    ready,
    configured: settings !== undefined,
    settings,
    get status() {
      return status;
    },
    isLive: (conversationId) => localLive.has(conversationId),
    async flush() {
      if (engine) await (await engine).flush();
    },
    handOff(conversationId, reason, bike) {
      if (!settings || disposed) return;
      if (localLive.size === 0) recordWake(ctx.clock.now());
      localLive.add(conversationId);
      ctx.background(startEngine().then((e) => e.handOff(conversationId, reason, bike)), 'LOAD_FAILED', 'the live chat could not start');
    },
    connect(messaging, participants) {
      port = { messaging, participants };
      if (settings) {
        // With a conversation already live, the working half loads and connects while messaging
        // loads: it waits for messaging only to apply what the server sends. The start-up runtime
        // has usually read the live wake-up already: then its chunk loads while the rooms are read.
        if (knownWakeTime(ctx.storage, WAKE_KEYS.live) !== undefined) loadEngineModule().catch(() => undefined);
        const start = (async () => {
          if ((await readRooms()) && !disposed) await startEngine();
        })();
        ctx.background(start, 'LOAD_FAILED', 'the live chat could not start');
      }
      return () => {
        port = undefined;
      };
    },
    async reloadState() {
      if (!settings) return;
      // A restore may bring rooms (or take them away): the working half starts over from storage.
      const running = engine;
      engine = undefined;
      if (running) await (await running).dispose();
      localLive.clear();
      if (port && (await readRooms())) await startEngine();
    },
    configure(next) {
      config = next;
    },
    on: events.on,
    off: events.off,
    dispose() {
      disposed = true;
      unsubscribe();
      void engine?.then((e) => e.dispose(), () => undefined);
      engine = undefined;
    },
  };
  return liveChat;
}
