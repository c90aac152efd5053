/**
 * chatbot-app.js — loaded by the chatbot.js stub (or directly as a module). Kept small: it reads
 * the config, shows the launcher and registers the service worker at once; the system (the four
 * modules) is a separate chunk booted once the host page has loaded and is idle, or as soon as
 * the customer reaches for the launcher. Calls on the globals queue in the stub until then.
 */
import { configFromDataset, mergeDeep, parseConfig, type Config } from './core/config';
import { STUB_KEY, type StubState } from './loader/stub-protocol';
import { afterLoadIdle } from './shell/when-idle';
import { registerServiceWorker } from './pwa/register-sw';
import { mountLauncher } from './widget/launcher';
import type { ChatbotSystem } from './system';

declare global {
  interface Window {
    CHATBOT_CONFIG?: Record<string, unknown>;
  }
}

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
  const existing = (host as unknown as Record<string, unknown>).CHATBOT_SYSTEM as Record<string, unknown> | undefined;
  const stub = existing?.[STUB_KEY] as StubState | undefined;
  if (existing && !stub) return; // a real system is already installed

  const config = readConfig(host, stub);
  if (!config) return;
  let system: Promise<ChatbotSystem> | undefined;
  let markLoaded: (system: ChatbotSystem) => void = () => undefined;
  const loaded = new Promise<ChatbotSystem>((resolve) => {
    markLoaded = resolve;
  });
  const loadSystem = (): Promise<ChatbotSystem> =>
    (system ??= import('./shell/boot-system').then(({ bootSystem }) => {
      const built = bootSystem(host, config, stub);
      markLoaded(built);
      return built;
    }));

  if (config.launcher) mountLauncher(host, config, { load: loadSystem, loaded, initialUrl: stub?.initialUrl ?? host.location.href });
  if (config.serviceWorker) registerServiceWorker(host, config.serviceWorker);
  void afterLoadIdle(host).then(loadSystem);
}

boot(window);
