import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/manual-clock';
import { createTabChannel } from '../../../src/core/tabs';
import { createStartup, type SystemPort } from '../../../src/startup';
import { createPageLifecycle } from '../../../src/shell/lifecycle';
import { uniqueChannelName } from '../helpers';

/** The little of a page the runtime and the tracker use, with real events (Node has no DOM). */
function fakePage(sendBeacon: (url: string, body: Blob) => boolean = () => true) {
  const document = Object.assign(new EventTarget(), { title: 'Tienda', referrer: '', visibilityState: 'visible' as DocumentVisibilityState });
  const page = Object.assign(new EventTarget(), {
    document,
    location: { pathname: '/', href: 'https://shop.test/', search: '', hash: '', origin: 'https://shop.test' },
    navigator: { userAgent: 'test', language: 'es-CO', onLine: true, sendBeacon },
    fetch: async () => new Response(null, { status: 503 }),
  });
  return { page, window: page as unknown as Window, hide: () => page.dispatchEvent(new Event('pagehide')) };
}

describe('the page lifecycle hook', () => {
  it('runs the registered listeners in order, then commits, on pagehide and when the tab is hidden', () => {
    const { page, window, hide } = fakePage();
    const calls: string[] = [];
    const lifecycle = createPageLifecycle(window, () => calls.push('commit'));
    lifecycle.onPageHide(() => calls.push('analytics'));
    const off = lifecycle.onPageHide(() => calls.push('other'));
    hide();
    expect(calls).toEqual(['analytics', 'other', 'commit']);

    off();
    calls.length = 0;
    page.document.visibilityState = 'hidden';
    page.document.dispatchEvent(new Event('visibilitychange'));
    expect(calls).toEqual(['analytics', 'commit']);

    lifecycle.dispose();
    calls.length = 0;
    hide();
    expect(calls).toEqual([]);
  });

  it('still commits when a listener throws, and lets the throw surface', () => {
    // Listeners kept by hand: an EventTarget would report the throw as uncaught, out of reach.
    const listeners = new Map<string, () => void>();
    const target = { addEventListener: (type: string, fn: () => void) => listeners.set(type, fn), removeEventListener: () => undefined };
    const window = { ...target, document: { ...target, visibilityState: 'visible' }, navigator: {} } as unknown as Window;
    const calls: string[] = [];
    const lifecycle = createPageLifecycle(window, () => calls.push('commit'));
    lifecycle.onPageHide(() => {
      throw new TypeError('a bug');
    });
    lifecycle.onPageHide(() => calls.push('next'));
    expect(() => listeners.get('pagehide')!()).toThrow('a bug');
    expect(calls).toEqual(['next', 'commit']);
    lifecycle.dispose();
  });

  it('hands the unsent analytics batch to sendBeacon when the page goes away, and keeps it queued', async () => {
    const beacons: Array<{ url: string; body: Blob }> = [];
    const { window, hide } = fakePage((url, body) => (beacons.push({ url, body }), true));
    const neverLoads = (): Promise<SystemPort> => new Promise<SystemPort>(() => undefined);
    const runtime = createStartup(
      { realtimeAnalytics: { endpoint: 'https://collect.test/v1/batch', autoTrack: { pageViews: false, clicks: false, forms: false, scroll: false, errors: false, performance: false } } },
      { clock: createManualClock(Date.parse('2026-11-21T10:00:00Z')), channel: createTabChannel(uniqueChannelName()), host: window, loadSystem: neverLoads },
    );
    const errors: string[] = [];
    runtime.events.on('error', (error) => errors.push(error.code));
    await runtime.ready;
    const event = runtime.analytics.tracker.track('pedido_simulado', { n: 1 });
    hide();
    expect(beacons.map((b) => b.url)).toEqual(['https://collect.test/v1/batch']);
    const body = JSON.parse(await beacons[0]!.body.text()) as { batch: Array<{ messageId: string }> };
    expect(body.batch.map((e) => e.messageId)).toContain(event!.messageId);
    await runtime.storage.flush();
    // The endpoint never answered in this page: the batch stays queued too (at least once).
    expect((await runtime.storage.getAll('outbox')).length).toBe(1);
    await runtime.destroy();
  });
});
