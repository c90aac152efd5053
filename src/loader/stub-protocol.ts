/**
 * The contract between the script-tag stub (`chatbot.js`) and the app bundle it loads: calls made
 * on the globals before the bundle is there are recorded here and replayed by the app, the way
 * PostHog's snippet queues calls until its bundle loads.
 */
export interface QueuedCall {
  path: string[];
  /** `call` invokes the function at `path`; `set` assigns `value` to it. */
  kind: 'call' | 'set';
  args: unknown[];
  value?: unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export interface StubState {
  queue: QueuedCall[];
  /** The script tag's data-* attributes. */
  dataset: Record<string, string | undefined>;
  /** Absolute URL of chatbot.js: the app bundle and its chunks are resolved against it. */
  scriptSrc: string;
  /** Called by the app with the real system's `ready` once it is installed. */
  settle(ready: Promise<unknown>): void;
  /**
   * A `beforeinstallprompt` the browser fired before the app bundle ran: it fires once per page
   * load, so the stub keeps it for the launcher's install button.
   */
  installPrompt?: Event;
  /** The page URL as the stub saw it, before the host page's scripts could rewrite it. */
  initialUrl: string;
  /**
   * True once the page used the API (a call, an assignment, `CHATBOT_SYSTEM.ready`): the app then
   * loads the full system. A page that never does only runs the small start-up runtime.
   */
  demanded: boolean;
  /**
   * The real system once installed and the queue replayed: stand-ins a page kept a reference to
   * (`const sys = CHATBOT_SYSTEM; await sys.ready; sys.messaging…`) forward to it from then on.
   */
  system?: object;
  /**
   * The start-up runtime's tracker once it runs: tracking calls go to it (and those queued before
   * are taken from the queue) without loading the system.
   */
  tracker?: StubTracker;
  /** The runtime could not start: tracker calls take the normal path (they load the system). */
  trackerFailed?: boolean;
  /** Set by the app: called on the first use of the API. */
  onDemand?: () => void;
  /**
   * The store page's cart and order events fired before the start-up runtime listened, for it to
   * track; the runtime takes them and sets this to undefined.
   */
  storeEvents?: Array<{ type: StoreEventType; detail: unknown }>;
}

/**
 * The tracking calls the start-up runtime's tracker answers by itself: a page that only tracks
 * (`realtimeAnalytics.track('button_clicked', …)`) never loads the rest of the system.
 */
const TRACKER_METHODS = [
  'track', 'trackConversion', 'trackProduct', 'trackCart', 'trackCheckout', 'trackSearch', 'trackError', 'identify', 'page',
  'reset', 'optOut', 'optIn', 'isTracking', 'getAnonymousId', 'getUserId', 'getSessionId', 'flush',
] as const;

export type TrackerMethod = (typeof TRACKER_METHODS)[number];
/** What the stub needs of the tracker: its own methods, called with whatever the page passed. */
export type StubTracker = { readonly [M in TrackerMethod]: (...args: never[]) => unknown };
/** The path of a tracker call: `realtimeAnalytics.track` and the like. */
export type TrackerPath = readonly ['realtimeAnalytics', TrackerMethod];

const TRACKER_METHOD_NAMES: readonly string[] = TRACKER_METHODS;

/** Whether a recorded call is one of the tracker's own calls (`realtimeAnalytics.track`, `.optOut`…). */
export const isTrackerCall = (path: readonly string[], kind: QueuedCall['kind']): path is TrackerPath =>
  kind === 'call' && path.length === 2 && path[0] === 'realtimeAnalytics' && TRACKER_METHOD_NAMES.includes(path[1]!);

/** Whether a recorded call reaches `realtimeAnalytics` at all (tracker calls wait behind any of them). */
export const isAnalyticsCall = (call: Pick<QueuedCall, 'path'>): boolean => call.path[0] === 'realtimeAnalytics';

/**
 * From now on the stub hands the tracker its own calls. Those queued so far are applied now, in
 * their order, up to the first analytics call that waits for the system (the rest stay behind it).
 */
export function takeTrackerCalls(stub: StubState, tracker: StubTracker): void {
  stub.tracker = tracker;
  const taken = new Map<QueuedCall, TrackerMethod>();
  for (const call of stub.queue) {
    if (!isAnalyticsCall(call)) continue;
    if (!isTrackerCall(call.path, call.kind)) break;
    taken.set(call, call.path[1]);
  }
  if (taken.size === 0) return;
  stub.queue.splice(0, stub.queue.length, ...stub.queue.filter((call) => !taken.has(call)));
  for (const [call, method] of taken) {
    try {
      // The page's arguments as it passed them (`tracker.track(...args)`): the tracker validates them.
      call.resolve(Reflect.apply(tracker[method], tracker, call.args));
    } catch (error) {
      call.reject(error);
    }
  }
}

/**
 * The runtime could not start (its chunk did not load, storage refused to open): the tracker calls
 * that waited for it are rejected, and later ones take the normal path, which loads the system.
 */
export function failTrackerCalls(stub: StubState, error: unknown): void {
  stub.trackerFailed = true;
  const waiting = stub.queue.filter((call) => isTrackerCall(call.path, call.kind));
  stub.queue.splice(0, stub.queue.length, ...stub.queue.filter((call) => !waiting.includes(call)));
  for (const call of waiting) call.reject(error);
}

/** The window events a store page dispatches for the widget (the seed's "Integración"). */
export const STORE_EVENTS = ['cart_item_added', 'order_completed', 'order_status_changed'] as const;
export type StoreEventType = (typeof STORE_EVENTS)[number];

export const STUB_KEY = '__chatbotStub';
export const APP_FILE = 'chatbot-app.js';
