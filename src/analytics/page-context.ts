import { unreadable } from '../core/validate';
import type { EventContext, PageContext } from './types';

const LIBRARY = { name: 'chatbot-repuestos-motos', version: '13.0' } as const;

const EMPTY_PAGE: PageContext = { path: '', url: '', title: '', referrer: '', search: '' };

/**
 * The Segment `context` for events of the current page view. One object is shared by all events of
 * a page view (cheap on the hot path, stored once per batch).
 * @example const context = readContext(window, document.referrer);
 */
export function readContext(host: Window | undefined, referrer?: string): EventContext {
  if (!host) return { page: EMPTY_PAGE, userAgent: '', locale: '', library: LIBRARY };
  const location = host.location;
  return {
    page: {
      path: location.pathname,
      url: location.href,
      title: host.document.title,
      referrer: referrer ?? host.document.referrer,
      search: location.search,
    },
    userAgent: host.navigator.userAgent,
    locale: host.navigator.language,
    library: LIBRARY,
  };
}

/** Do Not Track or Global Privacy Control is on in this browser. */
export function isDoNotTrack(host: Window | undefined): boolean {
  if (!host) return false;
  const nav = host.navigator as Navigator & { globalPrivacyControl?: boolean; msDoNotTrack?: string };
  const dnt = nav.doNotTrack ?? (host as Window & { doNotTrack?: string }).doNotTrack ?? nav.msDoNotTrack;
  return dnt === '1' || dnt === 'yes' || nav.globalPrivacyControl === true;
}

/** What is recorded of an error: name, message, and where it was thrown when known. */
export interface ErrorInfo {
  name: string;
  message: string;
  stack?: string;
  filename?: string;
  lineno?: number;
  colno?: number;
}

/**
 * What is recorded of an error the page threw (`errorFingerprint` deduplicates on it). Never
 * throws: an error that cannot be read (a throwing getter or proxy trap, a revoked proxy) is
 * described as such.
 */
export function describeError(error: unknown): ErrorInfo {
  try {
    return readErrorInfo(error);
  } catch {
    return { name: 'Error', message: '(an error that cannot be read)' };
  }
}

/**
 * `describeError` for a caller's argument: an error that throws while read is refused with a
 * `VALIDATION` ChatbotError naming `what`, so nothing is recorded.
 * @example const info = readError(error, 'trackError error');
 */
export function readError(error: unknown, what: string): ErrorInfo {
  try {
    return readErrorInfo(error);
  } catch (cause) {
    throw unreadable(what, cause);
  }
}

function readErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof Error) {
    const { name, message, stack } = error;
    return { name: String(name), message: String(message), ...(typeof stack === 'string' && stack ? { stack: stack.slice(0, 4096) } : {}) };
  }
  if (typeof error === 'string') return { name: 'Error', message: error.slice(0, 4096) };
  if (typeof error === 'object' && error !== null) {
    const e = error as Record<string, unknown>;
    const { name, message, stack, filename, lineno, colno } = e;
    return {
      name: typeof name === 'string' ? name : 'Error',
      message: typeof message === 'string' ? message.slice(0, 4096) : safeJson(error),
      ...(typeof stack === 'string' ? { stack: stack.slice(0, 4096) } : {}),
      ...(typeof filename === 'string' ? { filename } : {}),
      ...(typeof lineno === 'number' ? { lineno } : {}),
      ...(typeof colno === 'number' ? { colno } : {}),
    };
  }
  return { name: 'Error', message: String(error).slice(0, 4096) };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value).slice(0, 1024);
  } catch {
    // Circular or too deep for JSON; String() would fail too on an array holding a Symbol.
    return Object.prototype.toString.call(value);
  }
}

export function errorFingerprint(info: { name: string; message: string; stack?: string; filename?: string; lineno?: number }): string {
  const frame = info.stack?.split('\n').find((line) => /:\d+/.test(line))?.trim() ?? `${info.filename ?? ''}:${info.lineno ?? ''}`;
  return `${info.name}|${info.message}|${frame}`;
}
