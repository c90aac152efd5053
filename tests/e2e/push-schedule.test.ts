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
declare const CHATBOT_SYSTEM: { flush(): Promise<void>; idle(): Promise<void>; storage: { get(store: string, id: string): Promise<unknown> } };

describe('scheduled notifications in Chromium', () => {
  let rig: PushRig;
  beforeAll(async () => {
    rig = await createPushRig();
  });
  afterAll(async () => rig?.dispose());

  it('fires on time while the store page is open', async () => {
    const scheduled = await rig.page.evaluate(() => pushNotifications.schedule('Recordatorio', { body: 'No olvides completar tu pedido' }, new Date(Date.now() + 1500)));
    const shown = await pollUntil(async () => {
      const list = await rig.shown();
      if (!list.some((n) => n.title === 'Recordatorio')) throw new Error('not yet');
      return list;
      // The call loads the whole system first (stub → modules → worker): allow for a loaded CI machine.
    }, { ...BROWSER_POLL, timeout: 20_000 });
    expect(shown.filter((n) => n.title === 'Recordatorio')).toHaveLength(1);
    const record = await rig.page.evaluate(() => pushNotifications.getNotifications().find((n) => n.title === 'Recordatorio'));
    expect(record).toMatchObject({ source: 'schedule', scheduledId: scheduled.id, data: { late: false } });
    // On time: not before its time (and `late: false` says not a minute after).
    expect(record!.shownAt).toBeGreaterThanOrEqual(scheduled.at);
  });

  it('fires a schedule missed with no page open when the worker is woken, exactly once', async () => {
    const due = await rig.page.evaluate(async () => {
      const { at } = pushNotifications.schedule('Tu carrito te espera', { body: 'Completa tu pedido', category: 'orders' }, new Date(Date.now() + 1200));
      await CHATBOT_SYSTEM.flush();
      return at;
    });
    await rig.page.close();
    // The schedule's time passes with no store page open.
    await pollUntil(() => expect(Date.now()).toBeGreaterThan(due + 100), BROWSER_POLL);
    const count = async () => (await rig.shown()).filter((n) => n.title === 'Tu carrito te espera').length;
    expect(await count()).toBe(0); // nobody was awake at its time

    await rig.dispatchPeriodicSync();
    await pollUntil(async () => expect(await count()).toBe(1), BROWSER_POLL);
    // Woken again (periodic sync, background sync): the durable mark says it already fired.
    await rig.dispatchAndWait({ type: 'periodicsync', tag: 'chatbot-push-due' });
    await rig.dispatchAndWait({ type: 'sync', tag: 'chatbot-push-due' });
    expect(await count()).toBe(1);

    // Opening the store again (its own start-up check) does not fire it a second time either.
    rig.page = await rig.openStore();
    await rig.page.evaluate(() => CHATBOT_SYSTEM.idle());
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
