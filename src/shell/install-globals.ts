import { assignProperty, LEGACY_GLOBALS, readPath } from '../loader/legacy-globals';
import type { ChatbotSystem } from '../system';

/**
 * Installs `window.CHATBOT_SYSTEM` and the seed's legacy globals (`window.messagingSystem`, …,
 * `showMessagingDashboard()`), each pointing at the real object where this build has it.
 * @example installGlobals(window, createSystem(config, { host: window })); window.pushNotifications.getStats();
 */
export function installGlobals(host: Window, system: ChatbotSystem): void {
  // By name, not `host.CHATBOT_SYSTEM =`: the typed Window globals (loader/stub-global.ts) stay
  // out of the package's types, which export this function.
  assignProperty(host, 'CHATBOT_SYSTEM', system);
  for (const [name, path] of Object.entries(LEGACY_GLOBALS)) {
    const value = readPath(system, path);
    if (value === undefined) Reflect.deleteProperty(host, name);
    else assignProperty(host, name, typeof value === 'function' ? value.bind(system) : value);
  }
}
