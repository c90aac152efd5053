import type { Disposables } from '../../core/disposables';
import { onUpdateWaiting } from '../../pwa/register-sw';
import type { WidgetContext } from './context';
import { h } from './dom';

/** `beforeinstallprompt` as Chromium delivers it. */
interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/**
 * Shows `button` while the browser offers installation (the launcher keeps the deferred event)
 * and returns what the button does: the browser's own install prompt, once.
 * @example const install = wireInstall(ctx, installButton, owned); installButton.onclick = install;
 */
export function wireInstall(ctx: WidgetContext, button: HTMLButtonElement, owned: Disposables): () => Promise<void> {
  const sync = (): void => {
    button.hidden = !ctx.installPrompt();
  };
  owned.add(ctx.onInstallChange(sync));
  sync();
  return async () => {
    const prompt = ctx.installPrompt() as InstallPromptEvent | undefined;
    if (!prompt) return;
    try {
      await prompt.prompt();
      await prompt.userChoice.catch(() => undefined);
    } finally {
      // The browser's offer can be shown once: a rejected prompt() (already used) is spent too.
      ctx.clearInstallPrompt();
    }
  };
}

/**
 * "Hay una actualización disponible · Actualizar" when a new service worker waits.
 * @example wireUpdate(doc, banner, 'Actualizar', owned);
 */
export function wireUpdate(doc: Document, banner: HTMLElement, label: string, owned: Disposables): void {
  owned.add(onUpdateWaiting((apply) => {
    if (banner.querySelector('button')) return;
    banner.append(h(doc, 'button', { type: 'button', onclick: () => apply() }, label));
    banner.hidden = false;
  }));
}

/**
 * "Repuestos Motos" → "repuestos-motos", for file names.
 * @example slugOf('Repuestos Motos') // 'repuestos-motos'
 */
export function slugOf(name: string): string {
  return name.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'chat';
}

/**
 * Saves `text` as a file through a temporary object URL (revoked once the download started).
 * @example downloadTranscript(window, root, messaging.exportConversation(id, 'text'), 'conversacion.txt');
 */
export function downloadTranscript(host: Window, root: ShadowRoot, text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = h(host.document, 'a', { href: url, download: fileName });
  root.append(link);
  link.click();
  link.remove();
  host.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
