import { takeEarlyInstallPrompt } from '../loader/stub-global';
import type { Config, Language } from '../core/config';
import { createDisposables, type Disposable } from '../core/disposables';
import type { ChatbotSystem } from '../system';
import { LAUNCHER_CSS } from './launcher-styles';
import { inkOnWhite, readableOn } from './contrast';
import type { PanelHandle, WidgetContext } from './panel/context';
import type { createPanel } from './panel/panel';

const HOST_ID = 'chatbot-repuestos-motos';
const UNREAD_KEY = 'chatbot:unread';
/** While messages pour in, the unread count is taken at most this often (ms). */
const BADGE_SETTLE_MS = 100;
const SVG_NS = 'http://www.w3.org/2000/svg';
const CHAT_PATH = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z';
const CLOSE_PATH = 'M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z';

// The launcher stays in the small start-up bundle: only its own few strings live here; the panel
// chunk carries the full dictionaries.
const STRINGS: Record<Language, { open: string; close: string; one: string; other: string }> = {
  es: { open: 'Abrir el chat de {store}', close: 'Cerrar el chat', one: '1 mensaje sin leer', other: '{count} mensajes sin leer' },
  en: { open: 'Open the {store} chat', close: 'Close the chat', one: '1 unread message', other: '{count} unread messages' },
  pt: { open: 'Abrir o chat de {store}', close: 'Fechar o chat', one: '1 mensagem não lida', other: '{count} mensagens não lidas' },
  fr: { open: 'Ouvrir le chat de {store}', close: 'Fermer le chat', one: '1 message non lu', other: '{count} messages non lus' },
};

function icon(doc: Document, d: string, className: string): SVGSVGElement {
  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', className);
  const path = doc.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}

/** How the launcher reaches the system: `load` starts booting it, `loaded` waits for whoever did. */
export interface SystemSource {
  load(): Promise<ChatbotSystem>;
  loaded: Promise<ChatbotSystem>;
  /** The page URL when the widget's script tag ran (deep links such as `?chat=`). */
  initialUrl?: string;
}

const loadPanel = (): Promise<{ createPanel: typeof createPanel }> => import('./panel/panel');

/** The mounted launcher; `dispose()` removes it, its panel and every listener they added. */
export interface LauncherHandle extends Disposable {
  readonly element: HTMLElement;
}

/**
 * Adds the floating launcher button in its own shadow root (no global CSS, CSP-safe constructed
 * stylesheet) with the unread badge. The chat panel is its own chunk, loaded when the customer
 * first points at or opens the launcher.
 * `source.load()` boots the system (its own chunk) on first call; the launcher calls it as soon as
 * the customer reaches for the button, so an early click never waits for the idle-time boot.
 * It follows `CHATBOT_SYSTEM.configure()` (language, store name, colour, side), and so does the panel.
 * @example const launcher = mountLauncher(window, config, { load: () => Promise.resolve(system), loaded: Promise.resolve(system) }); launcher.dispose();
 */
export function mountLauncher(host: Window, initialConfig: Readonly<Config>, source: SystemSource): LauncherHandle {
  const doc = host.document;
  const existing = doc.getElementById(HOST_ID);
  // Another copy of the script mounted it first, and owns it.
  if (existing) return { element: existing, dispose: () => undefined };
  const owned = createDisposables();
  const loadSystem = source.load;
  const whenReady = (system: ChatbotSystem): Promise<ChatbotSystem> => system.ready.then(() => system);
  let config = initialConfig;
  let strings = STRINGS[config.language] ?? STRINGS.es;
  const container = doc.createElement('div');
  container.id = HOST_ID;
  const root = container.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(LAUNCHER_CSS);
  root.adoptedStyleSheets = [sheet];

  const button = doc.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-haspopup', 'dialog');
  const badge = doc.createElement('span');
  badge.className = 'badge';
  badge.hidden = true;
  badge.setAttribute('aria-hidden', 'true');
  button.append(icon(doc, CHAT_PATH, 'open-icon'), icon(doc, CLOSE_PATH, 'close-icon'), badge);
  root.append(button);
  const style = (): void => {
    container.style.setProperty('--brand', config.brandColor);
    container.style.setProperty('--on-brand', readableOn(config.brandColor));
    container.style.setProperty('--brand-ink', inkOnWhite(config.brandColor));
    button.className = `launcher ${config.position}`;
  };
  style();

  let unread = 0;
  // The last count is kept for the next page: the system that counts loads only when needed.
  const readKept = (): number => {
    try {
      return Math.max(0, Number(host.localStorage.getItem(UNREAD_KEY)) || 0);
    } catch {
      return 0; // storage blocked (privacy mode): no badge until the system counts
    }
  };
  const keep = (count: number): void => {
    try {
      if (readKept() !== count) host.localStorage.setItem(UNREAD_KEY, String(count));
    } catch {
      // as above
    }
  };
  const label = (): void => {
    const open = button.getAttribute('aria-expanded') === 'true';
    const base = open ? strings.close : strings.open.replace('{store}', config.storeName);
    const count = unread === 1 ? strings.one : strings.other.replace('{count}', String(unread));
    button.setAttribute('aria-label', unread > 0 && !open ? `${base} · ${count}` : base);
  };
  const setUnread = (count: number): void => {
    unread = count;
    badge.textContent = count > 99 ? '99+' : String(count);
    badge.hidden = count === 0;
    label();
    keep(count);
  };
  setUnread(readKept());
  let counting = false; // once the system counts, its events are the truth
  owned.listen<StorageEvent>(host, 'storage', (event) => {
    if (!counting && event.key === UNREAD_KEY) setUnread(readKept());
  });

  // The browser offers installation once; keep the offer for the panel's install button.
  let installEvent: Event | undefined = takeEarlyInstallPrompt(host);
  const installListeners = new Set<() => void>();
  owned.listen(host, 'beforeinstallprompt', (event) => {
    event.preventDefault();
    installEvent = event;
    for (const listener of [...installListeners]) listener();
  });
  owned.listen(host, 'appinstalled', () => {
    installEvent = undefined;
    for (const listener of [...installListeners]) listener();
  });

  let panel: Promise<PanelHandle> | undefined;
  const makeContext = (system: ChatbotSystem): WidgetContext => ({
    host,
    system,
    root,
    launcher: button,
    setExpanded(open) {
      button.setAttribute('aria-expanded', String(open));
      label();
    },
    setUnread,
    installPrompt: () => installEvent,
    onInstallChange(listener) {
      installListeners.add(listener);
      return () => installListeners.delete(listener);
    },
    clearInstallPrompt() {
      installEvent = undefined;
      for (const listener of [...installListeners]) listener();
    },
  });
  const getPanel = (): Promise<PanelHandle> => {
    panel ??= Promise.all([loadSystem().then(whenReady), loadPanel()])
      .then(([system, { createPanel }]) => createPanel(makeContext(system)))
      .then((created) => {
        // Built while the launcher went away: nothing may stay behind.
        if (owned.disposed) created.dispose();
        return created;
      });
    panel.catch(() => {
      panel = undefined;
    });
    return panel;
  };
  owned.add(() => void panel?.then((p) => p.dispose(), () => undefined));
  // The panel chunk or the system failed to load (offline before caching): the page's error
  // reporting hears it, and the next click tries again.
  const fail = (error: unknown): void => host.reportError(error);
  button.addEventListener('click', () => {
    getPanel()
      .then((p) => p.toggle())
      .catch(fail);
  });
  // Fetch the panel chunk while the pointer travels to the button: the click then opens at once.
  const prefetch = (): void => {
    void loadPanel().catch(() => undefined);
    void loadSystem().catch(() => undefined);
  };
  button.addEventListener('pointerenter', prefetch, { once: true });
  button.addEventListener('focus', prefetch, { once: true });

  // A message notification leads to `/?chat=<conversationId>` (the service worker's routing):
  // open the chat at once, and when such a notification is clicked while the page is open.
  const openFromNotification = (): void => {
    getPanel()
      .then((p) => p.open())
      .catch(fail);
  };
  // Read from the URL the stub saw: the host page's own scripts may already have rewritten it.
  if (new URL(source.initialUrl ?? host.location.href).searchParams.has('chat')) {
    const url = new URL(host.location.href);
    if (url.searchParams.has('chat')) {
      url.searchParams.delete('chat');
      host.history.replaceState(host.history.state, '', url);
    }
    loadSystem().then(openFromNotification, fail);
  }
  // The panel follows on its own (its chunk carries the dictionaries).
  const follow = (next: Readonly<Config>): void => {
    config = next;
    strings = STRINGS[config.language] ?? STRINGS.es;
    style();
    label();
  };

  void source.loaded.then(whenReady).then((system) => {
    if (owned.disposed) return;
    owned.add(system.on('config_changed', follow));
    if (system.config !== config) follow(system.config);
    owned.add(system.pushNotifications.on('notification_clicked', ({ url: target }) => {
      if (target && new URL(target, host.location.href).searchParams.has('chat')) openFromNotification();
    }));

    const messaging = system.messaging;
    const customer = messaging.actAs(system.bot.customerId ?? messaging.currentUser);
    const update = (): void => {
      if (owned.disposed || button.getAttribute('aria-expanded') === 'true') return; // the open panel reads everything
      const id = system.bot.findConversation();
      setUnread(id ? customer.getUnreadCount(id) : 0);
    };
    // Events fire inside the sending call: count once it returned, and once per burst. A live
    // chat catch-up applies a thousand messages one socket frame (one task) each: a zero delay
    // counted after every frame, so a burst is counted at most every BADGE_SETTLE_MS.
    let queued = false;
    const refresh = (): void => {
      if (queued) return;
      queued = true;
      host.setTimeout(() => {
        queued = false;
        update();
      }, BADGE_SETTLE_MS);
    };
    for (const type of ['message_sent', 'messages_read', 'message_deleted', 'conversation_created', 'state_reloaded'] as const) {
      owned.add(messaging.on(type, refresh)); // state_reloaded: a backup restore
    }
    counting = true;
    refresh();
  });

  const attach = (): void => {
    doc.body.append(container);
  };
  if (doc.body) attach();
  else owned.listen(doc, 'DOMContentLoaded', attach, { once: true });
  owned.add(() => container.remove());
  return { element: container, dispose: () => owned.dispose() };
}
