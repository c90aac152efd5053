import type { I18n } from '../../i18n';
import type { Message } from '../../messaging';
import { h, ICONS, svgIcon } from './dom';

export interface SearchDeps {
  doc: Document;
  i18n: I18n;
  toggleButton: HTMLButtonElement;
  find(query: string): Message[];
  label(message: Message): string;
  show(messageId: string): void;
}

/**
 * Search inside the chat (the messaging module's index): results jump to the message.
 * @example const search = createSearch({ doc, i18n, toggleButton, find, label, show }); search.toggle();
 */
export function createSearch(deps: SearchDeps) {
  const { doc, i18n } = deps;
  const t = i18n.t;
  // maxlength: searchMessages refuses longer queries (a pasted paragraph would throw in the timer).
  const input = h(doc, 'input', { type: 'search', 'aria-label': t('search.label'), placeholder: t('search.placeholder'), autocomplete: 'off', maxlength: 500 });
  const status = h(doc, 'p', { class: 'search-status', role: 'status' });
  const results = h(doc, 'ul', { class: 'search-results' });
  const element = h(doc, 'div', { class: 'search', role: 'search', hidden: true },
    h(doc, 'div', { class: 'search-row' },
      input,
      h(doc, 'button', { type: 'button', class: 'icon-button', 'aria-label': t('search.close'), title: t('search.close'), onclick: () => close() }, svgIcon(doc, ICONS.close)),
    ),
    status, results,
  );
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = (): void => {
    const query = input.value.trim();
    if (!query) {
      status.textContent = '';
      results.replaceChildren();
      return;
    }
    const found = deps.find(query);
    status.textContent = found.length ? i18n.tn('search.results', found.length) : t('search.none');
    const time = new Intl.DateTimeFormat(i18n.locale, { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });
    results.replaceChildren(
      ...found.map((message) =>
        h(doc, 'li', {}, h(doc, 'button', { type: 'button', onclick: () => deps.show(message.id) },
          deps.label(message), ' ', h(doc, 'small', { text: time.format(message.createdAt) }))),
      ),
    );
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && input.value) {
      event.stopPropagation();
      input.value = '';
      run();
    }
  });
  const open = (): void => {
    element.hidden = false;
    deps.toggleButton.setAttribute('aria-expanded', 'true');
    input.focus();
  };
  const close = (): void => {
    element.hidden = true;
    deps.toggleButton.setAttribute('aria-expanded', 'false');
    deps.toggleButton.focus();
  };
  return {
    element,
    toggle: () => (element.hidden ? open() : close()),
    dispose: () => clearTimeout(timer),
  };
}
