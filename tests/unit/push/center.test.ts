import { describe, expect, it } from 'vitest';
import { isChatbotError } from '../../../src/core/errors';
import { DEFAULT_PREFERENCES } from '../../../src/push';
import { uniqueChannelName } from '../helpers';
import { pollUntil } from '../../shared/poll';
import { useHarnesses } from './fixtures';

const open = useHarnesses();

describe('notification center', () => {
  it('lists newest first and filters by unread, category, since and limit', async () => {
    const h = await open();
    const first = await h.push.send('Viejo', { category: 'orders' });
    h.clock.advance(2 * 86_400_000);
    const second = await h.push.send('Nuevo', { category: 'messages' });
    h.clock.advance(1000);
    await h.push.send('Más nuevo', { category: 'orders' });
    h.push.markAsRead(second.id);
    expect(h.push.getNotifications().map((n) => n.title)).toEqual(['Más nuevo', 'Nuevo', 'Viejo']);
    expect(h.push.getNotifications({ unread: true, category: 'orders' }).map((n) => n.title)).toEqual(['Más nuevo', 'Viejo']);
    expect(h.push.getNotifications({ since: new Date(h.clock.now() - 86_400_000) }).map((n) => n.title)).toEqual(['Más nuevo', 'Nuevo']);
    expect(h.push.getNotifications({ limit: 1 })).toHaveLength(1);
    expect(h.push.getNotifications({ unread: false }).map((n) => n.id)).toEqual([second.id]);
    // Results are copies: changing them changes nothing.
    h.push.getNotifications()[0]!.title = 'hack';
    expect(h.push.getNotifications()[0]!.title).toBe('Más nuevo');
    expect(first.read).toBe(false);
  });

  it('marks read, marks all of a category read, deletes and clears', async () => {
    const h = await open();
    const a = await h.push.send('A', { category: 'messages' });
    await h.push.send('B', { category: 'messages' });
    await h.push.send('C', { category: 'promotions' });
    expect(h.push.markAsRead(a.id)).toMatchObject({ id: a.id, read: true, readAt: h.clock.now() });
    expect(h.push.markAllAsRead('messages')).toBe(1);
    expect(h.push.getStats().unread).toBe(1);
    expect(h.push.markAllAsRead()).toBe(1);
    expect(h.push.deleteNotification(a.id)).toBe(true);
    expect(h.push.deleteNotification(a.id)).toBe(false);
    expect(h.push.clearAll('promotions')).toBe(1);
    expect(h.push.getNotifications().map((n) => n.title)).toEqual(['B']);
    expect(h.push.clearAll()).toBe(1);
    expect(h.push.getStats().total).toBe(0);
  });

  it('reports stats in the seed shape', async () => {
    const h = await open();
    await h.push.send('old', { category: 'orders' });
    h.clock.advance(3 * 86_400_000);
    await h.push.send('recent', { category: 'messages' });
    h.push.schedule('later', {}, h.clock.now() + 1000);
    expect(h.push.getStats()).toEqual({
      total: 2,
      unread: 2,
      last24h: 1,
      last7d: 2,
      byCategory: { orders: 1, messages: 1, promotions: 0, reviews: 0, system: 0 },
      scheduled: 1,
      queued: 0,
    });
  });

  it('survives a reload and shows another tab\'s changes', async () => {
    const name = uniqueChannelName();
    const a = await open({ channelName: name });
    const b = await open({ channelName: name });
    const record = await a.push.send('Compartida', { category: 'system' });
    await pollUntil(() => expect(b.push.getNotifications().map((n) => n.id)).toEqual([record.id]));
    b.push.markAsRead(record.id);
    await pollUntil(() => expect(a.push.getNotifications()[0]?.read).toBe(true));
    await a.storage.flush();
    await b.storage.flush();
    const c = await open({ channelName: name });
    expect(c.push.getNotifications()).toEqual([expect.objectContaining({ id: record.id, read: true })]);
  });

  it('rejects bad center input with VALIDATION and changes nothing', async () => {
    const h = await open();
    await h.push.send('A', { category: 'messages' });
    const cases: Array<() => unknown> = [
      () => h.push.getNotifications({ category: 'spam' } as never),
      () => h.push.getNotifications({ limit: 0 }),
      () => h.push.getNotifications({ since: 'ayer' } as never),
      () => h.push.getNotifications({ unread: 'yes' } as never),
      () => h.push.markAsRead(''),
      () => h.push.markAllAsRead('spam'),
      () => h.push.deleteNotification(7 as never),
      () => h.push.clearAll('spam'),
    ];
    for (const run of cases) expect(run).toThrowError(expect.toSatisfy((e) => isChatbotError(e, 'VALIDATION')));
    expect(() => h.push.markAsRead('ntf_missing')).toThrowError(expect.toSatisfy((e) => isChatbotError(e, 'NOT_FOUND')));
    expect(h.push.getNotifications()).toEqual([expect.objectContaining({ title: 'A', read: false })]);
  });
});

describe('preferences', () => {
  it('merges, persists, and is read back after a reload', async () => {
    const name = uniqueChannelName();
    const a = await open({ channelName: name });
    const prefs = a.push.setPreferences({ categories: { promotions: false }, quietHours: { enabled: true, start: '22:00', end: '08:00' }, sound: false });
    expect(prefs).toEqual({ ...DEFAULT_PREFERENCES, categories: { ...DEFAULT_PREFERENCES.categories, promotions: false }, quietHours: { enabled: true, start: '22:00', end: '08:00' }, sound: false });
    await a.storage.flush();
    const b = await open({ channelName: name });
    expect(b.push.getPreferences()).toEqual(prefs);
  });

  it('merges two tabs changing different fields at once', async () => {
    const name = uniqueChannelName();
    const a = await open({ channelName: name });
    const b = await open({ channelName: name });
    a.push.setPreferences({ sound: false });
    b.push.setPreferences({ categories: { reviews: false } });
    await a.storage.flush();
    await b.storage.flush();
    const c = await open({ channelName: name });
    expect(c.push.getPreferences()).toMatchObject({ sound: false, categories: { reviews: false } });
  });

  it('rejects bad preferences with VALIDATION and changes nothing', async () => {
    const h = await open();
    const cases = [
      { enabled: 'yes' },
      { categories: { pedidos: true } },
      { quietHours: { start: '25:00' } },
      { quietHours: { start: '08:00', end: '08:00' } },
      { volume: 3 },
      null,
    ];
    for (const patch of cases) expect(() => h.push.setPreferences(patch as never)).toThrowError(expect.toSatisfy((e) => isChatbotError(e, 'VALIDATION')));
    expect(h.push.getPreferences()).toEqual(DEFAULT_PREFERENCES);
  });
});

describe('notification center size', () => {
  it('keeps at most maxNotifications, dropping read ones first, then the oldest', async () => {
    const h = await open({ section: { maxNotifications: 10 } });
    const first = await h.push.send('n0', {});
    for (let i = 1; i < 10; i++) {
      h.clock.advance(1000);
      await h.push.send(`n${i}`, {});
    }
    const readOne = h.push.getNotifications().find((n) => n.title === 'n5')!;
    h.push.markAsRead(readOne.id);
    h.clock.advance(1000);
    await h.push.send('n10', {});
    expect(h.push.getStats().total).toBe(10);
    expect(h.push.getNotifications().map((n) => n.title)).not.toContain('n5');
    expect(h.push.getNotifications().map((n) => n.id)).toContain(first.id);
    h.clock.advance(1000);
    await h.push.send('n11', {});
    expect(h.push.getNotifications().map((n) => n.id)).not.toContain(first.id);
    await h.storage.flush();
    expect(await h.storage.getAll('notifications')).toHaveLength(10);
  });
});

describe('after a backup restore', () => {
  it('reloadState() replaces the read models with what IndexedDB now holds', async () => {
    const h = await open();
    await h.push.send('Antes', { category: 'orders' });
    h.push.schedule('Programada', {}, h.clock.now() + 60_000);
    await h.storage.flush();
    // A restore writes the database behind the module's back (no broadcast reaches it).
    const { createStorage } = await import('../../../src/storage');
    const restorer = createStorage();
    restorer.clear('notifications');
    restorer.clear('scheduled');
    restorer.put('notifications', { id: 'ntf_restored', title: 'Restaurada', body: '', icon: '/i.png', badge: '/i.png', category: 'messages', priority: 'normal', url: '/', actions: [], actionUrls: {}, data: {}, createdAt: h.clock.now(), read: false, status: 'shown', source: 'page' });
    await restorer.close();
    expect(h.push.getNotifications().map((n) => n.title)).toEqual(['Antes']);
    await h.push.reloadState();
    expect(h.push.getNotifications().map((n) => n.title)).toEqual(['Restaurada']);
    expect(h.push.getStats()).toMatchObject({ total: 1, scheduled: 0 });
    h.push.markAsRead('ntf_restored');
    await h.storage.flush();
    expect(await h.storage.get('notifications', 'ntf_restored')).toMatchObject({ read: true });
  });
});
