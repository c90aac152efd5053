import { backoffDelay } from '../../core/backoff';

/**
 * When to try again after the connection dropped. Injected into the connection so tests (and a
 * page that knows it is offline) decide the rhythm.
 * @example const policy: ReconnectPolicy = { delayFor: (attempt) => (attempt <= 3 ? 100 : undefined) };
 */
export interface ReconnectPolicy {
  /** Milliseconds to wait before attempt number `attempt` (1, 2, …), or `undefined` to give up. */
  delayFor(attempt: number): number | undefined;
}

export interface BackoffOptions {
  /** Delay before the first attempt. */
  initialMs?: number;
  /** Ceiling of the delay. */
  maxMs?: number;
  /** Fraction of the delay drawn at random (0–1), so many clients do not come back at once. */
  jitter?: number;
  /** Attempts before giving up (default: never give up). */
  maxAttempts?: number;
  /** A number in [0, 1). */
  random?: () => number;
}

/**
 * The widget's one backoff rule (core/backoff.ts) as a reconnect policy: 0.5 s, 1 s, 2 s … up to 30 s by default, never giving up.
 * @example createXmppConnection({ …, reconnect: createBackoffPolicy({ maxMs: 10_000 }) })
 */
export function createBackoffPolicy(options: BackoffOptions = {}): ReconnectPolicy {
  const { initialMs = 500, maxMs = 30_000, jitter = 0.3, maxAttempts = Infinity, random = Math.random } = options;
  return {
    delayFor: (attempt) => (attempt > maxAttempts ? undefined : backoffDelay(attempt, { baseMs: initialMs, maxMs, jitter }, random())),
  };
}
