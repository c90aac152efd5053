import { describe, expect, it } from 'vitest';
import { createSystem } from '../../../src/system';

const NO_AUTO = { pageViews: false, clicks: false, forms: false, scroll: false, performance: false, errors: false };

/** A window for the integration rules: a real EventTarget, plus what analytics reads. */
function eventHost(): Window {
  const target = new EventTarget();
  const noop = (): void => undefined;
  return Object.assign(target, {
    navigator: { userAgent: 'test', language: 'es-CO', onLine: true },
    location: { pathname: '/', href: 'https://shop.test/', search: '' },
    document: { title: 'Tienda', referrer: '', visibilityState: 'visible', addEventListener: noop, removeEventListener: noop },
    localStorage: { getItem: () => null, setItem: noop },
  }) as unknown as Window;
}

describe('analytics integration with the store page', () => {
  it('tracks cart_item_added, order_completed and order_status_changed window events', async () => {
    const host = eventHost();
    const system = createSystem({ realtimeAnalytics: { autoTrack: NO_AUTO }, serviceWorker: false }, { host });
    system.on('error', () => undefined); // push may report that this fake window has no notifications
    await system.ready;
    const analytics = system.realtimeAnalytics;
    host.dispatchEvent(new CustomEvent('cart_item_added', { detail: { id: 'p1', sku: 'FIL-01', name: 'Filtro', price: 15000, quantity: 2 } }));
    host.dispatchEvent(new CustomEvent('order_completed', { detail: { id: 'ord_9', total: 45000, items: [{ id: 'p1' }, { id: 'p2' }] } }));
    host.dispatchEvent(new CustomEvent('order_status_changed', { detail: { id: 'ord_9', status: 'shipped' } }));
    const events = analytics.getRecentEvents(10).reverse().filter((e) => e.event !== 'session_start');
    expect(events.map((e) => [e.event, e.properties])).toEqual([
      ['add_to_cart', { productId: 'p1', sku: 'FIL-01', name: 'Filtro', price: 15000, quantity: 2 }],
      ['purchase', { currency: 'COP', orderId: 'ord_9', items: 2, value: 45000, revenue: 45000, conversion: true }],
      ['order_status_changed', { orderId: 'ord_9', status: 'shipped' }],
    ]);
    await system.flush();
    await system.destroy();
  });

  it('reports an order event it cannot track instead of throwing into the page', async () => {
    const host = eventHost();
    const system = createSystem({ realtimeAnalytics: { autoTrack: NO_AUTO }, serviceWorker: false }, { host });
    const errors: string[] = [];
    system.on('error', (e) => errors.push(e.code));
    await system.ready;
    host.dispatchEvent(new CustomEvent('order_completed', { detail: { id: 'ord_1', total: 'mucho', items: [] } }));
    expect(errors).toContain('VALIDATION');
    expect(system.realtimeAnalytics.getRecentEvents(10).some((e) => e.event === 'purchase')).toBe(false);
    await system.destroy();
  });
});
