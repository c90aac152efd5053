import type { StubState } from '../loader/stub-protocol';
import type { Startup } from '../startup';
import { buildSystem, type ChatbotSystem } from '../system';
import { attachDashboards } from './attach-dashboards';
import { installGlobals } from './install-globals';
import { replayQueue } from './replay';

/**
 * Builds the full system (the four modules and their read models) over the running start-up
 * runtime and installs the globals. Its own chunk, loaded when the page first needs it.
 */
export function bootSystem(host: Window, runtime: Startup, stub: StubState | undefined): ChatbotSystem {
  const system = buildSystem(runtime);
  attachDashboards(host, system);
  // The stub keeps queueing until the read models are loaded: the synchronous API answers from
  // them, so nothing may reach a module before it has its data. Then the real globals go in and
  // the queued calls replay in the order they were made.
  const installed = system.ready.then(async () => {
    installGlobals(host, system);
    await replayQueue(stub?.queue ?? [], system, () => {
      if (stub) stub.system = system;
    });
  });
  // A system that cannot load its state answers what waited with the reason, not silence.
  installed.catch((error: unknown) => {
    for (const call of stub?.queue.splice(0) ?? []) call.reject(error);
  });
  stub?.settle(installed.then(() => system.ready));
  if (!stub) installGlobals(host, system);
  return system;
}
