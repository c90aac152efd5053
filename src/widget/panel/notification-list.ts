import type { Disposable } from '../../core/disposables';
import type { I18n, MessageKey } from '../../i18n';
import type { NotificationRecord, PushNotifications } from '../../push';
import type { h as H, svgIcon as SvgIcon } from './dom';

/** Rendered at first; the rest come a page at a time ("show more"), so hundreds stay light. */
const PAGE = 50;

const LIST_CSS = `
.notif-slot { border-bottom: 1px solid var(--line); background: #fff; max-height: 62%; display: flex; flex-direction: column; min-height: 0; }
.notif-slot[hidden] { display: none; }
.notif-head { display: flex; align-items: center; gap: 6px; padding: 8px 8px 6px 14px; border-bottom: 1px solid var(--line); flex-wrap: wrap; }
.notif-head h3 { margin: 0; font-size: 14px; flex: 1; }
.notif-tools { display: flex; gap: 6px; flex-wrap: wrap; width: 100%; }
.notif-status { margin: 0; }
.notif-tools .link-button, .notif-actions button, .notif-actions a, .notif-more { border: 1px solid var(--line); background: #fff; border-radius: 999px; padding: 2px 10px; font-size: 12px; color: var(--ink); text-decoration: none; }
.notif-head .icon-button { width: 32px; height: 32px; color: var(--muted); }
.notif-list { display: flex; flex-direction: column; flex: 1; min-height: 0; }
.notif-items { list-style: none; margin: 0; padding: 0; flex: 1; min-height: 0; overflow-y: auto; overscroll-behavior: contain; }
.notif { padding: 8px 14px; border-bottom: 1px solid var(--line); }
.notif:focus { outline: none; }
.notif:focus-visible { outline: 3px solid var(--focus); outline-offset: -3px; }
.notif.unread { background: #f0f6ff; }
.notif-meta { margin: 0; display: flex; gap: 6px; align-items: center; flex-wrap: wrap; font-size: 11px; color: var(--muted); }
.notif-cat { font-weight: 700; text-transform: uppercase; letter-spacing: .02em; }
.notif-new { background: #0a3069; color: #fff; border-radius: 999px; padding: 0 6px; font-weight: 600; }
.notif-title { margin: 2px 0 0; font-weight: 600; overflow-wrap: anywhere; }
.notif-body { margin: 2px 0 0; font-size: 13px; color: var(--ink); white-space: pre-line; overflow-wrap: anywhere; }
.notif-actions { display: flex; gap: 6px; flex-wrap: wrap; margin-top: 6px; }
.notif-empty, .notif-status:not(:empty) { margin: 0; padding: 10px 14px; color: var(--muted); font-size: 13px; }
.notif-more { margin: 8px 14px; align-self: flex-start; }
`;
let sheet: CSSStyleSheet | undefined;

export interface NotificationListDeps {
  doc: Document;
  host: Window;
  root: ShadowRoot;
  i18n: I18n;
  push: PushNotifications;
  /** The center changed through the list (the bell recounts). */
  changed(): void;
  close(): void;
  showConversation(): void;
  /**
   * The panel's DOM helpers, handed over rather than imported: a module shared by the panel and
   * this chunk makes the bundler add a runtime chunk to the panel's preload list in the start-up script.
   */
  dom: { h: typeof H; svgIcon: typeof SvgIcon; closeIcon: string };
}

export interface NotificationList extends Disposable {
  element: HTMLElement;
  refresh(): void;
  focus(): void;
}

type Target = { kind: 'chat' } | { kind: 'order' | 'link'; href: string };

/** Where a notification leads, from its validated URL: the chat, an order page, another page, or nowhere. */
function targetOf(record: NotificationRecord, base: string): Target | undefined {
  let url: URL;
  try {
    url = new URL(record.url, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.searchParams.has('chat')) return { kind: 'chat' };
  if (url.searchParams.has('order')) return { kind: 'order', href: url.href };
  if (url.pathname === '/' && !url.search) return undefined;
  return { kind: 'link', href: url.href };
}

/**
 * The customer's notification center as a list (its own chunk, loaded on the bell's first press):
 * category, time, title and body as text, unread marked; mark read, open the order or the
 * conversation, mark all read, clear. Escape closes it; focus stays on the same control across
 * live updates.
 * @example const list = createNotificationList(deps); slot.append(list.element); list.refresh();
 */
export function createNotificationList(deps: NotificationListDeps): NotificationList {
  const { doc, host, i18n, push } = deps;
  const { h, svgIcon } = deps.dom;
  const t = i18n.t;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(LIST_CSS);
  }
  if (!deps.root.adoptedStyleSheets.includes(sheet)) deps.root.adoptedStyleSheets = [...deps.root.adoptedStyleSheets, sheet];
  const time = new Intl.DateTimeFormat(i18n.locale, { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });
  const titleId = 'chatbot-notifications-title';
  let shown = PAGE;

  const act = (fn: () => void): void => {
    fn();
    deps.changed();
    render();
  };
  const status = h(doc, 'p', { class: 'notif-status', role: 'status' });
  const items = h(doc, 'ul', { class: 'notif-items', 'aria-labelledby': titleId });
  const more = h(doc, 'button', { type: 'button', class: 'notif-more', 'data-focus': 'more', onclick: () => {
    shown += PAGE;
    render();
  } });
  const markAll = h(doc, 'button', { type: 'button', class: 'link-button', 'data-focus': 'all-read', onclick: () => act(() => push.markAllAsRead()) }, t('bell.markAllRead'));
  const clear = h(doc, 'button', { type: 'button', class: 'link-button', 'data-focus': 'clear', onclick: () => act(() => {
    push.clearAll();
    status.textContent = t('bell.cleared');
  }) }, t('bell.clear'));
  const element = h(doc, 'div', { class: 'notif-list', role: 'region', 'aria-labelledby': titleId },
    h(doc, 'div', { class: 'notif-head' },
      h(doc, 'h3', { id: titleId, text: t('bell.title') }),
      h(doc, 'button', { type: 'button', class: 'icon-button', 'aria-label': t('bell.close'), title: t('bell.close'), onclick: () => deps.close() }, svgIcon(doc, deps.dom.closeIcon)),
      h(doc, 'div', { class: 'notif-tools' }, markAll, clear),
    ),
    status, items, more,
  );
  element.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    // The list closes, not the whole panel.
    event.preventDefault();
    event.stopPropagation();
    deps.close();
  });

  const open = (record: NotificationRecord, target: Target): void => {
    if (!record.read) push.markAsRead(record.id);
    deps.changed();
    if (target.kind === 'chat') deps.showConversation();
    else host.location.assign(target.href);
  };

  const item = (record: NotificationRecord): HTMLLIElement => {
    const target = targetOf(record, host.location.href);
    const openLabel: MessageKey = target?.kind === 'chat' ? 'bell.openChat' : target?.kind === 'order' ? 'bell.openOrder' : 'bell.open';
    const focusKey = (action: string): string => `${record.id}:${action}`;
    return h(doc, 'li', { class: `notif${record.read ? '' : ' unread'}`, 'data-id': record.id, tabindex: -1, 'data-focus': focusKey('item') },
      h(doc, 'p', { class: 'notif-meta' },
        h(doc, 'span', { class: 'notif-cat', text: t(`bell.category.${record.category}` as MessageKey) }),
        h(doc, 'time', { datetime: new Date(record.createdAt).toISOString(), text: time.format(record.createdAt) }),
        !record.read && h(doc, 'span', { class: 'notif-new', text: t('bell.unreadTag') }),
      ),
      h(doc, 'p', { class: 'notif-title', text: record.title }),
      record.body ? h(doc, 'p', { class: 'notif-body', text: record.body }) : null,
      (target || !record.read) && h(doc, 'div', { class: 'notif-actions' },
        target && (target.kind === 'chat'
          ? h(doc, 'button', { type: 'button', 'data-focus': focusKey('open'), onclick: () => open(record, target) }, t(openLabel))
          : h(doc, 'a', { href: target.href, 'data-focus': focusKey('open'), onclick: (event) => {
            event.preventDefault();
            open(record, target);
          } }, t(openLabel))),
        !record.read && h(doc, 'button', { type: 'button', 'data-focus': focusKey('read'), onclick: () => act(() => push.markAsRead(record.id)) }, t('bell.markRead')),
      ),
    );
  };

  const render = (): void => {
    const focused = deps.root.activeElement?.closest<HTMLElement>('[data-focus]');
    const focusKey = focused && element.contains(focused) ? focused.dataset.focus : undefined;
    const focusId = focused?.closest<HTMLElement>('li[data-id]')?.dataset.id;
    const all = push.getNotifications();
    const visible = all.slice(0, shown);
    items.replaceChildren(...(visible.length ? visible.map(item) : [h(doc, 'li', { class: 'notif-empty', text: t('bell.empty') })]));
    more.hidden = all.length <= shown;
    more.textContent = t('bell.more', { count: all.length - shown });
    markAll.disabled = !all.some((record) => !record.read);
    clear.disabled = all.length === 0;
    if (!focusKey) return;
    // The control may be gone (a "mark read" button once read): fall back to its item, then the list's first control.
    const again = element.querySelector<HTMLElement>(`[data-focus="${CSS.escape(focusKey)}"]`)
      ?? (focusId ? element.querySelector<HTMLElement>(`li[data-id="${CSS.escape(focusId)}"]`) : null)
      ?? markAll;
    if (again.matches(':disabled')) element.querySelector<HTMLElement>('.notif-head .icon-button')?.focus();
    else again.focus();
  };

  return {
    element,
    refresh: render,
    focus: () => (element.querySelector<HTMLElement>('.notif-tools button:not(:disabled)') ?? element.querySelector<HTMLElement>('.notif-head .icon-button'))?.focus(),
    dispose: () => element.remove(),
  };
}
