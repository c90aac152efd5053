import { afterEach, describe, expect, it } from 'vitest';
import { isChatbotError } from '../../../src/core/errors';
import { at, createHarness, type Harness } from './fixtures';

let h: Harness;
afterEach(async () => h?.close());

describe('send', () => {
  it('shows a notification through the service worker and records it in the notification center', async () => {
    h = await createHarness();
    const record = await h.push.send('¡Nuevo mensaje!', { body: 'Juan te envió un mensaje', icon: '/icon-message.png', category: 'messages' });
    expect(record).toMatchObject({ title: '¡Nuevo mensaje!', status: 'shown', read: false, category: 'messages' });
    expect(h.browser.shown).toHaveLength(1);
    expect(h.browser.shown[0]).toMatchObject({ title: '¡Nuevo mensaje!', options: { body: 'Juan te envió un mensaje', icon: '/icon-message.png', data: { id: record.id } } });
    expect(h.push.getNotifications()).toEqual([expect.objectContaining({ id: record.id })]);
    await h.storage.flush();
    expect(await h.storage.get('notifications', record.id)).toMatchObject({ title: '¡Nuevo mensaje!' });
  });

  it('uses the store icon when none is given and passes actions through', async () => {
    h = await createHarness();
    await h.push.send('Pedido enviado', { body: 'Tu pedido #1234 está en camino', category: 'orders', actions: [{ action: 'view', title: 'Ver pedido' }, { action: 'track', title: 'Rastrear' }] });
    expect(h.browser.shown[0]?.options).toMatchObject({ icon: '/icons/icon-192.png', actions: [{ action: 'view', title: 'Ver pedido' }, { action: 'track', title: 'Rastrear' }] });
  });

  it('shows nothing and stores nothing for a category the user switched off', async () => {
    h = await createHarness();
    h.push.setPreferences({ categories: { promotions: false } });
    const record = await h.push.send('50% OFF', { category: 'promotions' });
    expect(record.status).toBe('dropped');
    expect(h.browser.shown).toHaveLength(0);
    expect(h.push.getNotifications()).toHaveLength(0);
  });

  it('keeps notifications in the center only when notifications are switched off or not permitted', async () => {
    h = await createHarness();
    h.push.setPreferences({ enabled: false });
    expect((await h.push.send('A', { category: 'orders' })).status).toBe('suppressed');
    h.push.setPreferences({ enabled: true });
    h.browser.state.permission = 'default';
    expect((await h.push.send('B', { category: 'orders' })).status).toBe('blocked');
    expect(h.browser.shown).toHaveLength(0);
    expect(h.push.getNotifications().map((n) => n.title)).toEqual(['B', 'A']);
  });

  it('marks a notification failed when the browser refuses to show it, and reports the error', async () => {
    h = await createHarness();
    const registration = await h.browser.platform.registration();
    (registration as unknown as { showNotification: () => Promise<void> }).showNotification = async () => {
      throw new TypeError('No notification permission has been granted for this origin.');
    };
    const record = await h.push.send('Hola', {});
    expect(record.status).toBe('failed');
    expect(h.errors.map((e) => e.code)).toEqual(['PERMISSION_DENIED']);
    expect(h.push.getNotifications()[0]?.status).toBe('failed');
  });

  it('rejects bad input with VALIDATION and changes nothing', async () => {
    h = await createHarness();
    const bad: Array<[unknown, unknown]> = [
      ['', {}],
      [42, {}],
      ['ok', { category: 'spam' }],
      ['ok', { icon: 'javascript:alert(1)' }],
      ['ok', { url: '//evil.example' }],
      ['ok', { actions: [{ action: 'a', title: 'A' }, { action: 'b', title: 'B' }, { action: 'c', title: 'C' }] }],
      ['ok', { bodyy: 'typo' }],
      ['ok', { priority: 'critical' }],
      ['ok', 'not options'],
      [' ', {}],
      ['\t\n ', { body: 'only whitespace in the title' }],
    ];
    for (const [title, options] of bad) {
      await expect(h.push.send(title as string, options as never)).rejects.toSatisfy((e) => isChatbotError(e, 'VALIDATION'));
    }
    expect(h.push.getNotifications()).toHaveLength(0);
    expect(h.browser.shown).toHaveLength(0);
  });
});

describe('typed notifications', () => {
  it('writes an order notification in Spanish with view and track actions leading to the order page', async () => {
    h = await createHarness();
    const record = await h.push.sendOrderNotification({ id: '1234', status: 'enviado' });
    expect(record).toMatchObject({ title: 'Pedido #1234 enviado', body: 'Tu pedido #1234 está en camino', category: 'orders', url: '/?order=1234' });
    expect(record.actions.map((a) => a.title)).toEqual(['Ver pedido', 'Rastrear']);
    expect(record.actionUrls).toEqual({ view: '/?order=1234', track: '/?order=1234&track=1' });
  });

  it('writes a message notification that opens the chat on its conversation', async () => {
    h = await createHarness();
    const record = await h.push.sendMessageNotification({ id: 'msg_123', senderName: 'Juan', text: 'Hola!', conversationId: 'conv_1' });
    expect(record).toMatchObject({ title: 'Nuevo mensaje de Juan', body: 'Hola!', category: 'messages', url: '/?chat=conv_1', tag: 'chat-conv_1' });
    expect(record.actions.map((a) => a.action)).toEqual(['reply', 'mark_read']);
    expect(record.actionUrls.mark_read).toBeNull();
  });

  it('writes promotion and review notifications', async () => {
    h = await createHarness();
    const promo = await h.push.sendPromotionNotification({ title: '50% OFF', description: 'Descuento en todos los repuestos', image: '/promo.jpg' });
    expect(promo).toMatchObject({ title: '50% OFF', body: 'Descuento en todos los repuestos', image: '/promo.jpg', category: 'promotions' });
    const review = await h.push.sendReviewNotification({ userName: 'Carlos', rating: 5, productId: '123' });
    expect(review).toMatchObject({ title: 'Nueva reseña de Carlos', body: '★★★★★ (5/5)', category: 'reviews', url: '/?product=123' });
  });

  it('speaks the widget language (en, pt, fr)', async () => {
    for (const [language, title] of [['en', 'New message from Juan'], ['pt', 'Nova mensagem de Juan'], ['fr', 'Nouveau message de Juan']] as const) {
      h = await createHarness({ language });
      expect((await h.push.sendMessageNotification({ id: `m_${language}`, senderName: 'Juan', text: 'x', conversationId: 'c' })).title).toBe(title);
      await h.close();
    }
    h = await createHarness({ language: 'pt' });
    expect((await h.push.sendOrderNotification({ id: 7, status: 'delivered' })).body).toBe('Seu pedido #7 foi entregue');
  });

  it('rejects bad typed input with VALIDATION', async () => {
    h = await createHarness();
    const cases: Array<() => Promise<unknown>> = [
      () => h.push.sendOrderNotification({ id: '', status: 'enviado' }),
      () => h.push.sendOrderNotification({ status: 'enviado' } as never),
      () => h.push.sendOrderNotification(null as never),
      () => h.push.sendMessageNotification({ id: 'm', senderName: 'Juan', text: 'x' } as never),
      () => h.push.sendPromotionNotification({ description: 'sin título' } as never),
      () => h.push.sendPromotionNotification({ title: 'x', image: 'data:image/png;base64,AAA' }),
      () => h.push.sendReviewNotification({ userName: 'Carlos', rating: 6, productId: '1' }),
      () => h.push.sendReviewNotification({ userName: 'Carlos', rating: 4.5, productId: '1' }),
      () => h.push.sendPromotionNotification({ title: '   ' }),
      () => h.push.sendOrderNotification({ id: '1234', status: ' ' }),
    ];
    for (const run of cases) await expect(run()).rejects.toSatisfy((e) => isChatbotError(e, 'VALIDATION'));
    expect(h.push.getNotifications()).toHaveLength(0);
  });
});

describe('quiet hours queue', () => {
  it('queues a message notification during quiet hours and releases a summary when they end', async () => {
    h = await createHarness();
    h.clock.set(at(23, 0));
    h.push.setPreferences({ quietHours: { enabled: true, start: '22:00', end: '08:00' } });
    const queued: string[] = [];
    h.push.on('notification_queued', (n) => queued.push(n.title));
    for (const name of ['Juan', 'Ana', 'Luis']) {
      await h.push.sendMessageNotification({ id: `m_${name}`, senderName: name, text: 'hola', conversationId: 'conv_1' });
    }
    await h.push.sendOrderNotification({ id: '9', status: 'enviado' });
    expect(queued).toHaveLength(4);
    expect(h.browser.shown).toHaveLength(0);
    expect(h.push.getStats().queued).toBe(4);
    expect(h.push.getQueue().map((n) => n.status)).toEqual(['queued', 'queued', 'queued', 'queued']);

    h.clock.set(at(7, 59, 16));
    await h.idle();
    expect(h.browser.shown).toHaveLength(0);
    h.clock.set(at(8, 0, 16));
    await h.idle();
    expect(h.browser.shown.map((s) => s.title).sort()).toEqual(['3 mensajes nuevos', 'Pedido #9 enviado']);
    const summary = h.browser.shown.find((s) => s.title === '3 mensajes nuevos')!;
    expect(summary.options.data.ids).toHaveLength(3);
    expect(h.push.getStats().queued).toBe(0);
    expect(h.push.getNotifications({ category: 'messages' }).map((n) => n.status)).toEqual(['summarized', 'summarized', 'summarized']);
  });

  it('lets an urgent notification through quiet hours', async () => {
    h = await createHarness();
    h.clock.set(at(23, 0));
    h.push.setPreferences({ quietHours: { enabled: true } });
    const record = await h.push.send('Pago rechazado', { category: 'orders', priority: 'urgent' });
    expect(record.status).toBe('shown');
    expect(h.browser.shown[0]?.options).toMatchObject({ requireInteraction: true });
  });

  it('does not pop up a queued notification already read in the page', async () => {
    h = await createHarness();
    h.clock.set(at(23, 0));
    h.push.setPreferences({ quietHours: { enabled: true } });
    const record = await h.push.send('Leído', { category: 'system' });
    h.push.markAsRead(record.id);
    h.clock.set(at(8, 0, 16));
    await h.idle();
    expect(h.browser.shown).toHaveLength(0);
    expect(h.push.getStats().queued).toBe(0);
  });

  it('releases at once when the user switches quiet hours off', async () => {
    h = await createHarness();
    h.clock.set(at(23, 0));
    h.push.setPreferences({ quietHours: { enabled: true } });
    await h.push.send('Uno', { category: 'system' });
    h.push.setPreferences({ quietHours: { enabled: false } });
    h.clock.advance(10);
    await h.idle();
    expect(h.browser.shown.map((s) => s.title)).toEqual(['Uno']);
  });
});

describe('message notifications from remote messages', () => {
  it('records one notification per message even when several tabs hear the same message', async () => {
    h = await createHarness();
    const message = { id: 'msg_9', senderName: 'Ana', text: 'Hola', conversationId: 'conv_2' };
    const first = await h.push.sendMessageNotification(message);
    const second = await h.push.sendMessageNotification(message);
    expect(second.id).toBe(first.id);
    expect(h.push.getNotifications()).toHaveLength(1);
    expect(h.browser.shown).toHaveLength(1);
  });
});
