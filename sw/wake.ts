/// <reference lib="webworker" />
import { systemClock } from '../src/core/clock';
import { errorCodeOf, type ErrorCode } from '../src/core/errors';
import { createTabChannel, type TabChannel } from '../src/core/tabs';
import { createStorage, type ChatbotStorage } from '../src/storage';
import { createNotifier, type Notifier, type PushStores } from '../src/push/shared/notifier';
import type { ShowOptions } from '../src/push/shared/build';
import { createPushStores, disposePushStores, loadPushStores } from '../src/push/shared/stores';

// Chromium exposes Notification in workers; other engines may not, hence optional.
declare const self: ServiceWorkerGlobalScope & { readonly Notification?: { readonly permission: NotificationPermission } };

export interface Wake {
  channel: TabChannel;
  storage: ChatbotStorage;
  stores: PushStores;
  engine: Notifier;
  done(): void;
}

let shared: { channel: TabChannel; storage: ChatbotStorage } | undefined;

/**
 * Background failures of the worker reach the open pages, which report them on
 * `CHATBOT_SYSTEM.on('error')` (with no page open, the worker's console is the only witness).
 */
export function reportFromWorker(what: string, error: unknown, fallback: ErrorCode): void {
  console.warn(`[chatbot sw] ${what}`, error);
  // Chromium refuses to show with a TypeError that names the missing permission.
  const code = errorCodeOf(error) ?? (/permission/i.test(String(error)) ? 'PERMISSION_DENIED' : fallback);
  const message = error instanceof Error ? error.message : String(error);
  shared?.channel.post({ kind: 'push', type: 'error', code, message: `service worker ${what}: ${message}` });
}

/** The permission as the worker sees it (Chromium exposes Notification in workers). */
function workerPermission(): NotificationPermission {
  return self.Notification?.permission ?? 'granted';
}

export function showFromWorker(title: string, options: ShowOptions): Promise<void> {
  return self.registration.showNotification(title, options);
}

/**
 * Opens the same IndexedDB as the pages and loads fresh read models for one wake-up (push,
 * click, sync…). The storage and channel live as long as the worker; the read models are built
 * per event, so a worker that slept through the pages' broadcasts never acts on stale data.
 * @example const wake = await openWake(); try { await wake.engine.wake(); } finally { wake.done(); }
 */
async function openWake(): Promise<Wake> {
  if (!shared) {
    const channel = createTabChannel();
    shared = { channel, storage: createStorage({ channel, clock: systemClock }) };
  }
  const { channel, storage } = shared;
  await storage.ready;
  const stores = createPushStores(storage);
  await loadPushStores(stores);
  const engine = createNotifier({
    stores,
    clock: systemClock,
    display: { permission: workerPermission, show: showFromWorker },
    actor: 'sw',
    locks: self.navigator.locks,
    hooks: { error: (error) => reportFromWorker('delivery', error, 'UNSUPPORTED') },
  });
  return {
    channel,
    storage,
    stores,
    engine,
    done: () => disposePushStores(stores),
  };
}

/** Runs `work` with a fresh wake, always releasing it. */
export async function withWake<T>(work: (wake: Wake) => Promise<T>): Promise<T> {
  const wake = await openWake();
  try {
    return await work(wake);
  } finally {
    wake.done();
  }
}
