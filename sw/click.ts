/// <reference lib="webworker" />

declare const self: ServiceWorkerGlobalScope;

/**
 * Focuses a window already showing `url`; otherwise focuses one of the store's windows and
 * navigates it there, or opens a new one. (Untrusted events, as tests dispatch, may not focus or
 * open windows: Chromium throws InvalidAccessError, which is expected there.)
 */
export async function openClickTarget(url: string): Promise<void> {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  try {
    const exact = windows.find((client) => client.url === url);
    if (exact) {
      await exact.focus();
      return;
    }
    const sameOrigin = new URL(url).origin === self.location.origin;
    const existing = sameOrigin ? windows.find((client) => new URL(client.url).origin === self.location.origin) : undefined;
    if (existing) {
      const focused = await existing.focus();
      await focused.navigate(url).catch(() => undefined);
      return;
    }
    await self.clients.openWindow(url);
  } catch (error) {
    if (!(error instanceof DOMException && error.name === 'InvalidAccessError')) throw error;
  }
}
