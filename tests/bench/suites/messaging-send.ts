import { createBackground } from '../../../src/core/background';
import { systemClock } from '../../../src/core/clock';
import { parseConfig } from '../../../src/core/config';
import { createTabChannel } from '../../../src/core/tabs';
import { createMessaging } from '../../../src/messaging';
import { createStorage, type MessageRecord } from '../../../src/storage';
import { deleteDatabase, medianOf, rawPutThroughput } from '../measure';
import type { BenchRow } from '../types';

const COUNT = 10_000;
const texts = Array.from({ length: COUNT }, (_, i) => `Mensaje ${i}: ¿tienen pastillas de freno para la Pulsar NS200? pedido #${1000 + i}`);

/** The same record sendMessage stores, written straight to IndexedDB in one transaction. */
function rawPuts(): Promise<number> {
  const now = Date.now();
  return rawPutThroughput(COUNT, (i) => recordOf(i, now), {
    keyPath: 'id',
    indexes: [['byConversation', ['conversationId', 'createdAt']], ['byThread', 'threadId']],
  });
}

function recordOf(i: number, now: number): MessageRecord {
  return {
    id: `msg_${(now + i).toString(36)}${i}`, conversationId: 'conv_1', senderId: 'juan', type: 'text',
    content: { text: texts[i]!, attachments: [] }, replyTo: null, threadId: null, mentions: [], createdAt: now + i,
    editedAt: null, edits: [], deleted: false, deletedAt: null,
  };
}

/** The storage core alone (batched, journaled, broadcast to other tabs) writing the same records. */
async function corePuts(): Promise<number> {
  const dbName = `bench-msg-core-${Math.random()}`;
  const channel = createTabChannel(dbName);
  const storage = createStorage({ dbName, channel });
  await storage.ready;
  const now = Date.now();
  const start = performance.now();
  for (let i = 0; i < COUNT; i++) storage.put('messages', recordOf(i, now));
  await storage.flush();
  const elapsed = performance.now() - start;
  await storage.close();
  channel.close();
  await deleteDatabase(dbName);
  return COUNT / (elapsed / 1000);
}

async function sendMessages(): Promise<number> {
  const dbName = `bench-msg-send-${Math.random()}`;
  const channel = createTabChannel(dbName);
  const storage = createStorage({ dbName, channel });
  const messaging = createMessaging({
    clock: systemClock, channel, config: parseConfig({}), section: { currentUser: 'juan' }, reportError: (error) => console.warn(error), background: createBackground({ report: (error) => console.warn(error) }).run, storage,
  });
  await messaging.ready;
  const conversation = messaging.createConversation(['juan', 'asesor']);
  await storage.flush();
  const start = performance.now();
  for (let i = 0; i < COUNT; i++) messaging.sendMessage(conversation.id, { text: texts[i]! });
  await storage.flush();
  const elapsed = performance.now() - start;
  messaging.dispose();
  await storage.close();
  channel.close();
  await deleteDatabase(dbName);
  return COUNT / (elapsed / 1000);
}

export default async function messagingSendSuite(): Promise<BenchRow[]> {
  await rawPuts(); // warm-up
  await sendMessages();
  const raw = await medianOf(3, rawPuts);
  const ours = await medianOf(3, sendMessages);
  const core = await medianOf(3, corePuts);
  const ratio = ours / raw;
  return [
    {
      figure: 'messaging: sendMessage ×10,000 then flush() (indexed, journaled)',
      value: Math.round(ours),
      unit: 'messages/s',
      baseline: { label: 'raw IndexedDB puts of the same records, one transaction', value: Math.round(raw) },
      ratio,
      goal: '≥ 0.5× raw',
      pass: ratio >= 0.5,
    },
    {
      figure: 'messaging: the same, against the storage core writing the same records (its journal and tab broadcast included)',
      value: Math.round(ours),
      unit: 'messages/s',
      baseline: { label: 'storage.put ×10,000 then flush()', value: Math.round(core) },
      ratio: ours / core,
      goal: 'messaging adds little: ≥ 0.7× the core',
      pass: ours / core >= 0.7,
    },
  ];
}
