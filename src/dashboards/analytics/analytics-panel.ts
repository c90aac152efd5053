import type { RealtimeAnalytics } from '../../analytics';
import { actions, button, el } from '../kit';
import { cohortControls, funnelControls, rangePicker } from './controls';
import { download, shownCsv, shownJson } from './export-shown';
import { defaultSteps, eventsPerMinute, loadModel, type Query, type ShownModel } from './model';
import * as S from './sections';
import type { DashboardText, StringKey } from './strings';
import { shownTables } from './tables';

const DAY = 86_400_000;
const DEFAULT_DAYS = 30;
/** A burst of events redraws the live chart once, this long after its first event. */
const LIVE_COALESCE_MS = 250;
/** The stored figures follow new events at most this often (each pass reads the whole range). */
const FIGURES_EVERY_MS = 5000;

export interface PanelHost {
  host: Window;
  root: ShadowRoot;
  announce(text: string, kind?: 'ok' | 'error'): void;
  onClose(listener: () => void): void;
}

/**
 * The analytics tab: date range, live events per minute, the range's figures over every stored
 * event (overview, per day, top pages and events, funnel, cohorts, segments, Web Vitals,
 * errors) and the export of exactly what is shown. Live through `subscribe`: no polling.
 * @example container.append(analyticsPanel(view, realtimeAnalytics, dashboardText('es')));
 */
export function analyticsPanel(view: PanelHost, analytics: RealtimeAnalytics, text: DashboardText): HTMLElement {
  const { host } = view;
  const doc = host.document;
  const now = (): number => Date.now();
  const query: Query = { until: now(), since: now() - DEFAULT_DAYS * DAY, steps: [], cohortEvent: 'page_view', period: 'week' };
  let model: ShownModel | undefined;
  let disposed = false;
  let loading: Promise<void> | undefined;
  let again = false;

  const status = el(doc, 'p', { className: 'muted', attrs: { 'aria-live': 'polite' } });
  const slots = new Map<string, HTMLElement>();
  const section = (id: string, title: StringKey, ...extra: HTMLElement[]): HTMLElement => {
    const content = el(doc, 'div', { className: 'content' });
    slots.set(id, content);
    return el(doc, 'section', { attrs: { 'data-section': id, 'aria-labelledby': `h-${id}` } }, el(doc, 'h3', { text: text.t(title), attrs: { id: `h-${id}` } }), ...extra, content);
  };
  const funnelSlot = el(doc, 'div');
  const cohortSlot = el(doc, 'div');
  const exportButtons = actions(doc,
    button(doc, text.t('exportJson'), () => save('json'), 'primary'),
    button(doc, text.t('exportCsv'), () => save('csv')));

  const panel = el(doc, 'div', { className: 'panel' },
    rangePicker(doc, text, query, now, (range) => {
      Object.assign(query, range);
      void refresh();
    }),
    status,
    section('live', 'live'),
    section('overview', 'overview'),
    section('daily', 'daily'),
    section('topPages', 'topPages'),
    section('topEvents', 'topEvents'),
    section('funnel', 'funnel', funnelSlot),
    section('cohorts', 'cohorts', cohortSlot),
    section('segments', 'segments'),
    section('webVitals', 'webVitals'),
    section('errors', 'errors'),
    el(doc, 'section', { attrs: { 'data-section': 'export' } }, el(doc, 'h3', { text: text.t('exportTitle') }), exportButtons),
  );

  const fill = (id: string, node: HTMLElement): void => slots.get(id)?.replaceChildren(node);
  /** The figures of the range (one pass over the table): drawn before the funnel, cohorts and segments. */
  const renderFigures = (m: Pick<ShownModel, 'figures' | 'live'>): void => {
    fill('live', S.liveSection(doc, text, m.live));
    fill('overview', S.overviewSection(doc, text, m));
    fill('daily', S.dailySection(doc, text, m));
    fill('topPages', S.topPagesSection(doc, text, m));
    fill('topEvents', S.topEventsSection(doc, text, m));
    fill('webVitals', S.vitalsSection(doc, text, m));
    fill('errors', S.errorsSection(doc, text, m));
    panel.setAttribute('data-state', 'figures');
  };
  const render = (m: ShownModel): void => {
    const names = m.figures.eventNames.map((e) => e.event);
    renderFigures(m);
    funnelSlot.replaceChildren(funnelControls(doc, text, m.funnel.steps.map((s) => s.name), names, (steps) => {
      query.steps = steps;
      void refresh();
    }));
    fill('funnel', S.funnelChart(doc, text, m));
    cohortSlot.replaceChildren(cohortControls(doc, text, query.cohortEvent, query.period, names, (eventName, period) => {
      query.cohortEvent = eventName;
      query.period = period;
      void refresh();
    }));
    fill('cohorts', S.cohortsChart(doc, text, m));
    fill('segments', S.segmentsSection(doc, text, m));
    status.textContent = text.t('updated', { time: text.dateTime(m.generatedAt) });
    panel.setAttribute('data-state', 'ready');
  };

  async function refresh(): Promise<void> {
    if (loading) {
      again = true;
      return loading;
    }
    panel.setAttribute('data-state', 'loading');
    status.textContent = text.t('loading');
    loading = (async () => {
      try {
        const figures = await analytics.getStoredDashboardData({ since: query.since, until: query.until });
        if (disposed) return;
        renderFigures({ figures, live: eventsPerMinute(analytics, now()) });
        if (query.steps.length === 0) query.steps = defaultSteps(figures.eventNames.map((e) => e.event));
        const next = await loadModel(analytics, query, now(), figures);
        if (disposed) return;
        model = next;
        render(next);
      } catch (error) {
        view.announce(text.t('failed', { reason: error instanceof Error ? error.message : String(error) }), 'error');
      } finally {
        loading = undefined;
      }
      if (again && !disposed) {
        again = false;
        await refresh();
      }
    })();
    return loading;
  }

  function save(format: 'json' | 'csv'): void {
    if (!model) return;
    const day = new Date(now()).toISOString().slice(0, 10);
    const body = format === 'json' ? shownJson({ ...model }, now()) : shownCsv(shownTables(model, text));
    download(host, view.root, body, `analytics-${day}.${format}`, format === 'json' ? 'application/json' : 'text/csv;charset=utf-8');
    view.announce(text.t('exported', { format: format.toUpperCase() }), 'ok');
  }

  // Live: each burst of events redraws the per-minute chart once; the stored figures follow at
  // most every FIGURES_EVERY_MS while the range reaches the present.
  let liveTimer: number | undefined;
  let figuresTimer: number | undefined;
  let lastFigures = 0;
  const subscription = analytics.subscribe(() => {
    liveTimer ??= host.setTimeout(() => {
      liveTimer = undefined;
      if (!model || disposed) return;
      model = { ...model, live: eventsPerMinute(analytics, now()) };
      fill('live', S.liveSection(doc, text, model.live));
      if (query.until < now() - DAY || figuresTimer !== undefined) return;
      const wait = Math.max(0, lastFigures + FIGURES_EVERY_MS - now());
      figuresTimer = host.setTimeout(() => {
        figuresTimer = undefined;
        lastFigures = now();
        // The range's end follows the clock while it is "up to now".
        if (query.until >= lastFigures - DAY) query.until = Math.max(query.until, lastFigures);
        void refresh();
      }, wait);
    }, LIVE_COALESCE_MS);
  });
  view.onClose(() => {
    disposed = true;
    analytics.unsubscribe(subscription);
    if (liveTimer !== undefined) host.clearTimeout(liveTimer);
    if (figuresTimer !== undefined) host.clearTimeout(figuresTimer);
  });

  void refresh();
  return panel;
}
