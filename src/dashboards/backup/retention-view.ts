import type { RetentionEntry, RetentionExplanation } from '../../backup';
import { el, table } from '../kit';
import type { DashboardText } from './copy';
import { rulesLabel, typeLabel } from './labels';

/**
 * What the next retention run keeps and drops, and by which rule (hourly, daily, weekly, monthly,
 * the newest N), for every backup.
 * @example section.replaceChildren(retentionView(doc, text, backups.explainRetention()));
 */
export function retentionView(doc: Document, text: DashboardText, plan: RetentionExplanation): HTMLElement {
  const { t } = text;
  const { policy } = plan;
  return el(doc, 'div', { className: 'retention' },
    el(doc, 'p', { className: 'retention-summary', text: t('retentionSummary', { kept: plan.kept, dropped: plan.dropped }) }),
    el(doc, 'p', { className: 'hint', text: t('retentionPolicy', { last: policy.last ?? 0, hourly: policy.hourly, daily: policy.daily, weekly: policy.weekly, monthly: policy.monthly }) }),
    table(doc, t('retentionCaption'), [
      { label: t('colDate'), value: (e: RetentionEntry) => text.when(e.backup.createdAt) },
      { label: t('colType'), value: (e: RetentionEntry) => typeLabel(text, e.backup) },
      { label: t('colRetention'), value: (e: RetentionEntry) => el(doc, 'span', { className: e.keep ? 'keep' : 'drop', text: e.keep ? t('keep') : t('drop') }) },
      { label: t('colRules'), value: (e: RetentionEntry) => rulesLabel(text, e.rules) },
    ], plan.entries, t('empty')),
  );
}
