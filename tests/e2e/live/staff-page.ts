// The browser side of tests/e2e/staff-inbox.test.ts: the staff inbox UI (src/staff/ui) mounted on
// a bare page, configured from the query string, as admin.html will host it.
import { mountStaffInbox, type MountedStaffInbox } from '../../../src/staff/ui/mount-staff-inbox';

const params = new URLSearchParams(location.search);
const view = mountStaffInbox(document.querySelector('main')!, {
  service: params.get('service') ?? '',
  roomsDomain: params.get('rooms') ?? undefined,
  language: 'es',
});

declare global {
  interface Window {
    staffView: MountedStaffInbox;
  }
}
window.staffView = view;
