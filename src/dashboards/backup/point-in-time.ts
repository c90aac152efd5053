import type { BackupSystem, PointInTimeCheck, RestorableRanges } from '../../backup';
import { actions, button, el } from '../kit';
import type { DashboardText } from './copy';
import type { Runner } from './feedback';
import { continuousSpans } from './labels';

const DAY = 86_400_000;
const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A time as `<input type="datetime-local" step="0.001">` writes it: this computer's local time,
 * to the second, with milliseconds when it has any (the nearest reachable moment may be a backup
 * made a fraction of a second ago: rounding it either way could land outside what is reachable).
 */
export function toLocalInput(time: number): string {
  const d = new Date(time);
  const ms = d.getMilliseconds();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${ms ? `.${String(ms).padStart(3, '0')}` : ''}`;
}

export interface PointInTimeDeps {
  doc: Document;
  text: DashboardText;
  backups: BackupSystem;
  run: Runner;
  confirm(message: string): boolean;
  passphrase(): string;
}

/**
 * The point-in-time restore: a date-time picker bounded by the moments reachable, the list of
 * those spans, and for the moment picked either what a restore would do or why it cannot.
 * @example const pitr = createPointInTime(deps); section.append(pitr.element); pitr.update(backups.getRestorableRanges());
 */
export function createPointInTime(deps: PointInTimeDeps) {
  const { doc, text, backups } = deps;
  const { t } = text;
  const input = el(doc, 'input', { attrs: { type: 'datetime-local', step: '0.001', id: 'backup-pitr-at', 'aria-describedby': 'backup-pitr-verdict backup-pitr-ranges' } });
  const ranges = el(doc, 'div', { className: 'pitr-ranges', attrs: { id: 'backup-pitr-ranges' } });
  const verdict = el(doc, 'p', { className: 'pitr-verdict', attrs: { id: 'backup-pitr-verdict', role: 'status', 'aria-live': 'polite' }, text: t('pitrEmpty') });
  const useNearest = button(doc, t('pitrUseNearest'), () => {
    if (nearest === null) return;
    input.value = toLocalInput(nearest);
    check();
    input.focus();
  });
  useNearest.hidden = true;
  const restore = button(doc, t('pitrRestore'), () => restoreNow(), 'primary');
  restore.disabled = true;
  let nearest: number | null = null;
  let current: PointInTimeCheck | undefined;

  const check = (): void => {
    nearest = null;
    if (!input.value) {
      current = undefined;
      verdict.textContent = t('pitrEmpty');
      verdict.className = 'pitr-verdict';
      input.removeAttribute('aria-invalid');
    } else {
      // A datetime-local value without an offset is read as this computer's local time.
      current = backups.checkPointInTime(new Date(input.value));
      if (current.reachable) {
        verdict.textContent = t('pitrOk', { base: text.when(current.backupCreatedAt) });
        verdict.className = 'pitr-verdict ok';
        input.removeAttribute('aria-invalid');
      } else {
        const first = backups.getRestorableRanges().firstBackupAt;
        const reason = t(`reason${current.reason}`, {
          first: first ? text.when(first) : '—',
          days: Math.round(rangesNow.journalSinceAgeMs / DAY),
        });
        nearest = current.nearest === null ? null : Date.parse(current.nearest);
        verdict.textContent = nearest === null ? reason : `${reason} ${t('pitrNearest', { when: text.when(nearest) })}`;
        verdict.className = 'pitr-verdict refused';
        input.setAttribute('aria-invalid', 'true');
      }
    }
    restore.disabled = !current?.reachable;
    useNearest.hidden = nearest === null;
  };
  input.addEventListener('input', check);
  input.addEventListener('change', check);

  const restoreNow = (): void => {
    if (!current?.reachable) return;
    const at = current.at;
    if (!deps.confirm(t('pitrConfirm', { when: text.when(at) }))) return;
    const secret = deps.passphrase();
    deps.run(t('restoring'), async () => {
      const result = await backups.restoreToPointInTime(at, { clearExisting: true, restoreSession: false, reload: false, ...(secret ? { passphrase: secret } : {}) });
      return {
        message: t('pitrDone', { when: text.when(at), records: result.records.toLocaleString(text.locale), replayed: result.replayedEntries.toLocaleString(text.locale) }),
        safetyBackupId: result.safetyBackupId,
      };
    });
  };

  let rangesNow = { journalSinceAgeMs: 30 * DAY };
  const update = (state: RestorableRanges): void => {
    rangesNow = { journalSinceAgeMs: Date.parse(state.now) - Date.parse(state.journalSince) };
    const first = state.ranges[0];
    if (first) input.min = toLocalInput(Math.ceil(Date.parse(first.from) / 1000) * 1000);
    else input.removeAttribute('min');
    input.max = toLocalInput(Date.parse(state.now));
    const spans = continuousSpans(state.ranges);
    ranges.replaceChildren(
      spans.length
        ? el(doc, 'div', {}, el(doc, 'p', { text: t('pitrRanges') }), el(doc, 'ul', {}, ...spans.map((r) => el(doc, 'li', { text: t('pitrRange', { from: text.when(r.from), to: text.when(r.to) }) }))))
        : el(doc, 'p', { className: 'empty', text: t('pitrNone') }),
    );
    // "Now" moved on, a backup came or went: the verdict on the picked moment may have changed.
    if (input.value) check();
  };

  const element = el(doc, 'div', { className: 'pitr' },
    el(doc, 'label', { attrs: { for: 'backup-pitr-at' }, text: `${t('pitrLabel')} ` }, input),
    verdict,
    actions(doc, useNearest, restore),
    ranges,
  );
  return { element, update };
}
