import { createDisposables, type Disposable } from '../../core/disposables';
import type { I18n } from '../../i18n';
import type { PushNotifications } from '../../push';
import { h, ICONS, svgIcon } from './dom';
import type { NotificationList } from './notification-list';

const BELL_PATH = 'M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z';
const LIST_ID = 'chatbot-notifications';

const BELL_CSS = `
.bell { position: relative; }
.bell-count { position: absolute; top: 1px; right: 0; min-width: 18px; height: 18px; padding: 0 5px; border-radius: 9px;
  background: #fff; color: #a40e26; font-size: 11px; font-weight: 700; line-height: 18px; text-align: center; box-shadow: 0 0 0 1px rgba(0,0,0,.25); }
.bell-count[hidden] { display: none; }
`;
let sheet: CSSStyleSheet | undefined;

/** Events after which the center may hold other notifications or other read marks. */
const CHANGES = ['notification_sent', 'notification_queued', 'notification_suppressed', 'notification_received', 'notification_clicked', 'queue_released'] as const;
/** Events of a notification arriving (said aloud while the panel is open). */
const ARRIVALS = new Set<string>(['notification_sent', 'notification_received']);

export interface BellDeps {
  doc: Document;
  host: Window;
  root: ShadowRoot;
  i18n: I18n;
  push: PushNotifications;
  /** Says a line through the panel's live region. */
  announce(text: string): void;
  /** A notification of the customer's conversation was opened: show the conversation. */
  showConversation(): void;
}

/**
 * The bell in the panel header: the unread count of the notification center, live as
 * notifications arrive (pushNotifications' events, never storage), and the list, whose code loads
 * on the first press. Goes with the panel (`dispose()`).
 * @example const bell = createNotificationBell(deps); header.append(bell.button); panel.append(bell.slot);
 */
export function createNotificationBell(deps: BellDeps): Disposable & { button: HTMLButtonElement; slot: HTMLElement; close(): void } {
  const { doc, i18n, push } = deps;
  const owned = createDisposables();
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(BELL_CSS);
  }
  if (!deps.root.adoptedStyleSheets.includes(sheet)) deps.root.adoptedStyleSheets = [...deps.root.adoptedStyleSheets, sheet];

  const count = h(doc, 'span', { class: 'bell-count', 'aria-hidden': 'true', hidden: true });
  const button = h(doc, 'button', { type: 'button', class: 'icon-button bell', 'aria-expanded': 'false', 'aria-controls': LIST_ID, title: i18n.t('bell.label') }, svgIcon(doc, BELL_PATH), count);
  const slot = h(doc, 'div', { class: 'notif-slot', id: LIST_ID, hidden: true });
  let list: NotificationList | undefined;
  let loading: Promise<NotificationList> | undefined;

  const refreshCount = (): void => {
    const unread = push.getStats().unread;
    count.textContent = unread > 99 ? '99+' : String(unread);
    count.hidden = unread === 0;
    button.setAttribute('aria-label', unread > 0 ? `${i18n.t('bell.label')} · ${i18n.tn('bell.unread', unread)}` : i18n.t('bell.label'));
  };
  const changed = (): void => {
    refreshCount();
    if (!slot.hidden) list?.refresh();
  };

  const load = (): Promise<NotificationList> =>
    (loading ??= import('./notification-list').then(({ createNotificationList }) => {
      const created = createNotificationList({ doc, host: deps.host, root: deps.root, i18n, push, changed, dom: { h, svgIcon, closeIcon: ICONS.close }, close: () => close(), showConversation: () => {
        close(false);
        deps.showConversation();
      } });
      slot.append(created.element);
      owned.add(created);
      return (list = created);
    }, (error: unknown) => {
      loading = undefined;
      throw error;
    }));
  const open = (): void => {
    load().then((loaded) => {
      if (owned.disposed) return;
      slot.hidden = false;
      button.setAttribute('aria-expanded', 'true');
      loaded.refresh();
      loaded.focus();
    }, (error: unknown) => deps.host.reportError(error));
  };
  const close = (refocus = true): void => {
    if (slot.hidden) return;
    slot.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    if (refocus) button.focus();
  };
  button.addEventListener('click', () => (slot.hidden ? open() : close()));

  // Events fire inside the sending call: count once it returned.
  for (const type of CHANGES) {
    owned.add(push.on(type, (payload) => {
      queueMicrotask(() => owned.disposed || changed());
      if (ARRIVALS.has(type) && payload && typeof payload === 'object' && 'title' in payload && typeof payload.title === 'string') {
        deps.announce(i18n.t('bell.arrived', { title: payload.title }));
      }
    }));
  }
  // Read or cleared in another tab: the center has no event for it, so look again on return.
  owned.listen(doc, 'visibilitychange', () => doc.visibilityState === 'visible' && changed());
  refreshCount();

  return { button, slot, close: () => close(), dispose: () => owned.dispose() };
}
