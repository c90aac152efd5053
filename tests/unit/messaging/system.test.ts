import { afterEach, describe, expect, it } from 'vitest';
import { createSystem } from '../../../src/system';
import { createHarness, errorOf, START, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('exportConversation', () => {
  it('exports JSON with every field, edit history, reactions and receipts', async () => {
    h = await createHarness({ user: 'juan' });
    const conv = h.messaging.createConversation(['juan', 'ana'], { name: 'Soporte' }).id;
    const message = h.messaging.sendMessage(conv, { text: 'hola' });
    h.messaging.editMessage(message.id, 'hola ana');
    h.messaging.addReaction(message.id, '👍');
    h.messaging.setCurrentUser('ana');
    h.messaging.markAsRead(conv);
    const data = JSON.parse(h.messaging.exportConversation(conv, 'json'));
    expect(data).toMatchObject({
      format: 'chatbot-repuestos-motos/conversation', version: 1, exportedAt: new Date(START).toISOString(),
      conversation: { id: conv, name: 'Soporte', participants: ['juan', 'ana'] },
      messages: [{ id: message.id, content: { text: 'hola ana' }, edits: [{ text: 'hola' }], status: 'read' }],
      reactions: [{ messageId: message.id, userId: 'juan', emoji: '👍' }],
      receipts: [{ userId: 'ana', readId: message.id }],
    });
    expect(JSON.parse(h.messaging.exportConversation(conv)).messages).toHaveLength(1);
  });

  it('exports a readable transcript with thread replies indented', async () => {
    h = await createHarness({ user: 'juan' });
    const conv = h.messaging.createConversation(['juan', 'ana', 'luis'], { name: 'Equipo de Ventas', type: 'group' }).id;
    const root = h.messaging.sendMessage(conv, { text: '¿Hay stock del kit de arrastre?' });
    h.clock.advance(60_000);
    h.messaging.setCurrentUser('ana');
    h.messaging.sendMessage(conv, { text: 'Sí, 12 unidades' }, { replyTo: root.id });
    h.messaging.sendMessage(conv, { text: 'Otra cosa', location: { latitude: 4.6, longitude: -74.1 } });
    const gone = h.messaging.sendMessage(conv, { text: 'error' });
    h.messaging.deleteMessage(gone.id);
    h.messaging.addReaction(root.id, '👍');
    const photo = h.messaging.sendMessage(conv, { text: 'foto', attachments: [new File([new Uint8Array(2048)], 'kit.jpg', { type: 'image/jpeg' })] });
    h.messaging.editMessage(photo.id, 'foto del kit\nsegunda línea');
    expect(h.messaging.exportConversation(conv, 'text')).toBe(
      [
        'Conversación: Equipo de Ventas (group)',
        'Participantes: juan, ana, luis',
        '',
        '[2025-01-15 10:30] juan: ¿Hay stock del kit de arrastre? [👍 1]',
        '    ↳ [2025-01-15 10:31] ana: Sí, 12 unidades',
        '[2025-01-15 10:31] ana: Otra cosa [ubicación: 4.6, -74.1]',
        '[2025-01-15 10:31] ana: mensaje eliminado',
        '[2025-01-15 10:31] ana: foto del kit',
        '    segunda línea [adjunto: kit.jpg, 2 KB] (editado)',
        '',
      ].join('\n'),
    );
  });

  it('refuses unknown conversations and formats', async () => {
    h = await createHarness();
    const conv = h.messaging.createConversation(['juan', 'ana']).id;
    expect(errorOf(() => h.messaging.exportConversation('conv_nope')).code).toBe('NOT_FOUND');
    expect(errorOf(() => h.messaging.exportConversation(conv, 'csv' as never)).code).toBe('VALIDATION');
  });
});

describe('stats, current user and storage', () => {
  it('counts conversations, messages, threads and unread messages', async () => {
    h = await createHarness({ user: 'juan' });
    const conv = h.messaging.createConversation(['juan', 'ana']).id;
    h.messaging.createConversation(['juan', 'luis']);
    const root = h.messaging.sendMessage(conv, { text: 'a' });
    h.messaging.setCurrentUser('ana');
    h.messaging.sendMessage(conv, { text: 'b' }, { replyTo: root.id });
    h.messaging.sendMessage(conv, { text: 'c' });
    h.messaging.setCurrentUser('juan');
    expect(h.messaging.getStats()).toEqual({ totalConversations: 2, totalMessages: 3, totalThreads: 1, unreadMessages: 2 });
  });

  it('acts as the configured user, else the widget user id, else a remembered anonymous id', async () => {
    h = await createHarness({ user: null, config: { userId: 'cliente_77' } });
    expect(h.messaging.currentUser).toBe('cliente_77');
    const configured = await h.open({ section: { currentUser: 'asesor' }, config: { userId: 'cliente_77' } });
    expect(configured.messaging.currentUser).toBe('asesor');
    const anonymous = await h.open();
    expect(anonymous.messaging.currentUser).toMatch(/^anon_/);
    const again = await h.open();
    expect(again.messaging.currentUser).toBe(anonymous.messaging.currentUser);
  });

  it('switches the current user and refuses bad ids', async () => {
    h = await createHarness();
    h.messaging.setCurrentUser('user_123');
    expect(h.messaging.currentUser).toBe('user_123');
    expect(errorOf(() => h.messaging.setCurrentUser('')).code).toBe('VALIDATION');
    expect(errorOf(() => h.messaging.setCurrentUser(5 as never)).code).toBe('VALIDATION');
    expect(h.messaging.currentUser).toBe('user_123');
  });

  it('refuses a bad messaging config section', async () => {
    await expect(createHarness({ section: { maxAttachmentBytes: -1 } })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('clears every messaging store, here and after a reload', async () => {
    h = await createHarness({ user: 'juan' });
    const conv = h.messaging.createConversation(['juan', 'ana']).id;
    const message = h.messaging.sendMessage(conv, { text: '@ana hola', attachments: [new Blob(['x'], { type: 'image/png' })] });
    h.messaging.addReaction(message.id, '👍');
    h.messaging.markAsRead(conv);
    await h.storage.flush();
    h.messaging.clearStorage();
    expect(h.messaging.getStats()).toEqual({ totalConversations: 0, totalMessages: 0, totalThreads: 0, unreadMessages: 0 });
    expect(h.messaging.searchMessages('hola')).toEqual([]);
    await h.storage.flush();
    for (const store of ['conversations', 'messages', 'reactions', 'receipts', 'mentions', 'attachments'] as const) {
      expect(await h.storage.getAll(store)).toEqual([]);
    }
    const reloaded = await h.open({ section: { currentUser: 'juan' } });
    expect(reloaded.messaging.getStats().totalMessages).toBe(0);
  });

  it('reloads everything from IndexedDB after a restore wrote behind its back', async () => {
    h = await createHarness({ user: 'juan' });
    const conv = h.messaging.createConversation(['juan', 'ana']).id;
    const kept = h.messaging.sendMessage(conv, { text: 'cadena 428' });
    const dropped = h.messaging.sendMessage(conv, { text: 'piñón 14 dientes' });
    h.messaging.addReaction(kept.id, '👍');
    await h.storage.flush();
    // What a restore does: writes the stores directly (this tab's module is not told).
    h.storage.delete('messages', dropped.id);
    h.storage.put('messages', { ...(await h.storage.get('messages', kept.id))!, content: { text: 'cadena 520', attachments: [] } });
    h.storage.delete('reactions', `${kept.id}|juan|👍`);
    await h.storage.flush();
    const reloaded: unknown[] = [];
    h.messaging.on('state_reloaded', (e) => reloaded.push(e));
    await h.messaging.reloadState();
    expect(reloaded).toEqual([{ conversations: 1, messages: 1 }]);
    expect(h.messaging.getMessage(dropped.id)).toBeUndefined();
    expect(h.messaging.searchMessages('520').map((m) => m.id)).toEqual([kept.id]);
    expect(h.messaging.searchMessages('428')).toEqual([]);
    expect(h.messaging.getReactionsSummary(kept.id)).toEqual({});
    h.messaging.sendMessage(conv, { text: 'sigue funcionando' });
    expect(h.messaging.getStats().totalMessages).toBe(2);
  });

  it('stops calling a listener after off()', async () => {
    h = await createHarness({ user: 'juan' });
    const conv = h.messaging.createConversation(['juan', 'ana']).id;
    const seen: string[] = [];
    const listener = (m: { id: string }): void => void seen.push(m.id);
    h.messaging.on('message_sent', listener);
    h.messaging.sendMessage(conv, { text: 'uno' });
    h.messaging.off('message_sent', listener);
    h.messaging.sendMessage(conv, { text: 'dos' });
    expect(seen).toHaveLength(1);
  });

  it('is wired into the system as CHATBOT_SYSTEM.messaging', async () => {
    const system = createSystem({ messaging: { currentUser: 'user1' } });
    await system.ready;
    expect(system.messaging.currentUser).toBe('user1');
    const conv = system.messaging.createConversation(['user1', 'user2']);
    system.messaging.sendMessage(conv.id, { text: 'hola' });
    await system.flush();
    expect(await system.storage.getAll('messages')).toHaveLength(1);
    await system.destroy();
  });
});
