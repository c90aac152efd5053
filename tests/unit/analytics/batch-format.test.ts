import { describe, expect, it } from 'vitest';
import { createInterner, packBatch, unpackBatch } from '../../../src/analytics/batch-format';
import { ev, T0 } from './harness';

describe('batch records', () => {
  it('stores events by column and gives back the same events', () => {
    const shared = ev('x', 0).context;
    const events = [
      ev('page_view', T0, 's1', { context: shared }),
      ev('identify', T0 + 1, 's1', { type: 'identify', userId: 'ana', traits: { plan: 'oro' }, context: shared }),
      ev('purchase', T0 + 2.001, 's2', { userId: 'ana', properties: { value: 1000, items: [1, 2] } }),
    ];
    const record = packBatch(events);
    expect(record).toMatchObject({ format: 2, count: 3, firstAt: T0, lastAt: T0 + 2.001 });
    expect(record.contexts).toHaveLength(2);
    expect(record.strings.filter((s) => s === 's1')).toHaveLength(1);
    expect(unpackBatch(structuredClone(record))).toEqual(events);
  });

  it('shares one string per id across batches when interning', () => {
    const intern = createInterner();
    const a = unpackBatch(structuredClone(packBatch([ev('a', T0, 'ses_compartida')])), intern);
    const b = unpackBatch(structuredClone(packBatch([ev('b', T0 + 1, 'ses_compartida')])), intern);
    expect(a[0]!.sessionId).toBe(b[0]!.sessionId);
  });

  it('reads nothing from a record it does not recognise', () => {
    const older = { id: 'x', events: [{ event: 'viejo' }] };
    // @ts-expect-error: a batch of an older format, as another version of the widget stored it
    expect(unpackBatch(older)).toEqual([]);
  });
});
