import { describe, expect, it } from 'vitest';
import { failTrackerCalls, takeTrackerCalls, type QueuedCall, type StubState, type StubTracker } from '../../../src/loader/stub-protocol';

/** A stub state with calls queued as the page made them; each call's outcome is kept. */
function stubWith(paths: string[][]): { stub: StubState; outcomes: Array<Promise<unknown>> } {
  const queue: QueuedCall[] = [];
  const outcomes = paths.map((path) => new Promise<unknown>((resolve, reject) => queue.push({ path, kind: 'call', args: [path.join('.')], resolve, reject })));
  for (const outcome of outcomes) outcome.catch(() => undefined);
  return { stub: { queue, dataset: {}, scriptSrc: '', initialUrl: '', settle: () => undefined, demanded: false }, outcomes };
}

describe('tracker calls queued before the runtime ran', () => {
  it('are answered by the tracker in order, up to the first analytics call that waits for the system; other modules keep theirs', async () => {
    const { stub, outcomes } = stubWith([
      ['realtimeAnalytics', 'reset'],
      ['messaging', 'sendMessage'],
      ['realtimeAnalytics', 'identify'],
      ['realtimeAnalytics', 'getDashboardData'],
      ['realtimeAnalytics', 'track'],
    ]);
    const seen: string[] = [];
    const record = (what: string): number => seen.push(what);
    const unused = (): never => {
      throw new Error('not called in this test');
    };
    const tracker: StubTracker = {
      reset: record, identify: (what: string) => (seen.push(what), 'identified'), track: record,
      trackConversion: unused, trackProduct: unused, trackCart: unused, trackCheckout: unused, trackSearch: unused, trackError: unused,
      page: unused, optOut: unused, optIn: unused, isTracking: unused, getAnonymousId: unused, getUserId: unused, getSessionId: unused, flush: unused,
    };
    takeTrackerCalls(stub, tracker);
    expect(seen).toEqual(['realtimeAnalytics.reset', 'realtimeAnalytics.identify']);
    await expect(outcomes[2]).resolves.toBe('identified');
    // The track() after getDashboardData() waits with it, for the system, in order.
    expect(stub.queue.map((call) => call.path.join('.'))).toEqual(['messaging.sendMessage', 'realtimeAnalytics.getDashboardData', 'realtimeAnalytics.track']);
    expect(stub.tracker).toBe(tracker);
  });

  it('are rejected with the reason when the runtime cannot start, and later ones take the normal path', async () => {
    const { stub, outcomes } = stubWith([['realtimeAnalytics', 'trackConversion'], ['messaging', 'getStats']]);
    const error = new Error('IndexedDB refused to open');
    failTrackerCalls(stub, error);
    await expect(outcomes[0]).rejects.toBe(error);
    expect(stub.queue.map((call) => call.path.join('.'))).toEqual(['messaging.getStats']);
    expect(stub.trackerFailed).toBe(true);
  });
});
