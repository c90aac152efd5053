// The browser side of tests/e2e/live-protocol.test.ts: the widget's protocol layer (Strophe),
// bundled by Vite as the widget will be, with a small harness the test drives through
// page.evaluate(). Sockets are recorded so a test can cut one, as a flaky network would.
import type { LiveEvent } from '../../../src/live-chat/protocol/live-event';
import * as builders from '../../../src/live-chat/protocol/message-builders';
import { createBackoffPolicy } from '../../../src/live-chat/protocol/reconnect-policy';
import { registerThrowawayAccount, type ThrowawayAccount } from '../../../src/live-chat/protocol/register-account';
import { createXmppConnection, type InvalidStanza, type XmppConnection, type XmppConnectionEvents } from '../../../src/live-chat/protocol/xmpp-connection';

const sockets: WebSocket[] = [];
const NativeWebSocket = window.WebSocket;
window.WebSocket = class RecordedWebSocket extends NativeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    sockets.push(this);
  }
};

const harness = {
  builders,
  account: undefined as ThrowawayAccount | undefined,
  connection: undefined as XmppConnection | undefined,
  events: [] as LiveEvent[],
  invalid: [] as InvalidStanza[],
  statuses: [] as Array<XmppConnectionEvents['status']>,

  async start(service: string, domain: string, options: { streamManagement?: boolean; keepAliveMs?: number } = {}): Promise<string> {
    harness.account = await registerThrowawayAccount({ service, domain });
    const connection = createXmppConnection({
      service,
      jid: harness.account.jid,
      password: harness.account.password,
      streamManagement: options.streamManagement ?? true,
      reconnect: createBackoffPolicy({ initialMs: 50, maxMs: 1_000 }),
      ...(options.keepAliveMs ? { keepAliveMs: options.keepAliveMs } : {}),
    });
    connection.on('event', (event) => harness.events.push(event));
    connection.on('invalid', (report) => harness.invalid.push(report));
    connection.on('status', (status) => harness.statuses.push(status));
    await connection.connect();
    harness.connection = connection;
    return connection.jid ?? '';
  },

  /**
   * The network goes silent without closing the socket (a NAT that forgot it): nothing the page
   * sends leaves, nothing the server sends arrives, and the browser still says "open".
   */
  silenceSocket(): void {
    for (const socket of sockets.filter((s) => s.readyState === WebSocket.OPEN)) {
      socket.send = () => undefined;
      socket.onmessage = null;
    }
  },

  /** Cuts the live socket without a goodbye, as a network drop would. */
  dropSocket(): void {
    sockets.filter((s) => s.readyState === WebSocket.OPEN).forEach((s) => s.close());
  },

  newId: (): string => crypto.randomUUID(),
};

declare global {
  interface Window {
    live: typeof harness;
  }
}
window.live = harness;
