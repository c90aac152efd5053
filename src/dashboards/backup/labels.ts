import type { Backup, RestorableRange, RetentionEntry } from '../../backup';
import type { CopyKey, DashboardText } from './copy';

const TYPES: Record<Backup['type'], CopyKey> = { manual: 'typeManual', auto: 'typeAuto', scheduled: 'typeScheduled' };
const TRIGGERS: Record<string, CopyKey> = {
  interval: 'triggerInterval',
  before_restore: 'triggerBeforeRestore',
  after_restore: 'triggerAfterRestore',
  user_request: 'triggerUserRequest',
};
const RULES: Record<RetentionEntry['rules'][number], CopyKey> = {
  last: 'ruleLast', hourly: 'ruleHourly', daily: 'ruleDaily', weekly: 'ruleWeekly', monthly: 'ruleMonthly', manual: 'ruleManual', all: 'ruleAll', undated: 'ruleUndated',
};

/** "Manual", "Automático"… or "Importado" for a file brought in. */
export const typeLabel = (text: DashboardText, backup: Backup): string =>
  text.t(backup.metadata.importedFrom !== undefined ? 'typeImported' : TYPES[backup.type]);

/** Why the backup was taken; an unknown trigger (a caller's own metadata) is shown as given, as text. */
export function triggerLabel(text: DashboardText, backup: Backup): string {
  const trigger = backup.metadata.trigger;
  if (trigger === undefined) return '—';
  const key = typeof trigger === 'string' ? TRIGGERS[trigger] : undefined;
  return key ? text.t(key) : String(typeof trigger === 'string' ? trigger : JSON.stringify(trigger));
}

/** "últimos, diario y semanal". */
export const rulesLabel = (text: DashboardText, rules: RetentionEntry['rules']): string =>
  rules.length ? text.list(rules.map((rule) => text.t(RULES[rule]))) : '—';

/**
 * The API gives one range per base backup; to a person, back-to-back ranges are one stretch of
 * time (the base shown is the first one's).
 */
export function continuousSpans(ranges: readonly RestorableRange[]): RestorableRange[] {
  const out: RestorableRange[] = [];
  for (const range of ranges) {
    const last = out[out.length - 1];
    if (last && Date.parse(range.from) - Date.parse(last.to) <= 1) out[out.length - 1] = { ...last, to: range.to };
    else out.push({ ...range });
  }
  return out;
}
