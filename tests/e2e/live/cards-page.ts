// The browser side of tests/e2e/live-product-card.test.ts: the staff inbox UI with the two pieces
// of this change wired next to its composer the way the admin page is meant to (product picker,
// quick replies). Product cards go out through the protocol builder on the inbox's connection.
import type { Product } from '../../../src/bot/catalog';
import { loadCatalog } from '../../../src/bot/load-catalog';
import { createUuid } from '../../../src/core/ids';
import { buildTextMessage } from '../../../src/live-chat/protocol/message-builders';
import { productFallbackText, type ProductMention } from '../../../src/live-chat/protocol/product-element';
import { createQuickReplies, type QuickReplies } from '../../../src/staff/quick-replies';
import { mountProductPicker, productMention } from '../../../src/staff/ui/product-picker';
import { mountQuickReplies } from '../../../src/staff/ui/quick-replies-view';
import { mountStaffInbox } from '../../../src/staff/ui/mount-staff-inbox';

const params = new URLSearchParams(location.search);
const main = document.querySelector('main')!;
const view = mountStaffInbox(main, { service: params.get('service') ?? '', roomsDomain: params.get('rooms') ?? undefined, language: 'es' });
const tools = document.createElement('aside');
tools.setAttribute('aria-label', 'Herramientas');
document.body.append(tools);

/** The room of the conversation open in the inbox. */
const openRoom = (): string | undefined => document.querySelector('nav button[aria-current="true"]')?.getAttribute('data-room') ?? undefined;

function sendCard(room: string, text: string, products: readonly ProductMention[]): void {
  view.session.connection!.send(buildTextMessage({ to: room, type: 'groupchat', id: createUuid(), text: productFallbackText(text, products), products: products.map((p) => p.sku) }));
}

let quick: QuickReplies | undefined;
const ready = (async () => {
  const catalog = await loadCatalog('/catalog.json', { baseUrl: location.href });
  mountProductPicker(tools, {
    catalog,
    language: 'es',
    onPick: (product: Product) => {
      const room = openRoom();
      if (room) sendCard(room, 'Este te sirve:', [productMention(product, catalog, { language: 'es', baseUrl: 'https://tienda.example/' })]);
    },
  });
})();

declare global {
  interface Window {
    cardsPage: {
      ready: Promise<void>;
      /** Signs in the quick replies of the signed-in agent and shows them. */
      startQuickReplies(): Promise<void>;
      quickReplies(): QuickReplies;
      /** A card whose body says something else than the catalog (what a forged or stale body looks like). */
      sendForged(sku: string, name: string, price: string): void;
    };
  }
}
window.cardsPage = {
  ready,
  async startQuickReplies() {
    const connection = view.session.connection!;
    quick = createQuickReplies({ connection, account: (connection.jid ?? 'staff').split('/')[0]!, cache: localStorage });
    await quick.load();
    mountQuickReplies(tools, {
      quickReplies: quick,
      language: 'es',
      onInsert: (text) => {
        const composer = document.querySelector<HTMLTextAreaElement>('form.composer textarea')!;
        composer.value = text;
        composer.focus();
      },
    });
  },
  quickReplies: () => quick!,
  sendForged: (sku, name, price) => sendCard(openRoom()!, '', [{ sku, name, price }]),
};
