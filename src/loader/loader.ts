/**
 * chatbot.js — the classic script a store pastes into its pages. It stays tiny: it installs
 * stand-ins for the globals that queue calls, then loads the app bundle next to itself.
 */
import { LEGACY_GLOBALS, readPath } from './legacy-globals';
import { APP_FILE, isAnalyticsCall, isTrackerCall, STORE_EVENTS, STUB_KEY, type QueuedCall, type StubState } from './stub-protocol';
import type { StubGlobal } from './stub-global';

(function install(host: Window) {
  if (host.CHATBOT_SYSTEM) return; // loaded twice: the first copy wins

  const script = document.currentScript ?? document.querySelector<HTMLScriptElement>('script[src*="chatbot.js"]');
  const scriptSrc = (script && 'src' in script && script.src) || new URL('/chatbot.js', location.href).href;
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
          return resolve(Reflect.apply(tracker[path[1]], tracker, args));
        } catch (error) {
          return reject(error);
        }
      }
      queue.push({ path, kind, args, value, resolve, reject });
      if (!tracking) demand();
    });

  const real = (path: readonly PropertyKey[]): unknown => readPath(state.system, path);
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
      set(_target, property, value: unknown) {
        // false makes the assignment throw in strict code, as assigning to the real object would.
        if (state.system) return Reflect.set(Object(real(path)), property, value);
        if (typeof property === 'string') void record([...path, property], 'set', [], value);
        return true;
      },
      apply(_target, _thisArg, args: unknown[]) {
        if (state.system) {
          const fn = real(path);
          if (typeof fn !== 'function') throw new TypeError(`CHATBOT_SYSTEM.${path.join('.')} is not a function`);
          return Reflect.apply(fn, real(path.slice(0, -1)), args);
        }
        return record(path, 'call', args);
      },
    });

  const state: StubState = {
    queue,
    dataset: { ...script?.dataset },
    scriptSrc,
    initialUrl: location.href,
    settle: (realReady) => settleReady(realReady),
    demanded: false,
  };
  // A cart or order event before the runtime listens is kept for it, not lost.
  state.storeEvents = [];
  for (const type of STORE_EVENTS) {
    host.addEventListener(type, (event) => state.storeEvents?.push({ type, detail: 'detail' in event ? event.detail : undefined }));
  }
  // Fired once per page load, possibly before the app bundle runs: keep it for the launcher.
  host.addEventListener('beforeinstallprompt', (event) => {
    if (!(STUB_KEY in (host.CHATBOT_SYSTEM ?? {}))) return;
    event.preventDefault();
    state.installPrompt = event;
  });
  const known: StubGlobal = { version: '13.0', ready, [STUB_KEY]: state };
  host.CHATBOT_SYSTEM = new Proxy(known, {
    get(target, property) {
      if (state.system) return readPath(state.system, [property]);
      if (property === 'ready') demand();
      if (property in target) return Reflect.get(target, property);
      if (property === 'then' || typeof property === 'symbol') return undefined;
      return stubFor([property]);
    },
  });
  for (const [name, path] of Object.entries(LEGACY_GLOBALS)) {
    if (!(name in host)) Reflect.set(host, name, stubFor([...path]));
  }

  import(/* @vite-ignore */ new URL(APP_FILE, scriptSrc).href).catch((error: unknown) => {
    console.error('[chatbot] could not load', APP_FILE, error);
    for (const call of queue.splice(0)) call.reject(error);
  });
})(window);
