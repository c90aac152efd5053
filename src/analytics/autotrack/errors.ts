import type { AutoTrackSink, Stop } from './sink';

/**
 * Uncaught errors and unhandled promise rejections (deduplicated by the sink).
 * @example const stop = trackErrors(window, sink);
 */
export function trackErrors(host: Window, sink: AutoTrackSink): Stop {
  const onError = (event: ErrorEvent): void => {
    sink.captureError(event.error ?? { message: event.message, filename: event.filename, lineno: event.lineno, colno: event.colno }, 'error');
  };
  const onRejection = (event: PromiseRejectionEvent): void => {
    sink.captureError(event.reason ?? 'unhandled rejection', 'unhandledrejection');
  };
  host.addEventListener('error', onError);
  host.addEventListener('unhandledrejection', onRejection);
  return () => {
    host.removeEventListener('error', onError);
    host.removeEventListener('unhandledrejection', onRejection);
  };
}
