import { SLICE_MS, now, yieldToPage } from './schedule';
import { indexMessage, type MessagingState } from './state';
import type { Message } from './types';

/**
 * Indexes the messages of a cold start in the background, in slices between which the page
 * runs, so `ready` does not wait for the search index. A search (or anything reading the index)
 * first finishes what is left, so results are never partial. Live changes index themselves; a
 * queued message that was edited, deleted or replaced meanwhile is skipped here.
 * @example const builder = createIndexBuilder(state); builder.queue(loaded); void builder.run();
 */
export interface IndexBuilder {
  queue(messages: readonly Message[]): void;
  /** Indexes queued messages for up to `budgetMs`; true when nothing is left. */
  drain(budgetMs?: number): boolean;
  /** Drains in slices, yielding to the page between them. */
  run(): Promise<void>;
  clear(): void;
  readonly pending: number;
}

export function createIndexBuilder(state: MessagingState): IndexBuilder {
  let queued: Message[] = [];
  let at = 0;
  let running: Promise<void> | undefined;
  const drain = (budgetMs = Infinity): boolean => {
    const end = now() + budgetMs;
    while (at < queued.length) {
      const message = queued[at++]!;
      // Only the version that was loaded: anything newer was indexed when it arrived.
      if (state.messages.get(message.id) === message && !message.deleted && !state.index.has(message.id)) indexMessage(state, message);
      if ((at & 127) === 0 && now() > end) return false;
    }
    queued = [];
    at = 0;
    return true;
  };
  return {
    queue(messages) {
      for (const message of messages) queued.push(message);
    },
    drain,
    run() {
      running ??= (async () => {
        while (!drain(SLICE_MS)) await yieldToPage();
      })().finally(() => {
        running = undefined;
      });
      return running;
    },
    clear() {
      queued = [];
      at = 0;
    },
    get pending() {
      return queued.length - at;
    },
  };
}
