import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/manual-clock';
import { isChatbotError } from '../../../src/core/errors';
import { createSystem, type ChatbotSystem } from '../../../src/system';

let system: ChatbotSystem | undefined;
afterEach(async () => {
  await system?.destroy();
  system = undefined;
});

describe('back-pressure (BUSY past 10,000 queued changes) in every module, not only messaging', () => {
  it('refuses the writes of push, analytics and backup with BUSY while the queue is full, changing nothing, and takes them after flush()', async () => {
    system = createSystem({ backupSystem: { autoBackup: { enabled: false } } }, { clock: createManualClock(Date.parse('2025-03-10T15:00:00Z')) });
    await system.ready;
    const { messaging, pushNotifications, realtimeAnalytics, backupSystem } = system;
    messaging.setCurrentUser('juan');
    const conversation = messaging.createConversation(['juan', 'ana'], { type: 'direct' });
    const notification = await pushNotifications.send('Pedido enviado', { body: 'en camino' });
    const later = pushNotifications.schedule('Recordatorio', {}, Date.parse('2025-03-11T15:00:00Z'));
    realtimeAnalytics.optIn();
    const backup = await backupSystem.createBackup('manual');
    await system.flush();

    // One tab fills its queue (what a loop of ~9,000 calls a second did).
    let refused: unknown;
    for (let i = 0; i < 11_000 && refused === undefined; i++) {
      try {
        messaging.sendMessage(conversation.id, { text: `repuesto ${i}` });
      } catch (error) {
        refused = error;
      }
    }
    expect(isChatbotError(refused, 'BUSY')).toBe(true);
    const full = system.storage.pendingCount();

    const writes: Array<[string, () => unknown]> = [
      ['pushNotifications.send', () => pushNotifications.send('Otro pedido')],
      ['pushNotifications.sendOrderNotification', () => pushNotifications.sendOrderNotification({ id: '1234', status: 'shipped', customerName: 'Ana' })],
      ['pushNotifications.markAsRead', () => pushNotifications.markAsRead(notification.id)],
      ['pushNotifications.markAllAsRead', () => pushNotifications.markAllAsRead()],
      ['pushNotifications.deleteNotification', () => pushNotifications.deleteNotification(notification.id)],
      ['pushNotifications.clearAll', () => pushNotifications.clearAll()],
      ['pushNotifications.schedule', () => pushNotifications.schedule('Otro', {}, Date.parse('2025-03-12T15:00:00Z'))],
      ['pushNotifications.cancelScheduled', () => pushNotifications.cancelScheduled(later.id)],
      ['pushNotifications.setPreferences', () => pushNotifications.setPreferences({ categories: { promotions: false } })],
      ['realtimeAnalytics.identify', () => realtimeAnalytics.identify('user_1', { plan: 'pro' })],
      ['realtimeAnalytics.optOut', () => realtimeAnalytics.optOut()],
      ['backupSystem.updateConfig', () => backupSystem.updateConfig({ autoBackup: { interval: 7_200_000 } })],
      ['backupSystem.deleteBackup', () => backupSystem.deleteBackup(backup.id)],
    ];
    // All in one synchronous run: the queue cannot drain meanwhile (a commit needs the event loop).
    const results: Record<string, string> = {};
    const settled: Array<Promise<unknown>> = [];
    for (const [name, call] of writes) {
      let outcome = 'ok';
      try {
        const returned = call();
        if (returned instanceof Promise) settled.push(returned.catch(() => undefined));
      } catch (error) {
        outcome = isChatbotError(error) ? error.code : String(error);
      }
      // Honoured: refused with BUSY, or (a call that queues nothing) the queue did not grow.
      results[name] = outcome === 'BUSY' || system.storage.pendingCount() <= full ? 'honoured' : `${outcome}, queue ${system.storage.pendingCount()}`;
    }
    await Promise.all(settled);
    expect(results).toEqual(Object.fromEntries(writes.map(([name]) => [name, 'honoured'])));
    // Nothing changed by the refused calls.
    expect(pushNotifications.getNotifications().map((n) => [n.id, n.read])).toEqual([[notification.id, false]]);
    expect(pushNotifications.getScheduled().map((s) => s.id)).toEqual([later.id]);
    expect(backupSystem.listBackups().map((b) => b.id)).toEqual([backup.id]);

    await system.flush();
    pushNotifications.markAsRead(notification.id);
    backupSystem.deleteBackup(backup.id);
    await system.flush();
    expect((await system.storage.get('notifications', notification.id))?.read).toBe(true);
    expect(await system.storage.getAll('backups')).toEqual([]);
  }, 60_000);
});
