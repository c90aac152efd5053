/**
 * Resolves after the host page's `load` event, in an idle period (or after `timeoutMs` at most):
 * the widget's heavy start-up work never competes with the store's own.
 */
export function afterLoadIdle(host: Window, timeoutMs = 2000): Promise<void> {
  const loaded =
    host.document.readyState === 'complete'
      ? Promise.resolve()
      : new Promise<void>((resolve) => host.addEventListener('load', () => resolve(), { once: true }));
  return loaded.then(
    () =>
      new Promise<void>((resolve) => {
        if (typeof host.requestIdleCallback === 'function') host.requestIdleCallback(() => resolve(), { timeout: timeoutMs });
        else host.setTimeout(resolve, 1);
      }),
  );
}
