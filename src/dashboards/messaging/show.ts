import type { StaffInboxOverlay } from '../../staff/ui/open-staff-inbox-overlay';
import type { ChatbotSystem } from '../../system';
import { showLocalMessagingDashboard } from './local-dashboard';

const open = new WeakMap<Window, StaffInboxOverlay>();

/**
 * The staff inbox over the page when the store configured its live chat, else undefined. Opened
 * once per window: a second call focuses the open one and returns it. Rejects when the staff
 * chunk cannot load. The admin page awaits this for its "messaging" panel (`overlay.closed`).
 * @example const overlay = await openStaffInbox(window, CHATBOT_SYSTEM); await overlay?.closed;
 */
export async function openStaffInbox(host: Window, system: ChatbotSystem): Promise<StaffInboxOverlay | undefined> {
  const settings = system.liveChat.configured ? system.liveChat.settings : undefined;
  if (!settings) return undefined;
  const current = open.get(host);
  if (current?.root.isConnected) {
    current.root.querySelector<HTMLElement>('input, button')?.focus();
    return current;
  }
  // The staff UI is its own chunk: a customer's page never loads it.
  const { openStaffInboxOverlay } = await import('../../staff/ui/open-staff-inbox-overlay');
  const overlay = openStaffInboxOverlay({
    document: host.document,
    service: settings.server,
    roomsDomain: settings.rooms,
    uploadService: settings.upload,
    agents: settings.staffQueue,
    language: system.config.language,
    catalogUrl: system.config.catalogUrl,
  });
  open.set(host, overlay);
  return overlay;
}

/**
 * `showMessagingDashboard()`. When the store configured its live chat (`config.liveChat`, or the
 * script tag's `data-chat-server`…), staff need every customer's conversation, not this
 * browser's: it opens the staff inbox over the page (sign-in with the store's staff account; the
 * agents of `staffQueue` are whom conversations can be transferred to). Without a live chat it
 * shows the local messaging dashboard, as before; also when the staff chunk cannot load (offline).
 * @example await CHATBOT_SYSTEM.showMessagingDashboard();
 */
export function show(host: Window, system: ChatbotSystem): void {
  if (!system.liveChat.configured || !system.liveChat.settings) {
    showLocalMessagingDashboard(host, system);
    return;
  }
  openStaffInbox(host, system).catch(() => showLocalMessagingDashboard(host, system));
}
