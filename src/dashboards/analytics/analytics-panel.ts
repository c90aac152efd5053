import type { RealtimeAnalytics, StoredFigures, StoredFiguresWatch } from '../../analytics';
import { actions, button, el } from '../kit';
import { cohortControls, funnelControls, rangePicker } from './controls';
import { download, shownCsv, shownJson } from './export-shown';
import { createHeavyScheduler } from './heavy-scheduler';
import { morph } from './morph';
import { createSectionCatchUp } from './section-catch-up';
import { createMinuteCounts, defaultSteps, eventsPerMinute, loadHeavy, loadModel, type HeavyPart, type MinuteCounts, type Query, type ShownModel } from './model';
import * as S from './sections';
import type { DashboardText, StringKey } from './strings';
import { shownTables } from './tables';

const DAY = 86_400_000;
const DEFAULT_DAYS = 30;
/** A burst of events redraws the live chart and the figures once, this long after its first event. */
const LIVE_COALESCE_MS = 250;
/** Active users (a pass over the last 5 minutes' events) are counted again at most this often during bursts. */
const ACTIVE_EVERY_MS = 5000;
/** The funnel, cohorts and segments (each a pass over the whole range) follow new events at most this often, and only on screen. */
const HEAVY_EVERY_MS = 30_000;
/** The figures sections drawn from the range's figures, each from its own part (redrawn when that part changed). */
const FIGURE_PARTS = { daily: 'daily', topPages: 'topPages', topEvents: 'topEvents', webVitals: 'webVitals', errors: 'errors' } as const satisfies Record<string, keyof StoredFigures>;
/** The sections a burst redraws: at once on screen, otherwise when scrolled into view or at most this long after. */
const OFF_SCREEN_EVERY_MS = 2000;
type FigureSection = keyof typeof FIGURE_PARTS;
type LiveSection = 'live' | 'overview' | FigureSection;
const LIVE_SECTIONS: readonly LiveSection[] = ['live', 'overview', ...(Object.keys(FIGURE_PARTS) as FigureSection[])];

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
  /** While the range reaches the present: its figures, following each event. */
  let watch: StoredFiguresWatch | undefined;
  let minutes: MinuteCounts | undefined;
  /** Heavy parts the events since the last burst's redraw made stale. */
  const staleNow = new Set<HeavyPart>();
  /** Bumped by each refresh: a heavy recompute of an older query is dropped. */
  let generation = 0;

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
    button(doc, text.t('exportJson'), () => void save('json'), 'primary'),
    button(doc, text.t('exportCsv'), () => void save('csv')));

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
  /** A live redraw: only what changed in the section is touched. */
  const patch = (id: string, node: HTMLElement): void => {
    const shown = slots.get(id)?.firstChild;
    if (shown) morph(shown, node);
    else fill(id, node);
  };
  /** The figures of the range (one pass over the table): drawn before the funnel, cohorts and segments. */
  const renderFigures = (m: Pick<ShownModel, 'figures' | 'live'>): void => {
    fill('live', S.liveSection(doc, text, m.live));
    fill('overview', S.overviewSection(doc, text, m));
    fill('daily', S.dailySection(doc, text, m));
    fill('topPages', S.topPagesSection(doc, text, m));
    fill('topEvents', S.topEventsSection(doc, text, m));
    fill('webVitals', S.vitalsSection(doc, text, m));
    fill('errors', S.errorsSection(doc, text, m));
    for (const id of LIVE_SECTIONS) drawnFigures.set(id, m.figures);
    catchUp.fresh();
    panel.setAttribute('data-state', 'figures');
  };
  const renderControls = (m: ShownModel): void => {
    const names = m.figures.eventNames.map((e) => e.event);
    funnelSlot.replaceChildren(funnelControls(doc, text, m.funnel.steps.map((s) => s.name), names, (steps) => {
      query.steps = steps;
      void refresh();
    }));
    cohortSlot.replaceChildren(cohortControls(doc, text, query.cohortEvent, query.period, names, (eventName, period) => {
      query.cohortEvent = eventName;
      query.period = period;
      void refresh();
    }));
  };
  const render = (m: ShownModel): void => {
    renderFigures(m);
    renderControls(m);
    fill('funnel', S.funnelChart(doc, text, m));
    fill('cohorts', S.cohortsChart(doc, text, m));
    fill('segments', S.segmentsSection(doc, text, m));
    status.textContent = text.t('updated', { time: text.dateTime(m.generatedAt) });
    panel.setAttribute('data-range', JSON.stringify(m.range));
    panel.setAttribute('data-state', 'ready');
  };
  /** The figures each live section shows (a section off screen can be a few bursts behind). */
  const drawnFigures = new Map<LiveSection, StoredFigures>();
  const draw = { daily: S.dailySection, topPages: S.topPagesSection, topEvents: S.topEventsSection, webVitals: S.vitalsSection, errors: S.errorsSection };
  const update: Partial<Record<FigureSection, (node: Element | undefined, t: typeof text, model: ShownModel) => boolean>> = {
    daily: S.updateDailySection, topPages: S.updateTopPagesSection, topEvents: S.updateTopEventsSection,
  };
  /** Brings live sections up to the current model: only what changed since each one's last draw is touched. */
  const drawLive = (ids: readonly LiveSection[]): void => {
    const m = model;
    // While a new range loads, `model` is the old range's: the refresh draws every section.
    if (!m || loading) return;
    const shown = (id: string): Element | undefined => slots.get(id)?.firstElementChild ?? undefined;
    for (const id of ids) {
      if (id === 'live') {
        // In place while the shape is the same (a new minute moves the labels in place); drawn anew
        // (not morphed: the new chart's numbers are what the next update compares with) otherwise.
        if (!S.updateLiveSection(shown('live'), text, m.live)) fill('live', S.liveSection(doc, text, m.live));
        continue;
      }
      const before = drawnFigures.get(id);
      if (before === m.figures) continue;
      drawnFigures.set(id, m.figures);
      if (id === 'overview') {
        if (!S.updateOverviewSection(shown('overview'), text, m)) fill('overview', S.overviewSection(doc, text, m));
        // The range of the figures the overview shows: the API over it gives the shown numbers.
        panel.setAttribute('data-range', JSON.stringify(m.range));
        continue;
      }
      const part = FIGURE_PARTS[id];
      if (before && m.figures[part] === before[part]) continue;
      const updater = update[id];
      if (updater) {
        if (!updater(shown(id), text, m)) fill(id, draw[id](doc, text, m));
      } else patch(id, draw[id](doc, text, m));
    }
  };
  /** A burst's redraw: the live chart, the overview, and the figure sections whose part changed (off screen: later, see createSectionCatchUp). */
  const renderBurst = (before: ShownModel, m: ShownModel): void => {
    const changed: LiveSection[] = ['live'];
    if (m.figures !== before.figures) {
      changed.push('overview');
      for (const [id, part] of Object.entries(FIGURE_PARTS) as Array<[FigureSection, keyof StoredFigures]>) {
        if (m.figures[part] !== before.figures[part]) changed.push(id);
      }
      // A new event name is a new step to choose.
      if (m.figures.eventNames.length !== before.figures.eventNames.length) renderControls(m);
    }
    catchUp.changed(changed);
    // The status line shows minutes: rewritten when the minute changes.
    if (Math.floor(m.generatedAt / 60_000) !== Math.floor(before.generatedAt / 60_000)) status.textContent = text.t('updated', { time: text.dateTime(m.generatedAt) });
  };

  async function refresh(): Promise<void> {
    if (loading) {
      again = true;
      return loading;
    }
    panel.setAttribute('data-state', 'loading');
    status.textContent = text.t('loading');
    generation++;
    loading = (async () => {
      try {
        // A range up to now follows the events as they come; a past one is read once.
        const live = query.until >= now() - DAY;
        watch = live ? await analytics.watchStoredDashboardData({ since: query.since }) : undefined;
        const figures = watch ? watch.current() : await analytics.getStoredDashboardData({ since: query.since, until: query.until });
        if (disposed) return;
        query.until = figures.until;
        minutes = createMinuteCounts(eventsPerMinute(analytics, now()));
        staleNow.clear();
        renderFigures({ figures, live: minutes.read(now(), analytics.getActiveUsers()) });
        if (query.steps.length === 0) query.steps = defaultSteps(figures.eventNames.map((e) => e.event));
        const next = await loadModel(analytics, query, now(), figures);
        if (disposed) return;
        model = { ...next, live: minutes.read(now(), next.live.activeUsers) };
        heavy.fresh();
        render(model);
      } catch (error) {
        view.announce(text.t('failed', { reason: error instanceof Error ? error.message : String(error) }), 'error');
      } finally {
        loading = undefined;
      }
      if (again && !disposed) {
        again = false;
        await refresh();
      } else if (missedBurst) onBurst();
    })();
    return loading;
  }

  async function save(format: 'json' | 'csv'): Promise<void> {
    // What is exported is what is shown, brought up to date first: the last burst's figures and
    // the heavy parts they made stale, over the same range.
    for (let tries = 0; tries < 3; tries++) {
      if (burstTimer !== undefined) {
        host.clearTimeout(burstTimer);
        burstTimer = undefined;
        onBurst();
      }
      await heavy.flush();
      if (burstTimer === undefined) break;
    }
    catchUp.flush();
    if (!model) return;
    const day = new Date(now()).toISOString().slice(0, 10);
    const body = format === 'json' ? shownJson({ ...model }, now()) : shownCsv(shownTables(model, text));
    download(host, view.root, body, `analytics-${day}.${format}`, format === 'json' ? 'application/json' : 'text/csv;charset=utf-8');
    view.announce(text.t('exported', { format: format.toUpperCase() }), 'ok');
  }

  const catchUp = createSectionCatchUp<LiveSection>({
    host,
    sections: Object.fromEntries(LIVE_SECTIONS.map((id) => [id, slots.get(id)!])) as Record<LiveSection, HTMLElement>,
    everyMs: OFF_SCREEN_EVERY_MS,
    draw: drawLive,
  });

  const heavy = createHeavyScheduler({
    host,
    sections: { funnel: slots.get('funnel')!, cohorts: slots.get('cohorts')!, segments: slots.get('segments')! },
    everyMs: HEAVY_EVERY_MS,
    now,
    async recompute(parts) {
      const asked = generation;
      const got = await loadHeavy(analytics, { ...query }, parts);
      if (disposed || !model || asked !== generation || loading) return;
      model = { ...model, ...got };
      if (got.funnel) fill('funnel', S.funnelChart(doc, text, model));
      if (got.cohorts) fill('cohorts', S.cohortsChart(doc, text, model));
      if (got.segments) fill('segments', S.segmentsSection(doc, text, model));
    },
  });

  // Live, through subscribe: each event costs O(1) here (its minute, which heavy parts it makes
  // stale); a burst redraws once, LIVE_COALESCE_MS after its first event, taking in only the
  // burst's events (watchStoredDashboardData); the heavy parts follow later (createHeavyScheduler).
  let burstTimer: number | undefined;
  /** A burst came while the model was loading: its redraw waits for the model. */
  let missedBurst = false;
  let activeUsers = 0;
  let activeAt = -Infinity;
  function onBurst(): void {
    missedBurst = Boolean(loading);
    if (!model || disposed || loading) return;
    const t = now();
    const before = model;
    if (t - activeAt >= ACTIVE_EVERY_MS) {
      activeAt = t;
      activeUsers = analytics.getActiveUsers();
    }
    let next: ShownModel = { ...model, generatedAt: t, live: minutes!.read(t, activeUsers) };
    if (watch) {
      const figures = watch.current();
      query.until = figures.until;
      next = { ...next, figures, range: { since: query.since, until: figures.until } };
      heavy.stale(staleNow);
    }
    staleNow.clear();
    model = next;
    renderBurst(before, next);
  }
  const subscription = analytics.subscribe((_, event) => {
    minutes?.add(event.time);
    if (watch) {
      // Any event can move a user's first period (cohorts) or recency (segments); only steps move the funnel.
      if (query.steps.includes(event.event)) staleNow.add('funnel');
      staleNow.add('cohorts');
      staleNow.add('segments');
    }
    burstTimer ??= host.setTimeout(() => {
      burstTimer = undefined;
      onBurst();
    }, LIVE_COALESCE_MS);
  });
  view.onClose(() => {
    disposed = true;
    analytics.unsubscribe(subscription);
    heavy.dispose();
    catchUp.dispose();
    if (burstTimer !== undefined) host.clearTimeout(burstTimer);
  });

  void refresh();
  return panel;
}
