import { systemClock } from '../../../src/core/clock';
import { parseConfig } from '../../../src/core/config';
import { createTabChannel } from '../../../src/core/tabs';
import { createMessaging } from '../../../src/messaging';
import { loadInChunks } from '../../../src/messaging/load';
import { createSearchIndex } from '../../../src/messaging/search-index';
import { createStorage } from '../../../src/storage';
import type { BenchRow } from '../types';

export default async function probe(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dbName = `probe-${Math.random()}`;
  const channel = createTabChannel(dbName);
  const storage = createStorage({ dbName, channel });
  const messaging = createMessaging({ clock: systemClock, channel, config: parseConfig({}), section: { currentUser: 'juan' }, reportError: () => undefined, storage });
  await messaging.ready;
  const conv = messaging.createConversation(['juan', 'asesor']);
  for (let i = 0; i < 20000; i++) messaging.sendMessage(conv.id, { text: `Mensaje ${i}: ¿tienen pastillas de freno para la Pulsar NS200? pedido #${1000 + i}` });
  await storage.flush();
  messaging.dispose();
  for (let run = 0; run < 3; run++) {
    const db = await storage.database();
    let t = performance.now();
    const all = await db.getAll('messages');
    rows.push({ figure: 'raw getAll', value: performance.now() - t, unit: 'ms' });
    t = performance.now();
    let n = 0;
    await loadInChunks(storage, 'messages', (r) => { n += r.length; });
    rows.push({ figure: 'chunked read ' + n, value: performance.now() - t, unit: 'ms' });
    t = performance.now();
    const index = createSearchIndex();
    for (const m of all as Array<{ id: string; content: { text: string }; createdAt: number; conversationId: string; senderId: string }>) index.add(m.id, m.content.text, m.createdAt, m.conversationId, m.senderId);
    rows.push({ figure: 'index only', value: performance.now() - t, unit: 'ms' });
    t = performance.now();
    const m2 = createMessaging({ clock: systemClock, channel, config: parseConfig({}), section: { currentUser: 'juan' }, reportError: () => undefined, storage });
    await m2.ready;
    rows.push({ figure: 'ready', value: performance.now() - t, unit: 'ms' });
    m2.dispose();
  }
  return rows;
}
