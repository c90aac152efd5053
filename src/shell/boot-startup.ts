import type { Config } from '../core/config';
import { failTrackerCalls, takeTrackerCalls, type StubState } from '../loader/stub-protocol';
import { createStartup, type Startup, type SystemPort } from '../startup';

/**
 * Starts what every page runs: storage, the analytics tracker and the wake-ups. Its own chunk,
 * loaded once the host page has loaded and is idle. The cart and order events the stub kept
 * until now are tracked, and the stub stops keeping them.
 */
export function bootStartup(host: Window, config: Config, stub: StubState | undefined, loadSystem: () => Promise<SystemPort>): Startup {
  const earlier = stub?.storeEvents?.splice(0) ?? [];
  const runtime = createStartup(config, { host, loadSystem, earlier });
  if (stub) {
    stub.storeEvents = undefined; // the runtime listens now
    // Once its stored state is loaded, so each call returns its recorded event.
    const tracker = runtime.analytics.tracker;
    void tracker.ready.then(
      () => takeTrackerCalls(stub, tracker),
      (error: unknown) => failTrackerCalls(stub, error),
    );
  }
  return runtime;
}
