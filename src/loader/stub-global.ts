import type { ChatbotSystem } from '../system';
import { STUB_KEY, type StubState } from './stub-protocol';

/**
 * `window.CHATBOT_SYSTEM` as chatbot.js installs it: a stand-in (a Proxy) that records calls
 * until the app replaces it with the real system. Kept out of the package's types (nothing the
 * ES module entry exports imports this file), so integrators' own `Window` is left alone.
 */
export interface StubGlobal {
  readonly version: string;
  readonly ready: Promise<unknown>;
  readonly [STUB_KEY]: StubState;
}

declare global {
  interface Window {
    /** The chatbot.js stand-in, then the real system (which has no stub state). */
    CHATBOT_SYSTEM?: StubGlobal | (ChatbotSystem & { readonly [STUB_KEY]?: undefined });
    /** The store's configuration; the script tag's data-* attributes override it. */
    CHATBOT_CONFIG?: Record<string, unknown>;
  }
}

/**
 * The chatbot.js stub's state, while its stand-in is installed.
 * @example const stub = stubOf(window); stub?.queue.length;
 */
export function stubOf(host: Window): StubState | undefined {
  return host.CHATBOT_SYSTEM?.[STUB_KEY];
}

/**
 * The install offer the stub caught before the app loaded, if any (taken once).
 * @example const offer = takeEarlyInstallPrompt(window);
 */
export function takeEarlyInstallPrompt(host: Window): Event | undefined {
  const stub = stubOf(host);
  const event = stub?.installPrompt;
  if (stub) delete stub.installPrompt;
  return event;
}
