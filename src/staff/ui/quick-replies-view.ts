import type { Language } from '../../core/config';
import { isChatbotError } from '../../core/errors';
import type { XmppConnection } from '../../live-chat/protocol/xmpp-connection';
import { createQuickReplies, QUICK_REPLY_LIMITS, type QuickReplies, type QuickReply } from '../quick-replies';
import type { ComposerToolContext } from './product-picker';
import { fillTool, toolStrings } from './tool-strings';
import { adoptToolStyles } from './tool-styles';

export interface QuickRepliesViewOptions {
  quickReplies: QuickReplies;
  language?: Language;
  /** The chosen reply's text, for the composer (the agent may edit it before sending). */
  onInsert(text: string): void;
}

export interface QuickRepliesView {
  readonly element: HTMLElement;
  dispose(): void;
}

let mounted = 0;

/**
 * The agent's quick replies: each inserts its text into the composer with one button; edit,
 * delete, move up and down; a form to add one. Text only (`textContent`), keyboard usable.
 * @example mountQuickReplies(aside, { quickReplies, language: 'es', onInsert: (text) => (textarea.value = text) });
 */
export function mountQuickReplies(host: HTMLElement, options: QuickRepliesViewOptions): QuickRepliesView {
  const doc = host.ownerDocument;
  adoptToolStyles(doc);
  const s = toolStrings(options.language);
  const { quickReplies } = options;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] => {
    const node = doc.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const button = (text: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement => {
    const node = el('button', { type: 'button', ...attrs }, text);
    node.addEventListener('click', onClick);
    return node;
  };

  const titleId = `quick-replies-title-${++mounted}`;
  const root = el('section', { class: 'quick-replies', 'aria-labelledby': titleId });
  const title = el('h3', { id: titleId }, s.quickReplies);
  const list = el('ul');
  const alert = el('p', { role: 'alert' });
  const form = el('form', { hidden: '' });
  const titleInput = el('input', { name: 'title', maxlength: String(QUICK_REPLY_LIMITS.title), 'aria-label': s.quickTitle, placeholder: s.quickTitle });
  const textInput = el('textarea', { name: 'text', rows: '3', maxlength: String(QUICK_REPLY_LIMITS.text), 'aria-label': s.quickText, placeholder: s.quickText });
  form.append(titleInput, textInput, el('button', { type: 'submit' }, s.quickSave), button(s.quickCancel, () => closeForm()));
  const addButton = button(s.quickAdd, () => openForm());
  root.append(title, list, addButton, form, alert);
  host.append(root);

  let editing: string | undefined;
  const report = (error: unknown): void => {
    if (isChatbotError(error, 'VALIDATION')) alert.textContent = fillTool(s.quickInvalid, { max: QUICK_REPLY_LIMITS.text });
    else if (isChatbotError(error, 'QUOTA_EXCEEDED')) alert.textContent = fillTool(s.quickFull, { max: QUICK_REPLY_LIMITS.count });
    else alert.textContent = s.quickNotSaved;
  };
  const run = (work: Promise<unknown>): void => {
    alert.textContent = '';
    work.catch(report);
  };
  const openForm = (reply?: QuickReply): void => {
    editing = reply?.id;
    titleInput.value = reply?.title ?? '';
    textInput.value = reply?.text ?? '';
    form.hidden = false;
    textInput.focus();
  };
  const closeForm = (): void => {
    form.hidden = true;
    editing = undefined;
    addButton.focus();
  };
  const onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const input = { title: titleInput.value, text: textInput.value };
    const work = editing ? quickReplies.edit(editing, input) : quickReplies.add(input);
    alert.textContent = '';
    // A reply kept only in this browser (the server refused) still closes the form; a refused input does not.
    work.then(closeForm, (error: unknown) => {
      report(error);
      if (!isChatbotError(error, 'VALIDATION') && !isChatbotError(error, 'QUOTA_EXCEEDED')) closeForm();
    });
  };
  form.addEventListener('submit', onSubmit);

  const render = (replies: readonly QuickReply[]): void => {
    const focused = doc.activeElement instanceof HTMLElement && list.contains(doc.activeElement) ? doc.activeElement.dataset.focus : undefined;
    list.replaceChildren(...replies.map((reply, index) => {
      const label = reply.title || reply.text.slice(0, 40);
      const insert = button('', () => options.onInsert(reply.text), { class: 'quick-insert', 'data-focus': `insert-${reply.id}`, 'aria-label': `${s.quickInsert}: ${label}` });
      insert.append(el('strong', {}, label), el('span', {}, reply.text));
      const item = el('li', { 'data-id': reply.id });
      item.append(
        insert,
        button(s.quickEdit, () => openForm(reply), { 'aria-label': `${s.quickEdit}: ${label}`, 'data-focus': `edit-${reply.id}` }),
        button(s.quickUp, () => run(quickReplies.move(reply.id, index - 1)), { 'aria-label': `${s.quickUp}: ${label}`, 'data-focus': `up-${reply.id}`, ...(index === 0 ? { disabled: '' } : {}) }),
        button(s.quickDown, () => run(quickReplies.move(reply.id, index + 1)), { 'aria-label': `${s.quickDown}: ${label}`, 'data-focus': `down-${reply.id}`, ...(index === replies.length - 1 ? { disabled: '' } : {}) }),
        button(s.quickRemove, () => run(quickReplies.remove(reply.id)), { 'aria-label': `${s.quickRemove}: ${label}`, 'data-focus': `remove-${reply.id}` }),
      );
      return item;
    }));
    // A move or a delete redraws the list: keyboard focus stays on the same control (or the list's next one).
    if (focused) (list.querySelector<HTMLElement>(`[data-focus="${focused}"]:not([disabled])`) ?? list.querySelector<HTMLElement>('.quick-insert'))?.focus();
  };
  const stop = quickReplies.on('changed', render);
  render(quickReplies.list());

  return {
    element: root,
    dispose() {
      stop();
      form.removeEventListener('submit', onSubmit);
      root.remove();
    },
  };
}

export interface QuickRepliesActionOptions {
  /** The signed-in agent's connection and bare JID (`view.session.connection` once signed in). */
  session(): { connection: Pick<XmppConnection, 'request'>; account: string } | undefined;
  language?: Language;
  /** The local copy (`localStorage` in a browser). */
  cache?: Pick<Storage, 'getItem' | 'setItem'>;
  /** Hears a list that could not load from the server (the cached copy stays shown). */
  reportError?(error: unknown): void;
}

/**
 * The agent's quick replies as a control next to the staff inbox's composer: a disclosure that
 * loads them from private storage when the inbox starts; "Insertar" puts the text at the
 * composer's caret, where the agent can change it before sending.
 * @example mountStaffInbox(main, { …, extraComposerActions: [quickRepliesAction({ session: () => signedIn(view), cache: localStorage })] });
 */
export function quickRepliesAction(options: QuickRepliesActionOptions): (context: Pick<ComposerToolContext, 'document' | 'insert'>) => HTMLElement {
  return (context) => {
    const doc = context.document;
    const details = doc.createElement('details');
    details.className = 'quick-replies-tool';
    const summary = doc.createElement('summary');
    summary.textContent = toolStrings(options.language).quickReplies;
    details.append(summary);
    const session = options.session();
    if (!session) return details;
    const quickReplies = createQuickReplies({ connection: session.connection, account: session.account, ...(options.cache ? { cache: options.cache } : {}) });
    mountQuickReplies(details, { quickReplies, ...(options.language ? { language: options.language } : {}), onInsert: (text) => context.insert(text) });
    // The cached copy shows at once; the server's list replaces it (a failure leaves the cached one).
    quickReplies.load().catch((error: unknown) => options.reportError?.(error));
    return details;
  };
}
