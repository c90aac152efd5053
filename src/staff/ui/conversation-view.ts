import type { Clock } from '../../core/clock';
import { isChatbotError } from '../../core/errors';
import type { InboxMessage } from '../inbox-model';
import type { StaffInbox } from '../staff-inbox';
import { afterFrame, button, el, reconcileChildren } from './dom';
import { customerName, statusText } from './inbox-list-view';
import { LIKE, renderMessageItem, type MessageAction } from './message-item';
import { fill, type StaffStrings } from './staff-strings';

/** What a composer extension gets: the open conversation and a way to put text in the composer or send it. */
export interface ComposerActionContext {
  readonly document: Document;
  readonly inbox: StaffInbox;
  /** The open conversation's room. */
  room(): string | undefined;
  /** Inserts text at the composer's caret (a quick reply the agent may still edit). */
  insert(text: string): void;
}

/** Adds a control next to the composer (quick replies, a product picker…): called once per signed-in inbox. */
export type ComposerAction = (context: ComposerActionContext) => HTMLElement;

export interface ConversationView {
  readonly element: HTMLElement;
  /** Opens a conversation (focus goes to the composer). */
  open(room: string): void;
  render(): void;
  /** The open conversation's room. */
  readonly room: string | undefined;
}

export interface ConversationViewOptions {
  doc: Document;
  t: StaffStrings;
  clock: Clock;
  inbox: StaffInbox;
  /** Agents known from configuration (the staff queue), as nicks. */
  agents: readonly string[];
  extraComposerActions?: readonly ComposerAction[];
}

type Mode = { kind: 'new' } | { kind: 'reply'; key: string } | { kind: 'edit'; key: string };

/** Messages drawn for an open conversation (newest); the agent asks for earlier ones a page at a time. */
export const MESSAGE_PAGE = 150;
/** Messages drawn in the task that opens a conversation (a screenful and more); the rest of the page follows after the first frame. */
export const FIRST_DRAW = 40;

/**
 * The open conversation: who the customer is and the conversation's status with its actions
 * (take, release, transfer, close, reopen), the history with per-message actions, typing, and a
 * composer that also replies to and edits messages. Every control is a native button, select or
 * textarea: all of it works from the keyboard.
 */
export function createConversationView(options: ConversationViewOptions): ConversationView {
  const { doc, t, clock, inbox } = options;
  const model = inbox.model;
  let room: string | undefined;
  let mode: Mode = { kind: 'new' };
  let typingTimer: unknown;
  let shown = MESSAGE_PAGE;
  /** Each drawn message's row by key, with what it was drawn from: a redraw rebuilds only the messages that changed. */
  const drawn = new Map<string, { drawnFrom: string; item: HTMLLIElement }>();

  const title = el(doc, 'h2', { text: t.choose, attrs: { id: 'staff-pane-title' } });
  const state = el(doc, 'p', { className: 'meta claim-state' });
  const context = el(doc, 'p', { className: 'meta' });
  const error = el(doc, 'p', { className: 'pane-error', attrs: { role: 'alert' } });
  const claimButton = button(doc, t.claim, () => act(() => (model.summary(room!)?.claimedBy === model.nick ? inbox.release(room!) : inbox.claim(room!))));
  const agentSelect = el(doc, 'select', { attrs: { id: 'staff-transfer', 'aria-label': t.transferTo } });
  const transferButton = button(doc, t.transfer, () => {
    const to = agentSelect.value;
    if (to) act(() => inbox.claim(room!, { force: true, to }));
  });
  const closeButton = button(doc, t.closeConversation, () => act(() => (model.summary(room!)?.status === 'closed' ? inbox.reopen(room!) : inbox.close(room!, { force: true }))));
  const controls = el(doc, 'div', { className: 'actions', attrs: { hidden: '' } }, [claimButton, agentSelect, transferButton, closeButton]);
  const messages = el(doc, 'ol', { className: 'messages', attrs: { 'aria-label': t.history, tabindex: '0' } });
  const earlierButton = el(doc, 'button', { attrs: { type: 'button', 'data-action': 'earlier' } });
  const earlierItem = el(doc, 'li', { className: 'earlier' }, [earlierButton]);
  const typingLine = el(doc, 'p', { className: 'meta', attrs: { 'aria-live': 'polite' } });
  const modeText = el(doc, 'span');
  const modeBar = el(doc, 'div', { className: 'composer-mode', attrs: { hidden: '' } }, [modeText, button(doc, t.cancel, () => setMode({ kind: 'new' }))]);
  const input = el(doc, 'textarea', { attrs: { id: 'staff-composer', rows: '2' } });
  const fileInput = el(doc, 'input', { attrs: { type: 'file', multiple: '', hidden: '', 'aria-label': t.attach } });
  const attachButton = button(doc, '', () => fileInput.click(), { class: 'attach' });
  // On a phone only the clip shows (the label stays for screen readers): the text box keeps the room.
  attachButton.append(el(doc, 'span', { text: '📎', attrs: { 'aria-hidden': 'true' } }), el(doc, 'span', { className: 'attach-label', text: ` ${t.attach}` }));
  const uploadStatus = el(doc, 'p', { className: 'meta upload-status', attrs: { 'aria-live': 'polite' } });
  const extra = el(doc, 'div', { className: 'composer-extra' }, [attachButton, fileInput]);
  const composer = el(doc, 'form', { className: 'composer', attrs: { hidden: '' } }, [
    el(doc, 'label', { className: 'visually-hidden', text: t.compose, attrs: { for: 'staff-composer' } }), input, extra,
    el(doc, 'button', { text: t.send, attrs: { type: 'submit' } }),
  ]);
  const element = el(doc, 'section', { className: 'conversation', attrs: { 'aria-labelledby': 'staff-pane-title' } }, [
    el(doc, 'div', { className: 'pane-head' }, [title, state, context, controls, error]), messages, typingLine, uploadStatus, modeBar, composer,
  ]);

  const nameOf = (message: InboxMessage): string => (message.own ? t.you : message.role === 'assistant' ? t.assistant : message.role === 'customer' ? t.customer : message.nick);
  const fail = (cause: unknown): void => {
    error.textContent = isChatbotError(cause, 'CONFLICT') ? fill(t.conflict, { name: model.summary(room ?? '')?.claimedBy ?? '' })
      : isChatbotError(cause, 'OFFLINE') ? t.notSent : t.failed;
  };
  function act(work: () => Promise<void> | void): void {
    if (!room) return;
    error.textContent = '';
    try {
      void Promise.resolve(work()).catch(fail);
    } catch (cause) {
      fail(cause);
    }
  }
  function setMode(next: Mode): void {
    mode = next;
    const target = next.kind === 'new' || !room ? undefined : model.find(room, next.key);
    modeBar.hidden = !target;
    modeText.textContent = !target ? '' : next.kind === 'edit' ? t.editing : fill(t.replyingTo, { name: nameOf(target), text: target.text.slice(0, 80) });
    if (next.kind === 'edit' && target) input.value = target.text;
    if (next.kind === 'new' && !target) modeBar.hidden = true;
    input.focus();
  }

  const actions: Record<MessageAction, (message: InboxMessage) => void> = {
    reply: (message) => setMode({ kind: 'reply', key: message.key }),
    edit: (message) => setMode({ kind: 'edit', key: message.key }),
    remove: (message) => act(() => inbox.retract(room!, message.key)),
    like: (message) => act(() => {
      const mine = message.reactions[model.nick] ?? [];
      inbox.react(room!, message.key, mine.includes(LIKE) ? mine.filter((emoji) => emoji !== LIKE) : [...mine, LIKE]);
    }),
  };
  /** Whether the agent was at the newest message: a resize of the list, or the history growing, keeps it there. */
  let pinned = true;
  /** Whether the agent moved the list (wheel, touch, keys, its scrollbar) since it was last put at the bottom. */
  let userMoved = false;
  /** Frames left in which a pinned list is put back at its bottom (off-screen messages taking their real height). */
  let settleFrames = 0;
  const nearBottom = (): boolean => messages.scrollHeight - messages.scrollTop - messages.clientHeight < 40;
  const toBottom = (): void => {
    messages.scrollTop = messages.scrollHeight;
    pinned = true;
    userMoved = false;
  };
  const settle = (): void => {
    const win = doc.defaultView;
    if (!win || settleFrames-- <= 0) return;
    win.requestAnimationFrame(() => {
      if (!pinned) return;
      // Still moving: a few more frames once it stops.
      if (messages.scrollTop < messages.scrollHeight - messages.clientHeight - 1) {
        toBottom();
        settleFrames = Math.max(settleFrames, 2);
      }
      settle();
    });
  };
  const keepPinned = (): void => {
    if (!pinned) return;
    toBottom();
    const idle = settleFrames <= 0;
    settleFrames = 4;
    if (idle) settle();
  };
  const moved = (event: Event): void => {
    if (event.type !== 'pointerdown' || event.target === messages) userMoved = true;
  };
  for (const type of ['wheel', 'touchmove', 'pointerdown']) messages.addEventListener(type, moved, { passive: true });
  messages.addEventListener('keydown', (event) => {
    if (event.target === messages) userMoved = true;
  });
  messages.addEventListener('scroll', () => {
    // Only the agent unpins it: the browser moving the list as messages take their real height does not.
    if (nearBottom()) pinned = true;
    else if (userMoved) pinned = false;
    else if (pinned) keepPinned();
  }, { passive: true });
  // A phone rotating or its keyboard opening shrinks the list without a scroll event: the agent reading the
  // newest message keeps reading it. A picture loading grows the history the same way.
  const Observer = doc.defaultView?.ResizeObserver;
  if (Observer) new Observer(keepPinned).observe(messages);
  messages.addEventListener('load', keepPinned, true);
  messages.addEventListener('click', (event) => {
    const target = (event.target as Element).closest<HTMLElement>('button[data-action]');
    const key = target?.closest<HTMLElement>('li[data-key]')?.dataset.key;
    const message = room && key ? model.find(room, key) : undefined;
    const name = target?.dataset.action;
    if (name === 'earlier') {
      const before = messages.scrollHeight - messages.scrollTop;
      shown += MESSAGE_PAGE;
      pinned = false;
      render();
      // The messages the agent was reading stay where they were.
      messages.scrollTop = messages.scrollHeight - before;
      messages.querySelector<HTMLElement>('li[data-key] button')?.focus();
    } else if (message && name && name in actions) actions[name as MessageAction](message);
  });

  function renderAgents(holder: string | undefined): void {
    const names = [...new Set([...options.agents, ...model.agents()])].filter((nick) => nick !== holder && nick !== model.nick).sort();
    // Nobody else to hand it to: no transfer control.
    agentSelect.hidden = transferButton.hidden = names.length === 0;
    const current = [...agentSelect.options].map((option) => option.value).join('\n');
    if (current === names.join('\n')) return;
    const chosen = agentSelect.value;
    agentSelect.replaceChildren(...names.map((nick) => el(doc, 'option', { text: nick, attrs: { value: nick } })));
    if (names.includes(chosen)) agentSelect.value = chosen;
  }

  function render(): void {
    const conversation = room ? model.summary(room) : undefined;
    if (!room || !conversation) return;
    title.textContent = `${t.customer}: ${customerName(conversation)}`;
    state.textContent = statusText(t, conversation);
    context.textContent = [conversation.bike ? fill(t.bike, { bike: conversation.bike }) : '', conversation.pages.length ? fill(t.pages, { pages: conversation.pages.join(', ') }) : ''].filter(Boolean).join(' · ');
    controls.hidden = false;
    composer.hidden = false;
    claimButton.textContent = conversation.claimedBy === model.nick ? t.release : t.claim;
    claimButton.hidden = conversation.status === 'closed';
    closeButton.textContent = conversation.status === 'closed' ? t.reopen : t.closeConversation;
    renderAgents(conversation.claimedBy);
    // The flag, not the geometry: a list shrunk since the last scroll event is no longer at its bottom but was.
    const atBottom = pinned;
    const focusedKey = messages.contains(doc.activeElement) ? (doc.activeElement as HTMLElement).closest<HTMLElement>('li')?.dataset.key : undefined;
    const focusedAction = focusedKey ? (doc.activeElement as HTMLElement).dataset.action : undefined;
    const itemContext = { doc, t, nick: model.nick, nameOf, parentOf: (message: InboxMessage) => model.find(room!, message.replyTo!) };
    const all = model.messages(room);
    const earlier = Math.max(0, all.length - shown);
    const wanted: HTMLLIElement[] = [];
    if (earlier > 0) {
      earlierButton.textContent = fill(t.earlier, { count: Math.min(earlier, MESSAGE_PAGE) });
      wanted.push(earlierItem);
    }
    const used = new Set<string>();
    for (const message of all.slice(earlier)) {
      const parent = message.replyTo !== undefined ? itemContext.parentOf(message) : undefined;
      const drawnFrom = `${message.version} ${message.role} ${parent ? `${parent.key} ${parent.version} ${parent.role}` : ''}`;
      let row = drawn.get(message.key);
      if (row?.drawnFrom !== drawnFrom) {
        row = { drawnFrom, item: renderMessageItem(itemContext, message) };
        drawn.set(message.key, row);
      }
      used.add(message.key);
      wanted.push(row.item);
    }
    for (const key of drawn.keys()) if (!used.has(key)) drawn.delete(key);
    reconcileChildren(messages, wanted);
    if (focusedKey && !messages.contains(doc.activeElement)) messages.querySelector<HTMLElement>(`li[data-key="${CSS.escape(focusedKey)}"] [data-action="${focusedAction ?? ''}"]`)?.focus();
    if (atBottom) keepPinned();
    typingLine.textContent = conversation.typing.slice(0, 1).map((nick) => fill(t.typing, { name: nick === conversation.customerNick ? t.customer : nick })).join('');
    if (!doc.hidden) inbox.markRead(room);
  }

  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!room || !text) return;
    error.textContent = '';
    try {
      if (mode.kind === 'edit') inbox.correct(room, mode.key, text);
      else inbox.send(room, text, mode.kind === 'reply' ? { replyTo: mode.key } : {});
    } catch (cause) {
      // Offline: the text stays in the composer, to send again once connected.
      fail(cause);
      return;
    }
    input.value = '';
    mode = { kind: 'new' };
    modeBar.hidden = true;
    inbox.setTyping(room, false);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      composer.requestSubmit();
    } else if (event.key === 'Escape' && mode.kind !== 'new') {
      event.stopPropagation();
      if (mode.kind === 'edit') input.value = '';
      setMode({ kind: 'new' });
    }
  });
  input.addEventListener('input', () => {
    if (!room) return;
    const typingRoom = room;
    if (typingTimer === undefined) inbox.setTyping(typingRoom, true);
    else clock.clearTimeout(typingTimer);
    typingTimer = clock.setTimeout(() => {
      typingTimer = undefined;
      inbox.setTyping(typingRoom, false);
    }, 3_000);
  });

  /** Uploads and sends the picked files one after the other; the first refusal stops the rest and says why. */
  async function sendFiles(target: string, files: readonly File[]): Promise<void> {
    error.textContent = '';
    for (const file of files) {
      uploadStatus.textContent = fill(t.uploading, { name: file.name });
      try {
        await inbox.sendFile(target, file);
      } catch (cause) {
        error.textContent = isChatbotError(cause, 'TOO_LARGE') ? fill(t.tooLarge, { name: file.name }) : isChatbotError(cause, 'OFFLINE') ? t.notSent : fill(t.uploadFailed, { name: file.name });
        break;
      }
    }
    uploadStatus.textContent = '';
  }
  fileInput.addEventListener('change', () => {
    const files = [...(fileInput.files ?? [])];
    fileInput.value = '';
    if (room && files.length > 0) void sendFiles(room, files);
  });

  const insert = (text: string): void => {
    const start = input.selectionStart ?? input.value.length;
    input.setRangeText(text, start, input.selectionEnd ?? start, 'end');
    input.focus();
  };
  for (const action of options.extraComposerActions ?? []) extra.append(action({ document: doc, inbox, room: () => room, insert }));

  return {
    element,
    get room() {
      return room;
    },
    open(next) {
      room = next;
      drawn.clear();
      messages.replaceChildren();
      shown = FIRST_DRAW;
      mode = { kind: 'new' };
      modeBar.hidden = true;
      error.textContent = '';
      pinned = true;
      render();
      keepPinned();
      input.focus();
      // The rest of the first page once the newest messages are on screen: opening stays one short task.
      const opened = next;
      afterFrame(doc, () => {
        if (room !== opened || shown >= MESSAGE_PAGE) return;
        shown = MESSAGE_PAGE;
        render();
      });
    },
    render,
  };
}
