import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/manual-clock';
import { createSystem, type ChatbotSystem } from '../../../src/system';

let system: ChatbotSystem | undefined;
afterEach(async () => {
  await system?.destroy();
  system = undefined;
});

describe('a backup taken after the analytics dashboard was opened', () => {
  it('restores, with the columnar copies of the events it holds (they used to refuse every restore)', async () => {
    system = createSystem({}, { clock: createManualClock(Date.parse('2025-03-10T15:00:00Z')) });
    await system.ready;
    const { messaging, realtimeAnalytics, backupSystem } = system;
    messaging.setCurrentUser('client_1');
    const conversation = messaging.createConversation(['client_1', 'asesor'], { type: 'direct' });
    messaging.sendMessage(conversation.id, { text: 'kit de arrastre' });
    realtimeAnalytics.track('add_to_cart', { sku: 'KIT-428' });
    await system.flush();
    // Stored analyses make (and store) the columnar copy of every events batch.
    expect((await realtimeAnalytics.getStoredTopEvents(5)).map((e) => e.event)).toContain('add_to_cart');
    await system.flush();
    expect(await system.storage.getAll('eventColumns')).not.toHaveLength(0);
    const backup = await backupSystem.createBackup('manual');
    messaging.sendMessage(conversation.id, { text: 'se irá con la restauración' });
    await system.flush();

    await expect(backupSystem.restoreBackup(backup.id)).resolves.toMatchObject({ backupId: backup.id });
    expect((await system.storage.getAll('messages')).map((m) => m.content.text)).toEqual(['kit de arrastre']);
    expect((await realtimeAnalytics.getStoredTopEvents(5)).map((e) => e.event)).toContain('add_to_cart');
  });
});
