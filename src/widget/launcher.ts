import type { ChatbotSystem } from '../system';
import { LAUNCHER_CSS } from './launcher-styles';

const HOST_ID = 'chatbot-repuestos-motos';
const SVG_NS = 'http://www.w3.org/2000/svg';

function chatIcon(doc: Document): SVGSVGElement {
  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = doc.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z');
  svg.append(path);
  return svg;
}

/**
 * Adds the floating launcher button in its own shadow root (no global CSS, CSP-safe constructed
 * stylesheet). The chat panel is loaded only when the customer opens it.
 */
export function mountLauncher(host: Window, system: ChatbotSystem): HTMLElement {
  const doc = host.document;
  const existing = doc.getElementById(HOST_ID);
  if (existing) return existing;
  const container = doc.createElement('div');
  container.id = HOST_ID;
  const root = container.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(LAUNCHER_CSS);
  root.adoptedStyleSheets = [sheet];

  const button = doc.createElement('button');
  button.type = 'button';
  button.className = `launcher ${system.config.position}`;
  button.setAttribute('aria-label', `Chat · ${system.config.storeName}`);
  button.setAttribute('aria-expanded', 'false');
  button.style.setProperty('--brand', system.config.brandColor);
  button.append(chatIcon(doc));
  root.append(button);

  const attach = (): void => {
    doc.body.append(container);
  };
  if (doc.body) attach();
  else doc.addEventListener('DOMContentLoaded', attach, { once: true });
  return container;
}
