// The browser side of tests/bench/node/staff-inbox.mjs: the staff inbox's model, list and
// conversation views (src/staff) fed 500 conversations and 20,000 messages from a scripted
// connection (archives served from memory, no server), timed in Chromium.
import { createManualClock } from '../../../src/core/manual-clock';
import type { LiveEvent } from '../../../src/live-chat/protocol/live-event';
import { createStaffInbox } from '../../../src/staff/staff-inbox';
import { createConversationView } from '../../../src/staff/ui/conversation-view';
import { createInboxListView } from '../../../src/staff/ui/inbox-list-view';
import { staffStrings } from '../../../src/staff/ui/staff-strings';
import { adoptStyles } from '../../../src/staff/ui/staff-styles';
import { ev, fakeConnection, ROOMS, T0 } from '../../unit/staff/staff-fixtures';

const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function run(conversations: number, perConversation: number, big: number) {
  const longTasks: Array<{ start: number; duration: number }> = [];
  new PerformanceObserver((list) => list.getEntries().forEach((entry) => longTasks.push({ start: entry.startTime, duration: entry.duration }))).observe({ type: 'longtask', buffered: false });
  /** Where each step began: a long task is told by the step it fell in. */
  const steps: Array<{ name: string; at: number }> = [];
  const step = (name: string): number => {
    const at = performance.now();
    steps.push({ name, at });
    return at;
  };
  const account: LiveEvent[] = [];
  const rooms: Record<string, LiveEvent[]> = {};
  let stanza = 0;
  for (let c = 0; c < conversations; c++) {
    const room = `conv-${c}@${ROOMS}`;
    const at = T0 + c * 60_000;
    account.push(ev.invitation(room, at, 'quiere un asesor'));
    const count = c === 0 ? big : perConversation;
    const events: LiveEvent[] = [{ ...ev.transcript(room, `anon_${c}`, at), text: `Conversación previa — Tienda\nCliente: anon_${c}\nPágina: /frenos\nMoto: Boxer CT${c}\n\n[10:00] anon_${c}: hola` } as LiveEvent];
    for (let m = 1; m < count; m++) {
      const staff = m % 3 === 0;
      events.push(ev.message(room, staff ? 'Ana' : 'cabc', staff ? `Claro, tenemos la pieza ${m} para su moto.` : `¿Tienen el piñón ${m} y la cadena para la Boxer? Gracias`, { stanzaId: `st${++stanza}`, timestamp: at + m * 1000, delayed: true }));
    }
    rooms[room] = events;
  }
  const total = Object.values(rooms).reduce((sum, events) => sum + events.length, 0);
  const fake = fakeConnection({ account, rooms });
  const doc = document;
  adoptStyles(doc);
  const t = staffStrings('es');
  const clock = createManualClock(T0 + conversations * 60_000 + 3_600_000);

  const started = step('model');
  const inbox = createStaffInbox({ connection: fake.connection, nick: 'Ana', roomsDomain: ROOMS, clock });
  await inbox.start();
  const modelMs = performance.now() - started;

  const root = doc.createElement('div');
  root.className = 'staff-inbox';
  doc.body.append(root);
  const body = doc.createElement('div');
  body.className = 'body';
  root.append(body);
  let listMs = 0;
  const listView = createInboxListView(doc, t, clock, () => undefined);
  const pane = createConversationView({ doc, t, clock, inbox, agents: ['Ana', 'Luis'] });
  body.append(listView.element, pane.element);
  const listStart = step('list');
  listView.render(inbox.model, undefined);
  await frame();
  listMs = performance.now() - listStart;

  // The frame is asked for before the click's work, as a browser does for an input event: the
  // view's own follow-up (the rest of the first page, after that frame) is timed apart.
  const openStart = step('open');
  const opened = frame();
  pane.open(`conv-0@${ROOMS}`);
  listView.render(inbox.model, `conv-0@${ROOMS}`);
  await opened;
  const openMs = performance.now() - openStart;
  const drawnAtOpen = pane.element.querySelectorAll('ol.messages > li[data-key]').length;
  await frame();
  const pageMs = performance.now() - openStart;
  const drawnPage = pane.element.querySelectorAll('ol.messages > li[data-key]').length;
  // The agent scrolls back through the whole conversation, a page at a time.
  let pages = 0;
  let slowestPageMs = 0;
  for (let button = pane.element.querySelector<HTMLElement>('[data-action="earlier"]'); button; button = pane.element.querySelector<HTMLElement>('[data-action="earlier"]')) {
    const pageStart = step('earlier pages');
    button.click();
    await frame();
    slowestPageMs = Math.max(slowestPageMs, performance.now() - pageStart);
    pages++;
  }

  const searchStart = step('search');
  const search = listView.element.querySelector('input')!;
  search.value = 'pinon 7';
  search.dispatchEvent(new Event('input'));
  await frame();
  const searchMs = performance.now() - searchStart;
  // A live message in a big inbox: what each redraw costs.
  const liveStart = step('live message');
  fake.deliver(ev.message(`conv-0@${ROOMS}`, 'cabc', 'otra pregunta', { stanzaId: 'live-1', timestamp: clock.now() }));
  await frame();
  const liveMs = performance.now() - liveStart;
  // Long-task entries reach the observer as a task of their own: two more frames deliver them.
  await frame();
  await frame();
  const longest = longTasks.reduce<(typeof longTasks)[number] | undefined>((max, task) => (!max || task.duration > max.duration ? task : max), undefined);
  return {
    total,
    conversations: inbox.model.list().length,
    rendered: listView.element.querySelectorAll('li').length,
    messagesShown: pane.element.querySelectorAll('ol.messages > li[data-key]').length,
    drawnAtOpen, pageMs, drawnPage, pages, slowestPageMs,
    modelMs, listMs, openMs, searchMs, liveMs,
    longestTaskMs: longest?.duration ?? 0,
    longestTaskIn: longest ? steps.findLast((s) => s.at <= longest.start)?.name ?? 'start' : '',
    longTasks: longTasks.length,
  };
}

declare global {
  interface Window {
    runStaffInboxBench: typeof run;
  }
}
window.runStaffInboxBench = run;
