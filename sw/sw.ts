/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { readField } from '../src/core/read-field';
import { registerPushEvents } from './push-events';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

// The app shell (demo page, chatbot.js and its chunks, catalog, icons) is precached at install,
// so the store page and the widget open with the network gone.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The staff's admin page has its own shell; every other navigation gets the store's.
registerRoute(new NavigationRoute(createHandlerBoundToURL('admin.html'), { allowlist: [/^\/admin(\.html)?$/] }));
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

// A first visit is controlled right away (offline works after one load); an update waits until
// the page asks for it (workbox-window's messageSkipWaiting), so a running chat is never swapped.
clientsClaim();
self.addEventListener('message', (event) => {
  if (readField(event.data, 'type') === 'SKIP_WAITING') void self.skipWaiting();
});

// Push, notification clicks, subscription changes, and the wake-ups (sync, periodic sync,
// activate) that fire scheduled notifications and release the quiet-hours queue.
registerPushEvents();
