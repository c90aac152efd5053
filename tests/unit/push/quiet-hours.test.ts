import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/push/shared/decide';
import { DEFAULT_PREFERENCES, mergePreferences, readPreferences } from '../../../src/push/shared/preferences';
import { isQuietHours, quietHoursEnd } from '../../../src/push/shared/quiet-hours';
import { collapse } from '../../../src/push/shared/summary';
import { buildRecord } from '../../../src/push/shared/build';
import { DEFAULT_SETTINGS } from '../../../src/push/shared/settings';
import { at } from './fixtures';

const night = { enabled: true, start: '22:00', end: '08:00' };

describe('quiet hours', () => {
  it('spans midnight: 22:00–08:00 is quiet at 23:30 and 03:00, not at 08:00 or 21:59', () => {
    expect(isQuietHours(night, at(23, 30))).toBe(true);
    expect(isQuietHours(night, at(3, 0))).toBe(true);
    expect(isQuietHours(night, at(22, 0))).toBe(true);
    expect(isQuietHours(night, at(8, 0))).toBe(false);
    expect(isQuietHours(night, at(21, 59))).toBe(false);
    expect(isQuietHours(night, at(12, 0))).toBe(false);
  });

  it('works inside one day too (13:00–15:00)', () => {
    const lunch = { enabled: true, start: '13:00', end: '15:00' };
    expect(isQuietHours(lunch, at(14, 0))).toBe(true);
    expect(isQuietHours(lunch, at(15, 0))).toBe(false);
    expect(isQuietHours(lunch, at(2, 0))).toBe(false);
  });

  it('is never quiet when disabled', () => {
    expect(isQuietHours({ ...night, enabled: false }, at(23, 0))).toBe(false);
  });

  it('ends at the next 08:00: the next morning from 23:30, the same morning from 03:00', () => {
    expect(quietHoursEnd(night, at(23, 30))).toBe(at(8, 0, 16));
    expect(quietHoursEnd(night, at(3, 0))).toBe(at(8, 0));
    expect(quietHoursEnd(night, at(12, 0))).toBeUndefined();
  });
});

describe('delivery rule', () => {
  const prefs = mergePreferences(DEFAULT_PREFERENCES, { quietHours: { enabled: true }, categories: { promotions: false } });
  const base = { preferences: prefs, priority: 'normal' as const, permission: 'granted' as const };

  it('queues during quiet hours, shows outside them, and lets urgent ones through', () => {
    expect(decide({ ...base, category: 'messages', now: at(23) })).toBe('queue');
    expect(decide({ ...base, category: 'messages', now: at(12) })).toBe('show');
    expect(decide({ ...base, category: 'messages', now: at(23), priority: 'urgent' })).toBe('show');
  });

  it('drops a switched-off category, keeps only in the center when notifications are off or not permitted', () => {
    expect(decide({ ...base, category: 'promotions', now: at(12) })).toBe('dropped');
    expect(decide({ ...base, preferences: { ...prefs, enabled: false }, category: 'orders', now: at(12) })).toBe('suppressed');
    expect(decide({ ...base, permission: 'default', category: 'orders', now: at(12) })).toBe('blocked');
  });

  it('reads a damaged preferences record as defaults instead of failing', () => {
    expect(readPreferences({ id: 'push:preferences', updatedAt: 0, value: { enabled: 'yes' } })).toEqual(DEFAULT_PREFERENCES);
    expect(readPreferences({ id: 'push:preferences', updatedAt: 0, value: { categories: { promotions: false } } }).categories.promotions).toBe(false);
    expect(readPreferences(undefined)).toEqual(DEFAULT_PREFERENCES);
  });
});

describe('summary collapse', () => {
  const make = (title: string, category: 'messages' | 'orders', minute: number, url = '/?chat=conv_1') =>
    buildRecord(title, { category, body: `cuerpo ${title}`, url }, { settings: DEFAULT_SETTINGS, now: at(23, minute), source: 'page' });

  it('collapses three messages into "3 mensajes nuevos" and keeps a lone order as it is', () => {
    const releases = collapse([make('Juan', 'messages', 1), make('Ana', 'messages', 2), make('Pedido #1', 'orders', 3), make('Luis', 'messages', 4)], 'es', '/');
    expect(releases).toHaveLength(2);
    const [orders, messages] = releases;
    expect(orders).toMatchObject({ kind: 'single', record: { title: 'Pedido #1' } });
    expect(messages).toMatchObject({ kind: 'summary', title: '3 mensajes nuevos', url: '/?chat=conv_1', tag: 'chatbot-summary-messages' });
    expect(messages?.kind === 'summary' && messages.body).toContain('Luis');
  });

  it('says it in the widget language and links home when the messages are from several chats', () => {
    const [summary] = collapse([make('a', 'messages', 1, '/?chat=1'), make('b', 'messages', 2, '/?chat=2')], 'en', '/');
    expect(summary).toMatchObject({ title: '2 new messages', url: '/' });
  });
});
