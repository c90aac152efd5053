import type { ChatbotSystem } from '../../system';
import { el, openDashboard, type DashboardView } from '../kit';
import { notificationsPanel } from '../notifications/notifications-panel';
import { analyticsPanel } from './analytics-panel';
import { dashboardText } from './strings';
import { ANALYTICS_CSS } from './styles';

/**
 * `showAnalyticsDashboard()`: the analytics tab (live events per minute; over every stored event
 * of a date range: overview, page views and visitors per day, top pages and events, funnel,
 * cohorts, RFM segments, Web Vitals, errors; export of what is shown) and the notifications tab.
 * Plain SVG charts with table alternatives, in the store's language. With `within`, it fills that
 * element instead of opening over the page (the admin page's section).
 * @example await CHATBOT_SYSTEM.showAnalyticsDashboard();
 */
export function show(host: Window, system: ChatbotSystem, options: { tab?: 'analytics' | 'notifications'; within?: HTMLElement } = {}): DashboardView {
  const doc = host.document;
  const text = dashboardText(system.config.language);
  const view = frame(host, 'dashboard-analytics', text, 'title', options.within);

  const panels = {
    analytics: () => analyticsPanel({ host, root: view.root, announce: view.announce, onClose: view.onClose }, system.realtimeAnalytics, text),
    notifications: () => notificationsPanel(host, system.pushNotifications, system.realtimeAnalytics, text, view.onClose),
  };
  const built = new Map<keyof typeof panels, HTMLElement>();
  const names = Object.keys(panels) as Array<keyof typeof panels>;
  const tabs = names.map((name) => el(doc, 'button', {
    className: 'tab',
    text: text.t(name === 'analytics' ? 'tabAnalytics' : 'tabNotifications'),
    attrs: { type: 'button', role: 'tab', id: `tab-${name}`, 'aria-controls': `panel-${name}`, 'data-tab': name },
  }));
  const holders = names.map((name) => el(doc, 'div', { attrs: { role: 'tabpanel', id: `panel-${name}`, 'aria-labelledby': `tab-${name}`, tabindex: '-1' } }));

  const select = (name: keyof typeof panels, focus = false): void => {
    names.forEach((n, i) => {
      const on = n === name;
      tabs[i]!.setAttribute('aria-selected', String(on));
      tabs[i]!.tabIndex = on ? 0 : -1;
      holders[i]!.hidden = !on;
      if (on && !built.has(n)) {
        const panel = panels[n]();
        built.set(n, panel);
        holders[i]!.append(panel);
      }
    });
    if (focus) tabs[names.indexOf(name)]!.focus();
  };
  tabs.forEach((tabButton, i) => {
    tabButton.addEventListener('click', () => select(names[i]!));
    // The ARIA tabs pattern: arrows move between tabs.
    tabButton.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
      event.preventDefault();
      select(names[(i + (event.key === 'ArrowRight' ? 1 : names.length - 1)) % names.length]!, true);
    });
  });
  view.body.append(el(doc, 'div', { className: 'tabs', attrs: { role: 'tablist' } }, ...tabs), ...holders);
  select(options.tab ?? 'analytics');
  return view;
}

/**
 * One panel on its own (no tabs), filling `within`: the admin page's analytics or notifications
 * section (its navigation already tells them apart).
 * @example showPanel(window, CHATBOT_SYSTEM, 'notifications', document.querySelector('#section')!);
 */
export function showPanel(host: Window, system: ChatbotSystem, panel: 'analytics' | 'notifications', within: HTMLElement): DashboardView {
  const text = dashboardText(system.config.language);
  const view = frame(host, `dashboard-${panel}`, text, panel === 'analytics' ? 'title' : 'tabNotifications', within);
  view.body.append(panel === 'analytics'
    ? analyticsPanel({ host, root: view.root, announce: view.announce, onClose: view.onClose }, system.realtimeAnalytics, text)
    : notificationsPanel(host, system.pushNotifications, system.realtimeAnalytics, text, view.onClose));
  return view;
}

function frame(host: Window, id: string, text: ReturnType<typeof dashboardText>, title: 'title' | 'tabNotifications', within?: HTMLElement): DashboardView {
  const view = openDashboard(host, id, text.t(title), within);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(ANALYTICS_CSS);
  view.root.adoptedStyleSheets = [...view.root.adoptedStyleSheets, sheet];
  view.dialog.querySelector('.close')?.setAttribute('aria-label', text.t('close'));
  view.dialog.setAttribute('lang', text.language);
  return view;
}
