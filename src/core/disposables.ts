/**
 * Something that holds listeners, timers or DOM of the host page and gives them back.
 * `dispose()` is idempotent: a second call does nothing.
 */
export interface Disposable {
  dispose(): void;
}

/** A teardown: a function, or something disposable. */
export type Teardown = (() => void) | Disposable;

/**
 * Collects the teardowns of one owner (PostHog's pattern: whatever adds a listener registers its
 * removal), and runs them, newest first, on `dispose()`.
 * @example
 * const owned = createDisposables();
 * owned.listen(window, 'online', onOnline);
 * owned.add(messaging.on('message_sent', render));
 * owned.dispose(); // both removed
 */
export interface Disposables extends Disposable {
  /** Registers a teardown; runs it at once when the owner is already disposed. */
  add(teardown: Teardown): void;
  /**
   * `addEventListener` now, the matching `removeEventListener` on dispose. `E` is the event's
   * type as the target documents it (core/ is shared with the service worker, so no DOM maps).
   */
  listen<E extends Event = Event>(target: EventTarget, type: string, listener: (event: E) => void, options?: AddEventListenerOptions): void;
  readonly disposed: boolean;
}

const run = (teardown: Teardown): void => {
  if (typeof teardown === 'function') teardown();
  else teardown.dispose();
};

export function createDisposables(): Disposables {
  const teardowns: Teardown[] = [];
  let disposed = false;
  const add = (teardown: Teardown): void => {
    if (disposed) run(teardown);
    else teardowns.push(teardown);
  };
  return {
    add,
    listen<E extends Event>(target: EventTarget, type: string, listener: (event: E) => void, options?: AddEventListenerOptions): void {
      // The caller named the event type its target delivers for `type`.
      const handler = listener as (event: Event) => void;
      target.addEventListener(type, handler, options);
      // Removal matches on the capture flag only.
      add(() => target.removeEventListener(type, handler, { capture: options?.capture ?? false }));
    },
    get disposed() {
      return disposed;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      // Newest first: what was built on top goes before what it was built on. A failing teardown
      // (a bug) must not keep the others from running; the first failure is thrown after them.
      let failure: { error: unknown } | undefined;
      for (const teardown of teardowns.splice(0).reverse()) {
        try {
          run(teardown);
        } catch (error) {
          failure ??= { error };
        }
      }
      if (failure) throw failure.error;
    },
  };
}
