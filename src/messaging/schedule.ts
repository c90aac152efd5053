/** How long one step of background work (loading, indexing) may run before the page gets its turn. */
export const SLICE_MS = 8;

export const now = (): number => (typeof performance === 'undefined' ? Date.now() : performance.now());

/**
 * Lets the page run (input, rendering) and comes back as soon as possible: `scheduler.yield()`
 * where the browser has it, else a MessageChannel round trip (not clamped like setTimeout).
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}
