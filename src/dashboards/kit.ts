import { DASHBOARD_CSS } from './kit-styles';

/**
 * The shared chrome of the admin dashboards: a modal dialog in its own shadow root (no global CSS,
 * CSP-safe constructed stylesheet), stat cards, tables and buttons. Everything is built with DOM
 * nodes and textContent: no user text is ever parsed as HTML.
 * @example
 * const view = openDashboard(window, 'dashboard-messaging', 'Mensajería');
 * view.section('Resumen').append(statGrid([{ label: 'Mensajes', value: '150' }]));
 */
export interface DashboardView {
  readonly root: ShadowRoot;
  /** The dashboard's frame: a modal `<dialog>` over the page, or a region when embedded in one. */
  readonly dialog: HTMLElement;
  readonly body: HTMLElement;
  /** Adds a titled section and returns its content element. */
  section(title: string): HTMLElement;
  /** Removes every section (before a refresh). */
  clear(): void;
  /** Shows a short status line (role=status) for the result of an action. */
  announce(text: string, kind?: 'ok' | 'error'): void;
  /** Runs `refresh` every `ms` while open; stops on close. */
  every(ms: number, refresh: () => void): void;
  close(): void;
  onClose(listener: () => void): void;
}

export interface Stat {
  label: string;
  value: string | number;
  hint?: string;
}

export interface Column<T> {
  label: string;
  value: (row: T) => string | number | Node;
  numeric?: boolean;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  options: { className?: string; text?: string; attrs?: Record<string, string> } = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/**
 * Opens a dashboard: a modal dialog over the page (the store pages' `show…Dashboard()`), or, with
 * `within`, a region filling that element (the admin page's sections; `close()` removes it).
 */
export function openDashboard(host: Window, id: string, title: string, within?: HTMLElement): DashboardView {
  const doc = host.document;
  doc.getElementById(id)?.remove();
  const container = el(doc, 'div', { attrs: { id } });
  const root = container.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(DASHBOARD_CSS);
  root.adoptedStyleSheets = [sheet];
  const titleId = `${id}-title`;
  const heading = el(doc, 'h2', { text: title, attrs: { id: titleId } });
  const status = el(doc, 'p', { className: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const body = el(doc, 'div', { className: 'body' });

  const timers: Array<ReturnType<typeof setInterval>> = [];
  const closeListeners: Array<() => void> = [];
  const closed = (): void => {
    for (const timer of timers) clearInterval(timer);
    container.remove();
    for (const listener of closeListeners.splice(0)) listener();
  };
  let frame: HTMLElement;
  let close: () => void;
  if (within) {
    frame = el(doc, 'div', { className: 'dashboard embedded', attrs: { role: 'region', 'aria-labelledby': titleId } }, el(doc, 'header', {}, heading), status, body);
    root.append(frame);
    within.replaceChildren(container);
    close = () => {
      if (container.isConnected) closed();
    };
  } else {
    const dialog = el(doc, 'dialog', { className: 'dashboard', attrs: { 'aria-labelledby': titleId } });
    const closeButton = el(doc, 'button', { className: 'close', text: '×', attrs: { type: 'button', 'aria-label': 'Cerrar' } });
    dialog.append(el(doc, 'header', {}, heading, closeButton), status, body);
    root.append(dialog);
    doc.body.append(container);
    const previousFocus = doc.activeElement as HTMLElement | null;
    close = () => {
      for (const timer of timers) clearInterval(timer);
      if (dialog.open) dialog.close();
    };
    dialog.addEventListener('close', () => {
      closed();
      previousFocus?.focus?.();
    });
    closeButton.addEventListener('click', close);
    dialog.showModal();
    frame = dialog;
  }

  return {
    root,
    dialog: frame,
    body,
    section(sectionTitle) {
      const content = el(doc, 'div', { className: 'content' });
      body.append(el(doc, 'section', {}, el(doc, 'h3', { text: sectionTitle }), content));
      return content;
    },
    clear() {
      body.replaceChildren();
    },
    announce(text, kind = 'ok') {
      status.textContent = text;
      status.className = `status ${kind}`;
    },
    every(ms, refresh) {
      timers.push(setInterval(refresh, ms));
    },
    close,
    onClose(listener) {
      closeListeners.push(listener);
    },
  };
}

export function statGrid(doc: Document, stats: Stat[]): HTMLElement {
  return el(
    doc,
    'dl',
    { className: 'stats' },
    ...stats.map((stat) =>
      el(
        doc,
        'div',
        { className: 'stat' },
        el(doc, 'dt', { text: stat.label }),
        el(doc, 'dd', { text: String(stat.value) }),
        // A second dd, not a bare <small>: a dl's groups may hold only dt and dd (axe: definition-list).
        ...(stat.hint ? [el(doc, 'dd', { className: 'hint' }, el(doc, 'small', { text: stat.hint }))] : []),
      ),
    ),
  );
}

export function table<T>(doc: Document, caption: string, columns: Column<T>[], rows: T[], empty = 'Sin datos todavía'): HTMLElement {
  if (rows.length === 0) return el(doc, 'p', { className: 'empty', text: empty });
  const head = el(doc, 'tr', {}, ...columns.map((c) => el(doc, 'th', { text: c.label, attrs: { scope: 'col' } })));
  const body = rows.map((row) =>
    el(
      doc,
      'tr',
      {},
      ...columns.map((column) => {
        const value = column.value(row);
        const cell = el(doc, 'td', column.numeric ? { className: 'num' } : {});
        cell.append(value instanceof Node ? value : String(value));
        return cell;
      }),
    ),
  );
  return el(doc, 'div', { className: 'table-wrap' }, el(doc, 'table', {}, el(doc, 'caption', { text: caption }), el(doc, 'thead', {}, head), el(doc, 'tbody', {}, ...body)));
}

export function button(doc: Document, label: string, onClick: () => void | Promise<void>, kind: 'primary' | 'secondary' | 'danger' = 'secondary'): HTMLButtonElement {
  const node = el(doc, 'button', { className: `btn ${kind}`, text: label, attrs: { type: 'button' } });
  node.addEventListener('click', () => void onClick());
  return node;
}

export function actions(doc: Document, ...buttons: HTMLElement[]): HTMLElement {
  return el(doc, 'div', { className: 'actions' }, ...buttons);
}
