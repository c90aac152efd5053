import type { Clock } from '../../core/clock';
import { systemClock } from '../../core/clock';
import type { Language } from '../../core/config';
import { isChatbotError } from '../../core/errors';
import type { XmppConnection, XmppConnectionOptions } from '../../live-chat/protocol/xmpp-connection';
import { createStaffInbox, type StaffInbox } from '../staff-inbox';
import { createStaffSession, type StaffSession } from '../staff-session';
import { storeComposerActions } from './store-composer-actions';
import { createConversationView, type ComposerAction, type ConversationView } from './conversation-view';
import { el } from './dom';
import { createInboxListView, customerName, type InboxListView } from './inbox-list-view';
import { createStaffNotifier } from './staff-notifier';
import { fill, staffStrings, type StaffStrings } from './staff-strings';
import { adoptStyles } from './staff-styles';

export { adoptStyles } from './staff-styles';

/** How often a hidden page redraws the inbox (it has no animation frames). */
const HIDDEN_RENDER_MS = 500;
export type { ComposerAction, ComposerActionContext } from './conversation-view';

export interface MountStaffInboxOptions {
  /** The store's XMPP WebSocket URL. */
  service: string;
  /** The store's MUC service (invitations elsewhere are ignored). */
  roomsDomain?: string;
  /** Pre-filled account (the store's staff JID). */
  jid?: string;
  /** The store's agents (the staff queue's JIDs, or nicks): whom a conversation can be transferred to. */
  agents?: readonly string[];
  language?: Language;
  clock?: Clock;
  createConnection?: (options: XmppConnectionOptions) => XmppConnection;
  /**
   * The store's catalog (`CHATBOT_SYSTEM.config.catalogUrl`): with it, the composer has the product
   * picker that sends product cards. Quick replies are always there.
   */
  catalogUrl?: string;
  /** More controls next to the composer. */
  extraComposerActions?: readonly ComposerAction[];
  /**
   * The XEP-0363 upload service agents send files through (the live chat's `upload` setting).
   * Default: `upload.` + the domain of `roomsDomain` (`rooms.chat.tienda.co` → `upload.chat.tienda.co`), the live chat's own default.
   */
  uploadService?: string;
}

export interface MountedStaffInbox {
  readonly root: HTMLElement;
  readonly session: StaffSession;
  /** The inbox once signed in. */
  readonly inbox: StaffInbox | undefined;
  dispose(): Promise<void>;
}

/**
 * An agent's nick in the rooms: the account's local part, capitalised (`ana@staff.tienda.co` → `Ana`).
 * @example nickOf('luis@staff.tienda.co') // 'Luis'
 */
export function nickOf(jidOrNick: string): string {
  const local = jidOrNick.includes('@') ? jidOrNick.split('@')[0]! : jidOrNick;
  return local.charAt(0).toUpperCase() + local.slice(1);
}

/**
 * The staff inbox UI, mounted into `host`: sign-in form, the list of conversations (views,
 * search), the open conversation with its composer, and alerts while the page is hidden.
 * Keyboard usable, labelled for screen readers, every customer text set with textContent. A host
 * page (admin.html, or an overlay opened by `showMessagingDashboard()`) mounts it where it wants it.
 * @example const view = mountStaffInbox(document.querySelector('#inbox')!, { service: 'wss://chat.tienda.co/xmpp-websocket', roomsDomain: 'rooms.chat.tienda.co' });
 */
export function mountStaffInbox(host: HTMLElement, options: MountStaffInboxOptions): MountedStaffInbox {
  const doc = host.ownerDocument;
  const win = doc.defaultView as Window & typeof globalThis;
  const clock = options.clock ?? systemClock;
  const t: StaffStrings = staffStrings(options.language ?? 'es');
  adoptStyles(doc);
  const session = createStaffSession({ service: options.service, clock, ...(options.createConnection ? { createConnection: options.createConnection } : {}) });
  const notifier = createStaffNotifier({ win, clock });
  let inbox: StaffInbox | undefined;
  let listView: InboxListView | undefined;
  let pane: ConversationView | undefined;
  let renderQueued = false;
  const cleanups: Array<() => void> = [];
  let inboxCleanups: Array<() => void> = [];

  const root = el(doc, 'div', { className: 'staff-inbox', attrs: { lang: options.language ?? 'es' } });
  const statusLine = el(doc, 'p', { attrs: { role: 'status' } });
  const retryButton = el(doc, 'button', { text: t.retry, attrs: { type: 'button', hidden: '' } });
  const signOutButton = el(doc, 'button', { text: t.signOut, attrs: { type: 'button', hidden: '' } });
  const alertsToggle = el(doc, 'input', { attrs: { type: 'checkbox', id: 'staff-alerts' } });
  alertsToggle.checked = notifier.enabled;
  alertsToggle.addEventListener('change', () => notifier.setEnabled(alertsToggle.checked));
  root.append(el(doc, 'header', {}, [
    el(doc, 'h1', { text: t.title }), statusLine,
    el(doc, 'label', { attrs: { for: 'staff-alerts' } }, [alertsToggle, ` ${t.alerts}`]), retryButton, signOutButton,
  ]));

  const jidInput = el(doc, 'input', { attrs: { id: 'staff-jid', name: 'jid', autocomplete: 'username', required: '', value: options.jid ?? '' } });
  const passwordInput = el(doc, 'input', { attrs: { id: 'staff-password', name: 'password', type: 'password', autocomplete: 'current-password', required: '' } });
  const signInError = el(doc, 'p', { attrs: { role: 'alert' } });
  const signInButton = el(doc, 'button', { text: t.signIn, attrs: { type: 'submit' } });
  const signInForm = el(doc, 'form', { className: 'sign-in', attrs: { 'aria-label': t.signIn } }, [
    el(doc, 'label', { text: t.jid, attrs: { for: 'staff-jid' } }), jidInput,
    el(doc, 'label', { text: t.password, attrs: { for: 'staff-password' } }), passwordInput,
    signInButton, signInError,
  ]);
  const body = el(doc, 'div', { className: 'body', attrs: { hidden: '' } });
  root.append(signInForm, body);
  host.append(root);

  const render = (): void => {
    if (!inbox || !listView) return;
    listView.render(inbox.model, pane?.room);
    pane?.render();
  };
  // One redraw per frame however many changes arrive (a sign-in loads hundreds of rooms); a hidden
  // page has no frames, so a timer stands in for them there.
  const scheduleRender = (): void => {
    if (renderQueued) return;
    renderQueued = true;
    const run = (): void => {
      if (!renderQueued) return;
      renderQueued = false;
      render();
    };
    if (doc.hidden) win.setTimeout(run, HIDDEN_RENDER_MS);
    else win.requestAnimationFrame(run);
  };
  const select = (room: string): void => {
    pane?.open(room);
    if (inbox) listView?.render(inbox.model, room);
  };

  function startInbox(connection: XmppConnection, jid: string): StaffInbox {
    const uploadService = options.uploadService ?? (options.roomsDomain?.startsWith('rooms.') ? `upload.${options.roomsDomain.slice('rooms.'.length)}` : undefined);
    const started = createStaffInbox({ connection, nick: nickOf(jid), clock, ...(options.roomsDomain ? { roomsDomain: options.roomsDomain } : {}), ...(uploadService ? { uploadService } : {}) });
    const model = started.model;
    listView = createInboxListView(doc, t, clock, select);
    const tools = storeComposerActions(win, { connection, jid, ...(options.language ? { language: options.language } : {}), ...(options.catalogUrl ? { catalogUrl: options.catalogUrl } : {}) });
    pane = createConversationView({ doc, t, clock, inbox: started, agents: (options.agents ?? []).map(nickOf), extraComposerActions: [...tools, ...(options.extraComposerActions ?? [])] });
    body.replaceChildren(listView.element, pane.element);
    const onVisible = (): void => {
      if (!doc.hidden) scheduleRender(); // marks the open conversation read
    };
    doc.addEventListener('visibilitychange', onVisible);
    inboxCleanups = [
      () => doc.removeEventListener('visibilitychange', onVisible),
      model.on('change', scheduleRender),
      model.on('invited', ({ room, live }) => {
        if (live) notifier.alert(t.newConversation, model.summary(room)?.reason ?? '', room, () => select(room));
      }),
      model.on('incoming', ({ room, key }) => {
        const message = model.find(room, key);
        const conversation = model.summary(room);
        if (message?.role === 'customer' && conversation) notifier.alert(fill(t.newMessage, { name: customerName(conversation) }), message.text, room, () => select(room));
      }),
    ];
    return started;
  }
  const stopInbox = (): void => {
    for (const cleanup of inboxCleanups.splice(0)) cleanup();
    inbox?.dispose();
    inbox = undefined;
    listView = undefined;
    pane = undefined;
    body.replaceChildren();
  };

  function showStatus(): void {
    const { state, error } = session.status;
    retryButton.hidden = state !== 'reconnecting';
    signOutButton.hidden = state === 'signed-out' || state === 'signing-in' || (state === 'failed' && !inbox);
    statusLine.textContent =
      state === 'connected' ? t.connected
      : state === 'signing-in' ? t.signingIn
      : state === 'reconnecting' ? t.reconnecting
      : state === 'failed' ? (error?.code === 'FORBIDDEN' ? t.wrongPassword : error?.code === 'NETWORK' ? t.unreachable : t.failed)
      : '';
  }
  cleanups.push(session.on('status', ({ state }) => {
    showStatus();
    if (state === 'connected') scheduleRender();
  }));

  signInForm.addEventListener('submit', (event) => {
    event.preventDefault();
    signInError.textContent = '';
    signInButton.disabled = true;
    const jid = jidInput.value.trim();
    session.signIn(jid, passwordInput.value).then(
      async (connection) => {
        passwordInput.value = '';
        inbox = startInbox(connection, jid);
        const hadFocus = signInForm.contains(doc.activeElement);
        signInForm.hidden = true;
        body.hidden = false;
        showStatus();
        render();
        // The form the agent was in is gone: the keyboard continues in the inbox's search.
        if (hadFocus) listView?.element.querySelector<HTMLElement>('input[type="search"]')?.focus();
        await inbox.start();
        render();
      },
      (error: unknown) => {
        signInButton.disabled = false;
        signInError.textContent = isChatbotError(error, 'FORBIDDEN') ? t.wrongPassword : isChatbotError(error, 'NETWORK') ? t.unreachable : t.failed;
        passwordInput.focus();
      },
    );
  });
  retryButton.addEventListener('click', () => session.retry());
  signOutButton.addEventListener('click', () => {
    stopInbox();
    void session.signOut();
    body.hidden = true;
    signInForm.hidden = false;
    signInButton.disabled = false;
  });

  return {
    root,
    session,
    get inbox() {
      return inbox;
    },
    async dispose() {
      for (const cleanup of cleanups.splice(0)) cleanup();
      stopInbox();
      notifier.dispose();
      await session.signOut();
      root.remove();
    },
  };
}
