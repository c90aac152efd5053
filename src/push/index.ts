/**
 * Push notifications: `CHATBOT_SYSTEM.pushNotifications` (the seed's `window.pushNotifications`).
 * @example
 * import { createPushNotifications } from './push';
 * const push = createPushNotifications(ctx);
 * await push.send('¡Nuevo mensaje!', { body: 'Juan te envió un mensaje', category: 'messages' });
 */
export { createPushNotifications } from './push-notifications';
export { createMessageBursts, MESSAGE_BURST_MS } from './message-bursts';
export type { MessageBursts } from './message-bursts';
export type { PushDeps, PushModule } from './push-notifications';
export type { PushEvents, PushNotifications, ScheduledNotification } from './types';
export type { NotificationFilter, NotificationStats } from './center';
export { createBrowserPlatform, withTimeout } from './platform';
export type { PushPlatform } from './platform';
export { CATEGORIES, PRIORITIES } from './shared/constants';
export type { Category, Priority } from './shared/constants';
export { DEFAULT_PREFERENCES, PreferencesSchema } from './shared/preferences';
export type { Preferences, PreferencesPatch, QuietHours } from './shared/preferences';
export type { NotificationRecord, NotificationStatus } from './shared/records';
export { SendOptionsSchema } from './shared/schemas';
export type { SendOptions } from './shared/schemas';
export { PushPayloadSchema } from './shared/payload';
export type { PushPayload } from './shared/payload';
export { PushConfigSchema } from './shared/settings';
export type { PushConfig } from './shared/settings';
export type { MessageInput, OrderInput, PromotionInput, ReviewInput } from './shared/typed';
