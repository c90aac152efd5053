import { DASHBOARDS, type DashboardName } from '../dashboards';
import type { ChatbotSystem } from '../system';

/** The admin page's panels, in the navigation's order. */
export const ADMIN_PANELS = ['analytics', 'notifications', 'backup', 'messaging'] as const;
export type AdminPanel = (typeof ADMIN_PANELS)[number];

const DIALOG_IDS: Record<AdminPanel, string> = {
  analytics: 'dashboard-analytics',
  notifications: 'dashboard-analytics',
  backup: 'dashboard-backup',
  messaging: 'dashboard-messaging',
};

/**
 * Opens one dashboard over the admin page (each its own lazy chunk) and tells when its dialog closes.
 * @example const { closed } = await openAdminPanel(window, CHATBOT_SYSTEM, 'backup'); await closed;
 */
export async function openAdminPanel(host: Window, system: ChatbotSystem, panel: AdminPanel): Promise<{ label: string; closed: Promise<void> }> {
  const doc = host.document;
  // One dialog at a time: the navigation replaces the open one.
  for (const id of new Set(Object.values(DIALOG_IDS))) doc.getElementById(id)?.shadowRoot?.querySelector('dialog')?.close();
  if (panel === 'notifications') {
    const { show } = await import('../dashboards/analytics/show');
    show(host, system, 'notifications');
  } else {
    const name: DashboardName = panel === 'analytics' ? 'showAnalyticsDashboard' : panel === 'backup' ? 'showBackupDashboard' : 'showMessagingDashboard';
    // The same registry CHATBOT_SYSTEM.show…Dashboard() loads from (src/shell/attach-dashboards.ts).
    const load = DASHBOARDS[name];
    if (!load) throw new Error(`${name} is not available`);
    await system.ready;
    (await load()).show(host, system);
  }
  const dialog = doc.getElementById(DIALOG_IDS[panel])?.shadowRoot?.querySelector('dialog');
  const label = dialog?.querySelector('h2')?.textContent ?? '';
  const closed = new Promise<void>((resolve) => {
    if (!dialog) resolve();
    else dialog.addEventListener('close', () => resolve(), { once: true });
  });
  return { label, closed };
}
