import type { Language } from '../../core/config';
import { CATEGORIES, type Category } from './constants';
import { summaryTitle } from './copy';
import type { NotificationRecord } from './records';

export type Release =
  | { kind: 'single'; record: NotificationRecord }
  | { kind: 'summary'; category: Category; records: NotificationRecord[]; title: string; body: string; url: string; tag: string };

/**
 * Collapses notifications released from the quiet-hours queue: one per category is shown as it
 * is; several of one category become one summary ("3 mensajes nuevos") listing the first titles.
 * @example collapse(records, 'es', '/')[0].title // '3 mensajes nuevos'
 */
export function collapse(records: readonly NotificationRecord[], language: Language | string, home: string): Release[] {
  const byCategory = new Map<Category, NotificationRecord[]>();
  for (const record of [...records].sort((a, b) => a.createdAt - b.createdAt)) {
    const list = byCategory.get(record.category) ?? [];
    list.push(record);
    byCategory.set(record.category, list);
  }
  const releases: Release[] = [];
  for (const category of CATEGORIES) {
    const list = byCategory.get(category);
    if (!list || list.length === 0) continue;
    if (list.length === 1) {
      releases.push({ kind: 'single', record: list[0]! });
      continue;
    }
    const lines = list.slice(-3).map((r) => (r.body ? `${r.title}: ${r.body}` : r.title));
    const urls = new Set(list.map((r) => r.url));
    releases.push({
      kind: 'summary',
      category,
      records: list,
      title: summaryTitle(language, category, list.length),
      body: (list.length > 3 ? ['…', ...lines] : lines).join('\n'),
      url: urls.size === 1 ? list[0]!.url : home,
      tag: `chatbot-summary-${category}`,
    });
  }
  return releases;
}
