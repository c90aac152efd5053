import type { ChatbotSystem } from '../system';

import type { AdminSection, MountedSection } from './sections';
import { SHELL_STRINGS } from './shell-strings';

export { ADMIN_SECTIONS, type AdminSection, type MountedSection } from './sections';

/**
 * Fills `within` with one section of the admin page: the staff inbox, or a dashboard embedded in
 * the page (each its own lazy chunk).
 * @example const section = await mountAdminSection(window, CHATBOT_SYSTEM, 'backup', main); section.dispose();
 */
export async function mountAdminSection(host: Window, system: ChatbotSystem, section: AdminSection, within: HTMLElement): Promise<MountedSection> {
  if (section === 'inbox') return mountInbox(host, system, within);
  await system.ready;
  // The same chunks showBackupDashboard() / showAnalyticsDashboard() load on a store page.
  if (section === 'backup') {
    const { show } = await import('../dashboards/backup/show');
    return asSection(show(host, system, within));
  }
  const { showPanel } = await import('../dashboards/analytics/show');
  return asSection(showPanel(host, system, section, within));
}

const asSection = (view: { dialog: HTMLElement; close(): void }): MountedSection => ({
  label: view.dialog.querySelector('h2')?.textContent ?? '',
  dispose: () => view.close(),
});

async function mountInbox(host: Window, system: ChatbotSystem, within: HTMLElement): Promise<MountedSection> {
  const doc = host.document;
  // Read from the system (not parsed here): the admin entry importing the config guards would
  // split them out of the widget's start-up chunk into a shared one, costing every store page bytes.
  await system.ready;
  const words = SHELL_STRINGS[system.config.language];
  const label = words.inboxTitle;
  const settings = system.liveChat.configured ? system.liveChat.settings : undefined;
  if (!settings) {
    const heading = doc.createElement('h2');
    heading.textContent = label;
    const note = doc.createElement('p');
    note.className = 'admin-note';
    note.textContent = words.notConfigured;
    within.replaceChildren(heading, note);
    return { label, dispose: () => within.replaceChildren() };
  }
  const { mountStaffInbox } = await import('../staff');
  const holder = doc.createElement('div');
  holder.className = 'admin-inbox';
  within.replaceChildren(holder);
  const view = mountStaffInbox(holder, {
    service: settings.server, roomsDomain: settings.rooms, uploadService: settings.upload, agents: settings.staffQueue, language: system.config.language, catalogUrl: system.config.catalogUrl,
  });
  return {
    label,
    dispose: () => {
      void view.dispose();
      holder.remove();
    },
  };
}
