import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config';
import { PUSH_KV } from '../../../src/push/shared/constants';
import { createHarness, type Harness } from './fixtures';

let h: Harness;
afterEach(async () => h?.close());

const message = (id: string) => ({ id, senderName: 'Juan', text: 'Hola', conversationId: 'conv_1' });

describe('configure', () => {
  it('writes new notifications in the language the widget was switched to, in the page and for the service worker', async () => {
    h = await createHarness({ language: 'es' });
    expect((await h.push.sendMessageNotification(message('m1'))).title).toBe('Nuevo mensaje de Juan');

    h.push.configure(parseConfig({ language: 'en', storeName: 'Motos Don Pepe' }));

    expect((await h.push.sendMessageNotification(message('m2'))).title).toBe('New message from Juan');
    await h.storage.flush();
    expect(await h.storage.get('kv', PUSH_KV.settings)).toMatchObject({ value: { language: 'en', storeName: 'Motos Don Pepe' } });
  });

  it('follows a new pushNotifications section, and keeps the last good one when the new one is invalid', async () => {
    h = await createHarness();
    h.push.configure(parseConfig({ pushNotifications: { routes: { chat: '/chat/{conversationId}' } } }));
    expect((await h.push.sendMessageNotification(message('m1'))).url).toBe('/chat/conv_1');

    h.push.configure(parseConfig({ language: 'pt', pushNotifications: { timeoutMs: 'soon' } }));

    expect(h.errors.map((e) => e.code)).toEqual(['VALIDATION']);
    const record = await h.push.sendMessageNotification(message('m2'));
    expect(record).toMatchObject({ title: 'Nova mensagem de Juan', url: '/chat/conv_1' });
  });

  it('refuses a missing or malformed config with VALIDATION and keeps the current one', async () => {
    h = await createHarness({ language: 'en' });
    for (const bad of [undefined, null, 'en', { language: 'xx' }]) {
      expect(() => h.push.configure(bad as never)).toThrowError(expect.objectContaining({ code: 'VALIDATION' }) as Error);
    }
    expect((await h.push.sendMessageNotification(message('m1'))).title).toBe('New message from Juan');
    expect(h.errors).toEqual([]);
  });
});
