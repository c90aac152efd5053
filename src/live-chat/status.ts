/** Where the live chat stands, as the panel shows it. */
export const LIVE_STATES = ['off', 'connecting', 'connected', 'reconnecting', 'offline', 'failed'] as const;
export type LiveState = (typeof LIVE_STATES)[number];

/**
 * @example if (status.state === 'connected' && status.pending > 0) show('sending…');
 */
export interface LiveStatus {
  state: LiveState;
  /** Changes waiting in the outbox for the server (messages written offline…). */
  pending: number;
  /** This tab holds the browser's one connection (the others go through it). */
  owner: boolean;
}

export const LIVE_OFF: LiveStatus = { state: 'off', pending: 0, owner: false };
