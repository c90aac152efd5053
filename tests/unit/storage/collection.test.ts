import { describe, expect, it } from 'vitest';
import { createCollection, type NotificationRecord } from '../../../src/storage';
import { pollUntil } from '../../shared/poll';
import { createTabs } from '../helpers';

const notification = (id: string, read = false): NotificationRecord =>
  ({ id, title: 'Pedido enviado', body: '', category: 'orders', read, createdAt: 1, data: {} }) as unknown as NotificationRecord;

describe('a collection whose ids are never reused', () => {
  it('keeps a record this tab deleted deleted, when another tab\'s earlier write is announced after the delete', async () => {
    const tabs = createTabs(2);
    const [a, b] = tabs.storages as [NonNullable<(typeof tabs.storages)[0]>, NonNullable<(typeof tabs.storages)[1]>];
    const inA = createCollection(a, 'notifications', { idsNeverReused: true });
    const plainInA = createCollection(a, 'notifications');
    a.put('notifications', notification('n1'));
    await a.flush();
    await inA.load();
    await plainInA.load();
    // Tab B marks it read and commits first; tab A deletes it before B's announcement arrives.
    b.put('notifications', notification('n1', true));
    await b.flush();
    inA.delete('n1');
    plainInA.delete('n1');
    await a.flush();
    // Without the option the read model takes the late announcement and shows the record again.
    await pollUntil(() => expect(plainInA.has('n1')).toBe(true));
    expect(inA.has('n1')).toBe(false);
    expect(await a.get('notifications', 'n1')).toBeUndefined();
    inA.dispose();
    plainInA.dispose();
    await tabs.close();
  });
});
