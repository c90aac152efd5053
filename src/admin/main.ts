import './admin.css';
import type { ChatbotSystem } from '../system';
import { ADMIN_SECTIONS, type AdminSection, type MountedSection } from './sections';
import { SHELL_STRINGS, translateShell } from './shell-strings';

/*
 * admin.html: the installable staff page. chatbot.js (no launcher, no auto-tracking here: see
 * public/admin-config.js) installs CHATBOT_SYSTEM; one navigation shows each section in the page
 * (inbox, analytics, backup, notifications), and the URL's hash says which one (#analytics…), so
 * a bookmark or the installed app's shortcut lands on it. The inbox stays signed in while another
 * section is shown; a dashboard left stops its live updates.
 */

const doc = document;
const status = doc.getElementById('admin-status');
const offline = doc.getElementById('admin-offline');
const links = [...doc.querySelectorAll<HTMLAnchorElement>('a[data-section]')];
/** Earlier bookmarks said #messaging for the inbox. */
const ALIASES: Record<string, AdminSection> = { messaging: 'inbox' };
const sectionOf = (hash: string): AdminSection | undefined =>
  (ADMIN_SECTIONS as readonly string[]).includes(hash) ? (hash as AdminSection) : ALIASES[hash];

const holders = new Map<AdminSection, HTMLElement>();
const mounted = new Map<AdminSection, Promise<MountedSection>>();
let current: AdminSection | undefined;
let shell = SHELL_STRINGS.es;

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

const report = (error: unknown): void => {
  if (!status) return;
  status.textContent = error instanceof Error ? error.message : String(error);
  status.className = 'error';
};

function holder(section: AdminSection): HTMLElement {
  let element = holders.get(section);
  if (!element) {
    element = doc.createElement('section');
    element.id = `section-${section}`;
    element.className = 'admin-section';
    doc.getElementById('admin-main')?.append(element);
    holders.set(section, element);
  }
  return element;
}

async function show(section: AdminSection): Promise<void> {
  if (section === current) return;
  current = section;
  for (const link of links) {
    if (link.dataset.section === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  for (const [other, element] of holders) {
    if (other === section) continue;
    element.hidden = true;
    if (other === 'inbox') continue;
    const leaving = mounted.get(other);
    mounted.delete(other);
    void leaving?.then((m) => m.dispose(), () => undefined);
  }
  const element = holder(section);
  element.hidden = false;
  if (status) {
    status.textContent = '';
    status.className = '';
  }
  let mounting = mounted.get(section);
  if (!mounting) {
    mounting = system().then((s) => s.mountAdminSection(window, section, element));
    mounted.set(section, mounting);
  }
  try {
    const { label } = await mounting;
    if (current === section) doc.title = `${label} · ${shell.admin}`;
  } catch (error) {
    mounted.delete(section);
    report(error);
  }
}

for (const link of links) {
  link.addEventListener('click', (event) => {
    const section = sectionOf(link.dataset.section ?? '');
    if (!section) return;
    event.preventDefault();
    history.replaceState(null, '', `#${section}`);
    void show(section);
  });
}

// A link or bookmark to another section of this page only changes the hash.
window.addEventListener('hashchange', () => {
  const section = sectionOf(location.hash.slice(1));
  if (section) void show(section);
});

// Offline the page still opens from the service worker's cache, with what this device stores;
// the inbox needs the server, and says so itself.
const showConnection = (): void => {
  if (offline) offline.hidden = navigator.onLine;
};
window.addEventListener('online', showConnection);
window.addEventListener('offline', showConnection);
showConnection();

void system().then(
  (started) => {
    shell = translateShell(doc, started.config.language, started.config.storeName);
    if (status) status.textContent = '';
    void show(sectionOf(location.hash.slice(1)) ?? 'inbox');
  },
  report,
);
