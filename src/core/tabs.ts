import { createId } from './ids';
import { readField } from './read-field';
import { hasKind, isTabPayload, type TabPayload, type TabPayloadKind, type TabPayloadOf } from './tab-messages';

export type { TabPayload, TabPayloadKind, TabPayloadOf, TabStorageChange } from './tab-messages';

/**
 * Messages between the open tabs (and the service worker) of one origin, typed by `kind`.
 * A listener hears only its kind, from the other tabs (never its own posts); a message whose
 * shape does not match its kind is dropped. Falls back to a local-only channel where
 * BroadcastChannel does not exist.
 * @example
 * const tabs = createTabChannel('chatbot');
 * tabs.subscribe('messaging-typing', ({ userId, typing }, from) => console.log(from, userId, typing));
 * tabs.post({ kind: 'messaging-typing', conversationId: 'conv_1', userId: 'ana', typing: true });
 */
export interface TabChannel {
  readonly tabId: string;
  post(payload: TabPayload): void;
  subscribe<K extends TabPayloadKind>(kind: K, listener: (payload: TabPayloadOf<K>, from: string) => void): () => void;
  close(): void;
}

/** What travels on the BroadcastChannel: the payload and the sending tab. */
interface Envelope {
  from: string;
  payload: TabPayload;
}

type Listener = (payload: TabPayload, from: string) => void;

const TAB_CHANNEL_NAME = 'chatbot-repuestos-motos';

export function createTabChannel(name: string = TAB_CHANNEL_NAME): TabChannel {
  const tabId = createId('tab');
  const listeners = new Set<Listener>();
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : undefined;
  if (channel) {
    channel.onmessage = (event: MessageEvent<unknown>) => {
      const from = readField(event.data, 'from');
      const payload = readField(event.data, 'payload');
      if (typeof from !== 'string' || from === tabId || !isTabPayload(payload)) return;
      for (const listener of [...listeners]) listener(payload, from);
    };
  }
  return {
    tabId,
    post(payload) {
      channel?.postMessage({ from: tabId, payload } satisfies Envelope);
    },
    subscribe(kind, listener) {
      const forKind = (payload: TabPayload, from: string): void => {
        if (hasKind(payload, kind)) listener(payload, from);
      };
      listeners.add(forKind);
      return () => void listeners.delete(forKind);
    },
    close() {
      listeners.clear();
      channel?.close();
    },
  };
}
