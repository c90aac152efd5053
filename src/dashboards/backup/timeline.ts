import type { Backup, RestorableRanges } from '../../backup';
import { el, table } from '../kit';
import type { DashboardText } from './copy';
import { continuousSpans, typeLabel } from './labels';

const SVG_NS = 'http://www.w3.org/2000/svg';
const WIDTH = 800;
const LEFT = 100;
const RIGHT = 16;
const LANES = { backups: 22, journal: 56, restorable: 90 } as const;
const AXIS_Y = 118;
const HEIGHT = 140;
const TICKS = 2;
const DAY = 86_400_000;

type SvgAttrs = Record<string, string | number>;

function svg<K extends keyof SVGElementTagNameMap>(doc: Document, tag: K, attrs: SvgAttrs = {}, text?: string): SVGElementTagNameMap[K] {
  const node = doc.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

export interface TimelineData {
  backups: Backup[];
  ranges: RestorableRanges;
  /** Ids the next retention run would delete. */
  dropping: ReadonlySet<string>;
}

/**
 * The backups, the journal's coverage and the spans restorable to any moment on one time axis
 * (plain SVG), with the same facts as text and, on request, as tables.
 * @example const timeline = createTimeline(doc, text); section.append(timeline.element); timeline.update(data);
 */
export function createTimeline(doc: Document, text: DashboardText) {
  const { t } = text;
  const summary = el(doc, 'p', { className: 'timeline-summary' });
  // Scrolls sideways on a phone rather than shrinking to unreadable: focusable, so the keyboard can scroll it.
  const figure = el(doc, 'div', { className: 'timeline', attrs: { tabindex: '0' } });
  const tables = el(doc, 'div', { className: 'timeline-tables', attrs: { id: 'backup-timeline-tables', hidden: '' } });
  const toggle = el(doc, 'button', { className: 'btn secondary', text: t('showTable'), attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'backup-timeline-tables' } });
  toggle.addEventListener('click', () => {
    const show = tables.hidden;
    tables.hidden = !show;
    toggle.textContent = show ? t('hideTable') : t('showTable');
    toggle.setAttribute('aria-expanded', String(show));
  });
  const element = el(doc, 'div', {}, summary, figure, el(doc, 'div', { className: 'actions' }, toggle), tables);

  const update = ({ backups, ranges, dropping }: TimelineData): void => {
    const oldestFirst = [...backups].reverse();
    if (oldestFirst.length === 0) {
      summary.textContent = t('timelineEmpty');
      figure.replaceChildren();
      tables.replaceChildren();
      return;
    }
    const now = Date.parse(ranges.now);
    const times = oldestFirst.map((b) => Date.parse(b.createdAt));
    const start = Math.min(...times, ...ranges.ranges.map((r) => Date.parse(r.from)));
    const span = Math.max(Math.max(now, ...times) - start, 60_000);
    const end = start + span;
    const tickFormat = new Intl.DateTimeFormat(text.locale, span < DAY ? { timeStyle: 'medium' } : { dateStyle: 'medium' });
    const x = (time: number): number => LEFT + ((Math.min(Math.max(time, start), end) - start) / span) * (WIDTH - LEFT - RIGHT);
    summary.textContent = t('timelineSummary', {
      count: backups.length,
      from: text.when(start),
      to: text.when(Math.max(now, ...times)),
      journal: text.when(ranges.journalSince),
      ranges: continuousSpans(ranges.ranges).length,
    });

    const chart = svg(doc, 'svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': summary.textContent, class: 'timeline-chart' });
    for (const [lane, y] of [['laneBackups', LANES.backups], ['laneJournal', LANES.journal], ['laneRestorable', LANES.restorable]] as const) {
      chart.append(svg(doc, 'text', { x: 0, y: y + 4, class: 'lane' }, t(lane)));
      chart.append(svg(doc, 'line', { x1: LEFT, x2: WIDTH - RIGHT, y1: y, y2: y, class: 'rail' }));
    }
    const journalFrom = Date.parse(ranges.journalSince);
    chart.append(svg(doc, 'rect', { x: x(journalFrom), y: LANES.journal - 6, width: Math.max(x(now) - x(journalFrom), 2), height: 12, rx: 3, class: 'journal' }));
    for (const range of continuousSpans(ranges.ranges)) {
      const from = x(Date.parse(range.from));
      const bar = svg(doc, 'rect', { x: from, y: LANES.restorable - 6, width: Math.max(x(Date.parse(range.to)) - from, 3), height: 12, rx: 3, class: 'restorable' });
      bar.append(svg(doc, 'title', {}, t('pitrRange', { from: text.when(range.from), to: text.when(range.to) })));
      chart.append(bar);
    }
    for (const backup of oldestFirst) {
      const imported = backup.metadata.importedFrom !== undefined;
      const kind = imported ? 'imported' : backup.type;
      const dot = svg(doc, 'circle', { cx: x(Date.parse(backup.createdAt)), cy: LANES.backups, r: 6, class: `dot ${kind}${dropping.has(backup.id) ? ' drop' : ''}`, 'data-id': backup.id });
      const label = `${typeLabel(text, backup)} · ${text.when(backup.createdAt)}${dropping.has(backup.id) ? ` · ${t('legendDrop')}` : ''}`;
      dot.append(svg(doc, 'title', {}, label));
      chart.append(dot);
    }
    for (let i = 0; i <= TICKS; i++) {
      const time = start + (span * i) / TICKS;
      const anchor = i === 0 ? 'start' : i === TICKS ? 'end' : 'middle';
      chart.append(svg(doc, 'line', { x1: x(time), x2: x(time), y1: AXIS_Y - 6, y2: AXIS_Y - 2, class: 'tick' }));
      chart.append(svg(doc, 'text', { x: x(time), y: AXIS_Y + 12, 'text-anchor': anchor, class: 'tick-label' }, tickFormat.format(time)));
    }
    figure.replaceChildren(chart);

    tables.replaceChildren(
      table(doc, t('timelineCaption'), [
        { label: t('colDate'), value: (b: Backup) => text.when(b.createdAt) },
        { label: t('colType'), value: (b: Backup) => typeLabel(text, b) },
        { label: t('colRetention'), value: (b: Backup) => (dropping.has(b.id) ? t('drop') : t('keep')) },
      ], oldestFirst, t('empty')),
      table(doc, t('rangesCaption'), [
        { label: t('colFrom'), value: (r: RestorableRanges['ranges'][number]) => text.when(r.from) },
        { label: t('colTo'), value: (r: RestorableRanges['ranges'][number]) => text.when(r.to) },
        { label: t('colBase'), value: (r: RestorableRanges['ranges'][number]) => text.when(r.backupCreatedAt) },
      ], continuousSpans(ranges.ranges), t('pitrNone')),
    );
  };
  return { element, update };
}
