import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession, Page, Worker } from 'playwright-core';
import { launchProfile, openReady, waitForController, type Profile } from './helpers/browser';
import { serveDist, type ServeOptions, type StaticServer } from './helpers/server';
import { startFakeDesktop, type FakeDesktop } from './push-dbus';

/** What tests read back from `registration.getNotifications()`. */
export interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  data: { id?: string; ids?: string[]; url?: string; extra?: Record<string, unknown> } | null;
  actions: Array<{ action: string; title: string }>;
}

export interface PushRig {
  server: StaticServer;
  profile: Profile;
  /** The desktop's notification server Chromium shows notifications on (what a person would see). */
  desktop: FakeDesktop;
  page: Page;
  /** A blank page of another origin that keeps the DevTools session alive while the store page is closed. */
  keeper: Page;
  cdp: CDPSession;
  registrationId(): string;
  deliverPush(data: string): Promise<void>;
  dispatchPeriodicSync(tag?: string): Promise<void>;
  /**
   * Dispatches a push, sync or periodicsync event inside the worker, as the browser does, and
   * resolves once the worker's handlers finished (the promises they gave `waitUntil`): so a test
   * can check that nothing more happens, without waiting an arbitrary time.
   */
  dispatchAndWait(event: { type: 'push'; data: string } | { type: 'sync' | 'periodicsync'; tag: string }): Promise<void>;
  worker(): Promise<Worker>;
  /** Notifications currently shown, read inside the worker (works with no page open). */
  shown(): Promise<ShownNotification[]>;
  openStore(): Promise<Page>;
  dispose(): Promise<void>;
}

/**
 * A persistent Chromium profile with the notifications permission and a desktop notification
 * server (without one, headless Chromium sometimes drops a notification it reported shown: seen
 * once per cold start), the built site served on 127.0.0.1, the store page open and controlled by the service worker, and a DevTools session
 * that can deliver pushes and sync events (BROWSER-TESTING.md).
 */
export async function createPushRig(options: { dataset?: Record<string, string>; api?: ServeOptions['handle'] } = {}): Promise<PushRig> {
  const root = process.env.CHATBOT_DIST ?? 'dist';
  const attributes = Object.entries(options.dataset ?? {}).map(([key, value]) => ` data-${key}="${value}"`).join('');
  const server = await serveDist({
    // The store page with extra data- attributes on its script tag (the worker precaches this copy too).
    handle: async (req, res) => {
      if (options.api && (await options.api(req, res))) return true;
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (!attributes || (path !== '/' && path !== '/index.html')) return false;
      const html = await readFile(join(root, 'index.html'), 'utf8');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).end(html.replace('<script src="/chatbot.js"', `<script src="/chatbot.js"${attributes}`));
      return true;
    },
  });
  const desktop = await startFakeDesktop();
  const profile = await launchProfile({ env: { DBUS_SESSION_BUS_ADDRESS: desktop.address } });
  const { context } = profile;
  await context.grantPermissions(['notifications'], { origin: server.origin });
  const keeper = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(keeper);
  const registrations: Array<{ registrationId: string; scopeURL: string; isDeleted: boolean }> = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => registrations.push(...event.registrations));
  await cdp.send('ServiceWorker.enable');

  const openStore = async (): Promise<Page> => {
    const page = await context.newPage();
    await openReady(page, `${server.origin}/`);
    await waitForController(page);
    return page;
  };
  const page = await openStore();

  const registrationId = (): string => {
    const live = registrations.filter((r) => r.scopeURL === `${server.origin}/` && !r.isDeleted);
    const last = live[live.length - 1];
    if (!last) throw new Error('no service worker registration seen over CDP');
    return last.registrationId;
  };
  const worker = async (): Promise<Worker> => {
    const existing = context.serviceWorkers().find((w) => w.url().startsWith(server.origin));
    return existing ?? context.waitForEvent('serviceworker', { timeout: 10_000 });
  };
  return {
    server,
    profile,
    desktop,
    page,
    keeper,
    cdp,
    registrationId,
    async deliverPush(data) {
      await cdp.send('ServiceWorker.deliverPushMessage', { origin: server.origin, registrationId: registrationId(), data });
    },
    async dispatchPeriodicSync(tag = 'chatbot-push-due') {
      await cdp.send('ServiceWorker.dispatchPeriodicSyncEvent', { origin: server.origin, registrationId: registrationId(), tag });
    },
    async dispatchAndWait(spec) {
      const sw = await worker();
      await sw.evaluate(async (spec) => {
        const scope = self as unknown as EventTarget;
        const Push = (self as unknown as { PushEvent: new (type: string, init: { data: string }) => Event }).PushEvent;
        const Extendable = (self as unknown as { ExtendableEvent: new (type: string) => Event }).ExtendableEvent;
        const event = spec.type === 'push' ? new Push('push', { data: spec.data }) : new Extendable(spec.type);
        if (spec.type !== 'push') Object.defineProperty(event, 'tag', { value: spec.tag });
        // The handlers' work, as the browser would keep the worker alive for it.
        const work: Array<Promise<unknown>> = [];
        Object.defineProperty(event, 'waitUntil', { value: (promise: Promise<unknown>) => void work.push(promise) });
        scope.dispatchEvent(event);
        await Promise.all(work);
      }, spec);
    },
    worker,
    async shown() {
      const sw = await worker();
      return sw.evaluate(async () => {
        const list: Notification[] = await (self as unknown as { registration: ServiceWorkerRegistration }).registration.getNotifications();
        return list.map((n) => ({
          title: n.title,
          body: n.body,
          tag: n.tag,
          data: n.data as ShownNotification['data'],
          actions: ((n as unknown as { actions?: Array<{ action: string; title: string }> }).actions ?? []).map((a) => ({ action: a.action, title: a.title })),
        }));
      });
    },
    openStore,
    async dispose() {
      await profile.dispose();
      await server.close();
      await desktop.close();
    },
  };
}
