import { ChatbotError, toChatbotError } from '../core/errors';
import { withTimeout, type PushPlatform } from './platform';
import { decodeVapidKey } from './shared/vapid';

export interface SubscriptionDeps {
  platform: PushPlatform;
  timeoutMs: number;
  vapidPublicKey?: string | undefined;
  subscriptionEndpoint?: string | undefined;
  /** Extra fields sent with the subscription to the store's endpoint (user id, language). */
  describe(): Record<string, unknown>;
}

/**
 * Asks for the notification permission; resolves true when granted. Never hangs: a prompt left
 * unanswered past the timeout counts as not granted.
 * @example if (await requestPermission(deps)) await subscribe(deps);
 */
export async function requestPermission(deps: SubscriptionDeps): Promise<boolean> {
  const current = deps.platform.permission();
  if (current === 'unsupported' || current === 'denied') return false;
  if (current === 'granted') return true;
  try {
    return (await withTimeout(deps.platform.requestPermission(), deps.timeoutMs, 'the permission prompt')) === 'granted';
  } catch {
    return false;
  }
}

/** Maps the browser's subscribe failures to what the caller can act on. */
function subscribeError(error: unknown, platform: PushPlatform): ChatbotError {
  if (error instanceof ChatbotError) return error;
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (!platform.online()) return new ChatbotError('OFFLINE', 'no network connection: the push service cannot be reached', { cause: error });
  if (name === 'NotAllowedError' || (platform.permission() !== 'granted' && /permission/i.test(message))) {
    return new ChatbotError('PERMISSION_DENIED', 'notifications are blocked for this site', { cause: error });
  }
  if (name === 'InvalidAccessError' || name === 'InvalidCharacterError') {
    return new ChatbotError('VALIDATION', `the VAPID public key was rejected: ${message}`, { cause: error });
  }
  // Chromium reports an unreachable push service (no network to FCM, a closed network) as
  // "AbortError: Registration failed - …" even with permission granted.
  return new ChatbotError('NETWORK', `the browser's push service could not be reached (${name || 'Error'}: ${message})`, { cause: error });
}

async function post(deps: SubscriptionDeps, method: 'POST' | 'DELETE', body: unknown): Promise<void> {
  if (!deps.subscriptionEndpoint) return;
  let response: Response;
  try {
    response = await withTimeout(
      deps.platform.fetch(deps.subscriptionEndpoint, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' }),
      deps.timeoutMs,
      `${method} ${deps.subscriptionEndpoint}`,
    );
  } catch (error) {
    if (error instanceof ChatbotError) throw error;
    throw new ChatbotError(deps.platform.online() ? 'NETWORK' : 'OFFLINE', `cannot reach ${deps.subscriptionEndpoint}`, { cause: error });
  }
  if (!response.ok) throw new ChatbotError('NETWORK', `${deps.subscriptionEndpoint} answered ${response.status}`);
}

/**
 * Subscribes to Web Push with the store's VAPID key and reports it to the store's endpoint.
 * Fails fast with UNSUPPORTED, VALIDATION (no/invalid key), PERMISSION_DENIED, OFFLINE, NETWORK
 * (no push service) or TIMEOUT; never hangs.
 * @example const json = await subscribe(deps); // { endpoint, expirationTime, keys: { p256dh, auth } }
 */
export async function subscribe(deps: SubscriptionDeps): Promise<PushSubscriptionJSON> {
  const { platform } = deps;
  if (!platform.pushSupported()) throw new ChatbotError('UNSUPPORTED', 'this browser has no Web Push (service worker + PushManager)');
  if (!deps.vapidPublicKey) throw new ChatbotError('VALIDATION', 'no VAPID public key configured (pushNotifications.vapidPublicKey or data-vapid-key)');
  if (!(await requestPermission(deps))) throw new ChatbotError('PERMISSION_DENIED', 'notification permission was not granted');
  if (!platform.online()) throw new ChatbotError('OFFLINE', 'no network connection: the push service cannot be reached');
  const registration = await platform.registration();
  if (!registration) throw new ChatbotError('UNSUPPORTED', 'no service worker is registered for this page');
  const key = decodeVapidKey(deps.vapidPublicKey);
  let subscription: PushSubscription;
  try {
    const existing = await withTimeout(registration.pushManager.getSubscription(), deps.timeoutMs, 'pushManager.getSubscription');
    if (existing && sameKey(existing.options.applicationServerKey, key)) subscription = existing;
    else {
      await existing?.unsubscribe();
      subscription = await withTimeout(
        registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }),
        deps.timeoutMs,
        'pushManager.subscribe',
      );
    }
  } catch (error) {
    throw subscribeError(error, platform);
  }
  const json = subscription.toJSON();
  await post(deps, 'POST', { subscription: json, ...deps.describe() });
  return json;
}

/**
 * Removes the browser's push subscription and tells the store's endpoint. Resolves false when
 * there was none.
 * @example await unsubscribe(deps) // true
 */
export async function unsubscribe(deps: SubscriptionDeps, onRemoved: () => void = () => undefined): Promise<boolean> {
  if (!deps.platform.pushSupported()) return false;
  const registration = await deps.platform.registration();
  if (!registration) return false;
  let subscription: PushSubscription | null;
  try {
    subscription = await withTimeout(registration.pushManager.getSubscription(), deps.timeoutMs, 'pushManager.getSubscription');
    if (!subscription) return false;
    await withTimeout(subscription.unsubscribe(), deps.timeoutMs, 'PushSubscription.unsubscribe');
  } catch (error) {
    throw toChatbotError(error, 'NETWORK');
  }
  // The browser side is gone whatever the store's endpoint answers next.
  onRemoved();
  await post(deps, 'DELETE', { endpoint: subscription.endpoint, ...deps.describe() });
  return true;
}

function sameKey(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean {
  if (!a) return false;
  const bytes = new Uint8Array(a);
  return bytes.length === b.length && bytes.every((value, i) => value === b[i]);
}
