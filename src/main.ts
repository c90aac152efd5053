/**
 * chatbot-app.js — loaded by the chatbot.js stub (or directly as a module). Builds the system,
 * installs the globals, replays queued calls, then mounts the launcher and the service worker.
 */
import { configFromDataset, mergeDeep } from './core/config';
import { STUB_KEY, type StubState } from './loader/stub-protocol';
import { attachDashboards } from './shell/attach-dashboards';
import { installGlobals } from './shell/install-globals';
import { wireLifecycle } from './shell/lifecycle';
import { replayQueue } from './shell/replay';
import { createSystem } from './system';
import { registerServiceWorker } from './pwa/register-sw';
import { mountLauncher } from './widget/launcher';

declare global {
  interface Window {
    CHATBOT_CONFIG?: Record<string, unknown>;
  }
}

function boot(host: Window): void {
  const existing = (host as unknown as Record<string, unknown>).CHATBOT_SYSTEM as Record<string, unknown> | undefined;
  const stub = existing?.[STUB_KEY] as StubState | undefined;
  if (existing && !stub) return; // a real system is already installed

  const config = mergeDeep(host.CHATBOT_CONFIG ?? {}, configFromDataset(stub?.dataset ?? {}));
  const system = createSystem(config, { host });
  attachDashboards(host, system);
  wireLifecycle(host, system);
  // The stub keeps queueing until the read models are loaded: the synchronous API answers from
  // them, so nothing may reach a module before it has its data. Then the real globals go in and
  // the queued calls replay in the order they were made.
  const installed = system.ready.then(() => {
    installGlobals(host, system);
    return replayQueue(stub?.queue ?? [], system as unknown as Record<string, unknown>);
  });
  stub?.settle(installed.then(() => system.ready));
  if (!stub) installGlobals(host, system);

  if (system.config.launcher) mountLauncher(host, system);
  if (system.config.serviceWorker) registerServiceWorker(host, system.config.serviceWorker);
}

boot(window);
