import type { Config } from '../core/config';
import type { StubState } from '../loader/stub-protocol';
import { createSystem, type ChatbotSystem } from '../system';
import { attachDashboards } from './attach-dashboards';
import { installGlobals } from './install-globals';
import { replayQueue } from './replay';

/**
 * Builds the system (the four modules and their read models) and installs the globals. Lives in
 * its own chunk, loaded after the host page has loaded, so the store's own start-up never waits
 * for it.
 */
export function bootSystem(host: Window, config: Config, stub: StubState | undefined): ChatbotSystem {
  const system = createSystem(config, { host });
  attachDashboards(host, system);
  // The stub keeps queueing until the read models are loaded: the synchronous API answers from
  // them, so nothing may reach a module before it has its data. Then the real globals go in and
  // the queued calls replay in the order they were made.
  const installed = system.ready.then(() => {
    installGlobals(host, system);
    return replayQueue(stub?.queue ?? [], system as unknown as Record<string, unknown>);
  });
  stub?.settle(installed.then(() => system.ready));
  if (!stub) installGlobals(host, system);
  return system;
}
