import { yieldToPage } from '../../messaging/schedule';

/** Props of {@link el}: text is always set as text. */
export interface ElProps {
  className?: string;
  text?: string;
  attrs?: Record<string, string>;
}

/**
 * Creates an element. Text goes in with `textContent`, always: nothing a customer wrote is ever
 * parsed as HTML.
 * @example el(document, 'span', { className: 'meta', text: customerText })
 */
export function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, props: ElProps = {}, children: Array<Node | string> = []): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/**
 * Makes `parent`'s children exactly `wanted`, in order, moving only the nodes whose place changed:
 * nodes kept in place are not laid out again, and keep their focus.
 */
export function reconcileChildren(parent: Node, wanted: readonly Node[]): void {
  const keep = new Set<Node>(wanted);
  let cursor = parent.firstChild;
  const dropUnwanted = (): void => {
    while (cursor && !keep.has(cursor)) {
      const next: ChildNode | null = cursor.nextSibling;
      cursor.remove();
      cursor = next;
    }
  };
  for (const node of wanted) {
    dropUnwanted();
    if (node === cursor) cursor = cursor.nextSibling;
    else parent.insertBefore(node, cursor);
  }
  keep.clear();
  dropUnwanted();
}

/**
 * Runs `work` in a task of its own after the next frame is drawn (at once in a later task when the
 * page is hidden and draws no frames): work that can wait for the first paint.
 */
export function afterFrame(doc: Document, work: () => void): void {
  const win = doc.defaultView;
  if (!win || doc.hidden) {
    void yieldToPage().then(work);
    return;
  }
  win.requestAnimationFrame(() => win.setTimeout(work, 0));
}

/** A button of type button. */
export function button(doc: Document, text: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const node = el(doc, 'button', { text, attrs: { type: 'button', ...attrs } });
  node.addEventListener('click', onClick);
  return node;
}

/**
 * How long something has waited, short: `<1 min`, `12 min`, `2 h 5 min`.
 * @example duration(125 * 60_000) // '2 h 5 min'
 */
export function duration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return '<1 min';
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * The URL when it is an absolute http(s) URL, else undefined: an attachment link never becomes a
 * `javascript:` or `data:` link, whatever the sender put in it.
 * @example safeHttpUrl('javascript:alert(1)') // undefined
 */
export function safeHttpUrl(raw: string): URL | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

const IMAGE = /\.(?:png|jpe?g|gif|webp|avif)$/i;
/** Whether an attachment URL names an image file (shown inline). */
export const isImageUrl = (url: URL): boolean => IMAGE.test(url.pathname);
