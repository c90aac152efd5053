import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationRecord } from '../../src/push';
import { createPushRig, type PushRig } from './push-fixture';
import { BROWSER_POLL, pollUntil } from '../shared/poll';
import { watchErrors } from './helpers/browser';

declare const pushNotifications: { getNotifications(filter?: object): NotificationRecord[] };

interface WorkerProbe {
  /** Every `showNotification` call the worker made: title and the notification id it carried. */
  shows: Array<{ title: string; id: unknown }>;
  /** The promises the worker's push handler passed to `waitUntil`. */
  handling: Array<Promise<unknown>>;
}

const GENERIC_TITLE = 'Nueva notificación de Repuestos Motos';

describe('hostile pushes in Chromium', () => {
  let rig: PushRig;
  let errors: string[];

  beforeAll(async () => {
    rig = await createPushRig();
    errors = watchErrors(rig.page);
    // Watch the worker from inside: each showNotification call, and when each push is handled.
    const worker = await rig.worker();
    await worker.evaluate(() => {
      // Runs inside the worker: its globals are typed by hand (the tests compile against the DOM lib).
      type WaitUntil = (this: Event, promise: Promise<unknown>) => void;
      const scope = self as unknown as {
        probe: WorkerProbe;
        registration: ServiceWorkerRegistration;
        ExtendableEvent: { prototype: { waitUntil: WaitUntil } };
      };
      scope.probe = { shows: [], handling: [] };
      const show = scope.registration.showNotification.bind(scope.registration);
      scope.registration.showNotification = (title: string, options?: NotificationOptions) => {
        scope.probe.shows.push({ title, id: (options?.data as { id?: unknown } | undefined)?.id });
        return show(title, options);
      };
      const waitUntil = scope.ExtendableEvent.prototype.waitUntil;
      scope.ExtendableEvent.prototype.waitUntil = function (this: Event, promise: Promise<unknown>) {
        if (this.type === 'push') scope.probe.handling.push(Promise.resolve(promise).catch(() => undefined));
        return waitUntil.call(this, promise);
      };
    });
  });
  afterAll(async () => rig?.dispose());

  /** Waits until the worker has received `count` pushes and finished handling every one. */
  const handled = async (count: number): Promise<WorkerProbe['shows']> => {
    const worker = await rig.worker();
    await pollUntil(async () => {
      const received = await worker.evaluate(() => (self as unknown as { probe: WorkerProbe }).probe.handling.length);
      if (received < count) throw new Error(`${received} of ${count} pushes received`);
    }, BROWSER_POLL);
    return worker.evaluate(async () => {
      const { probe } = self as unknown as { probe: WorkerProbe };
      await Promise.all(probe.handling);
      return probe.shows;
    });
  };

  const recorded = () => rig.page.evaluate(() => pushNotifications.getNotifications().map((n) => ({ id: n.id, title: n.title, data: n.data })));

  it('shows a generic notification for data nested 5,000 levels, shows a twice-delivered id once, and records them all', async () => {
    const deep = `{"id":"p-deep","title":"Profundo","data":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`;
    const order = JSON.stringify({ id: 'p-dup', title: 'Pedido #88 enviado', body: 'Tu pedido #88 está en camino', category: 'orders', url: '/?order=88' });
    await rig.deliverPush(deep);
    await Promise.all([rig.deliverPush(order), rig.deliverPush(order)]);

    const shows = await handled(3);
    expect(shows.filter((s) => s.title === GENERIC_TITLE)).toHaveLength(1);
    expect(shows.filter((s) => s.id === 'ntf_push_p-dup')).toHaveLength(1);
    expect(shows).toHaveLength(2);

    await pollUntil(async () => {
      const center = await recorded();
      expect(center.filter((n) => n.id === 'ntf_push_p-dup')).toHaveLength(1);
      expect(center.filter((n) => n.title === GENERIC_TITLE)).toEqual([expect.objectContaining({ data: { payloadProblem: 'invalid payload: data' } })]);
    }, BROWSER_POLL);
  });

  it('keeps recording and showing the pushes that follow, once each', async () => {
    await rig.deliverPush(JSON.stringify({ id: 'p-next', title: 'Mensaje de Ana', body: '¿Ya llegó?', category: 'messages' }));
    const shows = await handled(4);
    expect(shows.filter((s) => s.id === 'ntf_push_p-next')).toHaveLength(1);
    await pollUntil(async () => {
      expect((await recorded()).filter((n) => n.id === 'ntf_push_p-next')).toHaveLength(1);
    }, BROWSER_POLL);
    expect(errors).toEqual([]);
  });
});
