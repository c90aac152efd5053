import type { Config } from '../core/config';
import { isTrackerCall, type StubState } from '../loader/stub-protocol';
import { createRuntime, type Runtime, type SystemPort } from '../runtime';

/**
 * Starts what every page runs: storage, the analytics tracker and the wake-ups. Its own chunk,
 * loaded once the host page has loaded and is idle. The cart and order events the stub kept
 * until now are tracked, and the stub stops keeping them.
 */
export function bootRuntime(host: Window, config: Config, stub: StubState | undefined, loadSystem: () => Promise<SystemPort>): Runtime {
  const earlier = stub?.storeEvents?.splice(0) ?? [];
  const runtime = createRuntime(config, { host, loadSystem, earlier });
  if (stub) {
    stub.storeEvents = undefined; // the runtime listens now
    // Once its stored state is loaded, so each call returns its recorded event.
    const tracker = runtime.analytics.tracker;
    void tracker.ready.then(() => takeTrackingCalls(stub, tracker as unknown as Record<string, unknown>), () => undefined);
  }
  return runtime;
}

/**
 * From now on the stub hands tracking calls to the tracker; those queued so far are applied now,
 * in their order (they may so run before other calls queued earlier, which wait for the system).
 */
function takeTrackingCalls(stub: StubState, tracker: Record<string, unknown>): void {
  stub.tracker = tracker;
  const waiting = stub.queue.filter((call) => isTrackerCall(call.path, call.kind));
  if (waiting.length === 0) return;
  stub.queue.splice(0, stub.queue.length, ...stub.queue.filter((call) => !waiting.includes(call)));
  for (const call of waiting) {
    try {
      call.resolve((tracker[call.path[1]!] as (...args: unknown[]) => unknown)(...call.args));
    } catch (error) {
      call.reject(error);
    }
  }
}
