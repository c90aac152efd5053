import type { RealtimeAnalytics } from '../../analytics';
import type { PushNotifications } from '../../push';
import { el, table } from '../kit';
import { barChart } from '../analytics/charts';
import type { DashboardText, StringKey } from '../analytics/strings';
import { countNotifications, type NotificationCounts } from './count-notifications';

const DAY = 86_400_000;
const DAYS_SHOWN = 30;

const CATEGORY_KEYS: Record<string, StringKey> = {
  orders: 'catOrders', messages: 'catMessages', promotions: 'catPromotions', reviews: 'catReviews', system: 'catSystem',
};
const MEASURES = ['sent', 'shown', 'clicked', 'dismissed'] as const;

/**
 * The notifications tab: sent / shown / opened / dismissed per category and per day (the last
 * 30 days), the scheduled notifications with their next time, and the quiet-hours queue. Read
 * through pushNotifications' public API (and the analytics events of clicks and dismissals);
 * it follows the notification events live.
 * @example container.append(notificationsPanel(host, push, analytics, text, onClose));
 */
export function notificationsPanel(host: Window, push: PushNotifications, analytics: RealtimeAnalytics, text: DashboardText, onClose: (listener: () => void) => void): HTMLElement {
  const doc = host.document;
  const { t } = text;
  const slots = { categories: el(doc, 'div'), days: el(doc, 'div'), scheduled: el(doc, 'div'), queue: el(doc, 'div') };
  const section = (id: keyof typeof slots, title: StringKey): HTMLElement =>
    el(doc, 'section', { attrs: { 'data-section': `notifications-${id}`, 'aria-labelledby': `h-n-${id}` } }, el(doc, 'h3', { text: t(title), attrs: { id: `h-n-${id}` } }), slots[id]);
  const panel = el(doc, 'div', { className: 'panel' }, section('categories', 'perCategory'), section('days', 'perDay'), section('scheduled', 'scheduled'), section('queue', 'queue'));
  const category = (name: string): string => t(CATEGORY_KEYS[name] ?? 'catSystem');

  const render = (counts: NotificationCounts): void => {
    const totals = MEASURES.map((m) => ({ label: t(m), value: counts.categories.reduce((n, c) => n + c[m], 0) }));
    slots.categories.replaceChildren(
      barChart(doc, totals, { asTable: t('asTable'), summary: t('chartOf', { title: t('notifications'), points: totals.length, max: text.number(Math.max(0, ...totals.map((x) => x.value))) }) },
        [t('notifications'), t('count')], (v) => text.number(v)),
      table(doc, t('perCategory'), [
        { label: t('category'), value: (c) => category(c.category) },
        ...MEASURES.map((m) => ({ label: t(m), value: (c: NotificationCounts['categories'][number]) => c[m], numeric: true })),
      ], counts.categories, t('noData')),
    );
    slots.days.replaceChildren(table(doc, t('perDay'), [
      { label: t('day'), value: (d) => d.day },
      ...MEASURES.map((m) => ({ label: t(m), value: (d: NotificationCounts['days'][number]) => d[m], numeric: true })),
    ], counts.days.filter((d) => MEASURES.some((m) => d[m] > 0)), t('noData')));
    const scheduled = push.getScheduled().filter((s) => s.status === 'pending').sort((a, b) => a.at - b.at);
    slots.scheduled.replaceChildren(table(doc, t('scheduled'), [
      { label: t('nextTime'), value: (s) => text.dateTime(s.at) },
      { label: t('notificationTitle'), value: (s) => s.title },
      { label: t('category'), value: (s) => category(typeof s.options.category === 'string' ? s.options.category : 'system') },
    ], scheduled, t('none')));
    slots.queue.replaceChildren(table(doc, t('queue'), [
      { label: t('queuedAt'), value: (n) => text.dateTime(n.createdAt) },
      { label: t('notificationTitle'), value: (n) => n.title },
      { label: t('category'), value: (n) => category(n.category) },
    ], push.getQueue(), t('none')));
    panel.setAttribute('data-state', 'ready');
  };

  let loading = false;
  let again = false;
  const refresh = async (): Promise<void> => {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    try {
      const until = Date.now();
      const since = until - DAYS_SHOWN * DAY;
      const interactions = await analytics.getStoredEvents({ since, until }, ['notification_clicked', 'notification_closed']);
      render(countNotifications(push.getNotifications({ since }), interactions, { since, until, offsetMs: -new Date(until).getTimezoneOffset() * 60_000 }));
    } finally {
      loading = false;
    }
    if (again) {
      again = false;
      await refresh();
    }
  };
  const offs = (['notification_sent', 'notification_queued', 'notification_received', 'notification_clicked', 'notification_closed', 'notification_scheduled', 'scheduled_cancelled', 'queue_released'] as const)
    .map((name) => push.on(name, () => void refresh()));
  onClose(() => {
    for (const off of offs) off();
  });
  void refresh();
  return panel;
}
