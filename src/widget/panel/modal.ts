import type { Disposables } from '../../core/disposables';

const PHONE_QUERY = '(max-width: 600px)';
const FOCUSABLE = 'button, input:not([tabindex="-1"]), textarea, a[href], [tabindex="0"]';

/**
 * Escape closes the panel. Full screen on a phone the panel is modal: Tab cycles inside it
 * instead of reaching the page hidden underneath; the floating desktop panel leaves the page
 * reachable. The media query listener is registered with `owned`.
 * @example wireModal(window, panel, root, () => handle.close(), owned);
 */
export function wireModal(host: Window, panel: HTMLElement, root: ShadowRoot, close: () => void, owned: Disposables): void {
  const phone = host.matchMedia(PHONE_QUERY);
  const sync = (): void => panel.setAttribute('aria-modal', String(phone.matches));
  owned.listen(phone, 'change', sync);
  sync();
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Tab' && phone.matches) {
      const focusable = [...panel.querySelectorAll<HTMLElement>(FOCUSABLE)]
        .filter((el) => !el.closest('[hidden]') && !(el as HTMLButtonElement).disabled);
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && root.activeElement === first) {
        event.preventDefault();
        last?.focus();
      } else if (!event.shiftKey && root.activeElement === last) {
        event.preventDefault();
        first?.focus();
      }
    }
  });
}
