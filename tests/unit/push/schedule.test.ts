import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/manual-clock';
import { isChatbotError } from '../../../src/core/errors';
import { uniqueChannelName } from '../helpers';
import { at, useHarnesses } from './fixtures';

const open = useHarnesses();

describe('schedule', () => {
  it('fires a scheduled notification on time while the page is open, not before', async () => {
    const h = await open();
    const scheduled = h.push.schedule('Recordatorio', { body: 'No olvides completar tu pedido' }, new Date(h.clock.now() + 3_600_000));
    expect(scheduled).toMatchObject({ title: 'Recordatorio', status: 'pending', at: h.clock.now() + 3_600_000 });
    expect(h.push.getStats().scheduled).toBe(1);
    h.clock.advance(3_600_000 - 1);
    await h.idle();
    expect(h.browser.shown).toHaveLength(0);
    h.clock.advance(1);
    await h.idle();
    expect(h.browser.shown.map((s) => s.title)).toEqual(['Recordatorio']);
    expect(h.push.getNotifications()[0]).toMatchObject({ source: 'schedule', scheduledId: scheduled.id, data: { late: false } });
    expect(h.push.getStats().scheduled).toBe(0);
    expect(h.push.getScheduled()).toEqual([]);
  });

  it('keeps a schedule across a reload (persisted)', async () => {
    const name = uniqueChannelName();
    const first = await open({ channelName: name });
    const scheduled = first.push.schedule('Mañana', {}, first.clock.now() + 86_400_000);
    await first.storage.flush();
    await first.close();
    const second = await open({ channelName: name });
    expect(second.push.getScheduled().map((s) => s.id)).toEqual([scheduled.id]);
  });

  it('cancels a scheduled notification so it never fires', async () => {
    const h = await open();
    const scheduled = h.push.schedule('No', {}, h.clock.now() + 1000);
    expect(h.push.cancelScheduled(scheduled.id)).toBe(true);
    expect(h.push.cancelScheduled(scheduled.id)).toBe(false);
    expect(h.push.cancelScheduled('sched_unknown')).toBe(false);
    h.clock.advance(5000);
    await h.idle();
    expect(h.browser.shown).toHaveLength(0);
  });

  it('fires a schedule missed while no page was open once, late, when the next page opens — in one of two tabs only', async () => {
    const name = uniqueChannelName();
    const clock = createManualClock(at(12, 0));
    const first = await open({ channelName: name, clock });
    first.push.schedule('Tarde', { category: 'orders' }, clock.now() + 60_000);
    await first.storage.flush();
    await first.close();
    clock.set(at(18, 0)); // nobody was there at 12:01
    const [a, b] = await Promise.all([open({ channelName: name, clock }), open({ channelName: name, clock })]);
    await a!.idle();
    await b!.idle();
    const shown = [...a!.browser.shown, ...b!.browser.shown];
    expect(shown.map((s) => s.title)).toEqual(['Tarde']);
    const record = a!.push.getNotifications()[0] ?? b!.push.getNotifications()[0];
    expect(record).toMatchObject({ source: 'schedule', data: { late: true } });
    // A later wake (another tab, the worker) finds the durable fired mark and does nothing.
    const c = await open({ channelName: name, clock });
    await c.push.processDue();
    expect(c.browser.shown).toHaveLength(0);
    expect((await c.storage.get('scheduled', record!.scheduledId!))?.status).toBe('fired');
  });

  it('queues a scheduled notification that falls in quiet hours', async () => {
    const h = await open();
    h.push.setPreferences({ quietHours: { enabled: true, start: '22:00', end: '08:00' } });
    h.push.schedule('Noche', {}, at(23, 0));
    h.clock.set(at(23, 0));
    await h.idle();
    expect(h.browser.shown).toHaveLength(0);
    expect(h.push.getStats().queued).toBe(1);
    h.clock.set(at(8, 0, 16));
    await h.idle();
    expect(h.browser.shown.map((s) => s.title)).toEqual(['Noche']);
  });

  it('rejects bad schedule input with VALIDATION and stores nothing', async () => {
    const h = await open();
    const cases: Array<() => unknown> = [
      () => h.push.schedule('', {}, new Date()),
      () => h.push.schedule('ok', { category: 'x' } as never, new Date()),
      () => h.push.schedule('ok', {}, new Date('nope')),
      () => h.push.schedule('ok', {}, 'mañana' as never),
      () => h.push.schedule('ok', {}, new Date(h.clock.now() + 400 * 86_400_000)),
      () => h.push.cancelScheduled(42 as never),
      () => h.push.cancelScheduled(''),
    ];
    for (const run of cases) expect(run).toThrowError(expect.toSatisfy((e) => isChatbotError(e, 'VALIDATION')));
    expect(h.push.getScheduled()).toEqual([]);
  });
});
