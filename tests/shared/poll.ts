/**
 * The one polling helper of the unit and browser tests: calls `check` until it returns without
 * throwing, and returns what it returned; past `timeout` it throws the last failure. For what
 * the test cannot await: another tab's broadcast, a service worker's or the browser's work.
 * (Work of the widget itself is awaited: `CHATBOT_SYSTEM.idle()`, `flush()`, an outbox's `drain()`.)
 * @example await pollUntil(() => expect(tabB.messaging.getConversation(id)).toBeDefined());
 * @example const shown = await pollUntil(async () => { const list = await rig.shown(); expect(list).not.toEqual([]); return list; }, { timeout: 10_000 });
 */
export async function pollUntil<T>(check: () => T | Promise<T>, options: { timeout?: number; interval?: number } = {}): Promise<T> {
  const { timeout = 2000, interval = 10 } = options;
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }
}

/** For work in a real browser (a service worker waking, a push delivered over DevTools) on a loaded machine. */
export const BROWSER_POLL = { timeout: 10_000, interval: 50 } as const;
