import { check } from '../core/guards';
import type { AnalyticsConfig } from './config';
import { readError } from './page-context';
import { sanitizeProperties } from './sanitize';
import * as G from './tracker-guards';
import { EVENT_NAMES, type AnalyticsEvent, type EventType, type Properties } from './types';

/**
 * The seed's tracking calls. Each validates its input (VALIDATION, nothing recorded on bad input),
 * maps it to the Segment event the funnels expect (`product_view`, `add_to_cart`,
 * `checkout_step_1`, `purchase`…) and records it. They return the event, or null when not
 * collecting (opted out, Do Not Track, before the stored state is loaded).
 * @example
 * realtimeAnalytics.trackCart('add', { id: '123', quantity: 2, price: 15000 }).event // 'add_to_cart'
 */
export interface TrackingApi {
  track(event: string, properties?: Properties): AnalyticsEvent | null;
  trackConversion(name: string, value: number, properties?: Properties): AnalyticsEvent | null;
  trackProduct(action: 'view' | 'click' | 'add_to_wishlist' | 'remove_from_wishlist' | 'share', product: Properties & { id: string | number }): AnalyticsEvent | null;
  trackCart(action: 'add' | 'remove' | 'update' | 'view' | 'clear', item?: Properties): AnalyticsEvent | null;
  trackCheckout(step: number, properties?: Properties): AnalyticsEvent | null;
  trackSearch(query: string, resultsCount?: number): AnalyticsEvent | null;
  /** Records an error (deduplicated: the same error is recorded once per page). */
  trackError(error: unknown, properties?: Properties): AnalyticsEvent | null;
  identify(userId: string, traits?: Properties): AnalyticsEvent | null;
  /** Records a page view of the current location (auto-tracking does this on every navigation). */
  page(name?: string, properties?: Properties): AnalyticsEvent | null;
}

export interface TrackingDeps {
  config: AnalyticsConfig;
  props(value: unknown, what: string): Properties;
  whenLoaded(run: () => AnalyticsEvent | null): AnalyticsEvent | null;
  emit(type: EventType, name: string, properties: Properties, traits?: Properties): AnalyticsEvent | null;
  recordError(error: unknown, source: 'manual', properties: Properties): AnalyticsEvent | null;
  pageView(name?: string, properties?: Properties): AnalyticsEvent | null;
  /** Stores the identity; returns the merged traits. */
  identify(userId: string, traits: Properties): Properties;
}

export function createTrackingApi(deps: TrackingDeps): TrackingApi {
  const { props, whenLoaded, emit, recordError, pageView } = deps;
  return {
    track(event, properties) {
      const name = G.isEventName(event) ? event : check(G.EventName, event, 'track event');
      const data = props(properties, 'track properties');
      return whenLoaded(() => emit('track', name, data));
    },
    trackConversion(name, value, properties) {
      const event = check(G.EventName, name, 'trackConversion name');
      const amount = check(G.Value, value, 'trackConversion value');
      const data = props(properties, 'trackConversion properties');
      return whenLoaded(() => emit('track', event, { currency: deps.config.currency, ...data, value: amount, revenue: amount, conversion: true }));
    },
    trackProduct(action, product) {
      const verb = check(G.ProductAction, action, 'trackProduct action');
      const data = sanitizeProperties(check(G.Product, product, 'trackProduct product'), 'trackProduct product');
      const { id, ...rest } = data;
      return whenLoaded(() => emit('track', `product_${verb}`, { ...rest, productId: id }));
    },
    trackCart(action, item) {
      const verb = check(G.CartAction, action, 'trackCart action');
      const data = sanitizeProperties(check(G.CartItem, item, 'trackCart item') ?? {}, 'trackCart item');
      const { id, ...rest } = data;
      const name = verb === 'add' ? EVENT_NAMES.addToCart : verb === 'remove' ? EVENT_NAMES.removeFromCart : `cart_${verb}`;
      return whenLoaded(() => emit('track', name, { ...rest, ...(id !== undefined ? { productId: id } : {}) }));
    },
    trackCheckout(step, properties) {
      const n = check(G.CheckoutStep, step, 'trackCheckout step');
      const data = props(properties, 'trackCheckout properties');
      return whenLoaded(() => emit('track', `checkout_step_${n}`, { ...data, step: n }));
    },
    trackSearch(query, resultsCount) {
      const q = check(G.SearchQuery, query, 'trackSearch query');
      const results = check(G.ResultsCount, resultsCount, 'trackSearch resultsCount');
      return whenLoaded(() => emit('track', EVENT_NAMES.search, { query: q, ...(results !== undefined ? { results } : {}) }));
    },
    trackError(error, properties) {
      // Read now, not when recorded: an error that throws while read is refused like bad input.
      const info = readError(check(G.ErrorInput, error, 'trackError error'), 'trackError error');
      const data = props(properties, 'trackError properties');
      return whenLoaded(() => recordError(info, 'manual', data));
    },
    identify(userId, traits) {
      const id = check(G.UserId, userId, 'identify userId');
      const data = props(traits, 'identify traits');
      return whenLoaded(() => {
        const traits = deps.identify(id, data);
        return emit('identify', EVENT_NAMES.identify, {}, traits);
      });
    },
    page(name, properties) {
      const pageName = check(G.PageName, name, 'page name');
      const data = props(properties, 'page properties');
      return whenLoaded(() => pageView(pageName, data));
    },
  };
}
