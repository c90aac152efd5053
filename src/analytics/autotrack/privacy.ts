/**
 * What auto-tracking may read from the page. Never an input's value; never anything inside
 * `[data-chatbot-no-capture]`; never password, hidden or payment-card fields; and never the
 * widget's own UI (its shadow roots are implementation detail, not the shop's page).
 */
const NO_CAPTURE_ATTRIBUTE = 'data-chatbot-no-capture';
const MAX_TEXT = 1024;

const WIDGET_HOST = /^(chatbot-repuestos-motos|dashboard-(messaging|analytics|backup))$/;
const SENSITIVE_NAME = /(^|[^a-z])(cc|cvv|cvc|csc|pan|pin)([^a-z]|$)|card|credit|expir|passw|secret|iban|ssn|tarjeta|contrase|clave|seguridad/i;
// 13–19 digits, optionally grouped by spaces or dashes: what a card number looks like in text.
const CARD_NUMBER = /\b(?:\d[ -]?){12,18}\d\b/g;
const INTERACTIVE = 'a,button,input,select,textarea,label,summary,[role=button],[role=link],[role=tab],[role=menuitem],[role=checkbox],[role=switch],[role=option]';

/**
 * True when the event path crosses a no-capture element or the widget's own UI.
 * @example if (isBlockedPath(event.composedPath())) return;
 */
export function isBlockedPath(path: readonly EventTarget[]): boolean {
  for (const node of path) {
    if (!isElement(node)) continue;
    if (node.hasAttribute(NO_CAPTURE_ATTRIBUTE)) return true;
    if (node.id && WIDGET_HOST.test(node.id)) return true;
  }
  return false;
}

export function isElement(node: unknown): node is Element {
  return typeof node === 'object' && node !== null && (node as Node).nodeType === 1;
}

/**
 * Password, hidden and card-like fields (by type, autocomplete, name or id).
 * @example isSensitiveField(document.querySelector('input[autocomplete="cc-number"]')!) // true
 */
export function isSensitiveField(element: Element): boolean {
  const tag = element.tagName.toLowerCase();
  if (tag !== 'input' && tag !== 'textarea' && tag !== 'select') return false;
  const type = (element.getAttribute('type') ?? '').toLowerCase();
  if (type === 'password' || type === 'hidden') return true;
  const autocomplete = (element.getAttribute('autocomplete') ?? '').toLowerCase();
  if (autocomplete.startsWith('cc-') || autocomplete.includes('password') || autocomplete === 'one-time-code') return true;
  return SENSITIVE_NAME.test(`${element.getAttribute('name') ?? ''} ${element.id}`);
}

/** The element a click means: the nearest interactive ancestor, else the clicked element. */
export function meaningfulTarget(element: Element): Element {
  return element.closest(INTERACTIVE) ?? element;
}

const isTextEntry = (element: Element): boolean => {
  const tag = element.tagName.toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || (element as HTMLElement).isContentEditable === true;
};

/**
 * Visible text of an element, whitespace collapsed, at most 1,024 characters, skipping
 * no-capture subtrees and form fields (a textarea's text is its value), card numbers redacted.
 */
export function safeText(element: Element): string {
  if (isTextEntry(element)) return '';
  let text = '';
  const visit = (node: Node): boolean => {
    if (node.nodeType === 3) {
      text += node.nodeValue ?? '';
      return text.length < MAX_TEXT * 2;
    }
    if (!isElement(node)) return true;
    if (node.hasAttribute(NO_CAPTURE_ATTRIBUTE) || isTextEntry(node)) return true;
    const tag = node.tagName.toLowerCase();
    if (tag === 'script' || tag === 'style' || tag === 'noscript' || tag === 'template') return true;
    for (let child = node.firstChild; child; child = child.nextSibling) if (!visit(child)) return false;
    return true;
  };
  visit(element);
  return text.replace(/\s+/g, ' ').trim().replace(CARD_NUMBER, '[redacted]').slice(0, MAX_TEXT);
}

/** A short CSS path (up to 5 levels; stops at an id). */
export function cssSelector(element: Element): string {
  const parts: string[] = [];
  let node: Element | null = element;
  while (node && parts.length < 5) {
    const tag = node.tagName.toLowerCase();
    if (node.id && /^[A-Za-z][\w-]*$/.test(node.id)) {
      parts.unshift(`${tag}#${node.id}`);
      break;
    }
    let part = tag;
    const classes = [...node.classList].filter((c) => /^[A-Za-z_-][\w-]*$/.test(c)).slice(0, 2);
    if (classes.length > 0) part += `.${classes.join('.')}`;
    const parent: Element | null = node.parentElement;
    if (parent) {
      const same = [...parent.children].filter((c) => c.tagName === node!.tagName);
      if (same.length > 1) part += `:nth-of-type(${same.indexOf(node) + 1})`;
    }
    parts.unshift(part);
    if (tag === 'body') break;
    node = parent;
  }
  return parts.join(' > ');
}

/** A URL without query and fragment (they often carry tokens or personal data). */
export function stripUrl(href: string, base: string): string {
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? `${url.origin}${url.pathname}` : url.protocol;
  } catch {
    return '';
  }
}
