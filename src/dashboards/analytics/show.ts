import type { AnalyticsEvent, DashboardData } from '../../analytics';
import type { ChatbotSystem } from '../../system';
import { actions, button, el, openDashboard, statGrid, table } from '../kit';

const REFRESH_MS = 3000;
const RECENT_LIMIT = 20;

const EVENT_LABELS: Record<string, string> = {
  page_view: 'Vista de página',
  click: 'Clic',
  form_submit: 'Envío de formulario',
  scroll_depth: 'Scroll',
  add_to_cart: 'Agregado al carrito',
  purchase: 'Compra',
  search: 'Búsqueda',
  product_view: 'Vista de producto',
  session_start: 'Inicio de sesión',
  session_end: 'Fin de sesión',
  error: 'Error',
  web_vital: 'Web vital',
};

const label = (event: string): string => EVENT_LABELS[event] ?? event;
const time = (event: AnalyticsEvent): string => new Date(event.time).toLocaleTimeString('es-CO');

/**
 * `showAnalyticsDashboard()`: live overview, top pages, top events, the latest events as they
 * happen, and exports (JSON / CSV files).
 * @example await CHATBOT_SYSTEM.showAnalyticsDashboard();
 */
export function show(host: Window, system: ChatbotSystem): void {
  const analytics = system.realtimeAnalytics;
  const doc = host.document;
  const view = openDashboard(host, 'dashboard-analytics', 'Analítica en tiempo real');

  const overview = view.section('Resumen (últimas 24 horas)');
  const pages = view.section('Páginas más vistas');
  const topEvents = view.section('Eventos principales');
  const recent = view.section('Eventos recientes (en vivo)');
  recent.setAttribute('aria-live', 'off');
  const exportSection = view.section('Exportar datos');

  const download = (format: 'json' | 'csv'): void => {
    try {
      const text = analytics.exportData(format);
      const blob = new Blob([text], { type: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json' });
      const url = URL.createObjectURL(blob);
      const link = el(doc, 'a', { attrs: { href: url, download: `analytics-${new Date().toISOString().slice(0, 10)}.${format}` } });
      view.root.append(link);
      link.click();
      link.remove();
      host.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      view.announce(`Exportación ${format.toUpperCase()} lista`, 'ok');
    } catch (error) {
      view.announce(`No se pudo exportar: ${error instanceof Error ? error.message : String(error)}`, 'error');
    }
  };
  exportSection.append(
    actions(doc, button(doc, 'Exportar JSON', () => download('json'), 'primary'), button(doc, 'Exportar CSV', () => download('csv'))),
  );

  const renderRecent = (events: AnalyticsEvent[]): void => {
    recent.replaceChildren(
      table(
        doc,
        'Últimos eventos',
        [
          { label: 'Hora', value: time },
          { label: 'Evento', value: (e) => label(e.event) },
          { label: 'Página', value: (e) => e.context.page.path || '—' },
          { label: 'Usuario', value: (e) => e.userId ?? `anónimo ${e.anonymousId.slice(0, 8)}` },
        ],
        events,
        'Todavía no hay eventos',
      ),
    );
  };

  const render = (data: DashboardData): void => {
    const o = data.overview;
    overview.replaceChildren(
      statGrid(doc, [
        { label: 'Usuarios activos', value: o.activeUsers, hint: 'últimos 5 minutos' },
        { label: 'Vistas de página', value: o.pageViews },
        { label: 'Visitantes únicos', value: o.uniqueVisitors },
        { label: 'Duración promedio', value: o.avgSessionDuration },
        { label: 'Tasa de rebote', value: o.bounceRate },
        { label: 'Tasa de conversión', value: o.conversionRate },
      ]),
    );
    pages.replaceChildren(
      table(doc, 'Páginas por vistas', [
        { label: 'Página', value: (p) => p.path || '/' },
        { label: 'Título', value: (p) => p.title },
        { label: 'Vistas', value: (p) => p.views, numeric: true },
        { label: 'Visitantes', value: (p) => p.visitors, numeric: true },
      ], data.topPages),
    );
    topEvents.replaceChildren(
      table(doc, 'Eventos por cantidad', [
        { label: 'Evento', value: (e) => label(e.event) },
        { label: 'Nombre técnico', value: (e) => e.event },
        { label: 'Cantidad', value: (e) => e.count, numeric: true },
      ], data.topEvents),
    );
    renderRecent(data.recentEvents);
  };

  render(analytics.getDashboardData());
  view.every(REFRESH_MS, () => render(analytics.getDashboardData()));
  // The recent list follows every event as it happens (this tab's and the other tabs').
  let pendingRender: number | undefined;
  const subscription = analytics.subscribe(() => {
    pendingRender ??= host.setTimeout(() => {
      pendingRender = undefined;
      renderRecent(analytics.getRecentEvents(RECENT_LIMIT));
    }, 250);
  });
  view.onClose(() => {
    analytics.unsubscribe(subscription);
    if (pendingRender !== undefined) host.clearTimeout(pendingRender);
  });
}
