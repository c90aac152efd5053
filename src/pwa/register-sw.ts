/**
 * Registers the service worker (offline shell, push, scheduled notifications) once the host page
 * has loaded, so it never competes with the store's own start-up. workbox-window is loaded then.
 */
export interface ServiceWorkerHandle {
  /** Resolves with the registration, or undefined where service workers are unavailable. */
  registration: Promise<ServiceWorkerRegistration | undefined>;
}

type UpdateListener = (apply: () => void) => void;
const updateListeners = new Set<UpdateListener>();
let waitingUpdate: (() => void) | undefined;

/**
 * Calls `listener` with an `apply` function when a new version of the widget waits to take over.
 * @example onUpdateWaiting((apply) => showBanner('Actualización disponible', apply));
 */
export function onUpdateWaiting(listener: UpdateListener): () => void {
  updateListeners.add(listener);
  if (waitingUpdate) listener(waitingUpdate);
  return () => updateListeners.delete(listener);
}

/** Hands a waiting worker to workbox-window, which offers it (`waiting`) and applies it. */
async function offerUpdate(host: Window, url: string): Promise<void> {
  const { Workbox } = await import('workbox-window');
  const workbox = new Workbox(url);
  workbox.addEventListener('waiting', () => {
    waitingUpdate = () => {
      workbox.addEventListener('controlling', () => host.location.reload());
      workbox.messageSkipWaiting();
    };
    for (const listener of [...updateListeners]) listener(waitingUpdate);
  });
  // The same registration: workbox-window finds the worker already waiting and announces it.
  await workbox.register({ immediate: true });
}

/**
 * Registers `url` once the page has loaded; resolves undefined where service workers are
 * unavailable. workbox-window is loaded only when a new version waits, which most visits never see.
 * @example const { registration } = registerServiceWorker(window, '/sw.js'); await registration;
 */
export function registerServiceWorker(host: Window, url: string): ServiceWorkerHandle {
  if (!('serviceWorker' in host.navigator) || !host.isSecureContext) {
    return { registration: Promise.resolve(undefined) };
  }
  const container = host.navigator.serviceWorker;
  let offered = false;
  const offer = (): void => {
    if (offered) return;
    offered = true;
    offerUpdate(host, url).catch((error: unknown) => {
      offered = false;
      console.error('[chatbot] the update could not be offered', error);
    });
  };
  // A new worker that finished installing while another controls the page waits for us.
  const watch = (registration: ServiceWorkerRegistration): void => {
    if (registration.waiting && container.controller) offer();
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && container.controller) offer();
      });
    });
  };
  const registration = new Promise<ServiceWorkerRegistration | undefined>((resolve) => {
    const start = async (): Promise<void> => {
      try {
        const registered = await container.register(url);
        watch(registered);
        resolve(registered);
      } catch (error) {
        console.error('[chatbot] service worker registration failed', error);
        resolve(undefined);
      }
    };
    if (host.document.readyState === 'complete') void start();
    else host.addEventListener('load', () => void start(), { once: true });
  });
  return { registration };
}
