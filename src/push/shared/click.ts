import { isSafeLink } from './schemas';

export interface Click {
  ids: string[];
  /** Absolute URL to open, or null for actions that only mark read (`dismiss`, `mark_read`). */
  url: string | null;
}

/**
 * Where a click (or one of its action buttons) leads: the action's own URL, else the
 * notification's. Only same-origin paths and http(s) URLs are ever opened.
 * @example resolveClick({ id: 'ntf_1', url: '/?chat=conv_1', actionUrls: {} }, '', origin).url // origin + '/?chat=conv_1'
 */
export function resolveClick(data: unknown, action: string, origin: string): Click {
  const record = (typeof data === 'object' && data !== null ? data : {}) as { id?: unknown; ids?: unknown; url?: unknown; actionUrls?: Record<string, unknown> };
  const ids = Array.isArray(record.ids) ? record.ids.filter((id): id is string => typeof id === 'string') : typeof record.id === 'string' ? [record.id] : [];
  let target: unknown = record.url ?? '/';
  if (action && record.actionUrls && action in record.actionUrls) target = record.actionUrls[action];
  if (target === null) return { ids, url: null };
  const url = typeof target === 'string' && isSafeLink(target) ? new URL(target, origin).href : new URL('/', origin).href;
  return { ids, url };
}
