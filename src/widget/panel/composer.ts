import { isChatbotError } from '../../core/errors';
import type { I18n } from '../../i18n';
import type { MessageInput } from '../../messaging';
import { h, ICONS, svgIcon } from './dom';

export interface ComposerDeps {
  doc: Document;
  host: Window;
  i18n: I18n;
  send(input: MessageInput, replyTo: string | undefined): unknown;
  typing(active: boolean): void;
  announce(text: string): void;
}

const TYPING_IDLE_MS = 3000;

/**
 * The message box: text (Enter sends, Shift+Enter breaks the line), image attachments with
 * previews (their object URLs revoked as soon as they are removed or sent), and a reply bar.
 * @example const composer = createComposer({ doc, host, i18n, send, typing, announce }); panel.append(composer.element);
 */
export function createComposer(deps: ComposerDeps) {
  const { doc, host, i18n } = deps;
  const t = i18n.t;
  let files: Array<{ file: File; url: string }> = [];
  let replyTo: string | undefined;
  let typingTimer: number | undefined;

  const error = h(doc, 'p', { class: 'error', role: 'alert' });
  const replyText = h(doc, 'span');
  const replying = h(doc, 'div', { class: 'replying', hidden: true },
    replyText,
    h(doc, 'button', { type: 'button', class: 'icon-button', 'aria-label': t('composer.cancelReply'), title: t('composer.cancelReply'), onclick: () => clearReply() }, svgIcon(doc, ICONS.close)),
  );
  const previews = h(doc, 'ul', { class: 'previews' });
  const fileInput = h(doc, 'input', { type: 'file', accept: 'image/*', multiple: true, class: 'sr-only', tabindex: -1, 'aria-hidden': 'true' });
  const textarea = h(doc, 'textarea', { rows: 1, 'aria-label': t('composer.label'), placeholder: t('composer.placeholder'), enterkeyhint: 'send', maxlength: 2000 });
  const attach = h(doc, 'button', { type: 'button', class: 'icon-button', 'aria-label': t('composer.attach'), title: t('composer.attach'), onclick: () => fileInput.click() }, svgIcon(doc, ICONS.attach));
  const sendButton = h(doc, 'button', { type: 'submit', class: 'icon-button send', 'aria-label': t('composer.send'), title: t('composer.send') }, svgIcon(doc, ICONS.send));
  const form = h(doc, 'form', { class: 'composer', novalidate: true },
    replying, error, previews,
    h(doc, 'div', { class: 'row' }, attach, fileInput, textarea, sendButton),
  );

  const renderPreviews = (): void => {
    previews.replaceChildren(
      ...files.map((entry, index) =>
        h(doc, 'li', {},
          h(doc, 'img', { src: entry.url, alt: entry.file.name, width: 56, height: 56 }),
          h(doc, 'button', { type: 'button', 'aria-label': t('composer.removeAttachment', { name: entry.file.name }), onclick: () => removeFile(index) }, '×'),
        ),
      ),
    );
  };
  const removeFile = (index: number): void => {
    const [gone] = files.splice(index, 1);
    if (gone) URL.revokeObjectURL(gone.url);
    renderPreviews();
    textarea.focus();
  };
  const clearFiles = (): void => {
    for (const entry of files) URL.revokeObjectURL(entry.url);
    files = [];
    renderPreviews();
  };
  const clearReply = (): void => {
    replyTo = undefined;
    replying.hidden = true;
    textarea.focus();
  };
  const stopTyping = (): void => {
    if (typingTimer !== undefined) host.clearTimeout(typingTimer);
    typingTimer = undefined;
    deps.typing(false);
  };

  fileInput.addEventListener('change', () => {
    error.textContent = '';
    for (const file of Array.from(fileInput.files ?? [])) {
      if (!file.type.startsWith('image/')) {
        error.textContent = t('composer.notImage', { name: file.name });
        continue;
      }
      files.push({ file, url: URL.createObjectURL(file) });
    }
    fileInput.value = '';
    renderPreviews();
    textarea.focus();
  });
  textarea.addEventListener('input', () => {
    if (!textarea.value.trim()) return stopTyping();
    // Every keystroke renews the indicator (messaging re-announces at most every 2 s), so a long
    // message does not hit messaging's auto-stop while the customer is still typing.
    deps.typing(true);
    if (typingTimer !== undefined) host.clearTimeout(typingTimer);
    typingTimer = host.setTimeout(stopTyping, TYPING_IDLE_MS);
  });
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit(textarea.value);
  });

  const submit = (raw: string): void => {
    const text = raw.trim();
    if (!text && files.length === 0) return;
    error.textContent = '';
    try {
      deps.send(
        files.length ? { text, type: 'image', attachments: files.map((entry) => entry.file) } : { text, type: 'text' },
        replyTo,
      );
    } catch (failure) {
      error.textContent = t('message.failed', { reason: isChatbotError(failure) ? failure.message : String(failure) });
      return;
    }
    textarea.value = '';
    clearFiles();
    stopTyping();
    if (replyTo) clearReply();
  };

  return {
    element: form,
    focus: () => textarea.focus(),
    submitText: (text: string) => submit(text),
    replyTo(messageId: string, label: string) {
      replyTo = messageId;
      replyText.textContent = t('composer.replyingTo', { text: label });
      replying.hidden = false;
      textarea.focus();
    },
    showError(message: string) {
      error.textContent = message;
    },
    /** Releases the previews' object URLs and the typing timer (the page hides, the panel goes). */
    dispose() {
      clearFiles();
      if (typingTimer !== undefined) host.clearTimeout(typingTimer);
      typingTimer = undefined;
    },
  };
}
