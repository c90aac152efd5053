/**
 * chatbot.js — the classic script a store pastes into its pages. It stays tiny: it installs
 * stand-ins for the globals that queue calls, then loads the app bundle next to itself.
 */
import { APP_FILE, isAnalyticsCall, isTrackerCall, LEGACY_GLOBALS, STORE_EVENTS, STUB_KEY, type QueuedCall, type StubState } from './stub-protocol';

type AnyRecord = Record<PropertyKey, unknown>;

(function install(host: Window & AnyRecord) {
  if (host.CHATBOT_SYSTEM) return; // loaded twice: the first copy wins

  const script =
    (document.currentScript as HTMLScriptElement | null) ??
    document.querySelector<HTMLScriptElement>('script[src*="chatbot.js"]');
  const scriptSrc = script?.src || new URL('/chatbot.js', location.href).href;
  const queue: QueuedCall[] = [];
  let settleReady: (ready: Promise<unknown>) => void = () => undefined;
  const ready = new Promise((resolve) => {
    settleReady = resolve;
  });

  const demand = (): void => {
    if (state.demanded) return;
    state.demanded = true;
    state.onDemand?.();
  };
  const record = (path: string[], kind: QueuedCall['kind'], args: unknown[], value?: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const tracking = !state.trackerFailed && isTrackerCall(path, kind);
      const tracker = state.tracker;
      // The runtime's tracker answers its own calls at once, unless an earlier analytics call still
      // waits for the system (calls stay in order); before the tracker runs they wait for it.
      if (tracking && tracker && !queue.some(isAnalyticsCall)) {
        try {
          return resolve((tracker[path[1]!] as (...a: unknown[]) => unknown)(...args));
        } catch (error) {
          return reject(error);
        }
      }
      queue.push({ path, kind, args, value, resolve, reject });
      if (!tracking) demand();
    });

  const real = (path: string[]): AnyRecord | undefined => path.reduce<AnyRecord | undefined>((value, key) => value?.[key] as AnyRecord | undefined, state.system as AnyRecord | undefined);
  // A function-shaped proxy so both `stub.method(...)` and `stub(...)` are recorded.
  const stubFor = (path: string[]): unknown =>
    new Proxy(function stub() {}, {
      get(_target, property) {
        // Not a thenable (`await messagingSystem` must not hang), nor serializable: neither is API use.
        if (property === 'then' || property === 'toJSON' || typeof property === 'symbol') return undefined;
        if (state.system) {
          const value: unknown = real([...path, property]);
          return typeof value === 'function' ? value.bind(real(path)) : value;
        }
        return stubFor([...path, property]);
      },
      set(_target, property, value) {
        if (state.system) (real(path) ?? {})[property] = value;
        else if (typeof property === 'string') void record([...path, property], 'set', [], value);
        return true;
      },
      apply(_target, _thisArg, args: unknown[]) {
        if (state.system) {
          const fn = real(path) as unknown;
          if (typeof fn !== 'function') throw new TypeError(`CHATBOT_SYSTEM.${path.join('.')} is not a function`);
          return (fn as (...a: unknown[]) => unknown).apply(real(path.slice(0, -1)), args);
        }
        return record(path, 'call', args);
      },
    });

  const state: StubState = {
    queue,
    dataset: { ...(script?.dataset ?? {}) } as Record<string, string>,
    scriptSrc,
    initialUrl: location.href,
    settle: (realReady) => settleReady(realReady),
    demanded: false,
  };
  // A cart or order event before the runtime listens is kept for it, not lost.
  state.storeEvents = [];
  for (const type of STORE_EVENTS) {
    host.addEventListener(type, (event) => state.storeEvents?.push({ type, detail: (event as CustomEvent<unknown>).detail }));
  }
  // Fired once per page load, possibly before the app bundle runs: keep it for the launcher.
  host.addEventListener('beforeinstallprompt', (event) => {
    if (!(STUB_KEY in (host.CHATBOT_SYSTEM as AnyRecord))) return;
    event.preventDefault();
    state.installPrompt = event;
  });
  const known: AnyRecord = { version: '13.0', ready, [STUB_KEY]: state };
  host.CHATBOT_SYSTEM = new Proxy(known, {
    get(target, property) {
      if (state.system) return (state.system as AnyRecord)[property];
      if (property === 'ready') demand();
      if (property in target) return target[property];
      if (property === 'then' || typeof property === 'symbol') return undefined;
      return stubFor([property]);
    },
  });
  for (const [name, path] of Object.entries(LEGACY_GLOBALS)) {
    if (!(name in host)) host[name] = stubFor([...path]);
  }

  import(/* @vite-ignore */ new URL(APP_FILE, scriptSrc).href).catch((error: unknown) => {
    console.error('[chatbot] could not load', APP_FILE, error);
    for (const call of queue.splice(0)) call.reject(error);
  });
})(window as unknown as Window & AnyRecord);
