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
  | { kind: 'push'; type: 'error'; code?: string | undefined; message: string }
  /** The tab that holds the live chat's connection tells the others where it stands; a new tab asks. */
  | { kind: 'live-chat'; type: 'status'; status: string; pending: number }
  | { kind: 'live-chat'; type: 'ask' };

export type TabPayloadKind = TabPayload['kind'];
/** The payloads of one kind: `TabPayloadOf<'push'>` is the union of the worker's messages. */
export type TabPayloadOf<K extends TabPayloadKind> = Extract<TabPayload, { kind: K }>;

type Fields = Record<string, unknown>;
type Check = (value: unknown) => boolean;
/** A check for every field of a payload but its discriminants: a guard cannot miss a field its type has. */
type FieldChecks<P> = { readonly [F in Exclude<keyof P, 'kind' | 'type'>]-?: Check };
/** Payload kinds told apart by a second discriminant, `type`; their checks are keyed `kind/type`. */
type TypedKind = Extract<TabPayload, { type: string }>['kind'];
type CheckKey = Exclude<TabPayloadKind, TypedKind> | { [K in TypedKind]: `${K}/${TabPayloadOf<K>['type']}` }[TypedKind];
type PayloadAt<Key> = Key extends `${infer K}/${infer T}` ? Extract<TabPayload, { kind: K; type: T }> : Extract<TabPayload, { kind: Key }>;

const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isBoolean = (value: unknown): boolean => typeof value === 'boolean';
const isOptionalString = (value: unknown): boolean => value === undefined || isString(value);
const isStringOrNull = (value: unknown): boolean => value === null || isString(value);
const isListOf = (check: Check) => (value: unknown): boolean => Array.isArray(value) && value.every(check);
const hasFields = (value: unknown, checks: Readonly<Record<string, Check>>): boolean =>
  isFields(value) && Object.entries(checks).every(([field, check]) => check(value[field]));

const STORAGE_CHANGE: FieldChecks<TabStorageChange> = {
  store: isString,
  op: (op) => op === 'put' || op === 'delete' || op === 'clear',
  key: isOptionalString,
  value: (value) => value === undefined || hasFields(value, { id: isString }),
};

/** The mapped type makes a kind (or a type of a kind) without its checks a compile error. */
const CHECKS: { readonly [Key in CheckKey]: FieldChecks<PayloadAt<Key>> } = {
  storage: { changes: isListOf((change) => hasFields(change, STORAGE_CHANGE)) },
  'messaging-typing': { conversationId: isString, userId: isString, typing: isBoolean },
  'analytics-presence': { anonymousId: isString, userId: isStringOrNull, at: Number.isFinite },
  'backup/restored': { backupId: isString, timestamp: isString, reload: isBoolean },
  'push/clicked': { id: isString, ids: isListOf(isString), action: isString, url: isStringOrNull },
  'push/closed': { id: isString },
  'push/subscription_changed': { subscription: (value) => value === null || hasFields(value, { endpoint: isOptionalString }) },
  'push/error': { code: isOptionalString, message: isString },
  'live-chat/status': { status: isString, pending: Number.isSafeInteger },
  'live-chat/ask': {},
};
const CHECKS_BY_KEY: Readonly<Partial<Record<string, Readonly<Record<string, Check>>>>> = CHECKS;

/**
 * Whether a message from another tab is one of ours, with the fields its kind needs. Any script
 * of the origin can post on the channel (and an older worker may send an older shape): what does
 * not match is ignored, never cast.
 * @example if (isTabPayload(event.data.payload)) deliver(event.data.payload);
 */
export function isTabPayload(value: unknown): value is TabPayload {
  if (!isFields(value) || !isString(value.kind) || value.kind.includes('/')) return false;
  const key = isString(value.type) ? `${value.kind}/${value.type}` : value.kind;
  const checks = Object.hasOwn(CHECKS_BY_KEY, value.kind) ? CHECKS_BY_KEY[value.kind] : Object.hasOwn(CHECKS_BY_KEY, key) ? CHECKS_BY_KEY[key] : undefined;
  return checks !== undefined && hasFields(value, checks);
}

/** @example if (hasKind(payload, 'messaging-typing')) payload.userId */
export function hasKind<K extends TabPayloadKind>(payload: TabPayload, kind: K): payload is TabPayloadOf<K> {
  return payload.kind === kind;
}
