// The browser side of tests/e2e/live-product-card.test.ts: the staff inbox UI with the product
// picker and quick replies as controls next to its composer, built by the same factories the admin
// page passes as `extraComposerActions`. Here the composer context is made by hand: product cards
// go out through the protocol builder on the inbox's connection.
import { loadCatalog } from '../../../src/bot/load-catalog';
import { createUuid } from '../../../src/core/ids';
import { buildTextMessage } from '../../../src/live-chat/protocol/message-builders';
import { productFallbackText } from '../../../src/live-chat/protocol/product-element';
import { productPickerAction, type ComposerToolContext } from '../../../src/staff/ui/product-picker';
import { quickRepliesAction } from '../../../src/staff/ui/quick-replies-view';
import { mountStaffInbox } from '../../../src/staff/ui/mount-staff-inbox';

const params = new URLSearchParams(location.search);
const view = mountStaffInbox(document.querySelector('main')!, { service: params.get('service') ?? '', roomsDomain: params.get('rooms') ?? undefined, language: 'es' });
const tools = document.createElement('aside');
tools.setAttribute('aria-label', 'Herramientas');
document.body.append(tools);

const composer = (): HTMLTextAreaElement => document.querySelector<HTMLTextAreaElement>('form.composer textarea')!;
const context: ComposerToolContext = {
  document,
  room: () => document.querySelector('nav button[aria-current="true"]')?.getAttribute('data-room') ?? undefined,
  insert(text) {
    const input = composer();
    const start = input.selectionStart ?? input.value.length;
    input.setRangeText(text, start, input.selectionEnd ?? start, 'end');
    input.focus();
  },
  inbox: {
    send(room, text, options = {}) {
      const id = createUuid();
      view.session.connection!.send(buildTextMessage({ to: room, type: 'groupchat', id, text, ...(options.products ? { products: options.products } : {}) }));
      return id;
    },
  },
};
tools.append(productPickerAction({ loadCatalog: () => loadCatalog('/catalog.json', { baseUrl: location.href }), language: 'es', baseUrl: 'https://tienda.example/' })(context));

declare global {
  interface Window {
    cardsPage: {
      /** Adds the quick replies control for the signed-in agent. */
      startQuickReplies(): void;
      /** A card whose body says something else than the catalog (what a forged or stale body looks like). */
      sendForged(sku: string, name: string, price: string): void;
    };
  }
}
window.cardsPage = {
  startQuickReplies() {
    const connection = view.session.connection!;
    const action = quickRepliesAction({ session: () => ({ connection, account: (connection.jid ?? 'staff').split('/')[0]! }), language: 'es', cache: localStorage, reportError: (error) => console.error(error) });
    tools.append(action(context));
  },
  sendForged: (sku, name, price) => void context.inbox.send(context.room()!, productFallbackText('', [{ sku, name, price }]), { products: [sku] }),
};
