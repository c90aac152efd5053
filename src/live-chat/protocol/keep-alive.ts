import type { Clock } from '../../core/clock';

export interface KeepAliveOptions {
  clock: Clock;
  /** Quiet time before the server is pinged, and how long the ping may wait for its answer. */
  intervalMs: number;
  /** Sends a ping (XEP-0199); its answer reaches `heard()` like any other inbound stanza. */
  ping(): Promise<unknown>;
  /** The connection is dead: close it (the reconnection and resumption follow). */
  onDead(): void;
}

export interface KeepAlive {
  /** Something arrived from the server: the connection is alive. */
  heard(): void;
  /** Starts watching (a stream is up). */
  start(): void;
  /** Stops watching (the stream ended, or the page closes it). */
  stop(): void;
}

/**
 * Notices a connection that died silently (a phone that switched networks, a NAT that forgot the
 * socket): the browser keeps a WebSocket "open" for minutes with nothing behind it. After
 * `intervalMs` with nothing from the server it sends a ping; an answer, or anything else
 * arriving meanwhile, means alive. A ping left unanswered for another `intervalMs` means dead: `onDead` runs once. A dead connection is noticed between
 * 2 × and 3 × `intervalMs` after it went silent; nothing is sent while traffic flows.
 * @example const keepAlive = createKeepAlive({ clock, intervalMs: 20_000, ping: () => request(buildPing({ id })), onDead: () => drop() });
 */
export function createKeepAlive(options: KeepAliveOptions): KeepAlive {
  const { clock, intervalMs } = options;
  let timer: unknown;
  let heardSinceTick = false;
  let pinging = false;
  let running = false;

  const schedule = (): void => {
    timer = clock.setTimeout(tick, intervalMs);
  };
  const tick = (): void => {
    timer = undefined;
    if (!running) return;
    if (heardSinceTick) {
      heardSinceTick = false;
      pinging = false;
      return schedule();
    }
    if (pinging) {
      // The ping sent a tick ago got nothing back, and nothing else came either.
      running = false;
      pinging = false;
      options.onDead();
      return;
    }
    pinging = true;
    // Whatever the server sends back (the answer, an error, any other stanza) is heard(): the
    // outcome itself does not matter, only whether anything arrives before the next tick.
    options.ping().catch(() => undefined);
    schedule();
  };

  return {
    heard() {
      heardSinceTick = true;
    },
    start() {
      if (running) return;
      running = true;
      heardSinceTick = false;
      pinging = false;
      schedule();
    },
    stop() {
      running = false;
      pinging = false;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
