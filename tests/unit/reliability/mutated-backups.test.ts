import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/manual-clock';
import { isChatbotError } from '../../../src/core/errors';
import { createSystem, type ChatbotSystem } from '../../../src/system';
import { createRandom, mutateBackupFile } from './mutate-backup';

/** Mutated files imported: 2,000 in CI, 20,000 with RELIABILITY_LONG=1 (or exactly RELIABILITY_MUTATIONS). */
const MUTATIONS = Number(process.env.RELIABILITY_MUTATIONS ?? (process.env.RELIABILITY_LONG ? 20_000 : 2_000));
const SEED = Number(process.env.RELIABILITY_SEED ?? 16);
const CALL_TIMEOUT_MS = 10_000;
/** Accepted files with rewritten records that are then restored (and loaded over): 25 in CI. */
const RESTORED = process.env.RELIABILITY_LONG ? 200 : 25;

let system: ChatbotSystem | undefined;
afterEach(async () => {
  await system?.destroy();
  system = undefined;
});

/** Every store a user's data lives in, as stored (what an import must never change). */
async function storedData(s: ChatbotSystem): Promise<unknown> {
  const stores = ['conversations', 'messages', 'reactions', 'receipts', 'mentions', 'attachments', 'notifications', 'scheduled', 'sessions', 'events'] as const;
  const all = await Promise.all(stores.map((store) => s.storage.getAll(store)));
  return Object.fromEntries(stores.map((store, i) => [store, all[i]]));
}

describe('thousands of mutated backup files imported', () => {
  it(`refuses each with a ChatbotError or takes it harmlessly, and changes nothing else (${MUTATIONS} files, seed ${SEED})`, async () => {
    const clock = createManualClock(Date.parse('2025-03-10T15:00:00Z'));
    system = createSystem({ backupSystem: { autoBackup: { enabled: false } } }, { clock });
    await system.ready;
    const { messaging, pushNotifications, realtimeAnalytics, backupSystem } = system;
    messaging.setCurrentUser('client_1');
    const conversation = messaging.createConversation(['client_1', 'asesor'], { type: 'direct', name: 'Pedido 1234' });
    const sent = messaging.sendMessage(conversation.id, { text: 'foto del filtro @asesor', attachments: [new Blob(['jpeg'], { type: 'image/jpeg' })] });
    messaging.sendMessage(conversation.id, { text: 'en el taller', location: { latitude: 4.6, longitude: -74.1, name: 'Taller' } }, { replyTo: sent.id });
    messaging.addReaction(sent.id, '👍');
    messaging.actAs('asesor').markAsRead(conversation.id);
    await pushNotifications.send('Pedido enviado', { category: 'orders', data: { orderId: '1234' } });
    realtimeAnalytics.track('add_to_cart', { sku: 'FLT-100' });
    await system.flush();
    const original = await backupSystem.createBackup('manual', { trigger: 'mutation-test', nested: { a: [1, 'dos'] } });
    const file = await (await backupSystem.exportBackup(original.id)).text();
    // A second, encrypted export: its payload is only checked at restore, so import must stay harmless too.
    const sealed = await backupSystem.createBackup('manual', {}, { passphrase: 'clave del taller' });
    const sealedFile = await (await backupSystem.exportBackup(sealed.id)).text();
    await system.flush();
    const before = await storedData(system);
    const backupsBefore = backupSystem.listBackups();
    const prototypeKeys = Reflect.ownKeys(Object.prototype);

    /** Accepted files whose records were rewritten: restored after the sweep, to see they are harmless there too. */
    const resealed: Array<{ text: string; what: string }> = [];
    const random = createRandom(SEED);
    const outcomes: Record<string, number> = {};
    const failures: string[] = [];
    const started = Date.now();
    for (let i = 0; i < MUTATIONS; i++) {
      const { text, what } = await mutateBackupFile(i % 5 === 4 ? sealedFile : file, random);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const outcome = await Promise.race([
        backupSystem.importBackup(new Blob([text])).then(
          (backup) => ({ kind: 'accepted' as const, backup }),
          (error: unknown) => (isChatbotError(error) ? { kind: 'refused' as const, code: error.code } : { kind: 'other' as const, error }),
        ),
        new Promise<{ kind: 'hang' }>((resolve) => {
          timer = setTimeout(() => resolve({ kind: 'hang' }), CALL_TIMEOUT_MS);
        }),
      ]);
      clearTimeout(timer);
      const key = outcome.kind === 'refused' ? `refused ${outcome.code}` : outcome.kind;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      if (outcome.kind === 'other') failures.push(`#${i} ${what}: ${outcome.error instanceof Error ? `${outcome.error.name}: ${outcome.error.message.slice(0, 200)}` : String(outcome.error)}`);
      if (outcome.kind === 'hang') failures.push(`#${i} ${what}: no answer in ${CALL_TIMEOUT_MS} ms`);
      if (({} as Record<string, unknown>).polluted !== undefined) failures.push(`#${i} ${what}: polluted Object.prototype`);
      if (outcome.kind === 'accepted') {
        // Harmless: listed as a plain record, readable through the API, and gone when deleted.
        const listed = backupSystem.getBackup(outcome.backup.id);
        if (!listed || Object.getPrototypeOf(listed.metadata) !== Object.prototype) failures.push(`#${i} ${what}: accepted but listed oddly`);
        if (backupSystem.listBackups().length > backupsBefore.length + 1) failures.push(`#${i} ${what}: more than one backup added`);
        if (!backupsBefore.some((b) => b.id === outcome.backup.id)) backupSystem.deleteBackup(outcome.backup.id);
        if (what.startsWith('payload line') && !outcome.backup.encrypted && resealed.length < RESTORED) resealed.push({ text, what: `#${i} ${what}` });
      }
      if (failures.length > 20) break;
    }
    await system.flush();

    expect(failures).toEqual([]);
    expect(Reflect.ownKeys(Object.prototype)).toEqual(prototypeKeys);
    expect(backupSystem.listBackups()).toEqual(backupsBefore);
    expect(await storedData(system)).toEqual(before);
    // The accepted files with rewritten records, restored: refused with a ChatbotError or applied,
    // and then every module loads over what was restored (a reload) and answers.
    let restored = 0;
    for (const { text, what } of resealed) {
      const imported = await backupSystem.importBackup(new Blob([text]));
      try {
        await backupSystem.restoreBackup(imported.id);
        restored++;
      } catch (error) {
        if (!isChatbotError(error)) failures.push(`restore of accepted file ${what}: ${error instanceof Error ? error.stack?.split('\n').slice(0, 8).join(' ← ') : String(error)}`);
        continue;
      }
      const reloaded = createSystem({ backupSystem: { autoBackup: { enabled: false } } }, { clock });
      try {
        await reloaded.ready;
        reloaded.messaging.setCurrentUser('client_1');
        for (const summary of reloaded.messaging.listConversations()) {
          for (const message of reloaded.messaging.getMessages(summary.id)) reloaded.messaging.getReactionsSummary(message.id);
          reloaded.messaging.exportConversation(summary.id, 'json');
        }
        reloaded.messaging.searchMessages('filtro');
        reloaded.pushNotifications.getNotifications();
        await reloaded.realtimeAnalytics.getStoredTopEvents(5);
        reloaded.backupSystem.listBackups();
      } catch (error) {
        if (!isChatbotError(error)) failures.push(`a module over restored accepted file ${what}: ${error instanceof Error ? error.stack?.slice(0, 300) : String(error)}`);
      } finally {
        await reloaded.destroy();
      }
      await backupSystem.restoreBackup(original.id);
    }
    expect(failures).toEqual([]);
    for (const backup of backupSystem.listBackups()) if (!backupsBefore.some((b) => b.id === backup.id)) backupSystem.deleteBackup(backup.id);
    await system.flush();

    // Nothing wedged: the original file still imports (as the backup it is), and the backup restores.
    expect((await backupSystem.importBackup(new Blob([file]))).id).toBe(original.id);
    await expect(backupSystem.restoreBackup(original.id)).resolves.toMatchObject({ backupId: original.id });
    // (Without a reload the read models are stale after a restore, by design: the stores are read.)
    expect((await system.storage.getAll('messages')).map((m) => m.content.text).sort()).toEqual(['en el taller', 'foto del filtro @asesor']);
    console.info(`mutated backups: ${MUTATIONS} files (seed ${SEED}), ${JSON.stringify(outcomes)}, ${restored} of ${resealed.length} accepted rewritten files restored, ${Date.now() - started} ms`);
  }, 600_000);
});
