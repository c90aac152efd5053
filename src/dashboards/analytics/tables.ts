import type { SegmentName } from '../../analytics';
import type { ShownModel } from './model';
import type { DashboardText, StringKey } from './strings';

/** One table of what is shown: the charts' alternatives and the CSV export are made from these. */
export interface ShownTable {
  id: string;
  title: string;
  headers: string[];
  rows: Array<Array<string | number>>;
}

export const SEGMENT_KEYS: Record<SegmentName, StringKey> = { new: 'segNew', active: 'segActive', 'high-value': 'segHighValue', 'at-risk': 'segAtRisk' };

const isoMinute = (time: number): string => new Date(time).toISOString().slice(0, 16);

/**
 * The shown figures as tables, in the order of the panel.
 * @example shownTables(model, text).find((t) => t.id === 'topPages')?.rows
 */
export function shownTables(model: ShownModel, text: DashboardText): ShownTable[] {
  const { t } = text;
  const f = model.figures;
  return [
    {
      id: 'overview',
      title: t('overview'),
      headers: [t('metric'), t('count')],
      rows: [
        [t('totalEvents'), f.totalEvents],
        [t('pageViews'), f.pageViews],
        [t('visitors'), f.uniqueVisitors],
        [t('sessions'), f.sessions],
        [t('avgDuration'), Math.round(f.avgSessionDurationMs)],
        [t('bounceRate'), round(f.bounceRate)],
        [t('conversionRate'), round(f.conversionRate)],
      ],
    },
    { id: 'activeUsers', title: t('activeUsers'), headers: [t('activeUsers')], rows: [[model.live.activeUsers]] },
    { id: 'live', title: t('live'), headers: [t('minute'), t('events')], rows: model.live.minutes.map((m, i) => [isoMinute(m), model.live.counts[i]!]) },
    { id: 'daily', title: t('daily'), headers: [t('day'), t('pageViews'), t('visitors')], rows: f.daily.map((d) => [d.day, d.pageViews, d.visitors]) },
    { id: 'topPages', title: t('topPages'), headers: [t('page'), t('pageTitle'), t('views'), t('visitors')], rows: f.topPages.map((p) => [p.path, p.title, p.views, p.visitors]) },
    { id: 'topEvents', title: t('topEvents'), headers: [t('event'), t('count')], rows: f.topEvents.map((e) => [e.event, e.count]) },
    {
      id: 'funnel',
      title: t('funnel'),
      headers: [t('event'), t('reached'), t('ofFirst'), t('dropOff'), t('medianTime')],
      rows: model.funnel.steps.map((s) => [s.name, s.count, round(s.conversionRate), s.dropOff, s.medianTimeFromPreviousMs ?? '']),
    },
    {
      id: 'cohorts',
      title: t('cohorts'),
      headers: [t('cohort'), t('size'), ...cohortColumns(model, text)],
      rows: model.cohorts.cohorts.map((c) => [c.cohort, c.size, ...c.retention.map(round)]),
    },
    { id: 'segments', title: t('segments'), headers: [t('segment'), t('users')], rows: model.segments.map((s) => [t(SEGMENT_KEYS[s.segment]), s.count]) },
    {
      id: 'webVitals',
      title: t('webVitals'),
      headers: [t('metric'), t('measurements'), t('good'), t('needsImprovement'), t('poor'), t('p75')],
      rows: f.webVitals.map((v) => [v.metric, v.count, v.good, v.needsImprovement, v.poor, v.p75 ?? '']),
    },
    {
      id: 'errors',
      title: t('errors'),
      headers: [t('message'), t('count'), t('users'), t('lastSeen')],
      rows: f.errors.map((e) => [e.message, e.count, e.users, new Date(e.lastSeen).toISOString()]),
    },
  ];
}

export function cohortColumns(model: ShownModel, text: DashboardText): string[] {
  const width = Math.max(0, ...model.cohorts.cohorts.map((c) => c.retention.length));
  return Array.from({ length: width }, (_, k) => text.t('later', { n: k }));
}

const round = (ratio: number): number => Math.round(ratio * 10_000) / 10_000;
