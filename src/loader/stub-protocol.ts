/**
 * The contract between the script-tag stub (`chatbot.js`) and the app bundle it loads: calls made
 * on the globals before the bundle is there are recorded here and replayed by the app, the way
 * PostHog's snippet queues calls until its bundle loads.
 */
export interface QueuedCall {
  path: string[];
  /** `call` invokes the function at `path`; `set` assigns `value` to it. */
  kind: 'call' | 'set';
  args: unknown[];
  value?: unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export interface StubState {
  queue: QueuedCall[];
  /** The script tag's data-* attributes. */
  dataset: Record<string, string>;
  /** Absolute URL of chatbot.js: the app bundle and its chunks are resolved against it. */
  scriptSrc: string;
  /** Called by the app with the real system's `ready` once it is installed. */
  settle(ready: Promise<unknown>): void;
}

export const STUB_KEY = '__chatbotStub';
export const APP_FILE = 'chatbot-app.js';

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
