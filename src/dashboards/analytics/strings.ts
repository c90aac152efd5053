import type { Language } from '../../core/config';
import { LOCALES } from '../../i18n';

/** The analytics and notifications dashboards' words, Spanish first (the store's language). */
const ES = {
  title: 'Analítica',
  close: 'Cerrar',
  tabAnalytics: 'Analítica',
  tabNotifications: 'Notificaciones',
  range: 'Periodo',
  from: 'Desde',
  to: 'Hasta',
  lastDays: 'Últimos {n} días',
  loading: 'Calculando…',
  updated: 'Actualizado {time}',
  live: 'Eventos por minuto (última hora, en vivo)',
  minute: 'Minuto',
  activeUsers: 'Usuarios activos',
  activeHint: 'últimos 5 minutos',
  events: 'Eventos',
  overview: 'Resumen del periodo',
  totalEvents: 'Eventos',
  pageViews: 'Vistas de página',
  visitors: 'Visitantes',
  sessions: 'Sesiones',
  avgDuration: 'Duración promedio',
  bounceRate: 'Tasa de rebote',
  conversionRate: 'Tasa de conversión',
  daily: 'Vistas de página y visitantes por día',
  day: 'Día',
  topPages: 'Páginas más vistas',
  page: 'Página',
  pageTitle: 'Título',
  views: 'Vistas',
  topEvents: 'Eventos principales',
  event: 'Evento',
  count: 'Cantidad',
  funnel: 'Embudo de conversión',
  stepN: 'Paso {n}',
  addStep: 'Agregar paso',
  removeStep: 'Quitar el último paso',
  reached: 'Llegaron',
  ofFirst: 'Del primer paso',
  dropOff: 'Abandonos',
  medianTime: 'Tiempo mediano desde el paso anterior',
  cohorts: 'Retención por cohortes',
  cohortEvent: 'Evento de retorno',
  period: 'Periodo',
  periodDay: 'Día',
  periodWeek: 'Semana',
  periodMonth: 'Mes',
  cohort: 'Cohorte',
  size: 'Usuarios',
  later: '+{n}',
  segments: 'Segmentos RFM',
  segment: 'Segmento',
  segNew: 'Nuevos',
  segActive: 'Activos',
  segHighValue: 'Alto valor',
  segAtRisk: 'En riesgo',
  user: 'Usuario',
  recency: 'Días sin visitar',
  purchases: 'Compras',
  revenue: 'Ingresos',
  webVitals: 'Web Vitals',
  metric: 'Métrica',
  good: 'Bueno',
  needsImprovement: 'Mejorable',
  poor: 'Malo',
  p75: 'Percentil 75',
  measurements: 'Mediciones',
  bucket: 'Intervalo',
  errors: 'Errores',
  message: 'Mensaje',
  users: 'Usuarios',
  lastSeen: 'Última vez',
  exportTitle: 'Exportar lo que se muestra',
  exportJson: 'Exportar JSON',
  exportCsv: 'Exportar CSV',
  exported: 'Exportación {format} lista',
  failed: 'No se pudo completar: {reason}',
  noData: 'Sin datos en este periodo',
  asTable: 'Ver como tabla',
  notifications: 'Notificaciones',
  perCategory: 'Por categoría',
  perDay: 'Por día',
  category: 'Categoría',
  sent: 'Enviadas',
  shown: 'Mostradas',
  clicked: 'Abiertas',
  dismissed: 'Descartadas',
  catOrders: 'Pedidos',
  catMessages: 'Mensajes',
  catPromotions: 'Promociones',
  catReviews: 'Reseñas',
  catSystem: 'Sistema',
  scheduled: 'Notificaciones programadas',
  nextTime: 'Próxima',
  notificationTitle: 'Título',
  queue: 'En espera por horas de silencio',
  queuedAt: 'En espera desde',
  none: 'Ninguna',
  chartOf: '{title}: {points} valores, máximo {max}',
};

export type DashboardStrings = typeof ES;
export type StringKey = keyof DashboardStrings;

const EN: DashboardStrings = {
  title: 'Analytics', close: 'Close', tabAnalytics: 'Analytics', tabNotifications: 'Notifications', range: 'Period', from: 'From', to: 'To',
  lastDays: 'Last {n} days', loading: 'Computing…', updated: 'Updated {time}', live: 'Events per minute (last hour, live)', minute: 'Minute', activeUsers: 'Active users', activeHint: 'last 5 minutes',
  events: 'Events', overview: 'Period overview', totalEvents: 'Events', pageViews: 'Page views', visitors: 'Visitors', sessions: 'Sessions',
  avgDuration: 'Average duration', bounceRate: 'Bounce rate', conversionRate: 'Conversion rate', daily: 'Page views and visitors per day',
  day: 'Day', topPages: 'Top pages', page: 'Page', pageTitle: 'Title', views: 'Views', topEvents: 'Top events', event: 'Event', count: 'Count',
  funnel: 'Conversion funnel', stepN: 'Step {n}', addStep: 'Add step', removeStep: 'Remove the last step', reached: 'Reached',
  ofFirst: 'Of the first step', dropOff: 'Drop-off', medianTime: 'Median time from the previous step', cohorts: 'Cohort retention',
  cohortEvent: 'Returning event', period: 'Period', periodDay: 'Day', periodWeek: 'Week', periodMonth: 'Month', cohort: 'Cohort',
  size: 'Users', later: '+{n}', segments: 'RFM segments', segment: 'Segment', segNew: 'New', segActive: 'Active', segHighValue: 'High value',
  segAtRisk: 'At risk', user: 'User', recency: 'Days since last visit', purchases: 'Purchases', revenue: 'Revenue', webVitals: 'Web Vitals',
  metric: 'Metric', good: 'Good', needsImprovement: 'Needs improvement', poor: 'Poor', p75: '75th percentile', measurements: 'Measurements',
  bucket: 'Range', errors: 'Errors', message: 'Message', users: 'Users', lastSeen: 'Last seen', exportTitle: 'Export what is shown',
  exportJson: 'Export JSON', exportCsv: 'Export CSV', exported: '{format} export ready', failed: 'Could not complete: {reason}',
  noData: 'No data in this period', asTable: 'Show as a table', notifications: 'Notifications', perCategory: 'Per category', perDay: 'Per day',
  category: 'Category', sent: 'Sent', shown: 'Shown', clicked: 'Opened', dismissed: 'Dismissed', catOrders: 'Orders', catMessages: 'Messages',
  catPromotions: 'Promotions', catReviews: 'Reviews', catSystem: 'System', scheduled: 'Scheduled notifications', nextTime: 'Next',
  notificationTitle: 'Title', queue: 'Held by quiet hours', queuedAt: 'Waiting since', none: 'None', chartOf: '{title}: {points} values, maximum {max}',
};

const PT: DashboardStrings = {
  title: 'Análise', close: 'Fechar', tabAnalytics: 'Análise', tabNotifications: 'Notificações', range: 'Período', from: 'De', to: 'Até',
  lastDays: 'Últimos {n} dias', loading: 'Calculando…', updated: 'Atualizado {time}', live: 'Eventos por minuto (última hora, ao vivo)', minute: 'Minuto', activeUsers: 'Usuários ativos', activeHint: 'últimos 5 minutos',
  events: 'Eventos', overview: 'Resumo do período', totalEvents: 'Eventos', pageViews: 'Visualizações de página', visitors: 'Visitantes', sessions: 'Sessões',
  avgDuration: 'Duração média', bounceRate: 'Taxa de rejeição', conversionRate: 'Taxa de conversão', daily: 'Visualizações e visitantes por dia',
  day: 'Dia', topPages: 'Páginas mais vistas', page: 'Página', pageTitle: 'Título', views: 'Visualizações', topEvents: 'Principais eventos', event: 'Evento', count: 'Quantidade',
  funnel: 'Funil de conversão', stepN: 'Etapa {n}', addStep: 'Adicionar etapa', removeStep: 'Remover a última etapa', reached: 'Chegaram',
  ofFirst: 'Da primeira etapa', dropOff: 'Abandonos', medianTime: 'Tempo mediano desde a etapa anterior', cohorts: 'Retenção por coortes',
  cohortEvent: 'Evento de retorno', period: 'Período', periodDay: 'Dia', periodWeek: 'Semana', periodMonth: 'Mês', cohort: 'Coorte',
  size: 'Usuários', later: '+{n}', segments: 'Segmentos RFM', segment: 'Segmento', segNew: 'Novos', segActive: 'Ativos', segHighValue: 'Alto valor',
  segAtRisk: 'Em risco', user: 'Usuário', recency: 'Dias sem visitar', purchases: 'Compras', revenue: 'Receita', webVitals: 'Web Vitals',
  metric: 'Métrica', good: 'Bom', needsImprovement: 'Precisa melhorar', poor: 'Ruim', p75: 'Percentil 75', measurements: 'Medições',
  bucket: 'Intervalo', errors: 'Erros', message: 'Mensagem', users: 'Usuários', lastSeen: 'Última vez', exportTitle: 'Exportar o que é mostrado',
  exportJson: 'Exportar JSON', exportCsv: 'Exportar CSV', exported: 'Exportação {format} pronta', failed: 'Não foi possível concluir: {reason}',
  noData: 'Sem dados neste período', asTable: 'Ver como tabela', notifications: 'Notificações', perCategory: 'Por categoria', perDay: 'Por dia',
  category: 'Categoria', sent: 'Enviadas', shown: 'Exibidas', clicked: 'Abertas', dismissed: 'Descartadas', catOrders: 'Pedidos', catMessages: 'Mensagens',
  catPromotions: 'Promoções', catReviews: 'Avaliações', catSystem: 'Sistema', scheduled: 'Notificações agendadas', nextTime: 'Próxima',
  notificationTitle: 'Título', queue: 'Em espera pelo horário de silêncio', queuedAt: 'Em espera desde', none: 'Nenhuma', chartOf: '{title}: {points} valores, máximo {max}',
};

const FR: DashboardStrings = {
  title: 'Statistiques', close: 'Fermer', tabAnalytics: 'Statistiques', tabNotifications: 'Notifications', range: 'Période', from: 'Du', to: 'Au',
  lastDays: '{n} derniers jours', loading: 'Calcul…', updated: 'Mis à jour {time}', live: 'Événements par minute (dernière heure, en direct)', minute: 'Minute', activeUsers: 'Utilisateurs actifs', activeHint: '5 dernières minutes',
  events: 'Événements', overview: 'Aperçu de la période', totalEvents: 'Événements', pageViews: 'Pages vues', visitors: 'Visiteurs', sessions: 'Sessions',
  avgDuration: 'Durée moyenne', bounceRate: 'Taux de rebond', conversionRate: 'Taux de conversion', daily: 'Pages vues et visiteurs par jour',
  day: 'Jour', topPages: 'Pages les plus vues', page: 'Page', pageTitle: 'Titre', views: 'Vues', topEvents: 'Principaux événements', event: 'Événement', count: 'Nombre',
  funnel: 'Entonnoir de conversion', stepN: 'Étape {n}', addStep: 'Ajouter une étape', removeStep: 'Retirer la dernière étape', reached: 'Atteint',
  ofFirst: 'De la première étape', dropOff: 'Abandons', medianTime: "Temps médian depuis l'étape précédente", cohorts: 'Rétention par cohorte',
  cohortEvent: 'Événement de retour', period: 'Période', periodDay: 'Jour', periodWeek: 'Semaine', periodMonth: 'Mois', cohort: 'Cohorte',
  size: 'Utilisateurs', later: '+{n}', segments: 'Segments RFM', segment: 'Segment', segNew: 'Nouveaux', segActive: 'Actifs', segHighValue: 'Forte valeur',
  segAtRisk: 'À risque', user: 'Utilisateur', recency: 'Jours depuis la dernière visite', purchases: 'Achats', revenue: "Chiffre d'affaires", webVitals: 'Web Vitals',
  metric: 'Métrique', good: 'Bon', needsImprovement: 'À améliorer', poor: 'Mauvais', p75: '75e centile', measurements: 'Mesures',
  bucket: 'Intervalle', errors: 'Erreurs', message: 'Message', users: 'Utilisateurs', lastSeen: 'Dernière fois', exportTitle: 'Exporter ce qui est affiché',
  exportJson: 'Exporter en JSON', exportCsv: 'Exporter en CSV', exported: 'Export {format} prêt', failed: "Impossible de terminer : {reason}",
  noData: 'Aucune donnée sur cette période', asTable: 'Voir sous forme de tableau', notifications: 'Notifications', perCategory: 'Par catégorie', perDay: 'Par jour',
  category: 'Catégorie', sent: 'Envoyées', shown: 'Affichées', clicked: 'Ouvertes', dismissed: 'Ignorées', catOrders: 'Commandes', catMessages: 'Messages',
  catPromotions: 'Promotions', catReviews: 'Avis', catSystem: 'Système', scheduled: 'Notifications programmées', nextTime: 'Prochaine',
  notificationTitle: 'Titre', queue: 'En attente (heures calmes)', queuedAt: 'En attente depuis', none: 'Aucune', chartOf: '{title} : {points} valeurs, maximum {max}',
};

const DICTIONARIES: Record<Language, DashboardStrings> = { es: ES, en: EN, pt: PT, fr: FR };

/** Words and number/date formats of one language for the dashboards. */
export interface DashboardText {
  readonly language: Language;
  readonly locale: string;
  t(key: StringKey, vars?: Record<string, string | number>): string;
  number(value: number, digits?: number): string;
  percent(ratio: number): string;
  /** A duration in ms as "3 min 25 s" style. */
  duration(ms: number | null): string;
  dateTime(time: number): string;
  time(time: number): string;
}

/** Formatted numbers kept for reuse (then forgotten all at once). */
const FORMATTED_KEPT = 2000;

/**
 * The dashboards' text in the store's language (es, en, pt, fr).
 * @example dashboardText('en').t('lastDays', { n: 7 }) // 'Last 7 days'
 */
export function dashboardText(language: Language): DashboardText {
  const words = DICTIONARIES[language] ?? ES;
  const locale = LOCALES[language] ?? LOCALES.es;
  const numbers = new Map<number, Intl.NumberFormat>();
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  // A live burst formats mostly the numbers it formatted last time (the charts' tops, unchanged
  // counts): those come from here, not from Intl again.
  const formatted = new Map<string, string>();
  const number = (value: number, digits = 0): string => {
    const key = `${digits}:${value}`;
    const known = formatted.get(key);
    if (known !== undefined) return known;
    let format = numbers.get(digits);
    if (!format) numbers.set(digits, (format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
    if (formatted.size >= FORMATTED_KEPT) formatted.clear();
    const out = format.format(value);
    formatted.set(key, out);
    return out;
  };
  return {
    language,
    locale,
    t: (key, vars = {}) => words[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)),
    number,
    percent: (ratio) => percent.format(ratio),
    duration(ms) {
      if (ms === null || !Number.isFinite(ms)) return '—';
      if (ms < 1000) return `${number(ms)} ms`;
      const s = Math.round(ms / 1000);
      if (s < 60) return `${s} s`;
      const m = Math.floor(s / 60);
      if (m < 60) return `${m} min ${s % 60} s`;
      const h = Math.floor(m / 60);
      return h < 48 ? `${h} h ${m % 60} min` : `${number(h / 24, 1)} d`;
    },
    dateTime: (time) => dateTime.format(time),
    time: (time) => clock.format(time),
  };
}
