import type { AutoTrackSchema } from '../config-schema';
import type * as z from 'zod/mini';
import { trackErrors } from './errors';
import { trackClicks, trackForms, trackScroll } from './interactions';
import { trackPageViews } from './navigation';
import { trackPerformance } from './performance';
import type { AutoTrackSink, Stop } from './sink';

export type { AutoTrackSink } from './sink';

/**
 * Starts every enabled automatic tracker on the host page; returns one stop function.
 * @example const stop = startAutoTracking(window, sink, config.autoTrack, { slowResourceMs: 1000 });
 */
export function startAutoTracking(
  host: Window,
  sink: AutoTrackSink,
  enabled: z.output<typeof AutoTrackSchema>,
  options: { slowResourceMs: number; ignoreUrl?: string },
): Stop {
  const stops: Stop[] = [];
  if (enabled.errors) stops.push(trackErrors(host, sink));
  const scroll = enabled.scroll ? trackScroll(host, sink) : undefined;
  if (scroll) stops.push(scroll.stop);
  if (enabled.pageViews) stops.push(trackPageViews(host, sink, () => scroll?.reset()));
  if (enabled.clicks) stops.push(trackClicks(host, sink));
  if (enabled.forms) stops.push(trackForms(host, sink));
  if (enabled.performance) stops.push(trackPerformance(host, sink, options));
  return () => {
    for (const stop of stops.splice(0)) stop();
  };
}
