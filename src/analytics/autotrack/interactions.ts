import { EVENT_NAMES } from '../types';
import { cssSelector, isBlockedPath, isElement, isSensitiveField, meaningfulTarget, safeText, stripUrl } from './privacy';
import type { AutoTrackSink, Stop } from './sink';

/**
 * Clicks on anything, described by element, selector and visible text (never a value).
 * @example const stop = trackClicks(window, sink);
 */
export function trackClicks(host: Window, sink: AutoTrackSink): Stop {
  const onClick = (event: MouseEvent): void => {
    const path = event.composedPath();
    if (isBlockedPath(path)) return;
    const origin = path.find(isElement) ?? (isElement(event.target) ? event.target : null);
    if (!origin) return;
    const element = meaningfulTarget(origin);
    if (isSensitiveField(element)) return;
    const tag = element.tagName.toLowerCase();
    const properties: Record<string, unknown> = {
      tag,
      selector: cssSelector(element),
      text: safeText(element),
    };
    if (element.id) properties.elementId = element.id;
    const classes = [...element.classList].slice(0, 5);
    if (classes.length > 0) properties.classes = classes;
    const type = element.getAttribute('type');
    if (type) properties.type = type;
    const role = element.getAttribute('role');
    if (role) properties.role = role;
    const href = tag === 'a' ? element.getAttribute('href') : null;
    if (href) properties.href = stripUrl(href, host.location.href);
    const name = element.getAttribute('name');
    if (name && (tag === 'input' || tag === 'select' || tag === 'button')) properties.name = name;
    sink.capture(EVENT_NAMES.click, properties);
  };
  host.document.addEventListener('click', onClick, { capture: true, passive: true });
  return () => host.document.removeEventListener('click', onClick, { capture: true });
}

/**
 * Form submissions: which form and how many fields, never what was typed.
 * @example const stop = trackForms(window, sink);
 */
export function trackForms(host: Window, sink: AutoTrackSink): Stop {
  const onSubmit = (event: SubmitEvent): void => {
    const path = event.composedPath();
    if (isBlockedPath(path)) return;
    const form = event.target;
    if (!isElement(form) || form.tagName.toLowerCase() !== 'form') return;
    const element = form as HTMLFormElement;
    const properties: Record<string, unknown> = {
      selector: cssSelector(element),
      method: (element.getAttribute('method') ?? 'get').toLowerCase(),
      action: stripUrl(element.getAttribute('action') ?? host.location.href, host.location.href),
      fields: element.elements.length,
    };
    if (element.id) properties.formId = element.id;
    const name = element.getAttribute('name');
    if (name) properties.formName = name;
    const submitter = event.submitter;
    if (submitter && !isSensitiveField(submitter)) properties.submitText = safeText(submitter) || submitter.getAttribute('aria-label') || '';
    sink.capture(EVENT_NAMES.formSubmit, properties);
  };
  host.document.addEventListener('submit', onSubmit, { capture: true });
  return () => host.document.removeEventListener('submit', onSubmit, { capture: true });
}

const SCROLL_MILESTONES = [25, 50, 75, 100] as const;

/**
 * Scroll depth milestones (25/50/75/100 %), each once per page view.
 * @example const scroll = trackScroll(window, sink); scroll.reset(); // on a new page view
 */
export function trackScroll(host: Window, sink: AutoTrackSink): { reset(): void; stop: Stop } {
  let reached = 0;
  let pending: unknown;
  const measure = (): void => {
    pending = undefined;
    const doc = host.document.documentElement;
    const height = Math.max(doc.scrollHeight, host.document.body?.scrollHeight ?? 0);
    if (height <= 0) return;
    // A pixel of slack: zoom and sub-pixel layout leave the bottom a fraction short.
    const depth = Math.min(100, ((host.scrollY + host.innerHeight + 1) / height) * 100);
    for (const milestone of SCROLL_MILESTONES) {
      if (milestone <= reached || depth < milestone) continue;
      reached = milestone;
      sink.capture(EVENT_NAMES.scroll, { depth: milestone, path: host.location.pathname });
    }
  };
  const onScroll = (): void => {
    if (pending === undefined) pending = sink.clock.setTimeout(measure, 100);
  };
  host.addEventListener('scroll', onScroll, { passive: true });
  return {
    reset() {
      reached = 0;
    },
    stop() {
      host.removeEventListener('scroll', onScroll);
      if (pending !== undefined) sink.clock.clearTimeout(pending);
    },
  };
}
