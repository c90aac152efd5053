import './admin.css';
import type { ChatbotSystem } from '../system';
import { openAdminPanel, ADMIN_PANELS, type AdminPanel } from './open-admin-panel';

/*
 * admin.html: the installable staff page. chatbot.js (no launcher, no auto-tracking here: see
 * public/admin-config.js) installs CHATBOT_SYSTEM; one navigation opens each dashboard, and the
 * URL's hash says which one is open (#analytics, #notifications, #backup, #messaging), so a
 * bookmark or the installed app's shortcut lands on it.
 */

const doc = document;
const status = doc.getElementById('admin-status');
const links = [...doc.querySelectorAll<HTMLAnchorElement>('a[data-panel]')];
const isPanel = (value: string): value is AdminPanel => (ADMIN_PANELS as readonly string[]).includes(value);

async function system(): Promise<ChatbotSystem> {
  // chatbot.js runs before this module (classic script, then deferred module) and installs the global.
  const global = window.CHATBOT_SYSTEM;
  if (!global) throw new Error('chatbot.js did not load');
  await global.ready;
  // Once ready, the stub's stand-in has been replaced by the system itself.
  const started = window.CHATBOT_SYSTEM;
  if (!started || !('messaging' in started)) throw new Error('the chat system did not start');
  return started;
}

const mark = (panel: AdminPanel | null): void => {
  for (const link of links) {
    if (link.dataset.panel === panel) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
};

async function open(panel: AdminPanel): Promise<void> {
  mark(panel);
  try {
    const opened = await openAdminPanel(window, await system(), panel);
    if (status) status.textContent = opened.label;
    opened.closed.then(() => {
      mark(null);
      // Closing the dialog leaves the page on no panel: the same link opens it again.
      if (location.hash === `#${panel}`) history.replaceState(null, '', location.pathname + location.search);
    }, () => undefined);
  } catch (error) {
    mark(null);
    if (status) {
      status.textContent = error instanceof Error ? error.message : String(error);
      status.className = 'error';
    }
  }
}

for (const link of links) {
  link.addEventListener('click', (event) => {
    const panel = link.dataset.panel ?? '';
    if (!isPanel(panel)) return;
    event.preventDefault();
    history.replaceState(null, '', `#${panel}`);
    void open(panel);
  });
}

// A link or bookmark to another panel of this page only changes the hash.
window.addEventListener('hashchange', () => {
  const hash = location.hash.slice(1);
  if (isPanel(hash)) void open(hash);
});

void system().then(
  () => {
    if (status) status.textContent = '';
    const hash = location.hash.slice(1);
    if (isPanel(hash)) void open(hash);
  },
  (error: unknown) => {
    if (status) {
      status.textContent = error instanceof Error ? error.message : String(error);
      status.className = 'error';
    }
  },
);
