import { createBackground } from '../../../src/core/background';
import { systemClock } from '../../../src/core/clock';
import { parseConfig } from '../../../src/core/config';
import { createTabChannel } from '../../../src/core/tabs';
import { createPushNotifications, type PushPlatform } from '../../../src/push';
import { createStorage } from '../../../src/storage';
import { deleteDatabase, medianOf } from '../measure';
import type { BenchRow } from '../types';

const CENTER = 500; // the notification center's default size
const CATEGORIES = ['orders', 'messages', 'promotions', 'reviews', 'system'] as const;

// A browser seam that shows nothing, so the figures are the module's own cost (validation,
// delivery rule, read model, IndexedDB commit), not the OS notification.
const platform: PushPlatform = {
  origin: location.origin,
  permission: () => 'granted',
  requestPermission: async () => 'granted',
  registration: async () => ({ showNotification: async () => undefined, getNotifications: async () => [] }) as unknown as ServiceWorkerRegistration,
  pushSupported: () => true,
  online: () => true,
  fetch: (url, init) => fetch(url, init),
};

async function withCenter<T>(work: (push: ReturnType<typeof createPushNotifications>, flush: () => Promise<void>) => Promise<T>): Promise<T> {
  const dbName = `bench-push-${Math.random()}`;
  const channel = createTabChannel(`bench-${Math.random()}`);
  const storage = createStorage({ dbName, channel });
  const push = createPushNotifications({ clock: systemClock, channel, config: parseConfig({}), section: {}, reportError: () => undefined, background: createBackground({ report: () => undefined }).run, storage }, { platform });
  await push.ready;
  try {
    return await work(push, () => storage.flush());
  } finally {
    push.dispose();
    await storage.close();
    channel.close();
    await deleteDatabase(dbName);
  }
}

/** send() of 500 notifications, each shown (through the seam) and recorded, then flush(). */
const sendRate = () =>
  withCenter(async (push, flush) => {
    const start = performance.now();
    for (let i = 0; i < CENTER; i++) await push.send(`Pedido #${i} enviado`, { body: `Tu pedido #${i} está en camino`, category: CATEGORIES[i % 5] });
    await flush();
    return CENTER / ((performance.now() - start) / 1000);
  });

/** getNotifications({ unread, category }) and getStats() over a full center. */
const queries = () =>
  withCenter(async (push) => {
    for (let i = 0; i < CENTER; i++) await push.send(`n${i}`, { category: CATEGORIES[i % 5] });
    for (let i = 0; i < CENTER; i += 3) push.markAsRead(push.getNotifications({ limit: 1 })[0]!.id);
    const runs = 200;
    let start = performance.now();
    for (let i = 0; i < runs; i++) push.getNotifications({ unread: true, category: 'messages', limit: 20 });
    const list = (performance.now() - start) / runs;
    start = performance.now();
    for (let i = 0; i < runs; i++) push.getStats();
    const stats = (performance.now() - start) / runs;
    return { list, stats };
  });

export default async function pushSuite(): Promise<BenchRow[]> {
  await sendRate(); // warm-up
  const rate = await medianOf(3, sendRate);
  const measured: Array<{ list: number; stats: number }> = [];
  for (let i = 0; i < 3; i++) measured.push(await queries());
  const list = measured.map((m) => m.list).sort((a, b) => a - b)[1]!;
  const stats = measured.map((m) => m.stats).sort((a, b) => a - b)[1]!;
  return [
    { figure: 'push: send() 500 notifications (validate, rule, record, show) then flush()', value: Math.round(rate), unit: 'notifications/s', goal: '≥ 1,000/s (a burst never lags the page)', pass: rate >= 1000 },
    { figure: 'push: getNotifications({ unread, category, limit: 20 }) over 500', value: Number(list.toFixed(3)), unit: 'ms/call', goal: '≤ 2 ms', pass: list <= 2 },
    { figure: 'push: getStats() over 500 notifications', value: Number(stats.toFixed(3)), unit: 'ms/call', goal: '≤ 1 ms', pass: stats <= 1 },
  ];
}
