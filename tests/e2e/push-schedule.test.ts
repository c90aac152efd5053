import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationRecord, SendOptions } from '../../src/push';
import { createPushRig, type PushRig } from './push-fixture';
import { BROWSER_POLL, pollUntil } from '../shared/poll';

type Push = {
  schedule(title: string, options: SendOptions, date: Date | number): { id: string; at: number };
  getNotifications(filter?: object): NotificationRecord[];
  getStats(): { scheduled: number };
};
declare const pushNotifications: Push;
declare const CHATBOT_SYSTEM: { flush(): Promise<void>; storage: { get(store: string, id: string): Promise<unknown> } };

describe('scheduled notifications in Chromium', () => {
  let rig: PushRig;
  beforeAll(async () => {
    rig = await createPushRig();
  });
  afterAll(async () => rig?.dispose());

  it('fires on time while the store page is open', async () => {
    const scheduled = await rig.page.evaluate(() => pushNotifications.schedule('Recordatorio', { body: 'No olvides completar tu pedido' }, new Date(Date.now() + 1500)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await rig.shown()).map((n) => n.title)).not.toContain('Recordatorio');
    const shown = await pollUntil(async () => {
      const list = await rig.shown();
      if (!list.some((n) => n.title === 'Recordatorio')) throw new Error('not yet');
      return list;
    }, BROWSER_POLL);
    expect(shown.filter((n) => n.title === 'Recordatorio')).toHaveLength(1);
    const record = await rig.page.evaluate(() => pushNotifications.getNotifications().find((n) => n.title === 'Recordatorio'));
    expect(record).toMatchObject({ source: 'schedule', scheduledId: scheduled.id, data: { late: false } });
  });

  it('fires a schedule missed with no page open when the worker is woken, exactly once', async () => {
    await rig.page.evaluate(() => {
      pushNotifications.schedule('Tu carrito te espera', { body: 'Completa tu pedido', category: 'orders' }, new Date(Date.now() + 1200));
      return CHATBOT_SYSTEM.flush();
    });
    await rig.page.close();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const count = async () => (await rig.shown()).filter((n) => n.title === 'Tu carrito te espera').length;
    expect(await count()).toBe(0); // nobody was awake at its time

    await rig.dispatchPeriodicSync();
    await pollUntil(async () => expect(await count()).toBe(1), BROWSER_POLL);
    await rig.dispatchPeriodicSync();
    await rig.cdp.send('ServiceWorker.dispatchSyncEvent', { origin: rig.server.origin, registrationId: rig.registrationId(), tag: 'chatbot-push-due', lastChance: false });
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await count()).toBe(1);

    // Opening the store again (its own start-up check) does not fire it a second time either.
    rig.page = await rig.openStore();
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await count()).toBe(1);
    const records = await rig.page.evaluate(() => pushNotifications.getNotifications().filter((n) => n.title === 'Tu carrito te espera'));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ source: 'schedule' });
    // The worker fired it (its durable mark says so), after its time.
    const mark = await rig.page.evaluate((id) => CHATBOT_SYSTEM.storage.get('scheduled', id), records[0]!.scheduledId!);
    expect(mark).toMatchObject({ status: 'fired', firedBy: 'sw' });
    expect((mark as { firedAt: number; at: number }).firedAt).toBeGreaterThan((mark as { at: number }).at);
    expect(await rig.page.evaluate(() => pushNotifications.getStats().scheduled)).toBe(0);
  });
});
