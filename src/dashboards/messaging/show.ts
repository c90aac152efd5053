import type { StaffInboxOverlay } from '../../staff/ui/open-staff-inbox-overlay';
import type { ChatbotSystem } from '../../system';
import { showLocalMessagingDashboard } from './local-dashboard';

const open = new WeakMap<Window, StaffInboxOverlay>();

/**
 * `showMessagingDashboard()`. When the store configured its live chat (`config.liveChat`, or the
 * script tag's `data-chat-server`…), staff need every customer's conversation, not this
 * browser's: it opens the staff inbox over the page (sign-in with the store's staff account; the
 * agents of `staffQueue` are whom conversations can be transferred to). Without a live chat it
 * shows the local messaging dashboard, as before.
 * @example await CHATBOT_SYSTEM.showMessagingDashboard();
 */
export function show(host: Window, system: ChatbotSystem): void {
  const settings = system.liveChat.configured ? system.liveChat.settings : undefined;
  if (!settings) {
    showLocalMessagingDashboard(host, system);
    return;
  }
  const current = open.get(host);
  if (current?.root.isConnected) {
    current.root.querySelector<HTMLElement>('input, button')?.focus();
    return;
  }
  // The staff UI is its own chunk: a customer's page never loads it.
  void import('../../staff/ui/open-staff-inbox-overlay').then(({ openStaffInboxOverlay }) => {
    open.set(host, openStaffInboxOverlay({
      document: host.document,
      service: settings.server,
      roomsDomain: settings.rooms,
      agents: settings.staffQueue,
      language: system.config.language,
    }));
  }, () => showLocalMessagingDashboard(host, system)); // the chunk did not load (offline): this browser's data at least
}
