import type { Clock } from '../core/clock';
import type { MessageInput } from './shared/typed';

/** How long the messages after a notified one gather into one notification. */
export const MESSAGE_BURST_MS = 1_000;

export interface MessageBursts {
  /** A message the customer did not see arrived. */
  notify(message: MessageInput): void;
  /** Drops what waits (the system is going away). */
  dispose(): void;
}

interface Burst {
  timer: unknown;
  /** Messages the burst's notifications stood for so far. */
  told: number;
  /** Messages since the last notification, and the newest of them. */
  waiting: number;
  newest?: MessageInput;
}

/**
 * Notifies a conversation's messages without one notification per message of a burst: the first
 * message notifies at once; those that follow within a second become one notification ("5 new
 * messages from asesor", the newest's text) that replaces it on screen, and so on each second
 * while they keep coming. A catch-up of a thousand messages in a background tab is then a couple
 * of notifications, not a thousand.
 * @example const bursts = createMessageBursts(clock, (m) => push.sendMessageNotification(m), () => !isWatching());
 */
export function createMessageBursts(clock: Clock, send: (message: MessageInput) => void, stillUnseen: () => boolean): MessageBursts {
  const bursts = new Map<string, Burst>();
  const arm = (conversationId: string, burst: Burst): void => {
    burst.timer = clock.setTimeout(() => {
      const { waiting, newest } = burst;
      if (waiting === 0 || !newest) {
        bursts.delete(conversationId);
        return;
      }
      burst.told += waiting;
      burst.waiting = 0;
      burst.newest = undefined;
      arm(conversationId, burst);
      // Read meanwhile (the customer came back to the page): nothing left to tell.
      if (stillUnseen()) send({ ...newest, count: burst.told });
    }, MESSAGE_BURST_MS);
  };
  return {
    notify(message) {
      const burst = bursts.get(message.conversationId);
      if (burst) {
        burst.waiting++;
        burst.newest = message;
        return;
      }
      const started: Burst = { timer: undefined, told: 1, waiting: 0 };
      bursts.set(message.conversationId, started);
      arm(message.conversationId, started);
      send(message);
    },
    dispose() {
      for (const burst of bursts.values()) clock.clearTimeout(burst.timer);
      bursts.clear();
    },
  };
}
