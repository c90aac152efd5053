import type { Clock } from '../../core/clock';
import { systemClock } from '../../core/clock';
import type { Language } from '../../core/config';
import { isChatbotError } from '../../core/errors';
import type { XmppConnection, XmppConnectionOptions } from '../../live-chat/protocol/xmpp-connection';
import type { InboxConversation, InboxMessage } from '../inbox-model';
import { createStaffInbox, type StaffInbox } from '../staff-inbox';
import { createStaffSession, type StaffSession } from '../staff-session';
import { fill, staffStrings, type StaffStrings } from './staff-strings';

export interface MountStaffInboxOptions {
  /** The store's XMPP WebSocket URL. */
  service: string;
  /** The store's MUC service (invitations elsewhere are ignored). */
  roomsDomain?: string;
  /** Pre-filled account (the store's staff JID). */
  jid?: string;
  language?: Language;
  clock?: Clock;
  createConnection?: (options: XmppConnectionOptions) => XmppConnection;
}

export interface MountedStaffInbox {
  readonly root: HTMLElement;
  readonly session: StaffSession;
  /** The inbox once signed in. */
  readonly inbox: StaffInbox | undefined;
  dispose(): Promise<void>;
}

const CSS = `
.staff-inbox{font:14px/1.4 system-ui,sans-serif;color:#1a1a1a;background:#fff;display:flex;flex-direction:column;height:100dvh;min-height:0;box-sizing:border-box}
.staff-inbox [hidden]{display:none !important}
.staff-inbox-overlay .staff-inbox{height:auto;flex:1}
.staff-inbox header{display:flex;gap:.5rem;align-items:center;padding:.5rem .75rem;border-bottom:1px solid #ddd;flex-wrap:wrap}
.staff-inbox h1{font-size:1.1rem;margin:0;flex:1}
.staff-inbox form.sign-in{display:grid;gap:.5rem;max-width:22rem;padding:1rem}
.staff-inbox .body{display:flex;flex:1;min-height:0}
.staff-inbox nav{width:18rem;max-width:40%;border-right:1px solid #ddd;overflow:auto}
.staff-inbox nav ul{list-style:none;margin:0;padding:0}
.staff-inbox nav button{all:unset;box-sizing:border-box;display:block;width:100%;padding:.5rem .75rem;border-bottom:1px solid #eee;cursor:pointer}
.staff-inbox nav button[aria-current="true"]{background:#e8f0fe}
.staff-inbox nav button:focus-visible,.staff-inbox button:focus-visible{outline:2px solid #1a56db;outline-offset:-2px}
.staff-inbox .meta{display:block;color:#555;font-size:12px}
.staff-inbox .preview{display:block;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.staff-inbox .badge{background:#b91c1c;color:#fff;border-radius:1rem;padding:0 .4rem;font-size:12px;margin-left:.25rem}
.staff-inbox section.conversation{flex:1;display:flex;flex-direction:column;min-width:0;min-height:0}
.staff-inbox ol.messages{list-style:none;margin:0;padding:.75rem;flex:1;overflow:auto;display:flex;flex-direction:column;gap:.4rem}
.staff-inbox ol.messages li{max-width:80%;padding:.4rem .6rem;border-radius:.5rem;background:#f1f1f1;white-space:pre-wrap;overflow-wrap:anywhere}
.staff-inbox ol.messages li.staff{align-self:flex-end;background:#dbeafe}
.staff-inbox ol.messages li.assistant{background:#fef3c7}
.staff-inbox .who{display:block;font-size:12px;font-weight:600;color:#444}
.staff-inbox form.composer{display:flex;gap:.5rem;padding:.5rem;border-top:1px solid #ddd}
.staff-inbox form.composer textarea{flex:1;resize:vertical;min-height:2.5rem;font:inherit}
.staff-inbox [role="alert"]{color:#b91c1c}
.staff-inbox .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.staff-inbox-overlay{position:fixed;inset:0;z-index:2147483000;background:#fff;display:flex;flex-direction:column}
.staff-inbox-overlay>.close{align-self:flex-end;margin:.25rem .5rem}
@media (max-width:640px){.staff-inbox .body{flex-direction:column}.staff-inbox nav{flex:0 0 auto;width:auto;max-width:none;max-height:30dvh;border-right:0;border-bottom:1px solid #ddd}.staff-inbox h2{font-size:1rem}}
`;

/** Adds the inbox's styles to the document once. */
export function adoptStyles(doc: Document): void {
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  if (!win || !('adoptedStyleSheets' in doc) || doc.adoptedStyleSheets.some((sheet) => (sheet as CSSStyleSheet & { staffInbox?: true }).staffInbox)) return;
  // A constructed sheet, not a <style> element: a strict CSP (style-src 'self') allows it.
  const sheet = new win.CSSStyleSheet() as CSSStyleSheet & { staffInbox?: true };
  sheet.replaceSync(CSS);
  sheet.staffInbox = true;
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, props: { className?: string; text?: string; attrs?: Record<string, string> } = {}, children: Node[] = []): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (props.className) node.className = props.className;
  // Text only, always: nothing a customer wrote is ever parsed as HTML.
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function duration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return '<1 min';
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * The staff inbox UI, mounted into `host`: sign-in form, the list of conversations (newest
 * activity first), the open conversation with its composer. Keyboard usable, labelled for screen
 * readers, every customer text set with textContent. A host page (admin.html, or an overlay
 * opened by `showMessagingDashboard()`) mounts it where it wants it.
 * @example const view = mountStaffInbox(document.querySelector('#inbox')!, { service: 'wss://chat.tienda.co/xmpp-websocket', roomsDomain: 'rooms.chat.tienda.co' });
 */
export function mountStaffInbox(host: HTMLElement, options: MountStaffInboxOptions): MountedStaffInbox {
  const doc = host.ownerDocument;
  const clock = options.clock ?? systemClock;
  const t: StaffStrings = staffStrings(options.language ?? 'es');
  adoptStyles(doc);
  const session = createStaffSession({ service: options.service, clock, ...(options.createConnection ? { createConnection: options.createConnection } : {}) });
  let inbox: StaffInbox | undefined;
  let selected: string | undefined;
  let renderQueued = false;
  let typingTimer: unknown;
  const cleanups: Array<() => void> = [];

  const root = el(doc, 'div', { className: 'staff-inbox', attrs: { lang: options.language ?? 'es' } });
  const title = el(doc, 'h1', { text: t.title });
  const statusLine = el(doc, 'p', { attrs: { role: 'status' } });
  const retryButton = el(doc, 'button', { text: t.retry, attrs: { type: 'button', hidden: '' } });
  const signOutButton = el(doc, 'button', { text: t.signOut, attrs: { type: 'button', hidden: '' } });
  root.append(el(doc, 'header', {}, [title, statusLine, retryButton, signOutButton]));

  const jidInput = el(doc, 'input', { attrs: { id: 'staff-jid', name: 'jid', autocomplete: 'username', required: '', value: options.jid ?? '' } });
  const passwordInput = el(doc, 'input', { attrs: { id: 'staff-password', name: 'password', type: 'password', autocomplete: 'current-password', required: '' } });
  const signInError = el(doc, 'p', { attrs: { role: 'alert' } });
  const signInButton = el(doc, 'button', { text: t.signIn, attrs: { type: 'submit' } });
  const signInForm = el(doc, 'form', { className: 'sign-in', attrs: { 'aria-label': t.signIn } }, [
    el(doc, 'label', { text: t.jid, attrs: { for: 'staff-jid' } }), jidInput,
    el(doc, 'label', { text: t.password, attrs: { for: 'staff-password' } }), passwordInput,
    signInButton, signInError,
  ]);
  root.append(signInForm);

  const list = el(doc, 'ul');
  const emptyNote = el(doc, 'p', { text: t.empty });
  const nav = el(doc, 'nav', { attrs: { 'aria-label': t.conversations } }, [el(doc, 'h2', { className: 'visually-hidden', text: t.conversations }), emptyNote, list]);
  const paneTitle = el(doc, 'h2', { text: t.choose });
  const claimState = el(doc, 'p', { className: 'meta' });
  const claimButton = el(doc, 'button', { text: t.claim, attrs: { type: 'button', hidden: '' } });
  const paneError = el(doc, 'p', { attrs: { role: 'alert' } });
  const messages = el(doc, 'ol', { className: 'messages', attrs: { 'aria-label': t.history, tabindex: '0' } });
  const typingLine = el(doc, 'p', { className: 'meta', attrs: { 'aria-live': 'polite' } });
  const composerInput = el(doc, 'textarea', { attrs: { id: 'staff-composer', rows: '2' } });
  const composer = el(doc, 'form', { className: 'composer', attrs: { hidden: '' } }, [
    el(doc, 'label', { className: 'visually-hidden', text: t.compose, attrs: { for: 'staff-composer' } }), composerInput,
    el(doc, 'button', { text: t.send, attrs: { type: 'submit' } }),
  ]);
  const pane = el(doc, 'section', { className: 'conversation', attrs: { 'aria-labelledby': 'staff-pane-title' } }, [
    el(doc, 'div', {}, [paneTitle, claimState, claimButton, paneError]), messages, typingLine, composer,
  ]);
  paneTitle.id = 'staff-pane-title';
  const body = el(doc, 'div', { className: 'body', attrs: { hidden: '' } }, [nav, pane]);
  root.append(body);
  host.append(root);

  const roleName = (message: InboxMessage): string => (message.own ? t.you : message.role === 'assistant' ? t.assistant : message.role === 'customer' ? t.customer : message.nick);
  const customerName = (conversation: InboxConversation): string => conversation.customerId ?? conversation.room.split('@')[0]!;

  function renderList(): void {
    if (!inbox) return;
    const now = clock.now();
    const items = inbox.model.list();
    emptyNote.hidden = items.length > 0;
    list.replaceChildren(...items.map((conversation) => {
      const last = conversation.lastMessage;
      const badge = conversation.unread > 0 ? [el(doc, 'span', { className: 'badge', text: String(conversation.unread), attrs: { 'aria-label': fill(t.unread, { count: conversation.unread }) } })] : [];
      const button = el(doc, 'button', { attrs: { type: 'button', 'data-room': conversation.room, 'aria-current': String(conversation.room === selected) } }, [
        el(doc, 'strong', { text: customerName(conversation) }), ...badge,
        el(doc, 'span', { className: 'meta claim', text: conversation.claimedBy ? fill(t.claimedBy, { name: conversation.claimedBy }) : t.unassigned }),
        el(doc, 'span', { className: 'preview', text: last ? (last.transcript ? t.transcript : `${roleName(last)}: ${last.text}`) : '' }),
        ...(conversation.waitingSince !== undefined ? [el(doc, 'span', { className: 'meta', text: fill(t.waiting, { time: duration(now - conversation.waitingSince) }) })] : []),
      ]);
      button.addEventListener('click', () => select(conversation.room));
      return el(doc, 'li', {}, [button]);
    }));
  }

  function renderPane(): void {
    if (!inbox || !selected) return;
    const conversation = inbox.model.summary(selected);
    if (!conversation) return;
    paneTitle.textContent = `${t.customer}: ${customerName(conversation)}`;
    claimState.textContent = conversation.claimedBy ? fill(t.claimedBy, { name: conversation.claimedBy }) : t.unassigned;
    const mine = conversation.claimedBy === inbox.model.nick;
    claimButton.hidden = false;
    claimButton.textContent = mine ? t.release : t.claim;
    composer.hidden = false;
    const atBottom = messages.scrollHeight - messages.scrollTop - messages.clientHeight < 40;
    messages.replaceChildren(...inbox.model.messages(selected).map((message) => {
      const text = message.retracted ? t.deleted : message.text;
      const item = el(doc, 'li', { className: message.role, attrs: { 'data-key': message.key } }, [
        el(doc, 'span', { className: 'who', text: message.transcript ? t.transcript : roleName(message) }),
        el(doc, 'span', { className: 'text', text }),
      ]);
      if (message.edited && !message.retracted) item.append(' ', el(doc, 'span', { className: 'meta', text: t.edited }));
      const reactions = Object.values(message.reactions).flat();
      if (reactions.length) item.append(el(doc, 'span', { className: 'meta', text: reactions.join(' ') }));
      return item;
    }));
    if (atBottom) messages.scrollTop = messages.scrollHeight;
    typingLine.textContent = conversation.typing.slice(0, 1).map((nick) => fill(t.typing, { name: nick === conversation.customerNick ? t.customer : nick })).join('');
    if (!doc.hidden) inbox.markRead(selected);
  }

  const scheduleRender = (): void => {
    if (renderQueued) return;
    renderQueued = true;
    queueMicrotask(() => {
      renderQueued = false;
      renderList();
      renderPane();
    });
  };

  function select(room: string): void {
    selected = room;
    paneError.textContent = '';
    renderList();
    renderPane();
    messages.scrollTop = messages.scrollHeight;
    composerInput.focus();
  }

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
    const password = passwordInput.value;
    session.signIn(jid, password).then(
      async (connection) => {
        passwordInput.value = '';
        const nick = jid.split('@')[0]!;
        const nickName = nick.charAt(0).toUpperCase() + nick.slice(1);
        inbox = createStaffInbox({ connection, nick: nickName, clock, ...(options.roomsDomain ? { roomsDomain: options.roomsDomain } : {}) });
        cleanups.push(inbox.model.on('change', scheduleRender));
        signInForm.hidden = true;
        body.hidden = false;
        showStatus();
        await inbox.start();
        renderList();
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
    inbox?.dispose();
    inbox = undefined;
    selected = undefined;
    void session.signOut();
    body.hidden = true;
    signInForm.hidden = false;
    signInButton.disabled = false;
  });
  claimButton.addEventListener('click', () => {
    const room = selected;
    if (!inbox || !room) return;
    paneError.textContent = '';
    const mine = inbox.model.summary(room)?.claimedBy === inbox.model.nick;
    (mine ? inbox.release(room) : inbox.claim(room)).catch((error: unknown) => {
      paneError.textContent = isChatbotError(error, 'CONFLICT') ? fill(t.conflict, { name: inbox?.model.summary(room)?.claimedBy ?? '' }) : isChatbotError(error, 'OFFLINE') ? t.reconnecting : t.failed;
    });
  });
  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = composerInput.value.trim();
    if (!inbox || !selected || !text) return;
    paneError.textContent = '';
    try {
      inbox.send(selected, text);
    } catch (error) {
      // Offline: the text stays in the composer, to send again once connected.
      paneError.textContent = isChatbotError(error, 'OFFLINE') ? t.notSent : t.failed;
      return;
    }
    composerInput.value = '';
    inbox.setTyping(selected, false);
  });
  composerInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  composerInput.addEventListener('input', () => {
    if (!inbox || !selected) return;
    const room = selected;
    if (typingTimer === undefined) inbox.setTyping(room, true);
    else clock.clearTimeout(typingTimer);
    typingTimer = clock.setTimeout(() => {
      typingTimer = undefined;
      inbox?.setTyping(room, false);
    }, 3_000);
  });

  return {
    root,
    session,
    get inbox() {
      return inbox;
    },
    async dispose() {
      for (const cleanup of cleanups.splice(0)) cleanup();
      inbox?.dispose();
      await session.signOut();
      root.remove();
    },
  };
}
