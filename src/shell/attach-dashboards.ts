import { DASHBOARDS } from '../dashboards';
import type { ChatbotSystem } from '../system';

/**
 * Adds the seed's `showMessagingDashboard()`-style functions to CHATBOT_SYSTEM (installGlobals
 * then exposes them as window globals). Each loads its dashboard chunk on first use.
 * @example attachDashboards(window, system); await system.showBackupDashboard();
 */
export function attachDashboards(host: Window, system: ChatbotSystem): void {
  for (const [name, load] of Object.entries(DASHBOARDS)) {
    if (!load) continue;
    Object.defineProperty(system, name, {
      enumerable: true,
      value: async (): Promise<void> => {
        await system.ready;
        (await load()).show(host, system);
      },
    });
  }
}
