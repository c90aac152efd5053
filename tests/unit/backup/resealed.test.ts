import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/manual-clock';
import { isChatbotError } from '../../../src/core/errors';
import { decryptBlob, encryptBlob, fromBase64, sha256Hex, toBase64, type EncryptionParams } from '../../../src/backup/crypto';
import { readPayload } from '../../../src/backup/payload-reader';
import { createPayloadWriter } from '../../../src/backup/payload-writer';
import { createSystem, type ChatbotSystem } from '../../../src/system';

let system: ChatbotSystem | undefined;
afterEach(async () => {
  await system?.destroy();
  system = undefined;
});

const PASSPHRASE = 'clave del taller';

/**
 * Rewrites an export file the way an attacker or a broken tool could: every record goes through
 * `mutate` (in its encoded form), then the payload is compressed, encrypted when it was, and
 * given a correct size and checksum, so only the records themselves are wrong.
 */
async function reseal(text: string, mutate: (store: string, value: Record<string, unknown>) => void, passphrase?: string): Promise<string> {
  const envelope = JSON.parse(text) as {
    backup: { size: number; compressedSize: number; compression: string };
    checksum: { value: string };
    encryption: EncryptionParams | null;
    payload: string;
  };
  const gzip = envelope.backup.compression === 'gzip';
  const stored = new Blob([fromBase64(envelope.payload)]);
  const plain = envelope.encryption ? await decryptBlob(stored, passphrase, envelope.encryption) : stored;
  const writer = createPayloadWriter({ compress: gzip });
  for await (const { line, binary } of readPayload(plain, gzip)) {
    if (line.t === 'r') for (const row of line.rows as Array<[unknown, Record<string, unknown>]>) mutate(String(line.store), row[1]);
    await writer.write(line, binary);
  }
  const { blob, size } = await writer.close();
  let sealed: Blob = blob;
  if (envelope.encryption) {
    const encrypted = await encryptBlob(blob, passphrase!);
    sealed = encrypted.blob;
    envelope.encryption = encrypted.params;
  }
  envelope.payload = toBase64(new Uint8Array(await sealed.arrayBuffer()));
  envelope.backup.size = size;
  envelope.backup.compressedSize = sealed.size;
  envelope.checksum.value = await sha256Hex(sealed);
  return JSON.stringify(envelope);
}

/** Drops `content` from the message that says `text`: what crashed search indexing on restore. */
const breakMessage = (text: string) => (store: string, value: Record<string, unknown>): void => {
  if (store === 'messages' && (value.content as { text?: string } | undefined)?.text === text) delete value.content;
};

async function chatSystem(): Promise<{ system: ChatbotSystem; conversationId: string }> {
  const built = createSystem({}, { clock: createManualClock(Date.parse('2025-03-10T15:00:00Z')) });
  await built.ready;
  built.messaging.setCurrentUser('client_1');
  const conversation = built.messaging.createConversation(['client_1', 'asesor'], { type: 'direct' });
  built.messaging.sendMessage(conversation.id, { text: 'hola' });
  built.messaging.sendMessage(conversation.id, { text: 'filtro de aceite para Boxer' });
  await built.flush();
  return { system: built, conversationId: conversation.id };
}

const texts = (s: ChatbotSystem, conversationId: string): string[] => s.messaging.getMessages(conversationId).map((m) => m.content.text);

describe('a backup resealed with a structurally bad record', () => {
  it('is refused at import with CORRUPT_BACKUP, and nothing is added', async () => {
    const chat = await chatSystem();
    system = chat.system;
    const backup = await system.backupSystem.createBackup('manual');
    const text = await (await system.backupSystem.exportBackup(backup.id)).text();
    const bad = await reseal(text, breakMessage('filtro de aceite para Boxer'));

    const error = await system.backupSystem.importBackup(new Blob([bad])).catch((e: unknown) => e);
    expect(isChatbotError(error, 'CORRUPT_BACKUP')).toBe(true);
    expect((error as Error).message).toMatch(/of messages is malformed: content: expected object/);
    expect(system.backupSystem.listBackups().map((b) => b.id)).toEqual([backup.id]);
    expect(texts(system, chat.conversationId)).toEqual(['hola', 'filtro de aceite para Boxer']);
  });

  it('is refused at restore (an encrypted file is only readable then) with CORRUPT_BACKUP, and nothing changes', async () => {
    const chat = await chatSystem();
    system = chat.system;
    const backup = await system.backupSystem.createBackup('manual', {}, { passphrase: PASSPHRASE });
    const text = await (await system.backupSystem.exportBackup(backup.id)).text();
    const imported = await system.backupSystem.importBackup(new Blob([await reseal(text, breakMessage('filtro de aceite para Boxer'), PASSPHRASE)]));
    system.messaging.sendMessage(chat.conversationId, { text: 'después del backup' });
    await system.flush();
    const backupsBefore = system.backupSystem.listBackups().map((b) => b.id);

    const error = await system.backupSystem.restoreBackup(imported.id, { passphrase: PASSPHRASE }).catch((e: unknown) => e);
    expect(isChatbotError(error, 'CORRUPT_BACKUP')).toBe(true);
    expect((error as Error).message).toMatch(/nothing was restored/);

    expect(texts(system, chat.conversationId)).toEqual(['hola', 'filtro de aceite para Boxer', 'después del backup']);
    expect(system.messaging.searchMessages('filtro').map((m) => m.content.text)).toEqual(['filtro de aceite para Boxer']);
    expect(system.backupSystem.listBackups().map((b) => b.id)).toEqual(backupsBefore); // not even a safety backup
    expect((await system.storage.getAll('messages')).map((m) => m.id)).toHaveLength(3);
  });

  it('restores a backup of every module\'s real records (the checks refuse nothing the widget writes)', async () => {
    const chat = await chatSystem();
    system = chat.system;
    const { messaging, pushNotifications, realtimeAnalytics, backupSystem } = system;
    const sent = messaging.sendMessage(chat.conversationId, { text: 'foto @asesor', attachments: [new Blob(['jpeg'], { type: 'image/jpeg' })] });
    messaging.sendMessage(chat.conversationId, { text: 'respuesta', location: { latitude: 4.6, longitude: -74.1, name: 'Taller' } }, { replyTo: sent.id });
    messaging.addReaction(sent.id, '👍');
    messaging.editMessage(sent.id, 'foto editada @asesor');
    messaging.actAs('asesor').markAsRead(chat.conversationId);
    await pushNotifications.send('Pedido enviado', { category: 'orders', data: { orderId: '1234' } });
    pushNotifications.schedule('Recordatorio', { body: 'Tu cita' }, Date.parse('2025-03-11T15:00:00Z'));
    realtimeAnalytics.identify('client_1', { plan: 'pro' });
    realtimeAnalytics.track('add_to_cart', { sku: 'FLT-100' });
    await system.flush();
    const backup = await backupSystem.createBackup('manual');
    messaging.sendMessage(chat.conversationId, { text: 'se irá con la restauración' });
    await system.flush();

    await expect(backupSystem.restoreBackup(backup.id)).resolves.toMatchObject({ backupId: backup.id });
    expect((await system.storage.getAll('messages')).map((m) => (m.content as { text: string }).text).sort()).toEqual(
      ['filtro de aceite para Boxer', 'foto editada @asesor', 'hola', 'respuesta'],
    );
  });
});
