import { button, el } from '../kit';
import type { DashboardText, StringKey } from './strings';

const DAY = 86_400_000;
const PRESETS = [7, 30, 90] as const;
const MAX_STEPS = 8;

let fieldIds = 0;
/** A labelled form control (ids unique within the shadow root). */
function field(doc: Document, label: string, control: HTMLInputElement | HTMLSelectElement): HTMLElement {
  control.id = `dash-field-${++fieldIds}`;
  return el(doc, 'label', { className: 'field', attrs: { for: control.id } }, el(doc, 'span', { text: label }), control);
}

const dayInput = (time: number): string => new Date(time).toISOString().slice(0, 10);
/** A date input's day as the inclusive range bound, in UTC days (what the date input shows). */
const parseDay = (value: string, end: boolean): number | null => {
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(time) ? null : end ? time + DAY - 1 : time;
};

/**
 * The date-range picker: two date fields and presets for the last 7, 30 and 90 days.
 * @example rangePicker(doc, text, { since, until }, now, (range) => refresh(range))
 */
export function rangePicker(doc: Document, text: DashboardText, initial: { since: number; until: number }, now: () => number, onChange: (range: { since: number; until: number }) => void): HTMLElement {
  const from = el(doc, 'input', { attrs: { type: 'date', value: dayInput(initial.since) } });
  const to = el(doc, 'input', { attrs: { type: 'date', value: dayInput(initial.until) } });
  const apply = (): void => {
    const since = parseDay(from.value, false);
    const until = parseDay(to.value, true);
    if (since === null || until === null || since > until) {
      from.setAttribute('aria-invalid', 'true');
      return;
    }
    from.removeAttribute('aria-invalid');
    onChange({ since, until });
  };
  from.addEventListener('change', apply);
  to.addEventListener('change', apply);
  const presets = PRESETS.map((days) => button(doc, text.t('lastDays', { n: days }), () => {
    const until = now();
    const since = until - days * DAY;
    from.value = dayInput(since);
    to.value = dayInput(until);
    onChange({ since, until });
  }));
  return el(doc, 'fieldset', { className: 'range' }, el(doc, 'legend', { text: text.t('range') }), field(doc, text.t('from'), from), field(doc, text.t('to'), to), ...presets);
}

function select(doc: Document, options: Array<{ value: string; label: string }>, value: string): HTMLSelectElement {
  const node = el(doc, 'select');
  for (const option of options) node.append(el(doc, 'option', { text: option.label, attrs: { value: option.value } }));
  node.value = options.some((o) => o.value === value) ? value : (options[0]?.value ?? '');
  return node;
}

/**
 * The funnel's steps: one select per step over the event names present, plus add / remove.
 * @example funnelControls(doc, text, ['page_view', 'purchase'], names, (steps) => refresh())
 */
export function funnelControls(doc: Document, text: DashboardText, steps: string[], names: string[], onChange: (steps: string[]) => void): HTMLElement {
  const choices = [...new Set([...names, ...steps])].map((name) => ({ value: name, label: name }));
  const selects = steps.map((step) => select(doc, choices, step));
  for (const node of selects) node.addEventListener('change', () => onChange(selects.map((s) => s.value)));
  const controls: HTMLElement[] = selects.map((node, k) => field(doc, text.t('stepN', { n: k + 1 }), node));
  if (steps.length < MAX_STEPS && choices.length > 0) controls.push(button(doc, text.t('addStep'), () => onChange([...steps, choices.find((c) => !steps.includes(c.value))?.value ?? choices[0]!.value])));
  if (steps.length > 1) controls.push(button(doc, text.t('removeStep'), () => onChange(steps.slice(0, -1))));
  return el(doc, 'div', { className: 'controls' }, ...controls);
}

/**
 * The cohort heat map's returning event and period.
 * @example cohortControls(doc, text, 'page_view', 'week', names, (event, period) => refresh())
 */
export function cohortControls(
  doc: Document, text: DashboardText, eventName: string, period: 'day' | 'week' | 'month', names: string[],
  onChange: (eventName: string, period: 'day' | 'week' | 'month') => void,
): HTMLElement {
  const events = select(doc, [...new Set([...names, eventName])].map((n) => ({ value: n, label: n })), eventName);
  const periods: Array<{ value: 'day' | 'week' | 'month'; key: StringKey }> = [{ value: 'day', key: 'periodDay' }, { value: 'week', key: 'periodWeek' }, { value: 'month', key: 'periodMonth' }];
  const periodSelect = select(doc, periods.map((p) => ({ value: p.value, label: text.t(p.key) })), period);
  const changed = (): void => onChange(events.value, periods.find((p) => p.value === periodSelect.value)?.value ?? 'week');
  events.addEventListener('change', changed);
  periodSelect.addEventListener('change', changed);
  return el(doc, 'div', { className: 'controls' }, field(doc, text.t('cohortEvent'), events), field(doc, text.t('period'), periodSelect));
}
