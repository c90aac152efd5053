import type { VitalSummary } from '../../analytics';
import { el, statGrid, table } from '../kit';
import { setText, updateBars, updateSeries } from './chart-updates';
import { barChart, heatMap, seriesChart, type Bar } from './charts';
import type { ShownModel } from './model';
import type { DashboardText } from './strings';
import { cohortColumns, SEGMENT_KEYS } from './tables';

/*
 * The analytics panel's sections, each built from the shown model only (so the export and the
 * screen cannot disagree). Text nodes only: event names, paths and error messages come from
 * visitors' pages and are never parsed as HTML.
 */

const chartText = (text: DashboardText, title: string, values: number[]): { asTable: string; summary: string } => ({
  asTable: text.t('asTable'),
  summary: text.t('chartOf', { title, points: values.length, max: text.number(Math.max(0, ...values)) }),
});

/** What the range's figures sections read (drawn before the rest of the model is there). */
type Figures = Pick<ShownModel, 'figures'>;

const empty = (doc: Document, text: DashboardText): HTMLElement => el(doc, 'p', { className: 'empty', text: text.t('noData') });

export function liveSection(doc: Document, text: DashboardText, live: ShownModel['live']): HTMLElement {
  const labels = live.minutes.map((m) => text.time(m));
  const chart = seriesChart(doc, labels, [{ name: text.t('events'), kind: 's1', values: live.counts }], chartText(text, text.t('live'), live.counts), text.t('minute'), (v) => text.number(v));
  if (live.minutes[0] !== undefined) liveFirstMinute.set(chart, live.minutes[0]);
  return el(doc, 'div', {}, statGrid(doc, [{ label: `${text.t('activeUsers')} (${text.t('activeHint')})`, value: text.number(live.activeUsers) }]), chart);
}

/*
 * Live updates of drawn sections in place (a burst's redraw): false when the section's shape
 * changed (the minute window moved, another number of bars, no chart yet), then it is drawn anew.
 */

/** The first minute each drawn live chart starts at: the same minute, the same labels (no formatting). */
const liveFirstMinute = new WeakMap<Element, number>();

export function updateLiveSection(node: Element | undefined, text: DashboardText, live: ShownModel['live']): boolean {
  const figure = node?.querySelector(':scope > figure') ?? undefined;
  if (!figure) return false;
  // A new minute shifts the window: the same 60 columns take the new minutes' labels and counts
  // in place (drawing the chart and its table anew each minute cost more than all the bursts).
  const moved = liveFirstMinute.get(figure) !== live.minutes[0];
  const labels = moved ? live.minutes.map((m) => text.time(m)) : null;
  if (!updateSeries(figure, labels, [live.counts], chartText(text, text.t('live'), live.counts).summary)) return false;
  if (live.minutes[0] !== undefined) liveFirstMinute.set(figure, live.minutes[0]);
  setText(node?.querySelector('dd'), text.number(live.activeUsers));
  return true;
}

export function updateOverviewSection(node: Element | undefined, text: DashboardText, model: Figures): boolean {
  const values = node?.querySelectorAll(':scope > .stat > dd:first-of-type');
  const stats = overviewStats(text, model);
  if (!values || values.length !== stats.length) return false;
  stats.forEach((stat, i) => setText(values[i], stat.value));
  return true;
}

export function updateDailySection(node: Element | undefined, text: DashboardText, model: Figures): boolean {
  const daily = model.figures.daily;
  const views = daily.map((d) => d.pageViews);
  return updateSeries(node, daily.map((d) => d.day), [views, daily.map((d) => d.visitors)], chartText(text, text.t('daily'), views).summary);
}

export function updateTopPagesSection(node: Element | undefined, text: DashboardText, model: Figures): boolean {
  const pages = model.figures.topPages;
  return updateBars(node, pageBars(text, model), chartText(text, text.t('topPages'), pages.map((p) => p.views)).summary);
}

export function updateTopEventsSection(node: Element | undefined, text: DashboardText, model: Figures): boolean {
  const events = model.figures.topEvents;
  return updateBars(node, events.map((e) => ({ label: e.event, value: e.count })), chartText(text, text.t('topEvents'), events.map((e) => e.count)).summary);
}

const pageBars = (text: DashboardText, model: Figures): Bar[] =>
  model.figures.topPages.map((p) => ({ label: p.path || '/', value: p.views, note: `${text.number(p.visitors)} ${text.t('visitors').toLowerCase()}` }));

const overviewStats = (text: DashboardText, model: Figures): Array<{ label: string; value: string }> => {
  const f = model.figures;
  return [
    { label: text.t('totalEvents'), value: text.number(f.totalEvents) },
    { label: text.t('pageViews'), value: text.number(f.pageViews) },
    { label: text.t('visitors'), value: text.number(f.uniqueVisitors) },
    { label: text.t('sessions'), value: text.number(f.sessions) },
    { label: text.t('avgDuration'), value: text.duration(f.avgSessionDurationMs) },
    { label: text.t('bounceRate'), value: text.percent(f.bounceRate) },
    { label: text.t('conversionRate'), value: text.percent(f.conversionRate) },
  ];
};

export function overviewSection(doc: Document, text: DashboardText, model: Figures): HTMLElement {
  return statGrid(doc, overviewStats(text, model));
}

export function dailySection(doc: Document, text: DashboardText, model: Figures): HTMLElement {
  const daily = model.figures.daily;
  if (daily.length === 0) return empty(doc, text);
  const views = daily.map((d) => d.pageViews);
  const visitors = daily.map((d) => d.visitors);
  return seriesChart(doc, daily.map((d) => d.day), [
    { name: text.t('pageViews'), kind: 's1', values: views },
    { name: text.t('visitors'), kind: 's2', values: visitors },
  ], chartText(text, text.t('daily'), views), text.t('day'), (v) => text.number(v));
}

export function topPagesSection(doc: Document, text: DashboardText, model: Figures): HTMLElement {
  const pages = model.figures.topPages;
  if (pages.length === 0) return empty(doc, text);
  return barChart(doc, pageBars(text, model), chartText(text, text.t('topPages'), pages.map((p) => p.views)), [text.t('page'), text.t('views'), text.t('visitors')], (v) => text.number(v));
}

export function topEventsSection(doc: Document, text: DashboardText, model: Figures): HTMLElement {
  const events = model.figures.topEvents;
  if (events.length === 0) return empty(doc, text);
  return barChart(doc, events.map((e) => ({ label: e.event, value: e.count })), chartText(text, text.t('topEvents'), events.map((e) => e.count)), [text.t('event'), text.t('count')], (v) => text.number(v));
}

export function funnelChart(doc: Document, text: DashboardText, model: ShownModel): HTMLElement {
  const steps = model.funnel.steps;
  if (model.funnel.entered === 0) return empty(doc, text);
  const bars: Bar[] = steps.map((s, k) => ({
    label: `${k + 1}. ${s.name}`,
    value: s.count,
    note: k === 0
      ? text.percent(1)
      : `${text.percent(s.conversionRate)} · ${text.t('dropOff').toLowerCase()} ${text.number(s.dropOff)} (${text.percent(s.dropOffRate)}) · ${text.duration(s.medianTimeFromPreviousMs)}`,
  }));
  return barChart(doc, bars, chartText(text, text.t('funnel'), steps.map((s) => s.count)), [text.t('event'), text.t('reached'), `${text.t('ofFirst')} · ${text.t('dropOff')} · ${text.t('medianTime')}`], (v) => text.number(v));
}

export function cohortsChart(doc: Document, text: DashboardText, model: ShownModel): HTMLElement {
  const rows = model.cohorts.cohorts;
  if (rows.length === 0) return empty(doc, text);
  const cells = rows.flatMap((r) => r.retention);
  return heatMap(doc, rows.map((r) => ({ label: r.cohort, size: r.size, cells: r.retention })), cohortColumns(model, text),
    { asTable: text.t('asTable'), summary: text.t('chartOf', { title: text.t('cohorts'), points: cells.length, max: text.percent(Math.max(0, ...cells)) }) },
    [text.t('cohort'), text.t('size')], (r) => text.percent(r));
}

export function segmentsSection(doc: Document, text: DashboardText, model: ShownModel): HTMLElement {
  const counts = model.segments.map((s) => s.count);
  const chart = barChart(doc, model.segments.map((s) => ({ label: text.t(SEGMENT_KEYS[s.segment]), value: s.count, kind: `seg-${s.segment}` })),
    chartText(text, text.t('segments'), counts), [text.t('segment'), text.t('users')], (v) => text.number(v));
  const users = model.segments.flatMap((s) => s.users.map((u) => ({ ...u, name: text.t(SEGMENT_KEYS[s.segment]) })));
  return el(doc, 'div', {}, chart, table(doc, text.t('segments'), [
    { label: text.t('user'), value: (u) => u.userId },
    { label: text.t('segment'), value: (u) => u.name },
    { label: text.t('recency'), value: (u) => u.recencyDays, numeric: true },
    { label: text.t('sessions'), value: (u) => u.sessions, numeric: true },
    { label: text.t('purchases'), value: (u) => u.purchases, numeric: true },
    { label: text.t('revenue'), value: (u) => text.number(u.revenue), numeric: true },
  ], users, text.t('noData')));
}

const vitalValue = (metric: string, text: DashboardText, value: number): string => (metric === 'CLS' ? text.number(value, 3) : `${text.number(value)} ms`);

function vitalBlock(doc: Document, text: DashboardText, vital: VitalSummary): HTMLElement {
  const [goodUpTo, poorAbove] = vital.thresholds;
  const format = (v: number): string => vitalValue(vital.metric, text, v);
  const split = barChart(doc, [
    { label: text.t('good'), value: vital.good, kind: 'good', note: `≤ ${format(goodUpTo)}` },
    { label: text.t('needsImprovement'), value: vital.needsImprovement, kind: 'ni' },
    { label: text.t('poor'), value: vital.poor, kind: 'poor', note: `> ${format(poorAbove)}` },
  ], chartText(text, `${vital.metric}`, [vital.good, vital.needsImprovement, vital.poor]), [text.t('metric'), text.t('measurements'), ''], (v) => text.number(v));
  const histogram = barChart(doc, vital.histogram.map((b) => ({
    label: b.to === null ? `≥ ${format(b.from)}` : `${format(b.from)} – ${format(b.to)}`,
    value: b.count,
    kind: b.to !== null && b.to <= goodUpTo ? 'good' : b.from >= poorAbove ? 'poor' : 'ni',
  })), chartText(text, `${vital.metric} ${text.t('bucket').toLowerCase()}`, vital.histogram.map((b) => b.count)), [text.t('bucket'), text.t('measurements')], (v) => text.number(v));
  return el(doc, 'div', { className: 'vital', attrs: { 'data-metric': vital.metric } },
    el(doc, 'h4', { text: `${vital.metric} · ${text.t('p75')}: ${vital.p75 === null ? '—' : format(vital.p75)} · ${text.t('measurements')}: ${text.number(vital.count)}` }),
    split, histogram);
}

export function vitalsSection(doc: Document, text: DashboardText, model: Figures): HTMLElement {
  const vitals = model.figures.webVitals;
  if (vitals.length === 0) return empty(doc, text);
  return el(doc, 'div', { className: 'vitals' }, ...vitals.map((v) => vitalBlock(doc, text, v)));
}

export function errorsSection(doc: Document, text: DashboardText, model: Figures): HTMLElement {
  return table(doc, text.t('errors'), [
    { label: text.t('message'), value: (e) => e.message },
    { label: text.t('count'), value: (e) => e.count, numeric: true },
    { label: text.t('users'), value: (e) => e.users, numeric: true },
    { label: text.t('lastSeen'), value: (e) => text.dateTime(e.lastSeen) },
  ], model.figures.errors, text.t('noData'));
}
