import type { ChatbotSystem } from '../system';

/**
 * The admin dashboards, each a lazy chunk loaded on first use. A module's dashboard registers
 * here under the seed's global name (`showMessagingDashboard`, …).
 */
export type DashboardName = 'showMessagingDashboard' | 'showAnalyticsDashboard' | 'showBackupDashboard';
type DashboardLoader = () => Promise<{ show(host: Window, system: ChatbotSystem): void }>;

export const DASHBOARDS: Partial<Record<DashboardName, DashboardLoader>> = {};
DASHBOARDS.showAnalyticsDashboard = () => import('./analytics/show');
DASHBOARDS.showMessagingDashboard = () => import('./messaging/show');
DASHBOARDS.showBackupDashboard = () => import('./backup/show');
