import { systemClock } from '../../../src/core/clock';
import { parseConfig } from '../../../src/core/config';
import { createTabChannel } from '../../../src/core/tabs';
import { createMessaging } from '../../../src/messaging';
import { createStorage } from '../../../src/storage';
import type { BenchRow } from '../types';

export default async function probe(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const journal of [true]) {
    for (let run = 0; run < 3; run++) {
      const dbName = `probe-${Math.random()}`;
      const channel = createTabChannel(dbName);
      const storage = createStorage({ dbName, channel });
      const messaging = createMessaging({ clock: systemClock, channel, config: parseConfig({}), section: { currentUser: 'juan' }, reportError: () => undefined, storage });
      await messaging.ready;
      const conv = messaging.createConversation(['juan', 'asesor']);
      await storage.flush();
      const t0 = performance.now();
      for (let i = 0; i < 10000; i++) messaging.sendMessage(conv.id, { text: `Mensaje ${i}: ¿tienen pastillas de freno para la Pulsar NS200? pedido #${1000 + i}` });
      const t1 = performance.now();
      await storage.flush();
      const t2 = performance.now();
      rows.push({ figure: `sync ${journal}`, value: t1 - t0, unit: 'ms' }, { figure: 'flush', value: t2 - t1, unit: 'ms' });
      // raw storage puts of plain records for comparison
      const t3 = performance.now();
      for (let i = 0; i < 10000; i++) storage.put('messages', { id: `x${i}`, conversationId: 'c', createdAt: i, content: { text: `Mensaje ${i}: ¿tienen pastillas de freno para la Pulsar NS200? pedido #${1000 + i}`, attachments: [] } });
      await storage.flush();
      rows.push({ figure: 'storage.put x10k + flush', value: performance.now() - t3, unit: 'ms' });
      messaging.dispose();
      await storage.close();
      channel.close();
    }
  }
  return rows;
}
