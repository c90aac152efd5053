import { createId } from './ids';

/**
 * Messages between the open tabs (and the service worker) of one origin.
 * Falls back to a local-only channel where BroadcastChannel does not exist.
 * @example
 * const tabs = createTabChannel('chatbot');
 * tabs.subscribe((msg) => console.log(msg.from, msg.payload));
 * tabs.post({ type: 'typing', conversationId: 'conv_1' });
 */
export interface TabMessage<T = unknown> {
  from: string;
  payload: T;
}

export interface TabChannel {
  readonly tabId: string;
  post(payload: unknown): void;
  subscribe(listener: (message: TabMessage) => void): () => void;
  close(): void;
}

export const TAB_CHANNEL_NAME = 'chatbot-repuestos-motos';

export function createTabChannel(name: string = TAB_CHANNEL_NAME): TabChannel {
  const tabId = createId('tab');
  const listeners = new Set<(message: TabMessage) => void>();
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : undefined;
  if (channel) {
    channel.onmessage = (event: MessageEvent<TabMessage>) => {
      const message = event.data;
      if (!message || typeof message.from !== 'string' || message.from === tabId) return;
      for (const listener of [...listeners]) listener(message);
    };
  }
  return {
    tabId,
    post(payload) {
      channel?.postMessage({ from: tabId, payload } satisfies TabMessage);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      channel?.close();
    },
  };
}
