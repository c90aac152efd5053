import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/manual-clock';
import { createStorage, type ChatbotStorage } from '../../../src/storage';
import { createNotifier, type Notifier, type PushStores } from '../../../src/push/shared/notifier';
import { createPushStores, disposePushStores, loadPushStores } from '../../../src/push/shared/stores';

const clock = createManualClock(new Date(2025, 0, 15, 12, 0).getTime());
let storage: ChatbotStorage | undefined;
const wakes: PushStores[] = [];
afterEach(async () => {
  for (const stores of wakes.splice(0)) disposePushStores(stores);
  await storage?.close();
  storage = undefined;
});

/** One wake-up of the service worker: fresh read models over the worker's one storage. */
async function wake(over: ChatbotStorage, shown: string[]): Promise<Notifier> {
  const stores = createPushStores(over);
  await loadPushStores(stores);
  wakes.push(stores);
  return createNotifier({
    stores,
    clock,
    actor: 'sw',
    display: { permission: () => 'granted', show: async (_title, options) => void shown.push(options.data.id) },
  });
}

describe('push engine: deliverOnce', () => {
  it('shows and records a push once when two wakes deliver the same id back to back', async () => {
    storage = createStorage();
    const shown: string[] = [];
    const [first, second] = await Promise.all([wake(storage, shown), wake(storage, shown)]);
    const deliveries = await Promise.all([
      first.deliverOnce('Pedido #88 enviado', { category: 'orders' }, 'push', { id: 'ntf_push_p-dup' }),
      second.deliverOnce('Pedido #88 enviado', { category: 'orders' }, 'push', { id: 'ntf_push_p-dup' }),
    ]);
    await Promise.all(deliveries.map((delivery) => delivery?.displayed));
    expect(deliveries.filter((delivery) => delivery !== undefined)).toHaveLength(1);
    expect(shown).toEqual(['ntf_push_p-dup']);
    await storage.flush();
    expect((await storage.getAll('notifications')).map((n) => n.id)).toEqual(['ntf_push_p-dup']);

    // A later wake (the push service retrying an hour later) finds it in the center.
    const later = await wake(storage, shown);
    expect(await later.deliverOnce('Pedido #88 enviado', {}, 'push', { id: 'ntf_push_p-dup' })).toBeUndefined();
    expect(shown).toEqual(['ntf_push_p-dup']);
  });

  it('rejects before showing when the record cannot be stored, so the caller can show it unrecorded', async () => {
    storage = createStorage();
    const shown: string[] = [];
    const engine = await wake(storage, shown);
    await storage.close(); // the worker's database went away
    await expect(engine.deliverOnce('Hola', {}, 'push', { id: 'ntf_push_p-lost' })).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    expect(shown).toEqual([]);
    storage = undefined;
  });
});
