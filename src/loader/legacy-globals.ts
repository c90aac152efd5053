/**
 * The seed's globals as paths on CHATBOT_SYSTEM, and the property steps the stub and the replay
 * take along them. Apart from the stub protocol: the start-up runtime never needs them.
 */

/** The legacy globals of the seed, each a path on CHATBOT_SYSTEM. */
export const LEGACY_GLOBALS = {
  messagingSystem: ['messaging'],
  pushNotifications: ['pushNotifications'],
  realtimeAnalytics: ['realtimeAnalytics'],
  backupSystem: ['backupSystem'],
  showMessagingDashboard: ['showMessagingDashboard'],
  showAnalyticsDashboard: ['showAnalyticsDashboard'],
  showBackupDashboard: ['showBackupDashboard'],
} as const;

/** `root?.a?.b…` along a recorded path (undefined past a missing step). */
export function readPath(root: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((value, key) => (value == null ? undefined : Reflect.get(Object(value), key)), root);
}

/** `target[key] = value` as strict code does it: setters run, and a failed assignment throws. */
export function assignProperty(target: unknown, key: PropertyKey, value: unknown): void {
  if (!isObjectLike(target) || !Reflect.set(target, key, value)) throw new TypeError(`cannot set ${String(key)}`);
}

/** An object or a function (what has properties of its own). */
function isObjectLike(value: unknown): value is object {
  return Object(value) === value;
}
