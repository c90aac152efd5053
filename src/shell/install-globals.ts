import { LEGACY_GLOBALS } from '../loader/stub-protocol';
import type { ChatbotSystem } from '../system';

/**
 * Installs `window.CHATBOT_SYSTEM` and the seed's legacy globals (`window.messagingSystem`, …,
 * `showMessagingDashboard()`), each pointing at the real object where this build has it.
 * @example installGlobals(window, createSystem(config, { host: window })); window.pushNotifications.getStats();
 */
export function installGlobals(host: Window, system: ChatbotSystem): void {
  const globals = host as unknown as Record<string, unknown>;
  globals.CHATBOT_SYSTEM = system;
  const root = system as unknown as Record<string, unknown>;
  for (const [name, path] of Object.entries(LEGACY_GLOBALS)) {
    let value: unknown = root;
    for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
    if (value === undefined) delete globals[name];
    else globals[name] = typeof value === 'function' ? (value as () => unknown).bind(root) : value;
  }
}
