import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dbus from 'dbus-next';

/** A `Notify` call Chromium made: what a desktop would show. */
export interface DesktopNotification {
  id: number;
  summary: string;
  body: string;
  /** Flat pairs as the spec sends them: [key, label, key, label…]. */
  actions: string[];
}

export interface FakeDesktop {
  /** Pass as DBUS_SESSION_BUS_ADDRESS to Chromium. */
  address: string;
  shown: DesktopNotification[];
  /** A user click: `default` is the body, '0' / '1' the action buttons (Chromium's keys). */
  click(id: number, key: string): void;
  dismiss(id: number): void;
  close(): Promise<void>;
}

/**
 * A private session bus with a fake org.freedesktop.Notifications server: headless Chromium sends
 * its notifications there, and the signals the server emits are trusted clicks and closes
 * (BROWSER-TESTING.md, recipe b).
 */
export async function startFakeDesktop(): Promise<FakeDesktop> {
  const dir = await mkdtemp(join(tmpdir(), 'chatbot-dbus-'));
  const address = `unix:path=${join(dir, 'bus')}`;
  const daemon: ChildProcess = spawn('dbus-daemon', ['--session', `--address=${address}`, '--nofork', '--print-address'], { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise<void>((resolve, reject) => {
    daemon.once('error', reject);
    daemon.stdout?.once('data', () => resolve());
  });
  const shown: DesktopNotification[] = [];
  let nextId = 1;

  class Notifications extends dbus.interface.Interface {
    Notify(_app: string, replaces: number, _icon: string, summary: string, body: string, actions: string[]): number {
      const id = replaces || nextId++;
      shown.push({ id, summary, body, actions });
      return id;
    }
    CloseNotification(_id: number): void {}
    GetCapabilities(): string[] {
      return ['actions', 'body', 'body-markup', 'persistence'];
    }
    GetServerInformation(): string[] {
      return ['fake-desktop', 'chatbot-tests', '1.0', '1.2'];
    }
    ActionInvoked(id: number, key: string): [number, string] {
      return [id, key];
    }
    NotificationClosed(id: number, reason: number): [number, number] {
      return [id, reason];
    }
  }
  (Notifications as unknown as { configureMembers(m: object): void }).configureMembers({
    methods: {
      Notify: { inSignature: 'susssasa{sv}i', outSignature: 'u' },
      CloseNotification: { inSignature: 'u', outSignature: '' },
      GetCapabilities: { inSignature: '', outSignature: 'as' },
      GetServerInformation: { inSignature: '', outSignature: 'ssss' },
    },
    signals: { ActionInvoked: { signature: 'us' }, NotificationClosed: { signature: 'uu' } },
  });
  const bus = dbus.sessionBus({ busAddress: address });
  const server = new Notifications('org.freedesktop.Notifications');
  bus.export('/org/freedesktop/Notifications', server);
  await bus.requestName('org.freedesktop.Notifications', 0);
  return {
    address,
    shown,
    click: (id, key) => server.ActionInvoked(id, key),
    dismiss: (id) => server.NotificationClosed(id, 2),
    async close() {
      bus.disconnect();
      daemon.kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
