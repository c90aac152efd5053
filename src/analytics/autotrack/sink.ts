import type { Clock } from '../../core/clock';
import type { Properties } from '../types';

/** What the automatic trackers may do: record events, nothing else. */
export interface AutoTrackSink {
  readonly clock: Clock;
  /** Records an auto-tracked event (no validation: the trackers build the properties themselves). */
  capture(event: string, properties: Properties): void;
  /** Records a page view of the host's current location. */
  pageView(): void;
  captureError(error: unknown, source: 'error' | 'unhandledrejection'): void;
}

export type Stop = () => void;
