import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationRecord } from '../../src/push';
import { launchProfile, openReady, waitForController, type Profile } from './helpers/browser';
import { serveDist, type StaticServer } from './helpers/server';
import { BROWSER_POLL, pollUntil } from '../shared/poll';
import { startFakeDesktop, type FakeDesktop } from './push-dbus';

type Push = {
  sendMessageNotification(m: object): Promise<NotificationRecord>;
  sendOrderNotification(o: object): Promise<NotificationRecord>;
  getNotifications(filter?: object): NotificationRecord[];
};
declare const pushNotifications: Push;

describe('trusted notification clicks (desktop notifications over D-Bus)', () => {
  let desktop: FakeDesktop;
  let server: StaticServer;
  let profile: Profile;

  beforeAll(async () => {
    desktop = await startFakeDesktop();
    server = await serveDist();
    profile = await launchProfile({ env: { DBUS_SESSION_BUS_ADDRESS: desktop.address } });
    await profile.context.grantPermissions(['notifications'], { origin: server.origin });
  });
  afterAll(async () => {
    await profile?.dispose();
    await server?.close();
    await desktop?.close();
  });

  it('a click on a message notification takes the open store window to the chat on that conversation and marks it read', async () => {
    const page = await profile.context.newPage();
    await openReady(page, `${server.origin}/`);
    await waitForController(page);
    const record = await page.evaluate(() => pushNotifications.sendMessageNotification({ id: 'msg_1', senderName: 'Juan', text: 'Hola!', conversationId: 'conv_1' }));
    const shown = await pollUntil(async () => {
      const found = desktop.shown.find((n) => n.summary === 'Nuevo mensaje de Juan');
      if (!found) throw new Error('not on the desktop yet');
      return found;
    }, BROWSER_POLL);
    expect(shown.body).toContain('Hola!');
    expect(shown.actions).toEqual(expect.arrayContaining(['Responder', 'Marcar como leído']));
    desktop.click(shown.id, 'default');
    await page.waitForURL(`${server.origin}/?chat=conv_1`, { timeout: 10_000 });
    await openReady(page, page.url());
    await pollUntil(async () => expect(await page.evaluate((id) => pushNotifications.getNotifications().find((n) => n.id === id)?.read, record.id)).toBe(true), BROWSER_POLL);
  });

  it('with no store window open, a click on "Rastrear" opens the order tracking page', async () => {
    for (const open of profile.context.pages()) if (open.url().startsWith(server.origin)) await open.close();
    const helper = await profile.context.newPage();
    await openReady(helper, `${server.origin}/`);
    const before = desktop.shown.length;
    await helper.evaluate(() => pushNotifications.sendOrderNotification({ id: '1234', status: 'enviado' }));
    const shown = await pollUntil(async () => {
      const found = desktop.shown.slice(before).find((n) => n.summary === 'Pedido #1234 enviado');
      if (!found) throw new Error('not on the desktop yet');
      return found;
    }, BROWSER_POLL);
    await helper.close();
    const target = `${server.origin}/?order=1234&track=1`;
    // Chromium's action keys are the button indexes: '1' is the second button, "Rastrear".
    desktop.click(shown.id, '1');
    await pollUntil(async () => {
      if (!profile.context.pages().some((p) => p.url() === target)) throw new Error(`no window on ${target}: ${profile.context.pages().map((p) => p.url()).join(', ')}`);
    }, { ...BROWSER_POLL, timeout: 15_000 });
  });
});
