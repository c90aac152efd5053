import { afterEach, describe, expect, it } from 'vitest';
import { isChatbotError } from '../../../src/core/errors';
import { createHarness, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const BAD_CALLS: Array<[string, (a: Harness['analytics']) => unknown]> = [
  ['track without a name', (a) => a.track('' as string)],
  ['track with a number name', (a) => a.track(42 as unknown as string)],
  ['track with array properties', (a) => a.track('x', [1, 2] as unknown as Record<string, unknown>)],
  ['trackConversion with a negative value', (a) => a.trackConversion('purchase', -1)],
  ['trackConversion with a string value', (a) => a.trackConversion('purchase', '100' as unknown as number)],
  ['trackProduct with an unknown action', (a) => a.trackProduct('steal' as 'view', { id: '1' })],
  ['trackProduct without an id', (a) => a.trackProduct('view', { name: 'x' } as unknown as { id: string })],
  ['trackCart with an unknown action', (a) => a.trackCart('explode' as 'add', { id: '1' })],
  ['trackCart with a negative quantity', (a) => a.trackCart('add', { id: '1', quantity: -2 })],
  ['trackCheckout with step 0', (a) => a.trackCheckout(0)],
  ['trackCheckout with a fractional step', (a) => a.trackCheckout(1.5)],
  ['trackSearch with a number query', (a) => a.trackSearch(5 as unknown as string)],
  ['trackSearch with negative results', (a) => a.trackSearch('filtro', -1)],
  ['trackError with nothing', (a) => a.trackError(undefined)],
  ['identify with an empty id', (a) => a.identify('')],
  ['identify with a whitespace-only id', (a) => a.identify(' \t ')],
  ['identify with string traits', (a) => a.identify('u1', 'vip' as unknown as Record<string, unknown>)],
  ['page with a number name', (a) => a.page(3 as unknown as string)],
  ['subscribe without a callback', (a) => a.subscribe('nope' as unknown as () => void)],
  ['subscribe with a bad filter', (a) => a.subscribe(() => undefined, 5 as unknown as string)],
  ['unsubscribe with a number', (a) => a.unsubscribe(5 as unknown as string)],
  ['getEventStream with 0 ms', (a) => a.getEventStream(0)],
  ['getRecentEvents with -1', (a) => a.getRecentEvents(-1)],
  ['getTopPages with a string', (a) => a.getTopPages('10' as unknown as number)],
  ['getTopEvents with 0', (a) => a.getTopEvents(0)],
  ['analyzeFunnel without steps', (a) => a.analyzeFunnel([])],
  ['analyzeFunnel with a bad unit', (a) => a.analyzeFunnel(['a'], { by: 'device' as 'user' })],
  ['analyzeFunnel with a bad date', (a) => a.analyzeFunnel(['a'], { since: 'ayer' })],
  ['getCohortData with a bad period', (a) => a.getCohortData('page_view', 'year' as 'day')],
  ['getCohortData without an event', (a) => a.getCohortData('')],
  ['getUserSegment with an empty id', (a) => a.getUserSegment('')],
  ['exportData with a bad format', (a) => a.exportData('xml' as 'csv')],
  ['exportData with a bad range', (a) => a.exportData('csv', { since: 'nunca' })],
  ['bufferSize = 0', (a) => { a.bufferSize = 0; }],
  ['bufferSize = "5000"', (a) => { a.bufferSize = '5000' as unknown as number; }],
];

describe('bad input', () => {
  it.each(BAD_CALLS)('rejects %s with VALIDATION and records nothing', async (_name, call) => {
    h = await createHarness();
    h.analytics.track('before');
    const before = h.analytics.getRecentEvents(100).length;
    const size = h.analytics.bufferSize;
    let thrown: unknown;
    try {
      call(h.analytics);
    } catch (error) {
      thrown = error;
    }
    expect(isChatbotError(thrown, 'VALIDATION')).toBe(true);
    expect(h.analytics.getRecentEvents(100).length).toBe(before);
    expect(h.analytics.bufferSize).toBe(size);
  });

  it('rejects a bad config section at creation', async () => {
    await expect(createHarness({ bufferSize: -5 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(createHarness({ endpoint: 'javascript:alert(1)' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('stores properties it can clone, dropping functions and turning dates into ISO strings', async () => {
    h = await createHarness();
    const event = h.analytics.track('x', { when: new Date(0), fn: () => 1, nested: { ok: true, big: 10n } })!;
    expect(event.properties).toEqual({ when: '1970-01-01T00:00:00.000Z', nested: { ok: true, big: '10' } });
    await h.analytics.flush();
  });
});
