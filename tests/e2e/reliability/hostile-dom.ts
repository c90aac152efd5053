/*
 * Page functions (passed to page.evaluate or addInitScript, so each is self-contained) that catch
 * hostile text executing or turning into markup.
 */

/** What the traps caught: calls of alert/confirm/prompt/print, `__pwned` set, CSP reports. */
export interface Caught {
  calls: string[];
  pwned: unknown;
  violations: Array<{ directive: string; blocked: string; source: string; sample: string }>;
}

/**
 * Installed before the page's scripts: alert/confirm/prompt/print record instead of blocking, a
 * `__pwned` global any payload may set, and every CSP violation (report-only) is kept.
 */
export function installTraps(): void {
  const w = window as unknown as { __caught: { calls: string[]; violations: Caught['violations'] } } & Record<string, unknown>;
  w.__caught = { calls: [], violations: [] };
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    w[name] = (...args: unknown[]) => {
      w.__caught.calls.push(`${name}(${args.map(String).join(', ').slice(0, 200)})`);
      return name === 'prompt' ? null : undefined;
    };
  }
  document.addEventListener('securitypolicyviolation', (event) => {
    w.__caught.violations.push({ directive: event.violatedDirective, blocked: event.blockedURI, source: event.sourceFile, sample: event.sample });
  });
}

/** What the traps caught so far. */
export function readCaught(): Caught {
  const w = window as unknown as { __caught: { calls: string[]; violations: Caught['violations'] }; __pwned?: unknown };
  return { calls: [...w.__caught.calls], pwned: w.__pwned, violations: [...w.__caught.violations] };
}

/**
 * Every element of the document and of its open shadow roots that markup from text could have
 * made: an element that runs or loads something (script, iframe, object, embed, frame; base and
 * meta inside the widget), an event-handler attribute, a javascript:/data:/vbscript:
 * URL, or an image from anywhere but this origin, blob: or data:image. Returns a description of each.
 */
export function findInjected(): string[] {
  const found: string[] = [];
  const origin = location.origin;
  const roots: Array<Document | ShadowRoot> = [document];
  for (let i = 0; i < roots.length; i++) {
    for (const element of roots[i]!.querySelectorAll('*')) {
      if (element.shadowRoot) roots.push(element.shadowRoot);
      const tag = element.localName;
      const describe = (why: string): string => `${why}: <${tag} ${[...element.attributes].map((a) => `${a.name}="${a.value.slice(0, 80)}"`).join(' ')}>`;
      if (['iframe', 'frame', 'object', 'embed', 'base', 'meta', 'applet', 'portal'].includes(tag) && roots[i] !== document) found.push(describe('element'));
      if (tag === 'script' && (!(element as HTMLScriptElement).src || !(element as HTMLScriptElement).src.startsWith(origin))) found.push(describe('script'));
      if (['iframe', 'frame', 'object', 'embed'].includes(tag) && roots[i] === document) found.push(describe('element'));
      for (const attribute of element.attributes) {
        const name = attribute.name.toLowerCase();
        // Browsers ignore whitespace and control characters inside a URL's scheme.
        const value = [...attribute.value.toLowerCase()].filter((c) => c.charCodeAt(0) > 0x20).join('');
        if (name.startsWith('on')) found.push(describe('handler'));
        if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc', 'background', 'poster'].includes(name) && /^(javascript|vbscript|data:text|data:application)/.test(value)) found.push(describe('url'));
        if (name === 'style' && /expression\(|url\(\s*['"]?\s*javascript/.test(value)) found.push(describe('style'));
      }
      if (tag === 'img') {
        const src = (element as HTMLImageElement).src;
        if (src && !src.startsWith(`${origin}/`) && !src.startsWith('blob:') && !src.startsWith('data:image/')) found.push(describe('image'));
      }
    }
  }
  return found;
}

/** The text of the document and its open shadow roots (to see payloads shown as text). */
export function allText(): string {
  const parts: string[] = [document.body.innerText];
  const roots: Array<Document | ShadowRoot> = [document];
  for (let i = 0; i < roots.length; i++) {
    for (const element of roots[i]!.querySelectorAll('*')) {
      if (element.shadowRoot) {
        roots.push(element.shadowRoot);
        parts.push(element.shadowRoot.textContent ?? '');
      }
    }
  }
  return parts.join('\n');
}
