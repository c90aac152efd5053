import { loadCatalog } from '../../bot/load-catalog';
import type { Language } from '../../core/config';
import type { XmppConnection } from '../../live-chat/protocol/xmpp-connection';
import type { ComposerAction } from './conversation-view';
import { productPickerAction } from './product-picker';
import { quickRepliesAction } from './quick-replies-view';

export interface StoreComposerActionsOptions {
  connection: XmppConnection;
  /** The signed-in agent's JID (its bare part owns the quick replies). */
  jid: string;
  language?: Language;
  /** The store's catalog; without it there is no product picker. */
  catalogUrl?: string;
}

/** `localStorage`, or nothing where the page may not use it (a sandboxed frame throws on access). */
function localCache(win: Window): Storage | undefined {
  try {
    return win.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * The controls every staff composer has: the agent's quick replies (private storage on the
 * server, so they follow the agent to any browser) and, with the store's catalog, the product
 * picker that sends a product card.
 * @example createConversationView({ …, extraComposerActions: storeComposerActions(window, { connection, jid, catalogUrl: '/catalog.json' }) });
 */
export function storeComposerActions(win: Window, options: StoreComposerActionsOptions): ComposerAction[] {
  const language = options.language ? { language: options.language } : {};
  const cache = localCache(win);
  const account = options.jid.split('/')[0] ?? options.jid;
  const actions: ComposerAction[] = [quickRepliesAction({ session: () => ({ connection: options.connection, account }), ...language, ...(cache ? { cache } : {}) })];
  const { catalogUrl } = options;
  if (catalogUrl) {
    const baseUrl = win.location.href;
    actions.push(productPickerAction({ loadCatalog: () => loadCatalog(catalogUrl, { baseUrl }), ...language, baseUrl }));
  }
  return actions;
}
