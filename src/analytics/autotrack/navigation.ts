import type { AutoTrackSink, Stop } from './sink';

/**
 * Page views on load and on single-page navigation: `history.pushState`/`replaceState` (wrapped)
 * and `popstate`. Only a change of path or query is a new page view (hash and state are not).
 * @example const stop = trackPageViews(window, sink, () => scroll.reset());
 */
export function trackPageViews(host: Window, sink: AutoTrackSink, onNewPage: () => void): Stop {
  const key = (): string => `${host.location.pathname}${host.location.search}`;
  let last = key();
  const check = (): void => {
    const now = key();
    if (now === last) return;
    last = now;
    onNewPage();
    sink.pageView();
  };
  const history = host.history;
  const originalPush = history.pushState;
  const originalReplace = history.replaceState;
  const wrappedPush: History['pushState'] = function (this: History, ...args) {
    const result = originalPush.apply(this, args);
    check();
    return result;
  };
  const wrappedReplace: History['replaceState'] = function (this: History, ...args) {
    const result = originalReplace.apply(this, args);
    check();
    return result;
  };
  history.pushState = wrappedPush;
  history.replaceState = wrappedReplace;
  host.addEventListener('popstate', check);
  onNewPage();
  sink.pageView();
  return () => {
    // Another script may have wrapped ours since: only unwrap what is still ours.
    if (history.pushState === wrappedPush) history.pushState = originalPush;
    if (history.replaceState === wrappedReplace) history.replaceState = originalReplace;
    host.removeEventListener('popstate', check);
  };
}
