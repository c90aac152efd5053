import { EVENT_NAMES } from '../types';
import { stripUrl } from './privacy';
import type { AutoTrackSink, Stop } from './sink';

/**
 * Core Web Vitals (LCP, CLS, INP, FCP, TTFB) through the `web-vitals` library, loaded lazily so
 * it costs the host page nothing up front; the page load timings; and resources slower than
 * `slowResourceMs` (PerformanceObserver, buffered so early resources count too).
 * @example const stop = trackPerformance(window, sink, { slowResourceMs: 1000, ignoreUrl: '/collect' });
 */
export function trackPerformance(host: Window, sink: AutoTrackSink, options: { slowResourceMs: number; ignoreUrl?: string }): Stop {
  let stopped = false;
  const stops: Stop[] = [];
  const ignore = options.ignoreUrl ? stripUrl(options.ignoreUrl, host.location.href) : '';

  void import('web-vitals')
    .then(({ onLCP, onCLS, onINP, onFCP, onTTFB }) => {
      if (stopped) return;
      const report = (metric: { name: string; value: number; rating: string; id: string; navigationType: string }): void => {
        if (stopped) return;
        sink.capture(EVENT_NAMES.webVital, {
          metric: metric.name,
          value: Math.round(metric.value * 1000) / 1000,
          rating: metric.rating,
          metricId: metric.id,
          navigationType: metric.navigationType,
        });
      };
      onLCP(report);
      onCLS(report);
      onINP(report);
      onFCP(report);
      onTTFB(report);
    })
    .catch(() => {
      // The chunk could not load (offline before it was cached): vitals are skipped this time.
    });

  const PO = (host as Window & { PerformanceObserver?: typeof PerformanceObserver }).PerformanceObserver;
  if (PO?.supportedEntryTypes?.includes('resource')) {
    const observer = new PO((list) => {
      for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
        if (entry.duration < options.slowResourceMs) continue;
        const name = stripUrl(entry.name, host.location.href);
        if (ignore && name === ignore) continue;
        sink.capture(EVENT_NAMES.slowResource, {
          url: name,
          initiatorType: entry.initiatorType,
          durationMs: Math.round(entry.duration),
          transferSize: entry.transferSize,
        });
      }
    });
    observer.observe({ type: 'resource', buffered: true });
    stops.push(() => observer.disconnect());
  }

  const reportLoad = (): void => {
    const [nav] = host.performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    if (!nav || stopped) return;
    sink.capture(EVENT_NAMES.pageLoad, {
      domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd),
      loadMs: Math.round(nav.loadEventEnd || nav.duration),
      transferSize: nav.transferSize,
      navigationType: nav.type,
    });
  };
  if (host.document.readyState === 'complete') sink.clock.setTimeout(reportLoad, 0);
  else {
    const onLoad = (): void => void sink.clock.setTimeout(reportLoad, 0);
    host.addEventListener('load', onLoad, { once: true });
    stops.push(() => host.removeEventListener('load', onLoad));
  }

  return () => {
    stopped = true;
    for (const stop of stops) stop();
  };
}
