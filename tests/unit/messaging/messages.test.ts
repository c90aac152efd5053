import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../src/messaging';
import { createHarness, errorOf, START, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function withConversation(section: Record<string, unknown> = {}): Promise<string> {
  h = await createHarness({ user: 'juan', section });
  return h.messaging.createConversation(['juan', 'ana', 'luis'], { name: 'Equipo', type: 'group' }).id;
}

describe('sendMessage', () => {
  it('sends a text message with the seed\'s fields and announces it', async () => {
    const conv = await withConversation();
    const sent: Message[] = [];
    h.messaging.on('message_sent', (m) => sent.push(m));
    const message = h.messaging.sendMessage(conv, { text: 'Hola equipo! 👋', type: 'text', attachments: [] });
    expect(message).toMatchObject({
      conversationId: conv, senderId: 'juan', type: 'text', content: { text: 'Hola equipo! 👋', attachments: [] },
      replyTo: null, threadId: null, createdAt: START, status: 'sent', editedAt: null, edits: [], deleted: false, mentions: [],
    });
    expect(message.id).toMatch(/^msg_/);
    expect(sent).toEqual([message]);
    expect(h.messaging.getMessage(message.id)).toBe(message);
  });

  it('becomes delivered once committed, and the record is in IndexedDB without the derived status', async () => {
    const conv = await withConversation();
    const message = h.messaging.sendMessage(conv, { text: 'hola' });
    const statuses: string[] = [];
    h.messaging.on('message_status_changed', (m) => statuses.push(m.status));
    await h.storage.flush();
    await Promise.resolve();
    expect(h.messaging.getMessage(message.id)?.status).toBe('delivered');
    expect(statuses).toEqual(['delivered']);
    const stored = await h.storage.get('messages', message.id);
    expect(stored).toMatchObject({ id: message.id, content: { text: 'hola' } });
    expect(stored).not.toHaveProperty('status');
  });

  it('refuses unknown conversations, non-participants, empty text and wrong types, changing nothing', async () => {
    const conv = await withConversation();
    expect(errorOf(() => h.messaging.sendMessage('conv_nope', { text: 'hola' })).code).toBe('NOT_FOUND');
    expect(errorOf(() => h.messaging.sendMessage(conv, { text: '   ' })).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.sendMessage(conv, {})).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.sendMessage(conv, { text: 42 } as never)).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.sendMessage(conv, { text: 'x', type: 'sticker' } as never)).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.sendMessage(conv, { text: 'x', attachments: ['foto.jpg'] } as never)).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.sendMessage(conv, { text: 'x', attachmnts: [] } as never)).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.sendMessage(conv, 'hola' as never)).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.sendMessage(conv, { text: 'x' }, { replyTo: 5 } as never)).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.sendMessage(conv, { text: 'x' }, { replyTo: 'msg_nope' })).code).toBe('NOT_FOUND');
    h.messaging.setCurrentUser('intruso');
    expect(errorOf(() => h.messaging.sendMessage(conv, { text: 'hola' })).code).toBe('FORBIDDEN');
    expect(h.messaging.getStats().totalMessages).toBe(0);
    expect(h.storage.pendingCount()).toBe(1); // only the conversation
  });

  it('limits the text length', async () => {
    const conv = await withConversation({ maxTextLength: 10 });
    expect(errorOf(() => h.messaging.sendMessage(conv, { text: 'x'.repeat(11) })).code).toBe('TOO_LARGE');
    expect(h.messaging.sendMessage(conv, { text: 'x'.repeat(10) }).content.text).toHaveLength(10);
  });

  it('stores attachments as Blobs, infers the type from the file, and serves them back', async () => {
    const conv = await withConversation();
    const photo = new File([new Uint8Array([1, 2, 3, 4])], 'cadena.jpg', { type: 'image/jpeg' });
    const message = h.messaging.sendMessage(conv, { text: 'Así llegó la cadena', attachments: [photo] });
    expect(message.type).toBe('image');
    expect(message.content.attachments).toEqual([{ id: expect.stringMatching(/^att_/), name: 'cadena.jpg', mimeType: 'image/jpeg', size: 4 }]);
    await h.storage.flush();
    const blob = await h.messaging.getAttachment(message.content.attachments[0]!.id);
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3, 4]));
    const pdf = h.messaging.sendMessage(conv, { attachments: [{ blob: new Blob(['%PDF'], { type: 'application/pdf' }), name: 'factura.pdf' }] });
    expect(pdf).toMatchObject({ type: 'file', content: { text: '', attachments: [{ name: 'factura.pdf', mimeType: 'application/pdf' }] } });
    const voice = h.messaging.sendMessage(conv, { type: 'audio', attachments: [new Blob(['x'], { type: 'audio/ogg' })] });
    expect(voice.type).toBe('audio');
    const clip = h.messaging.sendMessage(conv, { attachments: [new Blob(['x'], { type: 'video/mp4' })] });
    expect(clip.type).toBe('video');
  });

  it('refuses attachments above the configured size or count with TOO_LARGE, storing nothing', async () => {
    const conv = await withConversation({ maxAttachmentBytes: 8, maxAttachmentsPerMessage: 2 });
    const big = new Blob(['123456789'], { type: 'image/png' });
    const error = errorOf(() => h.messaging.sendMessage(conv, { attachments: [big] }));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toMatch(/limit/);
    const small = new Blob(['1'], { type: 'image/png' });
    expect(errorOf(() => h.messaging.sendMessage(conv, { attachments: [small, small, small] })).code).toBe('TOO_LARGE');
    await h.storage.flush();
    expect(await h.storage.getAll('attachments')).toEqual([]);
  });

  it('needs an attachment for media types and refuses attachments on text messages', async () => {
    const conv = await withConversation();
    expect(errorOf(() => h.messaging.sendMessage(conv, { text: 'mira', type: 'image' })).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.sendMessage(conv, { text: 'mira', type: 'text', attachments: [new Blob(['x'])] })).code).toBe('VALIDATION');
  });

  it('sends a location with validated coordinates', async () => {
    const conv = await withConversation();
    const message = h.messaging.sendMessage(conv, { text: 'Aquí está el taller', location: { latitude: 4.711, longitude: -74.0721, name: 'Bogotá' } });
    expect(message).toMatchObject({ type: 'location', content: { location: { latitude: 4.711, longitude: -74.0721, name: 'Bogotá' } } });
    expect(errorOf(() => h.messaging.sendMessage(conv, { location: { latitude: 91, longitude: 0 } })).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.sendMessage(conv, { location: { latitude: 0, longitude: -181 } })).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.sendMessage(conv, { location: { latitude: '4' as never, longitude: 0 } })).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.sendMessage(conv, { type: 'location', text: 'sin coordenadas' })).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.sendMessage(conv, { type: 'text', text: 'x', location: { latitude: 1, longitude: 1 } })).code).toBe('VALIDATION');
  });

  it('pages through a conversation\'s history, oldest first', async () => {
    const conv = await withConversation();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(h.messaging.sendMessage(conv, { text: `m${i}` }).id);
      h.clock.advance(1000);
    }
    expect(h.messaging.getMessages(conv).map((m) => m.id)).toEqual(ids);
    expect(h.messaging.getMessages(conv, { limit: 2 }).map((m) => m.id)).toEqual(ids.slice(3));
    expect(h.messaging.getMessages(conv, { limit: 2, before: START + 3000 }).map((m) => m.id)).toEqual(ids.slice(1, 3));
    expect(h.messaging.getMessages(conv, { after: new Date(START + 2000) }).map((m) => m.id)).toEqual(ids.slice(3));
    expect(errorOf(() => h.messaging.getMessages('conv_nope')).code).toBe('NOT_FOUND');
    expect(errorOf(() => h.messaging.getMessages(conv, { limit: 0 })).code).toBe('VALIDATION');
  });
});

describe('editMessage', () => {
  it('lets the sender edit, keeping the edit history, and announces it', async () => {
    const conv = await withConversation();
    const message = h.messaging.sendMessage(conv, { text: 'Primera versión' });
    const edited: Message[] = [];
    h.messaging.on('message_edited', (m) => edited.push(m));
    h.clock.advance(60_000);
    const after = h.messaging.editMessage(message.id, 'Texto editado');
    expect(after).toMatchObject({ content: { text: 'Texto editado' }, editedAt: START + 60_000, edits: [{ text: 'Primera versión', editedAt: START + 60_000 }] });
    h.messaging.editMessage(message.id, 'Tercera');
    expect(h.messaging.getMessage(message.id)?.edits.map((e) => e.text)).toEqual(['Primera versión', 'Texto editado']);
    expect(edited).toHaveLength(2);
    await h.storage.flush();
    expect(await h.storage.get('messages', message.id)).toMatchObject({ content: { text: 'Tercera' }, edits: [{ text: 'Primera versión' }, { text: 'Texto editado' }] });
  });

  it('refuses edits by someone else, of unknown or deleted messages, and empty texts', async () => {
    const conv = await withConversation();
    const message = h.messaging.sendMessage(conv, { text: 'mío' });
    expect(errorOf(() => h.messaging.editMessage('msg_nope', 'x')).code).toBe('NOT_FOUND');
    expect(errorOf(() => h.messaging.editMessage(message.id, '  ')).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.editMessage(message.id, 5 as never)).code).toBe('VALIDATION');
    h.messaging.setCurrentUser('ana');
    expect(errorOf(() => h.messaging.editMessage(message.id, 'de ana')).code).toBe('FORBIDDEN');
    h.messaging.setCurrentUser('juan');
    h.messaging.deleteMessage(message.id);
    expect(errorOf(() => h.messaging.editMessage(message.id, 'revivir')).code).toBe('CONFLICT');
    expect(h.messaging.getMessage(message.id)?.edits).toEqual([]);
  });
});

describe('deleteMessage', () => {
  it('soft-deletes to a "mensaje eliminado" tombstone without content, files or search entries', async () => {
    const conv = await withConversation();
    const message = h.messaging.sendMessage(conv, { text: 'Filtro de aceite', attachments: [new Blob(['x'], { type: 'image/png' })] });
    const deleted: unknown[] = [];
    h.messaging.on('message_deleted', (e) => deleted.push(e));
    h.messaging.deleteMessage(message.id);
    const tombstone = h.messaging.getMessage(message.id)!;
    expect(tombstone).toMatchObject({ deleted: true, deletedAt: START, content: { text: 'mensaje eliminado', attachments: [] } });
    expect(deleted).toEqual([{ messageId: message.id, conversationId: conv, permanent: false, message: tombstone }]);
    expect(h.messaging.searchMessages('filtro')).toEqual([]);
    expect(h.messaging.getStats().totalMessages).toBe(0);
    await h.storage.flush();
    expect(await h.storage.getAll('attachments')).toEqual([]);
    expect(await h.storage.get('messages', message.id)).toMatchObject({ deleted: true });
    await expect(h.messaging.getAttachment(message.content.attachments[0]!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('removes the record for good when permanent, with its files, reactions and search entries', async () => {
    const conv = await withConversation();
    const message = h.messaging.sendMessage(conv, { text: 'Pastillas de freno', attachments: [new Blob(['x'], { type: 'image/png' })] });
    h.messaging.addReaction(message.id, '👍');
    await h.storage.flush();
    h.messaging.deleteMessage(message.id, true);
    expect(h.messaging.getMessage(message.id)).toBeUndefined();
    expect(h.messaging.searchMessages('pastillas')).toEqual([]);
    expect(h.messaging.getSearchIndexStats().documents).toBe(0);
    await h.storage.flush();
    expect(await h.storage.get('messages', message.id)).toBeUndefined();
    expect(await h.storage.getAll('attachments')).toEqual([]);
    expect(await h.storage.getAll('reactions')).toEqual([]);
  });

  it('lets only the sender delete, and refuses bad arguments', async () => {
    const conv = await withConversation();
    const message = h.messaging.sendMessage(conv, { text: 'mío' });
    expect(errorOf(() => h.messaging.deleteMessage('msg_nope')).code).toBe('NOT_FOUND');
    expect(errorOf(() => h.messaging.deleteMessage(message.id, 'yes' as never)).code).toBe('VALIDATION');
    h.messaging.setCurrentUser('ana');
    expect(errorOf(() => h.messaging.deleteMessage(message.id)).code).toBe('FORBIDDEN');
    expect(h.messaging.getMessage(message.id)?.deleted).toBe(false);
  });

  it('uses the widget language for the tombstone', async () => {
    h = await createHarness({ user: 'juan', config: { language: 'en' } });
    const conv = h.messaging.createConversation(['juan', 'ana']).id;
    const message = h.messaging.sendMessage(conv, { text: 'oops' });
    h.messaging.deleteMessage(message.id);
    expect(h.messaging.getMessage(message.id)?.content.text).toBe('message deleted');
  });
});
