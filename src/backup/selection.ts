import { BACKUP_KV, type BackupSource } from '../storage';

export type { BackupSource } from '../storage';

/** The seed's `includedData` names. */
export const INCLUDED_DATA = [
  'localStorage', 'sessionStorage', 'indexedDB', 'cart', 'wishlist', 'orders', 'conversations', 'notifications',
] as const;
export type IncludedData = (typeof INCLUDED_DATA)[number];

/** The widget's stores behind `conversations` and `notifications`. */
const WIDGET_STORE_GROUPS = {
  conversations: ['conversations', 'messages', 'reactions', 'receipts', 'mentions', 'attachments'],
  notifications: ['notifications', 'scheduled', 'notificationQueue'],
} as const;

/**
 * Never backed up nor restored: the backups themselves, the journal (the history point-in-time
 * recovery replays; an old copy would erase newer history) and the outbox (requests already
 * delivered would be sent again).
 */
export const EXCLUDED_WIDGET_STORES: ReadonlySet<string> = new Set(['backups', 'backupBlobs', 'journal', 'outbox']);

/** The backup module's own kv records (config, schedule state) are not part of the data. */
export const OWN_KV_PREFIX = BACKUP_KV.prefix;

/** What a backup read (or a restore touches), resolved from `includedData` or from a backup's sources. */
export interface Selection {
  /** `'all'`, some keys, or none. */
  localStorage: 'all' | readonly string[] | null;
  sessionStorage: boolean;
  /** Every database of the origin, or these databases (all their stores, or some). */
  indexedDB: 'all' | ReadonlyArray<{ database: string; stores: 'all' | readonly string[] }>;
}

/** localStorage keys of the store page behind `cart`, `wishlist`, `orders`. */
export interface DataKeys {
  cart: readonly string[];
  wishlist: readonly string[];
  orders: readonly string[];
}

/**
 * @example
 * selectionFor(['cart', 'conversations'], keys, 'chatbot-repuestos-motos')
 * // { localStorage: ['repuestos-motos:cart'], sessionStorage: false, indexedDB: [{ database: 'chatbot-repuestos-motos', stores: ['conversations', …] }] }
 */
export function selectionFor(included: readonly IncludedData[], keys: DataKeys, widgetName: string): Selection {
  const set = new Set(included);
  const localKeys = [...(set.has('cart') ? keys.cart : []), ...(set.has('wishlist') ? keys.wishlist : []), ...(set.has('orders') ? keys.orders : [])];
  const widgetStores = [
    ...(set.has('conversations') ? WIDGET_STORE_GROUPS.conversations : []),
    ...(set.has('notifications') ? WIDGET_STORE_GROUPS.notifications : []),
  ];
  return {
    localStorage: set.has('localStorage') ? 'all' : localKeys.length > 0 ? [...new Set(localKeys)] : null,
    sessionStorage: set.has('sessionStorage'),
    indexedDB: set.has('indexedDB') ? 'all' : widgetStores.length > 0 ? [{ database: widgetName, stores: widgetStores }] : [],
  };
}

/** Exactly what restoring these sources touches: the scope of a restore's safety backup. */
export function selectionOf(sources: readonly BackupSource[], restoreSession: boolean): Selection {
  const selection: { localStorage: Selection['localStorage']; sessionStorage: boolean; indexedDB: Array<{ database: string; stores: readonly string[] }> } = {
    localStorage: null,
    sessionStorage: false,
    indexedDB: [],
  };
  for (const source of sources) {
    if (source.kind === 'localStorage') selection.localStorage = source.only ?? 'all';
    else if (source.kind === 'sessionStorage') selection.sessionStorage = restoreSession;
    else selection.indexedDB.push({ database: source.database, stores: source.stores.map((store) => store.name) });
  }
  return selection;
}
