type Child = Node | string | null | undefined | false;
type Props = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

/**
 * Builds an element: `on*` props become listeners, `class`/`text` are shortcuts, booleans toggle
 * attributes. Text always goes in as text nodes: nothing here is ever parsed as HTML.
 * @example h(doc, 'button', { type: 'button', class: 'chip', onclick: send }, 'Envíos')
 */
export function h<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = String(value);
    else if (name === 'text') element.textContent = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * A decorative 24×24 icon from one path.
 * @example button.append(svgIcon(doc, ICONS.send));
 */
export function svgIcon(doc: Document, d: string): SVGSVGElement {
  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = doc.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}

export const ICONS = {
  close: 'M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z',
  search: 'M10 3a7 7 0 0 1 5.6 11.2l5.1 5.1-1.4 1.4-5.1-5.1A7 7 0 1 1 10 3zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10z',
  download: 'M11 3h2v9.2l3.3-3.3 1.4 1.4L12 16l-5.7-5.7 1.4-1.4 3.3 3.3zM4 18h16v2H4z',
  install: 'M5 3h14a2 2 0 0 1 2 2v9h-2V5H5v14h9v2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm13 11h2v4h3l-4 4-4-4h3z',
  attach: 'M16.5 6.5 9 14a1.5 1.5 0 0 0 2.1 2.1l7.4-7.4a3.5 3.5 0 0 0-5-5L6 11.2a5.5 5.5 0 0 0 7.8 7.8l6.7-6.7 1.4 1.4-6.7 6.7A7.5 7.5 0 0 1 4.6 9.8L12 2.3a5.5 5.5 0 0 1 7.8 7.8l-7.4 7.4a3.5 3.5 0 0 1-5-5L14.9 5z',
  send: 'M3 20.5V14l9-2-9-2V3.5L22 12z',
  reply: 'M10 9V5l-7 7 7 7v-4.1c5 0 8.5 1.6 11 5.1-1-5-4-10-11-11z',
} as const;
