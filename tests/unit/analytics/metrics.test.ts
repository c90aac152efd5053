import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, fakeHost, MIN, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** Ends the current session by inactivity, so the next event opens another one. */
const NO_AUTO = { pageViews: false, clicks: false, forms: false, scroll: false, performance: false, errors: false };

const newSession = (h: Harness) => h.clock.advance(31 * MIN);

describe('live figures and the dashboard', () => {
  it('computes bounce rate as sessions with one page view and no interaction over all sessions', async () => {
    h = await createHarness();
    h.analytics.page(); // session 1: one page view, scroll only → bounce
    h.analytics.track('scroll_depth', { depth: 50 });
    newSession(h);
    h.analytics.page(); // session 2: one page view + a click → not a bounce
    h.analytics.track('click', { text: 'Comprar' });
    newSession(h);
    h.analytics.page(); // session 3: two page views → not a bounce
    h.analytics.page();
    newSession(h);
    h.analytics.page(); // session 4: bounce
    const { overview } = h.analytics.getDashboardData();
    expect(overview.bounceRate).toBe('50.0%');
  });

  it('computes conversion rate as sessions with a purchase over all sessions', async () => {
    h = await createHarness();
    h.analytics.page();
    h.analytics.trackConversion('purchase', 100_000, { orderId: '1', items: 3 });
    h.analytics.trackConversion('purchase', 50_000, { orderId: '2', items: 1 });
    for (let i = 0; i < 3; i++) {
      newSession(h);
      h.analytics.page();
    }
    expect(h.analytics.getDashboardData().overview.conversionRate).toBe('25.0%');
  });

  it('averages session duration from first to last event, formatted like the seed', async () => {
    h = await createHarness();
    h.analytics.page();
    h.clock.advance(3 * MIN + 25_000);
    h.analytics.track('click');
    h.clock.advance(30 * MIN + 1);
    h.analytics.page(); // a one-event session: 0 s
    h.clock.advance(5 * MIN);
    h.analytics.track('click'); // makes that session 5 min
    // (3m25s + 5m) / 2 = 4m 12.5s
    expect(h.analytics.getDashboardData().overview.avgSessionDuration).toBe('4m 13s');
  });

  it('counts page views, unique visitors, active users and current page views', async () => {
    h = await createHarness();
    h.analytics.page();
    h.analytics.page();
    h.clock.advance(10 * MIN);
    h.analytics.identify('cliente_1');
    h.analytics.page();
    const data = h.analytics.getDashboardData();
    expect(data.overview).toMatchObject({ pageViews: 3, uniqueVisitors: 1, activeUsers: 1 });
    // Only the last page view is in the last 5 minutes.
    expect(h.analytics.getCurrentPageViews()).toBe(1);
    h.clock.advance(6 * MIN);
    expect(h.analytics.getActiveUsers()).toBe(0);
    expect(h.analytics.getCurrentPageViews()).toBe(0);
  });

  it('returns the seed shape with formatted figures and the latest events', async () => {
    h = await createHarness();
    h.analytics.track('button_clicked', { buttonId: 'checkout', page: '/cart' });
    const data = h.analytics.getDashboardData();
    expect(Object.keys(data)).toEqual(['overview', 'topPages', 'topEvents', 'recentEvents', 'eventStream']);
    expect(Object.keys(data.overview)).toEqual(['activeUsers', 'pageViews', 'uniqueVisitors', 'avgSessionDuration', 'bounceRate', 'conversionRate']);
    expect(data.overview.avgSessionDuration).toMatch(/^\d+s$|m \d+s$/);
    expect(data.overview.bounceRate).toMatch(/^\d+\.\d%$/);
    expect(data.recentEvents[0]).toMatchObject({ event: 'button_clicked', properties: { buttonId: 'checkout', page: '/cart' } });
  });

  it('ranks top events and keeps getRecentEvents newest first and getEventStream oldest first', async () => {
    h = await createHarness();
    for (let i = 0; i < 3; i++) h.analytics.track('search');
    h.analytics.track('add_to_cart');
    h.clock.advance(2 * MIN);
    h.analytics.track('purchase');
    expect(h.analytics.getTopEvents(2)).toEqual([{ event: 'search', count: 3 }, { event: 'add_to_cart', count: 1 }]);
    expect(h.analytics.getRecentEvents(2).map((e) => e.event)).toEqual(['purchase', 'add_to_cart']);
    expect(h.analytics.getEventStream(60_000).map((e) => e.event)).toEqual(['purchase']);
    expect(h.analytics.getEventStream(10 * MIN).map((e) => e.event)).toEqual(['session_start', 'search', 'search', 'search', 'add_to_cart', 'purchase']);
  });

  it('delivers matching events to subscribers until they unsubscribe', async () => {
    h = await createHarness();
    const seen: string[] = [];
    const purchases: unknown[] = [];
    const all = h.analytics.subscribe((type) => seen.push(type));
    h.analytics.subscribe((_type, data) => purchases.push(data.name), (e) => e.name === 'purchase');
    h.analytics.track('a');
    h.analytics.trackConversion('purchase', 1000);
    expect(h.analytics.unsubscribe(all)).toBe(true);
    h.analytics.track('b');
    expect(seen).toEqual(['session_start', 'a', 'purchase']);
    expect(purchases).toEqual(['purchase']);
    expect(h.analytics.unsubscribe(all)).toBe(false);
  });

  it('maps the e-commerce helpers to the funnel event names of the seed', async () => {
    h = await createHarness();
    const product = h.analytics.trackProduct('view', { id: '123', name: 'Filtro de aceite', price: 15000, category: 'Filtros' })!;
    const cart = h.analytics.trackCart('add', { id: '123', quantity: 2, price: 15000 })!;
    const checkout = h.analytics.trackCheckout(1, { method: 'credit_card' })!;
    const search = h.analytics.trackSearch('filtro aceite', 10)!;
    const purchase = h.analytics.trackConversion('purchase', 100000, { orderId: '1234', items: 3 })!;
    expect(product).toMatchObject({ event: 'product_view', properties: { productId: '123', name: 'Filtro de aceite', price: 15000, category: 'Filtros' } });
    expect(cart).toMatchObject({ event: 'add_to_cart', properties: { productId: '123', quantity: 2, price: 15000 } });
    expect(checkout).toMatchObject({ event: 'checkout_step_1', properties: { method: 'credit_card', step: 1 } });
    expect(search).toMatchObject({ event: 'search', properties: { query: 'filtro aceite', results: 10 } });
    expect(purchase).toMatchObject({ event: 'purchase', properties: { value: 100000, revenue: 100000, currency: 'COP', orderId: '1234', items: 3 } });
    const funnel = h.analytics.analyzeFunnel(['product_view', 'add_to_cart', 'checkout_step_1', 'purchase']);
    expect(funnel.steps.map((s) => s.count)).toEqual([1, 1, 1, 1]);
    expect(purchase).toMatchObject({ type: 'track', name: 'purchase', anonymousId: expect.any(String), messageId: expect.any(String), sessionId: expect.any(String) });
    expect(purchase.timestamp).toBe(new Date(Math.floor(purchase.time)).toISOString());
  });

  it('records each distinct error once per page', async () => {
    h = await createHarness();
    const boom = new Error('boom');
    expect(h.analytics.trackError(boom)).not.toBeNull();
    expect(h.analytics.trackError(boom)).toBeNull();
    expect(h.analytics.trackError('otro')).toMatchObject({ event: 'error', properties: { message: 'otro', source: 'manual' } });
    h.analytics.page();
    expect(h.analytics.trackError(boom)).not.toBeNull();
  });

  it('stops collecting after optOut() and resumes after optIn(), across reloads', async () => {
    h = await createHarness();
    h.analytics.optOut();
    expect(h.analytics.track('a')).toBeNull();
    expect(h.analytics.isTracking()).toBe(false);
    h = await h.reload();
    expect(h.analytics.track('b')).toBeNull();
    h.analytics.optIn();
    expect(h.analytics.track('c')).not.toBeNull();
    expect(h.analytics.getRecentEvents(10).map((e) => e.event)).not.toContain('a');
  });

  it('honours Do Not Track when configured, and only then', async () => {
    h = await createHarness({ autoTrack: NO_AUTO }, { host: fakeHost({ doNotTrack: '1' }) });
    expect(h.analytics.isTracking()).toBe(false);
    expect(h.analytics.track('a')).toBeNull();
    await h.close();
    h = await createHarness({ respectDoNotTrack: false, autoTrack: NO_AUTO }, { host: fakeHost({ doNotTrack: '1' }) });
    expect(h.analytics.track('a')).not.toBeNull();
  });
});
