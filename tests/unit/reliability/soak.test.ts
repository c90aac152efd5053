import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, type ManualClock } from '../../../src/core/manual-clock';
import { createSystem, type ChatbotSystem } from '../../../src/system';
import { createRandom } from './mutate-backup';

/** Simulated minutes: 60 in CI (an hour), 600 with RELIABILITY_LONG=1 (or exactly RELIABILITY_SOAK_MINUTES). */
const MINUTES = Number(process.env.RELIABILITY_SOAK_MINUTES ?? (process.env.RELIABILITY_LONG ? 600 : 60));
const LIMITS = { maxNotifications: 200, maxBackups: 3, maxStoredEvents: 1_000 } as const;
/** Automatic backups kept: the last 3, plus one a day (calendar retention). */
const RETENTION = { hourly: 0, daily: 1, weekly: 0, monthly: 0 } as const;
/** Heap growth allowed after GC between a quarter of the run and its end (the messages themselves stay). */
const HEAP_GROWTH_LIMIT_MB = 48;

/** A manual clock that also counts its pending timers (a leak of timers shows as growth). */
function countingClock(start: number): ManualClock & { pending(): number } {
  const base = createManualClock(start);
  const live = new Set<unknown>();
  return {
    now: base.now,
    advance: base.advance,
    set: base.set,
    setTimeout(callback, ms) {
      const id: unknown = base.setTimeout(() => {
        live.delete(id);
        callback();
      }, ms);
      live.add(id);
      return id as ReturnType<ManualClock['setTimeout']>;
    },
    clearTimeout(handle) {
      live.delete(handle);
      base.clearTimeout(handle);
    },
    pending: () => live.size,
  };
}

/** Node's collector, reachable without --expose-gc. */
function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

let system: ChatbotSystem | undefined;
afterEach(async () => {
  await system?.destroy();
  system = undefined;
});

describe(`a soak of ${MINUTES} minutes of mixed traffic on a fast clock`, () => {
  it('keeps records within retention, timers and heap flat, and the figures right', async () => {
    const gc = collectGarbage();
    const clock = countingClock(Date.parse('2025-03-10T08:00:00Z'));
    system = createSystem(
      {
        pushNotifications: { maxNotifications: LIMITS.maxNotifications },
        realtimeAnalytics: { maxStoredEvents: LIMITS.maxStoredEvents, bufferSize: 1_000 },
        backupSystem: { autoBackup: { enabled: true, interval: 10 * 60_000, maxBackups: LIMITS.maxBackups, startDelay: 0 }, retention: RETENTION },
      },
      { clock },
    );
    await system.ready;
    const { messaging, pushNotifications, realtimeAnalytics, backupSystem } = system;
    const random = createRandom(16);
    messaging.setCurrentUser('cliente');
    const conversations = [
      messaging.createConversation(['cliente', 'asesor'], { type: 'direct', name: 'Pedido' }).id,
      messaging.createConversation(['cliente', 'asesor', 'taller'], { type: 'group', name: 'Taller' }).id,
    ];
    realtimeAnalytics.optIn();
    const sent = { messages: 0, permanentlyDeleted: 0, tracked: 0 };
    const samples: Array<{ minute: number; heapMb: number; timers: number; notifications: number; backups: number; journal: number; events: number }> = [];

    const sample = async (minute: number): Promise<void> => {
      await system!.idle();
      gc();
      const db = await system!.storage.database();
      samples.push({
        minute,
        heapMb: Math.round(process.memoryUsage().heapUsed / 1e5) / 10,
        timers: clock.pending(),
        notifications: pushNotifications.getNotifications().length,
        backups: backupSystem.listBackups().length,
        journal: await db.count('journal'),
        events: (await realtimeAnalytics.getStoredEvents()).length,
      });
    };

    for (let minute = 1; minute <= MINUTES; minute++) {
      for (let i = 0; i < 10; i++) {
        const conversationId = random.pick(conversations);
        const speaker = random.next() < 0.5 ? messaging : messaging.actAs('asesor');
        speaker.sendMessage(conversationId, { text: `minuto ${minute}: ${random.pick(['filtro de aceite', 'kit de arrastre 428H', 'pastillas de freno', 'bujía NGK'])} ${i}` });
        sent.messages++;
      }
      const recent = messaging.getMessages(random.pick(conversations), { limit: 20 }).filter((m) => !m.deleted && m.senderId === 'cliente');
      const target = recent.length > 0 ? random.pick(recent) : undefined;
      if (target) {
        messaging.editMessage(target.id, `${target.content.text} (editado)`);
        messaging.addReaction(target.id, random.pick(['👍', '🔧']));
        if (random.next() < 0.3) {
          messaging.deleteMessage(target.id, true);
          sent.permanentlyDeleted++;
        }
      }
      for (const conversationId of conversations) messaging.markAsRead(conversationId);
      const notification = await pushNotifications.send(`Pedido ${minute}`, { body: 'en camino', category: random.pick(['orders', 'messages', 'promotions']) });
      if (random.next() < 0.5) pushNotifications.markAsRead(notification.id);
      if (minute % 10 === 0) pushNotifications.schedule('Recordatorio', { body: 'tu cita' }, clock.now() + 5 * 60_000);
      realtimeAnalytics.page(`/catalogo/${minute % 7}`);
      for (let i = 0; i < 20; i++) realtimeAnalytics.track(random.pick(['product_viewed', 'add_to_cart', 'search']), { sku: `SKU-${i}` });
      sent.tracked += 21;
      // A minute goes by in ten steps: timers (automatic backups, schedules, batches) fire on the way.
      for (let step = 0; step < 10; step++) {
        clock.advance(6_000);
        await system.idle();
      }
      if (minute === Math.ceil(MINUTES / 4) || minute === MINUTES) await sample(minute);
    }

    const [quarter, end] = samples as [typeof samples[0], typeof samples[0]];
    // Retention holds: notifications, automatic backups, stored events stay within their limits.
    expect(end.notifications).toBeLessThanOrEqual(LIMITS.maxNotifications);
    expect(end.backups).toBeLessThanOrEqual(LIMITS.maxBackups + RETENTION.daily);
    // Analytics prunes hourly and keeps whole batches: up to an hour's events and one batch over.
    expect(end.events).toBeLessThanOrEqual(LIMITS.maxStoredEvents + Math.min(MINUTES, 60) * 21 + 500);
    expect(end.journal).toBeLessThanOrEqual(system.storage.journal.limits.maxRecords);
    // No timer is left behind per minute of activity.
    expect(end.timers).toBeLessThanOrEqual(quarter.timers + 2);
    expect(end.heapMb - quarter.heapMb).toBeLessThan(HEAP_GROWTH_LIMIT_MB);
    // The figures are right: every message sent and not permanently deleted is there, once.
    const stats = messaging.getStats();
    expect(stats.totalMessages).toBe(sent.messages - sent.permanentlyDeleted);
    expect((await system.storage.getAll('messages')).length).toBe(sent.messages - sent.permanentlyDeleted);
    expect(backupSystem.listBackups().every((b) => b.type === 'auto')).toBe(true);
    console.info(`soak: ${MINUTES} simulated minutes, ${sent.messages} messages (${sent.permanentlyDeleted} deleted for good), ${sent.tracked} events tracked; ${JSON.stringify(samples)}`);
  }, 600_000);
});
