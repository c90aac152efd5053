import { toChatbotError, type ChatbotError, type ErrorCode } from './errors';

/**
 * Work a module starts and nobody awaits (a wake-up, pruning, an automatic backup, an answer of
 * the assistant): tracked so that `idle()` can wait for it, and its failure reported instead of
 * lost.
 */
export interface Background {
  /**
   * Tracks `work` until it settles. A failure is reported as a ChatbotError: its own code when it
   * is one, the code a DOMException's name gives (quota, permission…), else `code`, with
   * `message` saying what was being done. A programming error is rethrown as an uncaught error.
   */
  run(work: PromiseLike<unknown>, code: ErrorCode, message?: string): void;
  /**
   * Resolves once every work tracked so far has settled, and the work those started meanwhile
   * (a wake-up that starts a backup that starts an upload).
   */
  idle(): Promise<void>;
  /** True while some tracked work has not settled. */
  readonly busy: boolean;
}

export interface BackgroundOptions {
  report(error: ChatbotError): void;
  /**
   * Where a programming error goes. By default it is thrown from a microtask: the browser logs
   * it as uncaught (window `error` event), and a test run fails on it.
   */
  surface?(error: unknown): void;
}

const throwUncaught = (error: unknown): void =>
  queueMicrotask(() => {
    throw error;
  });

/**
 * @example
 * const background = createBackground({ report: (error) => events.emit('error', error) });
 * background.run(journal.prune(), 'STORAGE_FAILED', 'pruning the journal');
 * await background.idle();
 */
export function createBackground(options: BackgroundOptions): Background {
  const surface = options.surface ?? throwUncaught;
  const pending = new Set<Promise<void>>();
  const fail = (error: unknown, code: ErrorCode, message: string | undefined): void => {
    let failure: ChatbotError;
    try {
      const reason = error instanceof Error ? error.message : String(error);
      failure = toChatbotError(error, code, message === undefined ? undefined : `${message}: ${reason}`);
    } catch (bug) {
      surface(bug);
      return;
    }
    options.report(failure);
  };
  return {
    run(work, code, message) {
      const tracked: Promise<void> = Promise.resolve(work)
        .then(() => undefined, (error: unknown) => fail(error, code, message))
        .finally(() => {
          pending.delete(tracked);
        });
      pending.add(tracked);
    },
    async idle() {
      while (pending.size > 0) await Promise.all(pending);
    },
    get busy() {
      return pending.size > 0;
    },
  };
}
