import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/manual-clock';
import { createSystem, type ChatbotSystem } from '../../../src/system';
import { describeError } from '../../../src/analytics/page-context';
import { outcomeOf } from '../call-outcome';

let system: ChatbotSystem | undefined;
afterEach(async () => {
  await system?.destroy();
  system = undefined;
});

const revoked = (): object => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
const hostile = (): Array<[string, () => unknown]> => [
  ['a throwing getter', () => Object.defineProperty({}, 'message', { enumerable: true, get: () => { throw new TypeError('hostile getter'); } })],
  ['a nested throwing getter', () => ({ cart: Object.defineProperty({}, 'sku', { enumerable: true, get: () => { throw new TypeError('hostile getter'); } }) })],
  ['a throwing proxy', () => new Proxy({}, { get: () => { throw new TypeError('hostile trap'); }, ownKeys: () => ['sku'], getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true, value: 1 }) })],
  ['a proxy whose every trap throws', () => new Proxy({}, { getPrototypeOf: () => { throw new TypeError('hostile trap'); }, ownKeys: () => { throw new TypeError('hostile trap'); } })],
  ['a revoked proxy', revoked],
  ['a revoked proxy nested', () => ({ item: revoked() })],
];

describe('analytics calls given properties that throw while read', () => {
  for (const [label, make] of hostile()) {
    it(`refuse ${label} with VALIDATION: nothing stored, no 'error' event`, async () => {
      system = createSystem({ backupSystem: { autoBackup: { enabled: false } } }, { clock: createManualClock(Date.parse('2025-03-10T15:00:00Z')) });
      await system.ready;
      const reported: unknown[] = [];
      system.on('error', (error) => reported.push(error));
      const { realtimeAnalytics } = system;
      realtimeAnalytics.optIn();
      const before = realtimeAnalytics.getRecentEvents(10_000).length;
      const calls: Array<[string, () => unknown]> = [
        ['track', () => realtimeAnalytics.track('add_to_cart', make() as never)],
        ['trackError properties', () => realtimeAnalytics.trackError(new Error('boom'), make() as never)],
        ['identify', () => realtimeAnalytics.identify('user_1', make() as never)],
        ['page', () => realtimeAnalytics.page('home', make() as never)],
        ['trackCheckout', () => realtimeAnalytics.trackCheckout(1, make() as never)],
        ['trackConversion', () => realtimeAnalytics.trackConversion('purchase', 10, make() as never)],
      ];
      for (const [where, call] of calls) {
        const outcome = await outcomeOf(call, 5_000);
        expect(outcome.kind === 'chatbot' ? outcome.error.code : outcome.kind, `${where} with ${label}`).toBe('VALIDATION');
      }
      await system.flush();
      expect(realtimeAnalytics.getRecentEvents(10_000).length).toBe(before);
      expect(reported).toEqual([]);
    });
  }
});

describe('trackError given an error that throws while read', () => {
  const errors: Array<[string, () => unknown]> = [
    ['an object whose message getter throws', () => Object.defineProperty({}, 'message', { enumerable: true, get: () => { throw new TypeError('hostile getter'); } })],
    ['an Error whose name getter throws', () => Object.defineProperty(new Error('boom'), 'name', { get: () => { throw new TypeError('hostile getter'); } })],
    ['a throwing proxy', () => new Proxy({}, { get: () => { throw new TypeError('hostile trap'); } })],
    ['a proxy of an Error whose prototype trap throws', () => new Proxy(new Error('boom'), { getPrototypeOf: () => { throw new TypeError('hostile trap'); } })],
    ['a revoked proxy', revoked],
  ];
  it('refuses each with VALIDATION at the call, before or after the stored state is loaded: nothing stored, no \'error\' event', async () => {
    system = createSystem({ backupSystem: { autoBackup: { enabled: false } } }, { clock: createManualClock(Date.parse('2025-03-10T15:00:00Z')) });
    const reported: unknown[] = [];
    system.on('error', (error) => reported.push(error));
    const { realtimeAnalytics } = system;
    // Before ready the call waits for the stored state; the error must be read (and refused) now.
    for (const [label, make] of errors) {
      const outcome = await outcomeOf(() => realtimeAnalytics.trackError(make()), 5_000);
      expect(outcome.kind === 'chatbot' ? outcome.error.code : outcome.kind, `before ready: ${label}`).toBe('VALIDATION');
    }
    await system.ready;
    realtimeAnalytics.optIn();
    for (const [label, make] of errors) {
      const outcome = await outcomeOf(() => realtimeAnalytics.trackError(make()), 5_000);
      expect(outcome.kind === 'chatbot' ? outcome.error.code : outcome.kind, label).toBe('VALIDATION');
    }
    await system.flush();
    expect(realtimeAnalytics.getRecentEvents(10_000).filter((event) => event.event === 'error' || event.event === 'js_error')).toEqual([]);
    expect(reported).toEqual([]);
    // A readable error is still recorded.
    expect(realtimeAnalytics.trackError(new Error('readable'))?.properties.message).toBe('readable');
  });
});

describe('an error the page throws that cannot be read (auto-tracking)', () => {
  it('is described as unreadable instead of throwing inside the error listener', () => {
    expect(describeError(revoked())).toEqual({ name: 'Error', message: '(an error that cannot be read)' });
    expect(describeError(new Proxy({}, { get: () => { throw new TypeError('hostile trap'); } }))).toEqual({ name: 'Error', message: '(an error that cannot be read)' });
    expect(describeError(new TypeError('plain'))).toMatchObject({ name: 'TypeError', message: 'plain' });
  });
});
