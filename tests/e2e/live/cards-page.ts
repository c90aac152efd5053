// The browser side of tests/e2e/live-product-card.test.ts: the staff inbox UI as the admin page
// mounts it, with the store's catalog, so its composer has the product picker and the agent's
// quick replies. `sendForged` posts what a forged or stale product message looks like.
import { productFallbackText } from '../../../src/live-chat/protocol/product-element';
import { mountStaffInbox } from '../../../src/staff/ui/mount-staff-inbox';

const params = new URLSearchParams(location.search);
const view = mountStaffInbox(document.querySelector('main')!, {
  service: params.get('service') ?? '', roomsDomain: params.get('rooms') ?? undefined, language: 'es', catalogUrl: '/catalog.json',
});

declare global {
  interface Window {
    cardsPage: {
      /** A card whose body says something else than the catalog (what a forged or stale body looks like). */
      sendForged(sku: string, name: string, price: string): void;
    };
  }
}
window.cardsPage = {
  sendForged(sku, name, price) {
    const room = document.querySelector('nav button[aria-current="true"]')?.getAttribute('data-room');
    if (room) view.inbox?.send(room, productFallbackText('', [{ sku, name, price }]), { products: [sku] });
  },
};
