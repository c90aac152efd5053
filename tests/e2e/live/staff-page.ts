// The browser side of tests/e2e/staff-inbox.test.ts: the staff inbox UI (src/staff/ui) mounted on
// a bare page, configured from the query string, as admin.html will host it. Sockets are
// recorded so a test can cut one, as a flaky network would.
import type { StaffSessionState } from '../../../src/staff/staff-session';
import { mountStaffInbox, type MountedStaffInbox } from '../../../src/staff/ui/mount-staff-inbox';
import { openStaffInboxOverlay } from '../../../src/staff/ui/open-staff-inbox-overlay';

const sockets: WebSocket[] = [];
const NativeWebSocket = window.WebSocket;
window.WebSocket = class RecordedWebSocket extends NativeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    sockets.push(this);
  }
};

const params = new URLSearchParams(location.search);
const options = {
  service: params.get('service') ?? '',
  roomsDomain: params.get('rooms') ?? undefined,
  agents: (params.get('agents') ?? '').split(',').filter(Boolean),
  language: 'es',
} as const;
// `?overlay=1`: a store page with one button that opens the inbox over it.
let view: MountedStaffInbox;
if (params.get('overlay')) {
  const open = document.createElement('button');
  open.textContent = 'Abrir bandeja';
  document.querySelector('main')!.append(open);
  view = openStaffInboxOverlay(options);
  open.addEventListener('click', () => {
    view = openStaffInboxOverlay(options);
    window.staffView = view;
  });
} else {
  view = mountStaffInbox(document.querySelector('main')!, options);
}
const states: StaffSessionState[] = [];
view.session.on('status', ({ state }) => states.push(state));

declare global {
  interface Window {
    staffView: MountedStaffInbox;
    staffStates: StaffSessionState[];
    dropSocket(): void;
  }
}
window.staffView = view;
window.staffStates = states;
window.dropSocket = () => sockets.filter((s) => s.readyState === WebSocket.OPEN).forEach((s) => s.close());
