import { ChatbotError } from '../core/errors';

/**
 * The browser capabilities the push module uses, behind one seam so unit tests can drive every
 * branch (no permission, no push service, a hanging subscribe) without a browser.
 * @example createPushNotifications(ctx, { platform: createBrowserPlatform(window, 8000) })
 */
export interface PushPlatform {
  permission(): NotificationPermission | 'unsupported';
  requestPermission(): Promise<NotificationPermission>;
  /** The service worker registration, or undefined when there is none (yet). Never hangs. */
  registration(): Promise<ServiceWorkerRegistration | undefined>;
  pushSupported(): boolean;
  online(): boolean;
  fetch(url: string, init: RequestInit): Promise<Response>;
  locks?: Pick<LockManager, 'request'>;
  /** Shows a page notification where there is no service worker (`serviceWorker: false`). */
  showFallback?(title: string, options: NotificationOptions, onClick: () => void): void;
  /** The origin, to resolve same-origin routes. */
  origin: string;
  /** Calls back when the user changes the permission in the browser's site settings. */
  watchPermission?(onChange: () => void): () => void;
}

/**
 * Races `promise` against a timeout, so no browser call can leave the caller waiting forever.
 * @example await withTimeout(pushManager.subscribe(opts), 8000, 'push subscription')
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ChatbotError('TIMEOUT', `${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The window as the push module sees it: `Notification` is a global of the window, but some
 * browsers (iOS Safari outside an installed app) do not have it, so it may be missing.
 */
export type PushHost = Window & { readonly Notification?: typeof Notification };

/** The real browser platform over the page's window. */
/** How long a notification waits for a worker that is installing before it falls back. */
const INSTALLING_WORKER_WAIT_MS = 60_000;

export function createBrowserPlatform(host: PushHost, timeoutMs: number): PushPlatform {
  const nav = host.navigator;
  const NotificationApi = host.Notification;
  const hasWorker = 'serviceWorker' in nav && host.isSecureContext;
  return {
    origin: host.location.origin,
    permission: () => (NotificationApi ? NotificationApi.permission : 'unsupported'),
    requestPermission: () => (NotificationApi ? NotificationApi.requestPermission() : Promise.resolve('denied')),
    async registration() {
      if (!hasWorker) return undefined;
      const existing = await nav.serviceWorker.getRegistration().catch(() => undefined);
      if (existing?.active) return existing;
      // `ready` never settles on a page that registers no worker: bound the wait. A worker that
      // is installing (precaching the site on a slow machine) will settle it: wait longer for it
      // rather than show a notification its worker would never know of.
      const limit = existing ? Math.max(timeoutMs, INSTALLING_WORKER_WAIT_MS) : timeoutMs;
      return withTimeout(nav.serviceWorker.ready, limit, 'service worker registration').catch(() => existing);
    },
    pushSupported: () => hasWorker && 'PushManager' in host,
    online: () => nav.onLine !== false,
    fetch: (url, init) => host.fetch(url, init),
    ...(nav.locks ? { locks: nav.locks } : {}),
    watchPermission(onChange) {
      let status: PermissionStatus | undefined;
      let stopped = false;
      void nav.permissions
        ?.query({ name: 'notifications' })
        .then((result) => {
          if (stopped) return;
          status = result;
          status.addEventListener('change', onChange);
        })
        .catch(() => undefined);
      return () => {
        stopped = true;
        status?.removeEventListener('change', onChange);
      };
    },
    ...(NotificationApi
      ? {
          showFallback(title: string, options: NotificationOptions, onClick: () => void) {
            const notification = new NotificationApi(title, options);
            notification.onclick = onClick;
          },
        }
      : {}),
  };
}
