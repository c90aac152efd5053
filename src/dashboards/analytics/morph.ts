/**
 * Makes `current` (on screen) look like `next` (built fresh, detached) by changing only what
 * differs: attributes, text, and the children where the shape changed. A live redraw then
 * touches the few marks whose value moved, so style and layout (what a redraw costs) stay small.
 * A `<details>` keeps its `open` state: the reader opened it, not the data.
 * @example morph(slot.firstChild!, S.liveSection(doc, text, live));
 */
export function morph(current: Node, next: Node): void {
  if (current.nodeType !== next.nodeType || current.nodeName !== next.nodeName) {
    current.parentNode?.replaceChild(next, current);
    return;
  }
  if (current.nodeType !== 1) {
    if (current.nodeValue !== next.nodeValue) current.nodeValue = next.nodeValue;
    return;
  }
  const from = current as Element;
  const to = next as Element;
  for (const { name, value } of to.attributes) {
    if (name !== 'open' && from.getAttribute(name) !== value) from.setAttribute(name, value);
  }
  for (const name of from.getAttributeNames()) {
    if (name !== 'open' && !to.hasAttribute(name)) from.removeAttribute(name);
  }
  const have = [...from.childNodes];
  const want = [...to.childNodes];
  const shared = Math.min(have.length, want.length);
  for (let i = 0; i < shared; i++) morph(have[i]!, want[i]!);
  for (let i = shared; i < have.length; i++) have[i]!.remove();
  if (want.length > shared) from.append(...want.slice(shared));
}
