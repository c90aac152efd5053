import * as z from 'zod/mini';
import { systemClock, type Clock } from '../core/clock';
import { ChatbotError, toChatbotError } from '../core/errors';
import { createEvents, type Events } from '../core/events';
import { createUuid } from '../core/ids';
import { BareJidSchema } from '../live-chat/protocol/live-event';
import { createBackoffPolicy, type ReconnectPolicy } from '../live-chat/protocol/reconnect-policy';
import type { XmppConnection, XmppConnectionOptions } from '../live-chat/protocol/xmpp-connection';

/** Where the staff session is. `reconnecting` after a drop: it retries by itself, and `retry()` tries at once. */
export type StaffSessionState = 'signed-out' | 'signing-in' | 'connected' | 'reconnecting' | 'failed';

export interface StaffSessionStatus {
  state: StaffSessionState;
  /** Why it failed or dropped: `FORBIDDEN` (wrong JID or password), `NETWORK` (server unreachable). */
  error?: ChatbotError;
  /** When reconnecting: the attempt number and the wait before it. */
  attempt?: number;
  delayMs?: number;
}

export type StaffSessionEvents = { status: StaffSessionStatus };

export interface StaffSessionOptions {
  /** The store's XMPP WebSocket URL. */
  service: string;
  clock?: Clock;
  /** After a drop (default: backoff 0.5 s … 30 s, forever). */
  reconnect?: ReconnectPolicy;
  /** Connection attempts before signing in gives up with `NETWORK` (default 2). */
  signInAttempts?: number;
  /** Tests and hosts inject it; default: the protocol layer's, loaded on first sign-in. */
  createConnection?: (options: XmppConnectionOptions) => XmppConnection;
}

export interface StaffSession {
  readonly status: StaffSessionStatus;
  /** The signed-in connection, while there is one. */
  readonly connection: XmppConnection | undefined;
  on: Events<StaffSessionEvents>['on'];
  /**
   * Signs in with SCRAM. The password lives only in this session's memory (never in storage).
   * Rejects `VALIDATION` for a malformed JID, `FORBIDDEN` for a refused login, `NETWORK` when
   * the server cannot be reached.
   */
  signIn(jid: string, password: string): Promise<XmppConnection>;
  /** After a drop: tries to reconnect now instead of waiting. */
  retry(): void;
  signOut(): Promise<void>;
}

const SignInSchema = z.object({
  jid: BareJidSchema.check(z.regex(/@/)),
  password: z.string().check(z.minLength(1), z.maxLength(1023)),
});

/**
 * One staff member's session with the store's XMPP server: sign in (SCRAM through
 * createXmppConnection, the password kept in memory only), the connection's ups and downs as
 * typed statuses, retry and sign out.
 * @example
 * const session = createStaffSession({ service: 'wss://chat.tienda.co/xmpp-websocket' });
 * session.on('status', ({ state, error }) => show(state, error?.code));
 * const connection = await session.signIn('ana@staff.tienda.co', password);
 */
export function createStaffSession(options: StaffSessionOptions): StaffSession {
  const events = createEvents<StaffSessionEvents>();
  const clock = options.clock ?? systemClock;
  const afterDrop = options.reconnect ?? createBackoffPolicy();
  const attempts = options.signInAttempts ?? 2;
  let status: StaffSessionStatus = { state: 'signed-out' };
  let connection: XmppConnection | undefined;
  let everConnected = false;
  const set = (next: StaffSessionStatus): void => {
    status = next;
    events.emit('status', next);
  };

  return {
    get status() {
      return status;
    },
    get connection() {
      return connection;
    },
    on: events.on,
    async signIn(jid, password) {
      const input = SignInSchema.safeParse({ jid: jid.trim(), password });
      if (!input.success) throw new ChatbotError('VALIDATION', 'staff sign-in needs a JID (name@domain) and a password');
      if (connection) await connection.disconnect().catch(() => undefined);
      everConnected = false;
      set({ state: 'signing-in' });
      const make = options.createConnection ?? (await import('../live-chat/protocol/xmpp-connection')).createXmppConnection;
      const live = make({
        service: options.service,
        jid: `${input.data.jid}/staff-${createUuid().slice(0, 8)}`,
        password: input.data.password,
        clock,
        streamManagement: true,
        // Signing in gives up soon (the person is waiting for an answer); once in, it keeps trying.
        reconnect: { delayFor: (attempt) => (everConnected ? afterDrop.delayFor(attempt) : attempt >= attempts ? undefined : 250 * attempt) },
      });
      connection = live;
      live.on('status', ({ status: next, attempt, delayMs }) => {
        if (connection !== live) return;
        if (next === 'connected') {
          everConnected = true;
          set({ state: 'connected' });
        } else if (next === 'reconnecting' && everConnected) {
          set({ state: 'reconnecting', error: new ChatbotError('NETWORK', 'the connection to the chat server dropped'), ...(attempt !== undefined ? { attempt } : {}), ...(delayMs !== undefined ? { delayMs } : {}) });
        }
      });
      live.on('error', (error) => {
        if (connection === live && everConnected) set({ state: 'failed', error });
      });
      try {
        await live.connect();
        return live;
      } catch (error) {
        const failure = toChatbotError(error, 'NETWORK', 'signing in');
        connection = undefined;
        set({ state: 'failed', error: failure });
        throw failure;
      }
    },
    retry() {
      connection?.reconnectNow();
    },
    async signOut() {
      const live = connection;
      connection = undefined;
      everConnected = false;
      await live?.disconnect().catch(() => undefined);
      set({ state: 'signed-out' });
    },
  };
}
