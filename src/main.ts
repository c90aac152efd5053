/**
 * chatbot-app.js — loaded by the chatbot.js stub (or directly as a module). Kept small: it reads
 * the config, shows the launcher and registers the service worker at once. Once the host page has
 * loaded and is idle, the start-up runtime (storage, the analytics tracker, wake-ups) starts. The
 * full system (messaging, push, backup, the assistant, the analyses) is loaded when the page first
 * needs it: a call on the globals (queued in the stub until then), the customer reaching for the
 * launcher, a `?chat=` link, an order event, a due schedule or backup.
 */
import { configFromDataset, mergeDeep, parseConfig, type Config } from './core/config';
import { failTrackerCalls, type StubState } from './loader/stub-protocol';
import { stubOf } from './loader/stub-global';
import { afterLoadIdle } from './shell/when-idle';
import { registerServiceWorker } from './pwa/register-sw';
import { mountLauncher, type LauncherHandle } from './widget/launcher';
import type { ChatbotSystem } from './system';
import type { Startup } from './startup';

/** The validated config, or undefined after telling the store (loudly) and the queued callers. */
function readConfig(host: Window, stub: StubState | undefined): Config | undefined {
  try {
    return parseConfig(mergeDeep(host.CHATBOT_CONFIG ?? {}, configFromDataset(stub?.dataset ?? {})));
  } catch (error) {
    // A store's misconfiguration must be loud, and must not break its page.
    console.error('[chatbot] invalid configuration, the widget is not started:', error);
    for (const call of stub?.queue.splice(0) ?? []) call.reject(error);
    stub?.settle(Promise.reject(error));
    return undefined;
  }
}

function boot(host: Window): void {
  const stub = stubOf(host);
  if (host.CHATBOT_SYSTEM && !stub) return; // a real system is already installed

  const config = readConfig(host, stub);
  if (!config) return;
  let runtime: Promise<Startup> | undefined;
  let system: Promise<ChatbotSystem> | undefined;
  let launcher: LauncherHandle | undefined;
  let markLoaded: (system: ChatbotSystem) => void = () => undefined;
  const loaded = new Promise<ChatbotSystem>((resolve) => {
    markLoaded = resolve;
  });
  const loadRuntime = (): Promise<Startup> => {
    runtime ??= import('./shell/boot-startup').then(({ bootStartup }) => bootStartup(host, config, stub, loadSystem));
    runtime.catch(() => {
      runtime = undefined;
    });
    return runtime;
  };
  const loadSystem = (): Promise<ChatbotSystem> => {
    system ??= loadRuntime().then((started) =>
      import('./shell/boot-system').then(({ bootSystem }) => {
        const built = bootSystem(host, started, stub);
        // CHATBOT_SYSTEM.destroy() takes the launcher (and its panel) off the page too.
        if (launcher) built.own(launcher);
        markLoaded(built);
        return built;
      }),
    );
    // A failed chunk load (offline before caching) may be retried by the next use.
    system.catch(() => {
      system = undefined;
    });
    return system;
  };

  if (config.launcher) launcher = mountLauncher(host, config, { load: loadSystem, loaded, initialUrl: stub?.initialUrl ?? host.location.href });
  if (config.serviceWorker) registerServiceWorker(host, config.serviceWorker);
  const fail = (error: unknown): void => console.error('[chatbot] could not load:', error);
  if (stub) {
    const state = stub;
    // A page script using the API waits, queued, until the page has loaded: the store's own
    // start-up comes first. A failure rejects what waits, and the next use tries again.
    state.onDemand = () =>
      void afterLoadIdle(host)
        .then(loadSystem)
        .catch((error: unknown) => {
          fail(error);
          state.demanded = false;
          for (const call of state.queue.splice(0)) call.reject(error);
        });
    if (state.demanded) state.onDemand();
  }
  void afterLoadIdle(host)
    .then(async () => {
      await (stub ? loadRuntime() : loadSystem());
    })
    .catch((error: unknown) => {
      fail(error);
      if (stub) failTrackerCalls(stub, error); // offline before the runtime chunk was cached
    });
}

boot(window);
