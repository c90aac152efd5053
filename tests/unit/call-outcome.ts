import { isChatbotError, type ChatbotError } from '../../src/core/errors';

/** How a public call with hostile arguments ended. */
export type Outcome = { kind: 'ok' } | { kind: 'chatbot'; error: ChatbotError } | { kind: 'other'; error: unknown } | { kind: 'hang' };

/**
 * Runs `call` (sync or async) and says how it ended: answered, threw a ChatbotError, threw
 * anything else, or gave no answer within `timeoutMs` (a hang).
 * @example const outcome = await outcomeOf(() => system.messaging.sendMessage(undefined as never, {}), 5_000);
 */
export async function outcomeOf(call: () => unknown, timeoutMs: number): Promise<Outcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'hang' }), timeoutMs);
  });
  const run = (async (): Promise<Outcome> => {
    try {
      await call();
      return { kind: 'ok' };
    } catch (error) {
      return isChatbotError(error) ? { kind: 'chatbot', error } : { kind: 'other', error };
    }
  })();
  try {
    return await Promise.race([run, hang]);
  } finally {
    clearTimeout(timer);
  }
}
