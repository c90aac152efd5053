/**
 * Every message the open tabs and the service worker of one origin send each other, in one
 * discriminated union (`kind`). Core depends on no module, so the shapes are written out here;
 * each module narrows them to its own types (storage checks store names, push error codes).
 * The `kind` strings are a wire format: a page and a service worker of different versions talk
 * during an update, so a kind is added, never renamed.
 */

/** A committed storage write, as the storage core announces it (`src/storage` types store and value). */
export interface TabStorageChange {
  store: string;
  op: 'put' | 'delete' | 'clear';
  key?: string;
  value?: { readonly id: string };
}

export type TabPayload =
  /** Writes this tab committed; the others update their read models. */
  | { kind: 'storage'; changes: TabStorageChange[] }
  /** A typing indicator started or stopped (never stored). */
  | { kind: 'messaging-typing'; conversationId: string; userId: string; typing: boolean }
  /** A backup was restored: every read model is stale; `reload` asks the other tabs to reload. */
  | { kind: 'backup'; type: 'restored'; backupId: string; timestamp: string; reload: boolean }
  /** A visitor is active in some tab (the live "users online" figure). */
  | { kind: 'analytics-presence'; anonymousId: string; userId: string | null; at: number }
  /** The service worker's notification events and failures. */
  | { kind: 'push'; type: 'clicked'; id: string; ids: string[]; action: string; url: string | null }
  | { kind: 'push'; type: 'closed'; id: string }
  | { kind: 'push'; type: 'subscription_changed'; subscription: PushSubscriptionJSON | null }
  | { kind: 'push'; type: 'error'; code?: string | undefined; message: string };

export type TabPayloadKind = TabPayload['kind'];
/** The payloads of one kind: `TabPayloadOf<'push'>` is the union of the worker's messages. */
export type TabPayloadOf<K extends TabPayloadKind> = Extract<TabPayload, { kind: K }>;

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isOptionalString = (value: unknown): boolean => value === undefined || isString(value);
const isStringOrNull = (value: unknown): boolean => value === null || isString(value);
const CHANGE_OPS: ReadonlySet<unknown> = new Set(['put', 'delete', 'clear']);

function isStorageChange(value: unknown): boolean {
  return (
    isFields(value) && isString(value.store) && CHANGE_OPS.has(value.op) && isOptionalString(value.key) &&
    (value.value === undefined || (isFields(value.value) && isString(value.value.id)))
  );
}

function isPushPayload(p: Fields): boolean {
  switch (p.type) {
    case 'clicked':
      return isString(p.id) && Array.isArray(p.ids) && p.ids.every(isString) && isString(p.action) && isStringOrNull(p.url);
    case 'closed':
      return isString(p.id);
    case 'subscription_changed':
      return p.subscription === null || (isFields(p.subscription) && isOptionalString(p.subscription.endpoint));
    case 'error':
      return isOptionalString(p.code) && isString(p.message);
    default:
      return false;
  }
}

/** One shape check per kind; the mapped type makes a new kind without a check a compile error. */
const SHAPES: { readonly [K in TabPayloadKind]: (payload: Fields) => boolean } = {
  storage: (p) => Array.isArray(p.changes) && p.changes.every(isStorageChange),
  'messaging-typing': (p) => isString(p.conversationId) && isString(p.userId) && typeof p.typing === 'boolean',
  backup: (p) => p.type === 'restored' && isString(p.backupId) && isString(p.timestamp) && typeof p.reload === 'boolean',
  'analytics-presence': (p) => isString(p.anonymousId) && isStringOrNull(p.userId) && Number.isFinite(p.at),
  push: isPushPayload,
};

/** @example isTabPayloadKind('storage') // true */
export function isTabPayloadKind(value: unknown): value is TabPayloadKind {
  return isString(value) && Object.hasOwn(SHAPES, value);
}

/**
 * Whether a message from another tab is one of ours, with the fields its kind needs. Any script
 * of the origin can post on the channel (and an older worker may send an older shape): what does
 * not match is ignored, never cast.
 * @example if (isTabPayload(event.data.payload)) deliver(event.data.payload);
 */
export function isTabPayload(value: unknown): value is TabPayload {
  return isFields(value) && isTabPayloadKind(value.kind) && SHAPES[value.kind](value);
}

/** @example if (hasKind(payload, 'messaging-typing')) payload.userId */
export function hasKind<K extends TabPayloadKind>(payload: TabPayload, kind: K): payload is TabPayloadOf<K> {
  return payload.kind === kind;
}
